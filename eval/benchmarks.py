"""Adapters for the public benchmarks: each turns its files into a corpus and a dataset, then runs them.

Nothing from the benchmarks is committed: they are read from the folder the user gives.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval.dataset import EvalItem
from eval.metrics import contains_fact
from eval.runner import EvalRun, run
from eval.workspace import Workspace
from rag.errors import InvalidInput
from rag.indexing import content_hash
from rag.settings import Settings
from rag.types import AskRequest, Document

# Published reference figures (RGB, Chen et al., AAAI-24, English, ChatGPT).
RGB_REFERENCES = {"error_detection": "ChatGPT 0.080", "negative_rejection": "ChatGPT 0.247 (exact match)"}


def _doc(doc_id: str, text: str, title: str | None = None) -> Document:
    return Document(doc_id=doc_id, title=title or doc_id, text=text, content_hash=content_hash(text))


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise InvalidInput(f"benchmark file not found: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def squad2(data: Path) -> tuple[list[Document], list[EvalItem]]:
    """SQuAD 2.0 sample: each distinct passage is a document; impossible questions must be declined."""
    queries = _read_json(data / "queries.json")["queries"]
    truth = _read_json(data / "ground_truth.json")
    documents: dict[str, Document] = {}
    items = []
    for q in queries:
        doc_id = "p" + hashlib.sha1(q["context"].encode()).hexdigest()[:12]
        documents.setdefault(doc_id, _doc(doc_id, q["context"]))
        gt = truth[q["id"]]
        answerable = not gt["is_impossible"]
        items.append(EvalItem(id=q["id"], question=q["question"], facts=[sorted(set(gt["answers"]))] if answerable else [],
                              sources=[doc_id] if answerable else [], answerable=answerable,
                              tags=["answerable" if answerable else "unanswerable"]))
    return list(documents.values()), items


def run_squad2(data: Path, settings: Settings, workspace: Workspace, k: int | None = None,
               progress: bool = False) -> EvalRun:
    documents, items = squad2(data)
    services = workspace.build(settings, documents=documents, progress=progress)
    return run(services.engine, items, k=k, name="squad2", progress=progress)


def _alternatives(value: str | list[Any]) -> list[str]:
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for v in value:
        out.extend(_alternatives(v))
    return out


def rgb_rows(data: Path) -> list[dict[str, Any]]:
    path = data / "en_fact.json"
    if not path.is_file():
        raise InvalidInput(f"benchmark file not found: {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_rgb(data: Path, settings: Settings, workspace: Workspace, k: int | None = None,
            progress: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Counterfactual robustness and negative rejection, one small index per question.

    error_detection: true and counterfactual passages indexed together; surfaced when the answer
    contains both the true and the false answer. negative_rejection: only the passages that do not
    answer are indexed; the question must be declined.
    """
    rows = rgb_rows(data)[:limit]
    surfaced = rejected = 0
    questions = []
    for row in tqdm(rows, desc="rgb", unit="q", disable=not progress):
        true, fake = _alternatives(row["answer"]), _alternatives(row["fakeanswer"])
        docs = [_doc(f"true-{i}", t) for i, t in enumerate(row["positive"])]
        docs += [_doc(f"false-{i}", t) for i, t in enumerate(row["positive_wrong"])]
        both = workspace.build(settings, documents=docs).engine.ask(AskRequest(question=row["query"], k=k))
        ok = contains_fact(both.answer, true) and contains_fact(both.answer, fake)
        negatives = [_doc(f"neg-{i}", t) for i, t in enumerate(row["negative"][:5])]
        neg = workspace.build(settings, documents=negatives).engine.ask(AskRequest(question=row["query"], k=k))
        surfaced += ok
        rejected += not neg.grounded
        questions.append({"id": row["id"], "query": row["query"], "surfaced": ok, "declined_negative": not neg.grounded,
                          "answer": both.answer, "negative_answer": neg.answer})
    n = len(rows) or 1
    return {"questions": len(rows), "error_detection": round(surfaced / n, 4),
            "negative_rejection": round(rejected / n, 4), "references": RGB_REFERENCES, "details": questions}

