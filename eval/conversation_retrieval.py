"""Retrieval alone on a conversation dataset's answerable follow-ups: hit@1, hit@5 and nDCG@10 (by document) of the
conversation search (rag/conversation/search.py), overall and by the first tag of each row (MTRAG: its domain).

    python -m eval.conversation_retrieval INDEX DATASET.jsonl [--tune TAG,TAG]

With --tune, the rows whose first tag is listed are also reported together, and the others together (tuned
on one half, checked on the other).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from eval.metrics import ndcg_at
from rag.conversation import Reader, search
from rag.services import build_services
from rag.settings import Settings
from rag.types import ChatMessage

K = 5


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--tune", default="", help="comma-separated first tags the weights were tuned on")
    args = parser.parse_args(argv)
    tuned = {t for t in args.tune.split(",") if t}
    services = build_services(Settings.load(None, index_dir=args.index))
    reader = Reader(services.embedder)
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("answerable", True) and "messages" in r
            and sum(m["role"] == "user" for m in r["messages"]) > 1]
    hits: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
    took: list[float] = []
    for row in rows:
        reading = reader.read([ChatMessage(**m) for m in row["messages"]])
        start = time.perf_counter()
        passages, _ = search(services.retriever, reading, K, None)
        took.append(time.perf_counter() - start)
        docs, gold = [p.doc_id for p in passages], set(row["sources"])
        tag = (row.get("tags") or ["-"])[0]
        groups = ["all", tag]
        if tuned:
            groups.append("tuned on" if tag in tuned else "held out")
        for group in groups:
            hits[group][0] += bool(docs) and docs[0] in gold
            hits[group][1] += any(d in gold for d in docs)
            hits[group][2] += 1
            hits[group][3] += ndcg_at(docs, sorted(gold), 10)
    for group, (one, five, n, ndcg) in sorted(hits.items()):
        print(f"{group:10s} n={n:4d}  hit@1 {one / n:.3f}  hit@{K} {five / n:.3f}  nDCG {ndcg / n:.3f}")
    took.sort()
    print(f"search p50 {took[len(took) // 2] * 1000:.1f} ms" if took else "no answerable follow-ups")


if __name__ == "__main__":
    main()
