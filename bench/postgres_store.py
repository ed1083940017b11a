"""Search latency and recall of the PostgreSQL store (pgvector HNSW) against the FAISS store on the same vectors.

A throwaway pgserver PostgreSQL in a temp dir; N unit vectors (dim 384, like MiniLM) drawn around N/50 random
centres (embeddings of real text cluster; uniform random vectors have no meaningful neighbours), in documents of 10
chunks of 30 words from a 5,000-word vocabulary, written with ``store.write`` 100 documents at a time; queries are
stored vectors plus noise. Recall@10 is against exact search.

Run: .venv/bin/python bench/postgres_store.py --chunks 20000 [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.protocols import Store  # noqa: E402
from rag.types import Chunk, Document, Filters  # noqa: E402

DIM = 384
WORDS = [f"w{i}" for i in range(5000)] + ["cobalt", "tariff"]  # a vocabulary where a query term is selective


def batches(vectors: np.ndarray, per_doc: int = 10, docs_per_write: int = 100) -> Any:
    rng = np.random.default_rng(1)
    upserts = []
    for d in range(len(vectors) // per_doc):
        doc_id = f"d{d:06d}"
        text = " ".join(rng.choice(WORDS, 12))
        doc = Document(doc_id=doc_id, title=doc_id, text=text, source=f"s{d % 10}", content_hash=doc_id)
        chunks = [Chunk(chunk_id=f"{doc_id}:{j}", doc_id=doc_id, position=j, text=" ".join(rng.choice(WORDS, 30)))
                  for j in range(per_doc)]
        upserts.append((doc, chunks, vectors[d * per_doc:(d + 1) * per_doc]))
        if len(upserts) == docs_per_write:
            yield upserts
            upserts = []
    if upserts:
        yield upserts


def measure(store: Store, vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    start = time.perf_counter()
    for upserts in batches(vectors):
        store.write(upserts)
    load = time.perf_counter() - start
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    timings: dict[str, list[float]] = {"dense": [], "filtered": [], "keyword": []}
    recall = []
    for query, truth in zip(queries, exact):
        t = time.perf_counter()
        hits = store.search(query, 10)
        timings["dense"].append(time.perf_counter() - t)
        found = {int(p.chunk_id[1:7]) * 10 + int(p.chunk_id.split(":")[1]) for p in hits}
        recall.append(len(found & {int(i) for i in truth}) / 10)
        t = time.perf_counter()
        store.search(query, 10, Filters(sources=["s3"]))
        timings["filtered"].append(time.perf_counter() - t)
        t = time.perf_counter()
        store.keyword_search(["cobalt", "tariff"], 10)
        timings["keyword"].append(time.perf_counter() - t)
    out = {"load_chunks_per_s": round(len(vectors) / load), "recall@10": round(float(np.mean(recall)), 3)}
    for name, values in timings.items():
        out[f"{name}_p50_ms"] = round(statistics.median(values) * 1000, 2)
        out[f"{name}_p95_ms"] = round(float(np.percentile(values, 95)) * 1000, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(max(1, args.chunks // 50), DIM))
    vectors = (centres[rng.integers(len(centres), size=args.chunks)] + rng.normal(scale=0.6, size=(args.chunks, DIM))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.choice(args.chunks, args.queries, replace=False)] + rng.normal(scale=0.05, size=(args.queries, DIM)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        import pgserver

        from rag.stores.faiss_sqlite import FaissStore
        from rag.stores.postgres import PostgresStore

        server = pgserver.get_server(Path(tmp) / "pgdata", cleanup_mode="delete")
        try:
            postgres = PostgresStore(server.get_uri(), "bench", DIM)
            results["postgres"] = measure(postgres, vectors, queries)
            postgres.close()
        finally:
            server.cleanup()
        results["faiss"] = measure(FaissStore(Path(tmp) / "faiss", "bench", DIM), vectors, queries)
    print(json.dumps({"chunks": args.chunks, "dim": DIM, "queries": args.queries, **results}, indent=2))


if __name__ == "__main__":
    main()
