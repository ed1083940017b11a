"""The garbage collector's pauses in the search path, in-process on a bench collection: searches of new questions,
timed, with the time of every collection by generation (``gc.callbacks``); ``--freeze`` first moves what the
loaded process holds out of the collector's passes, as each serving worker does once its models are loaded
(api/server.py, ``freeze_once_loaded``). The young generation's threshold is the server's (``GC_YOUNG``), or
``--young`` (Python's default is 700). At the end, one full collection is timed: the pause each full pass costs.

Run: PYTHONPATH=. .venv/bin/python bench/gc_pauses.py --size 10k --searches 600 [--freeze]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

rag = importlib.import_module("rag")  # from PYTHONPATH, before corpus.py puts this checkout first on sys.path

from corpus import CACHE, parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000, help="a collection built by bench/build.py")
    parser.add_argument("--searches", type=int, default=600, help="timed, after 200 others as warm-up")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() once loaded and warmed up")
    parser.add_argument("--young", type=int, help="the young generation's threshold (default: the server's)")
    args = parser.parse_args()
    from api.server import GC_YOUNG
    from rag.conversation.entities import load_nlp
    from rag.services import build_services
    from rag.settings import Settings
    from rag.types import SearchRequest

    _, older, oldest = gc.get_threshold()
    gc.set_threshold(args.young or GC_YOUNG, older, oldest)
    engine = build_services(Settings.load(index_dir=CACHE / f"store-{size_label(args.size)}")).engine
    load_nlp()
    stream = wordings(questions())
    for q in itertools.islice(stream, 200):
        engine.search(SearchRequest(query=q, k=5))
    if args.freeze:
        gc.collect()
        gc.freeze()
    spent = {0: 0.0, 1: 0.0, 2: 0.0}
    count = {0: 0, 1: 0, 2: 0}
    longest = {0: 0.0, 1: 0.0, 2: 0.0}
    started = [0.0]

    def observe(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = time.perf_counter() - started[0]
        spent[info["generation"]] += took
        count[info["generation"]] += 1
        longest[info["generation"]] = max(longest[info["generation"]], took)

    gc.callbacks.append(observe)
    times = []
    for q in itertools.islice(stream, args.searches):
        start = time.perf_counter()
        engine.search(SearchRequest(query=q, k=5))
        times.append(time.perf_counter() - start)
    gc.callbacks.remove(observe)
    start = time.perf_counter()
    gc.collect()  # one full pass now: what each full collection costs this process
    full = time.perf_counter() - start
    times.sort()
    n = len(times)

    def ms(seconds: float) -> float:
        return round(seconds * 1000, 2)

    print(json.dumps({
        "size": size_label(args.size), "searches": n, "young_threshold": gc.get_threshold()[0], "freeze": args.freeze,
        "frozen_objects": gc.get_freeze_count(),
        "p50_ms": ms(times[n // 2]), "p95_ms": ms(times[int(n * 0.95)]), "p99_ms": ms(times[int(n * 0.99)]),
        "max_ms": ms(times[-1]), "mean_ms": ms(statistics.mean(times)), "full_collection_ms": ms(full),
        "collections": {f"gen{g}": {"count": count[g], "ms_per_search": round(spent[g] * 1000 / n, 3),
                                    "longest_ms": ms(longest[g])} for g in spent}}, indent=1))


if __name__ == "__main__":
    main()
