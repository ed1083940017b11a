"""Conflicting and ambiguous evidence: several short documents per question, some of them wrong.

Each line of the dataset: ``{"id", "question", "docs": [{"kind": "true"|"false"|"noise", "text",
"published_at"}], "answers": [[alternatives], ...], "false_answers": [[...], ...], "expect"}`` where
``expect`` is "disagreement", "update", "no-disagreement", "ambiguous" (two valid answers about different
things that share a name) or "decline". One small index per question, as in RGB.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval.metrics import contains_fact
from eval.workspace import Workspace
from rag.errors import InvalidInput
from rag.indexing import content_hash
from rag.settings import Settings
from rag.types import AskRequest, Document


def load(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InvalidInput(f"benchmark file not found: {path}")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            row["question"], row["docs"], row["expect"]  # noqa: B018 - the fields every row needs
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInput(f"{path}:{number}: not a conflicts row ({exc})") from None
        rows.append(row)
    return rows


def run_conflicts(data: Path, settings: Settings, workspace: Workspace, k: int | None = None,
                  progress: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Score a conflicts file, or RGB's folder (en_fact.json) drawn into mixed rows (``eval.mixed``)."""
    if (data / "en_fact.json").is_file():
        from eval.mixed import rgb_mixed

        rows = rgb_mixed(data, limit=limit)
    else:
        rows = load(data if data.suffix == ".jsonl" else data / "conflicts.jsonl")[:limit]
    details = []
    for row in tqdm(rows, desc="conflicts", unit="q", disable=not progress):
        docs = [Document(doc_id=f"{row['id']}-{i}-{d['kind']}", title=f"{row['id']}-{i}", text=d["text"],
                         published_at=d.get("published_at"), content_hash=content_hash(d["text"]))
                for i, d in enumerate(row["docs"])]
        answer = workspace.build(settings, documents=docs).engine.ask(AskRequest(question=row["question"], k=k))
        kinds = {c.kind for c in answer.conflicts}
        valid = [contains_fact(answer.answer, group) for group in row.get("answers", [])]
        false = any(contains_fact(answer.answer, group) for group in row.get("false_answers", []))
        expect = row["expect"]
        if expect == "decline":
            right = not answer.grounded
        elif expect == "no-disagreement":
            right = answer.grounded and all(valid) and not kinds & {"disagreement", "update"}
        elif expect == "ambiguous":
            right = answer.grounded and all(valid)
        else:
            right = answer.grounded and all(valid) and expect in kinds
        details.append({"id": row["id"], "question": row["question"], "expect": expect, "right": right,
                        "all_valid": all(valid) if valid else None, "any_valid": any(valid) if valid else None,
                        "false_unflagged": false and not kinds & {"disagreement", "update"},
                        "kinds": sorted(kinds), "answer": answer.answer})
    n = len(details) or 1
    answerable = [d for d in details if d["all_valid"] is not None]
    with_false = [r for r, d in zip(rows, details) if r.get("false_answers")]
    return {"questions": len(details),
            "expected_outcome": round(sum(d["right"] for d in details) / n, 4),
            "every_valid_answer": round(sum(bool(d["all_valid"]) for d in answerable) / (len(answerable) or 1), 4),
            "some_valid_answer": round(sum(bool(d["any_valid"]) for d in answerable) / (len(answerable) or 1), 4),
            "false_answer_unflagged": round(sum(d["false_unflagged"] for d in details) / (len(with_false) or 1), 4),
            "details": details}
