"""The SQuAD sample's answerable questions whose gold passage the default retrieval does not rank first:
where gold ranks after each stage (dense, keyword, fusion, rerank) and what outranks it, with its scores.

Run: .venv/bin/python bench/squad_misses.py --data ../shared/benchmarks/squad2-sub500 [--json FILE]

Retrieval is the one /v1/search runs (``Retriever.search`` with k=10, as ``rag bench squad2`` scores hit@1);
the stages are read back from each passage's ``scores`` (dense, keyword, rerank) and the fused order is
rebuilt from the same settings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from eval.benchmarks import squad2  # noqa: E402
from eval.workspace import Workspace  # noqa: E402
from rag.answer.evidence import candidates  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.text import keyword_terms  # noqa: E402


def _rank(ids: list[str], gold: set[str]) -> int | None:
    return next((i + 1 for i, d in enumerate(ids) if d in gold), None)


def diagnose(services: Any, question: str, gold: set[str]) -> dict[str, Any]:
    s = services.settings.retrieval
    depth = s.candidates
    retriever, store, embedder = services.retriever, services.store, services.embedder
    dense = store.search(embedder.embed_query(question), depth, None)
    keyword = store.keyword_search(keyword_terms(question), depth, None)
    final = retriever.search(question, 10)
    reranker = retriever.reranker
    best: dict[str, Any] = {}
    if reranker is not None and getattr(reranker, "vectors", None) is not None:
        head = [p for p in final if p.doc_id in gold][:1] + final[:1]
        qv = embedder.embed_query(question)
        for c in candidates(question, head, reranker.vectors, qv, parsed=0):
            best.setdefault(c.passage.doc_id, {"sentence": c.text[:160], "score": round(c.score, 3),
                                               "similarity": round(c.similarity, 3),
                                               "coverage": round(c.coverage, 3), "mismatch": c.mismatch})
    return {
        "dense_rank": _rank([p.doc_id for p in dense], gold),
        "keyword_rank": _rank([p.doc_id for p in keyword], gold),
        "final_rank": _rank([p.doc_id for p in final], gold),
        "top": [{"doc": p.doc_id, "gold": p.doc_id in gold, "score": p.score,
                 **{k: round(v, 4) for k, v in p.scores.items()}} for p in final[:4]],
        "best_sentence": best,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--json", type=Path, default=None, help="write every miss here")
    args = parser.parse_args()
    documents, items = squad2(args.data)
    workspace = Workspace()
    services = workspace.build(Settings(), documents=documents)
    answerable = [i for i in items if i.answerable and i.sources]
    misses = []
    for item in answerable:
        gold = set(item.sources)
        final = services.retriever.search(item.question, 10)
        if final and final[0].doc_id in gold:
            continue
        misses.append({"id": item.id, "question": item.question, **diagnose(services, item.question, gold)})
    print(f"hit@1 {1 - len(misses) / len(answerable):.4f} ({len(misses)} misses of {len(answerable)})")
    for m in misses:
        print(f"\n{m['id']} {m['question']}\n  gold rank: dense {m['dense_rank']} keyword {m['keyword_rank']} "
              f"final {m['final_rank']}")
        for row in m["top"]:
            print("   ", json.dumps(row))
        for doc, b in m["best_sentence"].items():
            print(f"    best sentence of {doc}: {json.dumps(b)}")
    if args.json:
        args.json.write_text(json.dumps(misses, indent=1), encoding="utf-8")
    workspace.close()


if __name__ == "__main__":
    main()
