"""What requests pay when a store's sentence rows hold claims of an older version: in-process on a bench store,
CPU per request of /v1/search's and /v1/ask's code path (``Engine.search``, ``Engine.ask``) over fresh questions,
first with the rows as stored (claims of another version are recomputed at query time), then, in a fresh engine,
with the stored claims taken as current (what a store rebuilt by this code costs: its claims are read, not
computed). The claims differ between versions; the cost of reading against recomputing is what is measured.

Run: PYTHONPATH=. .venv/bin/python bench/stale_claims.py --size 10k [--questions 60]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
rag = importlib.import_module("rag")  # the checkout on PYTHONPATH

from corpus import CACHE, parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402


def stored_versions(index: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{index / 'meta.sqlite'}?mode=ro", uri=True) as conn:
        return {str(v): n for v, n in conn.execute("SELECT claims_version, count(*) FROM sentences GROUP BY 1")}


def measure(index: Path, texts: list[str], current: str | None) -> dict[str, Any]:
    from rag.answer import evidence
    from rag.services import build_services
    from rag.settings import Settings
    from rag.types import AskRequest, SearchRequest

    if current is not None:  # the stored claims' version counts as this code's
        evidence.claims_version = lambda: current  # type: ignore[assignment]
    services = build_services(Settings(index_dir=index))
    engine = services.engine
    engine.search(SearchRequest(query="warm up the models", k=5))
    engine.ask(AskRequest(question="What warms up the models?"))
    out: dict[str, Any] = {"claims": "stored, taken as current" if current else "stored, recomputed if stale"}
    for name, call in (("search", lambda q: engine.search(SearchRequest(query=q, k=5))),
                       ("ask", lambda q: engine.ask(AskRequest(question=q)))):
        cpu, wall = time.process_time(), time.perf_counter()
        for q in texts:
            call(q)
        out[f"{name}_cpu_ms"] = round((time.process_time() - cpu) * 1000 / len(texts), 1)
        out[f"{name}_wall_ms"] = round((time.perf_counter() - wall) * 1000 / len(texts), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000)
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--as-current", action="store_true", help="take the stored claims as current (run apart)")
    args = parser.parse_args()
    index = CACHE / f"store-{size_label(args.size)}"
    from rag.claims.records import claims_version

    versions = stored_versions(index)
    texts = list(itertools.islice(wordings(questions()), 1000, 1000 + args.questions))  # not the load's first ones
    stored = max(versions, key=lambda v: versions[v])
    row = {"store": str(index), "stored_claims_versions": versions, "code_claims_version": claims_version(),
           "load_average": round(os.getloadavg()[0], 1),
           **measure(index, texts, stored if args.as_current else None)}
    print(json.dumps(row))


if __name__ == "__main__":
    main()
