"""In-process: the physical floor (one query embedding + one exact FAISS search over the same vectors), our
store's own search without HTTP, and recall@10 of our store against exact search.

The floor embeds with the product's embedder (the one ``build_services(settings)`` wires), so a faster query
embedder in the product lowers the floor too; the torch MiniLM floor is reported beside it.

Run: .venv/bin/python bench/floor.py --size 100k [--queries 300]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from build import chunk_ids, collection, store_dir  # noqa: E402
from corpus import parse_size, questions, size_label  # noqa: E402
from load import percentile, wordings  # noqa: E402
from procstat import memory_mb  # noqa: E402


def stats(seconds: list[float]) -> dict[str, float]:
    return {f"p{p}_ms": round(percentile(seconds, p) * 1000, 3) for p in (50, 95, 99)} | {"n": len(seconds)}


def floor(embedder: Any, index: faiss.Index, texts: list[str], k: int) -> dict[str, Any]:
    """Per query: embed_query then IndexFlatIP.search, timed separately and together."""
    embed, search, total = [], [], []
    for text in texts:
        t0 = time.perf_counter()
        vector = embedder.embed_query(text)
        t1 = time.perf_counter()
        index.search(np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32), k)
        t2 = time.perf_counter()
        embed.append(t1 - t0)
        search.append(t2 - t1)
        total.append(t2 - t0)
    return {"total": stats(total), "embed": stats(embed), "search": stats(search)}


def describe_index(store: Any) -> str:
    """The FAISS index class(es) the store loaded, e.g. IndexIDMap2(IndexFlatIP)."""
    index = getattr(store, "_index", None)
    if index is None:
        return "n/a"
    names = [type(index).__name__]
    inner = getattr(index, "index", None)
    if inner is not None:
        names.append(type(faiss.downcast_index(inner)).__name__)
    return "(".join(names) + ")" * (len(names) - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=100_000)
    parser.add_argument("--queries", type=int, default=300, help="distinct queries timed and scored")
    parser.add_argument("--k", type=int, default=5, help="k of the timed searches (recall is always @10)")
    parser.add_argument("--no-torch", action="store_true", help="skip the torch-MiniLM floor")
    args = parser.parse_args()
    from rag.embedders import MiniLMEmbedder
    from rag.services import build_services
    from rag.settings import Settings

    settings = Settings.load(index_dir=store_dir(args.size))
    services = build_services(settings)
    coll, pool_vectors = collection(args.size)
    vectors = coll.vectors(pool_vectors, 0, len(coll))
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    ids = chunk_ids(coll)
    # Four sets of distinct wordings, one per measurement, so no query vector comes from the embedder's cache.
    stream = wordings(questions())
    texts, texts_default, texts_floor, texts_torch = ([*itertools.islice(stream, args.queries)] for _ in range(4))
    warm = [f"warm-up question {i}?" for i in range(5)]

    result: dict[str, Any] = {"size": size_label(args.size), "queries": len(texts), "k": args.k}
    product = services.embedder  # what build_services wired from the settings, as the server does

    # Our store, in-process (no HTTP, no hybrid/rerank), as the product configures FAISS; first, before
    # this script changes FAISS's thread count below.
    query_vectors = np.stack([product.embed_query(t) for t in texts]).astype(np.float32)
    store = services.store
    store.search(query_vectors[0], args.k)  # loads the index
    timings, hits = [], 0
    _, exact_top = exact.search(query_vectors, 10)
    for vector, truth in zip(query_vectors, exact_top):
        t0 = time.perf_counter()
        store.search(vector, args.k)
        timings.append(time.perf_counter() - t0)
        found = {p.chunk_id for p in store.search(vector, 10)}
        hits += len(found & {ids[i] for i in truth})
    result["store_search"] = stats(timings)
    result["recall_at_10"] = round(hits / (10 * len(texts)), 4)
    result["store_index"] = describe_index(store)

    # The floor with FAISS's default threads, then with one thread: on two shared cores OpenMP's
    # spin-waiting can make one single-query search far slower than one thread doing all of it.
    floor(product, exact, warm, args.k)
    result["floor_default_threads"] = floor(product, exact, texts_default, args.k)
    faiss.omp_set_num_threads(1)
    result["floor"] = floor(product, exact, texts_floor, args.k) | {"embedder": f"{type(product).__name__} {settings.embedder}",
                                                               "faiss_threads": 1}
    if not args.no_torch:
        try:  # the product embeds queries with ONNX; this row is the same model on torch
            torch_embedder = MiniLMEmbedder(query_backend="torch", sentence_backend="torch")  # type: ignore[call-arg]
        except TypeError:  # an embedder without backends is torch already
            torch_embedder = MiniLMEmbedder()
        floor(torch_embedder, exact, warm, args.k)
        result["floor_torch"] = floor(torch_embedder, exact, texts_torch, args.k)
    result.update(memory_mb())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
