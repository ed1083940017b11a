"""Where `/v1/search`'s CPU goes, by stage: in-process on a bench collection, each stage's CPU time per request
(``time.thread_time`` of the thread that runs it, so the keyword side on its own thread counts too), stages
nested as they call each other (a stage's time includes the stages under it). CPU per request is the figure a
shared machine does not distort the way it distorts wall-clock latency.

The request is parsed and its response serialized with the API's own models (``SearchRequest``,
``SearchResponse``); uvicorn, FastAPI's routing and the socket are not in it.

Run: PYTHONPATH=. .venv/bin/python bench/search_stages.py --size 10k [--questions 300]
"""

from __future__ import annotations

import argparse
import functools
import importlib
import itertools
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# rag from PYTHONPATH (the checkout under test), imported before corpus.py puts this checkout first on sys.path
rag = importlib.import_module("rag")

from corpus import CACHE, parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.thread_time() - start
    return wrapper


def instrument(engine: Any) -> list[str]:
    """Wrap the stages of the search path; the names in the order they nest."""
    from rag.answer import evidence
    from rag.retrieval import retriever as retriever_module

    r = engine.retriever
    stages = [
        ("embed query (ONNX)", r.embedder, "embed_query"),
        ("vector search + fetch candidates", r.store, "search"),
        ("keyword search (own thread)", r.store, "keyword_search"),
        ("fusion", retriever_module, "score_fusion"),
        ("fusion", retriever_module, "rrf"),
        ("rerank", r.reranker, "rerank"),
        ("  stored sentence rows", r.reranker.vectors, "load") if r.reranker is not None else None,
        ("  sentence split + terms", evidence, "_pool"),
        ("  scoring", evidence, "_score"),
        ("    answer typing", evidence, "_type"),
        ("    focus check", evidence, "mismatch"),
        ("duplicate check vectors", r.store, "chunk_vectors"),
        ("diversity", retriever_module, "diversify"),
    ]
    names: list[str] = []
    for stage in stages:
        if stage is None or getattr(stage[1], stage[2], None) is None:
            continue
        name, owner, attribute = stage
        setattr(owner, attribute, timed(name, getattr(owner, attribute)))
        names.append(name) if name not in names else None
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000, help="a collection built by bench/build.py")
    parser.add_argument("--questions", type=int, default=300, help="timed, after as many others as warm-up")
    args = parser.parse_args()

    from rag.services import build_services
    from rag.settings import Settings
    from rag.types import SearchRequest, SearchResponse

    engine = build_services(Settings.load(index_dir=CACHE / f"store-{size_label(args.size)}")).engine
    names = instrument(engine)
    stream = wordings(questions())
    warmup, timed_questions = (list(itertools.islice(stream, args.questions)) for _ in range(2))

    def request(q: str) -> None:
        body = json.dumps({"query": q, "k": 5})
        start = time.thread_time()
        search = SearchRequest.model_validate_json(body)
        SPENT["request parse + response JSON"] += time.thread_time() - start
        passages = engine.search(search)
        start = time.thread_time()
        SearchResponse(passages=passages).model_dump_json()
        SPENT["request parse + response JSON"] += time.thread_time() - start

    for q in warmup:
        request(q)
    SPENT.clear()
    cpu, wall = time.process_time(), time.perf_counter()
    for q in timed_questions:
        request(q)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(timed_questions)
    print(f"{args.questions} questions, {size_label(args.size)} chunks, code {Path(rag.__file__).parents[1]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| stage | CPU ms per request |\n|---|---|")
    for name in [*names, "request parse + response JSON"]:
        print(f"| {name} | {SPENT[name] / n * 1000:.2f} |")
    print(f"| **all threads, whole request** | **{cpu / n * 1000:.2f}** (wall {wall / n * 1000:.2f}) |")


if __name__ == "__main__":
    main()
