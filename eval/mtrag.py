"""MTRAG (IBM, Apache-2.0) human tasks as a conversation dataset and a small corpus, written outside the repo.

The benchmark's full corpora are too large to index here; its human-evaluation subset
(``mtrag-human/evaluations/reference_subset_with_human_evaluations.json``) carries every task's conversation,
gold passage ids, answerability and the text of its 350 passages (the gold ones of all 159 tasks, which are
each other's distractors across four domains). The ``mtragun-human`` folder is kept for acceptance and is
never read.

    python -m eval.mtrag SUBSET.json OUT_DIR     # writes OUT_DIR/corpus/*.txt and OUT_DIR/mtrag.jsonl
    rag eval OUT_DIR/mtrag.jsonl --corpus OUT_DIR/corpus

The benchmark's human rewrites of each turn (``mtrag-human/retrieval_tasks/<domain>/<domain>_rewrite.jsonl``: the
turn as a standalone question, written by its annotators) give a ceiling for reading a follow-up: each follow-up
of the dataset asked as its rewrite alone, with no history, scored the same way:

    python -m eval.mtrag --rewrites OUT_DIR/mtrag.jsonl RETRIEVAL_TASKS_DIR OUT_DIR/rewrites.jsonl
    rag eval OUT_DIR/rewrites.jsonl --index INDEX
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROLES = {"user": "user", "agent": "assistant"}
SKIPPED = {"CONVERSATIONAL"}  # "Thank you!": nothing to retrieve or decline


def items(subset: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for task in subset["tasks"]:
        label = (task.get("Answerability") or ["ANSWERABLE"])[0]
        if label in SKIPPED or "mtragun" in str(task.get("Collection", "")):
            continue
        messages = [{"role": ROLES[t["speaker"]], "content": t["text"]} for t in task["input"]]
        answerable = label in ("ANSWERABLE", "PARTIAL")
        domain = str(task.get("Collection", "")).split("-")[2] if task.get("Collection") else "unknown"
        kinds = [k.lower() for k in task.get("Multi-Turn") or []]
        out.append({"id": "mtrag-" + task["task_id"].replace("<::>", "-"), "messages": messages,
                    "sources": [c["document_id"] for c in task["contexts"]] if answerable else [],
                    "answerable": answerable,
                    "tags": [domain, label.lower(), *kinds]})
    return out


def write(subset_path: Path, out_dir: Path) -> tuple[int, int]:
    subset = json.loads(subset_path.read_text(encoding="utf-8"))
    corpus = out_dir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for doc in subset["documents"]:
        (corpus / f"{doc['document_id']}.txt").write_text(doc["text"], encoding="utf-8")
    rows = items(subset)
    with (out_dir / "mtrag.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(subset["documents"]), len(rows)


def rewritten(rows: list[dict[str, Any]], rewrites: dict[str, str]) -> list[dict[str, Any]]:
    """Each follow-up of ``rows`` (a conversation with two user turns or more) as one question, its annotators'
    rewrite (``rewrites``: task id "conversation<::>turn" to text), with its sources and answerability."""
    out = []
    for row in rows:
        if sum(1 for m in row["messages"] if m["role"] == "user") < 2:
            continue
        conversation, turn = row["id"].removeprefix("mtrag-").rsplit("-", 1)
        text = rewrites.get(f"{conversation}<::>{turn}")
        if text:
            out.append({"id": row["id"], "question": text, "sources": row["sources"], "answerable": row["answerable"],
                        "tags": [*row["tags"], "rewrite"]})
    return out


def read_rewrites(tasks_dir: Path) -> dict[str, str]:
    """The annotators' rewrites of every domain under ``tasks_dir`` (``<domain>/<domain>_rewrite.jsonl``)."""
    found: dict[str, str] = {}
    for path in sorted(tasks_dir.glob("*/*_rewrite.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                task = json.loads(line)
                found[task["_id"]] = task["text"].removeprefix("|user|:").strip()
    return found


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--rewrites":
        dataset = [json.loads(line) for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if line.strip()]
        written = rewritten(dataset, read_rewrites(Path(sys.argv[3])))
        Path(sys.argv[4]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in written), encoding="utf-8")
        print(f"{len(written)} follow-ups as their rewrites in {sys.argv[4]}")
    elif len(sys.argv) != 3:
        sys.exit("usage: python -m eval.mtrag SUBSET.json OUT_DIR | --rewrites DATASET.jsonl TASKS_DIR OUT.jsonl")
    else:
        docs, rows = write(Path(sys.argv[1]), Path(sys.argv[2]))
        print(f"{docs} passages in {sys.argv[2]}/corpus, {rows} conversations in {sys.argv[2]}/mtrag.jsonl")
