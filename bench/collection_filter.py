"""A collection holding 1% of a store against a store holding only that 1%: /v1/search latency, on both stores.

For each backend (FAISS+SQLite, PostgreSQL+pgvector) two stores are built from the bench vector collection
(bench/corpus.py; real MiniLM sentence vectors, 10 chunks a document): *big* holds N chunks, every 100th
document of which is also in the collection ``small``; *alone* holds only those documents, in no named collection.
Then, per backend:
- in-process: ``store.search(q, 10, Filters(collections=["small"]))`` on big vs ``store.search(q, 10)`` on alone,
  and whether both return the same chunks (the filter must be exact and return k);
- over HTTP: ``rag serve`` on each store, one client posting ``/v1/search`` back to back, each query a wording
  not sent before, ``{"filters": {"collections": ["small"]}}`` on big and no filter on alone.
The target: filtered-on-big p50 within 1.5x of alone p50.

Run: .venv/bin/python bench/collection_filter.py --size 100k [--queries 200] [--backends faiss,postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from build import SentenceRows, batches, collection  # noqa: E402
from corpus import CACHE, parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402
from query import free_port  # noqa: E402

RESULTS = HERE / "results-collections.json"
EVERY = 100  # every 100th document is in the collection: 1%
NAME = "small"


def settings_env(backend: str, where: str) -> dict[str, str]:
    if backend == "faiss":
        return {"RAG_INDEX_DIR": where, "RAG_STORE__BACKEND": "faiss"}
    return {"RAG_STORE__BACKEND": "postgres", "RAG_STORE__URL": where, "RAG_INDEX_DIR": str(CACHE / "pg-unused")}


def build(backend: str, where: dict[str, str], size: int) -> dict[str, Any]:
    """Both stores of a backend, written the way the product writes (store.write, large batches)."""
    from rag.embedders import embedder_identity
    from rag.settings import Settings
    from rag.stores import make_store

    coll, pool_vectors = collection(size)
    took = {}
    for kind in ("big", "alone"):
        env = settings_env(backend, where[kind])
        os.environ.update(env)
        settings = Settings.load(index_dir=Path(env["RAG_INDEX_DIR"]))
        store = make_store(settings, *embedder_identity(settings.embedder))
        start = time.perf_counter()
        rows = SentenceRows(coll.pool, pool_vectors)
        for upserts, sentences in batches(coll, pool_vectors, 100_000, rows):
            chosen = []
            for doc, chunks, vectors in upserts:
                member = int(doc.doc_id[1:]) % EVERY == 0
                if kind == "big" or member:
                    doc.collections = [NAME] if member and kind == "big" else []
                    chosen.append((doc, chunks, vectors))
            kept = {c.chunk_id: sentences[c.chunk_id] for _, chunks, _ in chosen for c in chunks}
            store.write(chosen, sentences=kept)
        took[kind] = round(time.perf_counter() - start, 1)
        took[f"{kind}_chunks"] = store.count()[1]
        if hasattr(store, "close"):
            store.close()
    return took


def in_process(backend: str, where: dict[str, str], queries: np.ndarray) -> dict[str, Any]:
    from rag.embedders import embedder_identity
    from rag.settings import Settings
    from rag.stores import make_store
    from rag.types import Filters

    stores = {}
    for kind in ("big", "alone"):
        env = settings_env(backend, where[kind])
        os.environ.update(env)
        settings = Settings.load(index_dir=Path(env["RAG_INDEX_DIR"]))
        stores[kind] = make_store(settings, *embedder_identity(settings.embedder))
    times: dict[str, list[float]] = {"big_filtered": [], "alone": [], "big_unfiltered": []}
    same = 0
    only = Filters(collections=[NAME])
    for q in queries:
        for kind, store, filters in (("big_filtered", stores["big"], only), ("alone", stores["alone"], None),
                                     ("big_unfiltered", stores["big"], None)):
            start = time.perf_counter()
            hits = store.search(q, 10, filters)
            times[kind].append(time.perf_counter() - start)
            if kind == "big_filtered":
                filtered = [p.chunk_id for p in hits]
            elif kind == "alone":
                same += filtered == [p.chunk_id for p in hits]
    for store in stores.values():
        if hasattr(store, "close"):
            store.close()
    out: dict[str, Any] = {f"{k}_p50_ms": round(statistics.median(v) * 1000, 2) for k, v in times.items()}
    out.update({f"{k}_p95_ms": round(float(np.percentile(v, 95)) * 1000, 2) for k, v in times.items()})
    out["same_top10"] = round(same / len(queries), 3)
    out["ratio_p50"] = round(out["big_filtered_p50_ms"] / out["alone_p50_ms"], 2)
    return out


def over_http(backend: str, where: dict[str, str], texts: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, filters in (("big_filtered", {"collections": [NAME]}), ("alone", None)):
        port = free_port()
        env = {**os.environ, **settings_env(backend, where["big" if kind == "big_filtered" else "alone"]),
               "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
        log = CACHE / f"collections-{backend}-{kind}.log"
        process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=REPO, env=env,
                                   stdout=log.open("wb"), stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=url, timeout=60) as client:
                deadline = time.monotonic() + 300
                while True:
                    try:
                        if client.get("/healthz").status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"server did not start; see {log}")
                    time.sleep(0.5)
                latencies = []
                for i, text in enumerate(texts):
                    body: dict[str, Any] = {"query": text, "k": 10}
                    if filters:
                        body["filters"] = filters
                    start = time.perf_counter()
                    response = client.post("/v1/search", json=body)
                    if i >= 5:  # the first requests warm the model and the store
                        latencies.append(time.perf_counter() - start)
                    response.raise_for_status()
                    assert response.json()["passages"], "a search of the collection returned nothing"
        finally:
            process.terminate()
            process.wait(timeout=30)
        out[f"{kind}_p50_ms"] = round(statistics.median(latencies) * 1000, 1)
        out[f"{kind}_p95_ms"] = round(float(np.percentile(latencies, 95)) * 1000, 1)
    out["ratio_p50"] = round(out["big_filtered_p50_ms"] / out["alone_p50_ms"], 2)
    return out


def run(size: int, n_queries: int, backends: list[str]) -> dict[str, Any]:
    from rag.embedders import make_embedder
    from rag.settings import Settings

    base = questions()
    texts = [t for _, t in zip(range(n_queries + 5), wordings(base))]
    settings = Settings.load()
    embedder = make_embedder(settings.embedder, settings.minilm)  # the one the server embeds queries with
    vectors = np.stack([embedder.embed_query(t) for t in texts[:n_queries]])
    del embedder
    results: dict[str, Any] = {"size": size_label(size), "collection_share": 1 / EVERY, "queries": n_queries}
    for backend in backends:
        tmp = Path(tempfile.mkdtemp(prefix=f"collections-{backend}-", dir=CACHE))
        server = None
        try:
            if backend == "faiss":
                where = {"big": str(tmp / "big"), "alone": str(tmp / "alone")}
            else:
                import pgserver
                import psycopg

                server = pgserver.get_server(tmp / "pgdata", cleanup_mode="delete")
                with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                    for name in ("big", "alone"):
                        conn.execute(f"CREATE DATABASE {name}")
                where = {name: server.get_uri(name) for name in ("big", "alone")}
            row: dict[str, Any] = {"build_s": build(backend, where, size)}
            row["store"] = in_process(backend, where, vectors)
            row["http"] = over_http(backend, where, texts)
            results[backend] = row
            print(json.dumps({backend: row}), file=sys.stderr)
        finally:
            if server is not None:
                server.cleanup()
            shutil.rmtree(tmp, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="faiss,postgres")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    results = run(args.size, args.queries, args.backends.split(","))
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
