"""Whether two checkouts rank the same: ``/v1/search``'s results (chunk ids, order and scores) for the bench
questions, in-process on a bench collection. Run it once with ``--write`` under one checkout's code
(``PYTHONPATH`` picks it), then with ``--check`` under the other's; any difference is printed and exits 1.

Run: PYTHONPATH=../before .venv/bin/python bench/search_same.py --size 10k --write /tmp/before.json
     PYTHONPATH=. .venv/bin/python bench/search_same.py --size 10k --check /tmp/before.json [--threads 8]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# rag from PYTHONPATH (the checkout under test), imported before corpus.py puts this checkout first on sys.path
rag = importlib.import_module("rag")

from corpus import CACHE, parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402


def results(index: Path, count: int, k: int, threads: int = 1) -> list[dict[str, Any]]:
    from rag.services import build_services
    from rag.settings import Settings
    from rag.types import SearchRequest, SearchResponse

    engine = build_services(Settings.load(index_dir=index)).engine

    def one(q: str) -> dict[str, Any]:
        response = SearchResponse(passages=engine.search(SearchRequest(query=q, k=k)))
        return {"query": q, "passages": [[p.chunk_id, p.score] for p in response.passages]}

    asked = list(itertools.islice(wordings(questions()), count))
    if threads <= 1:
        return [one(q) for q in asked]
    with ThreadPoolExecutor(threads) as pool:  # concurrent searches, as a server runs them
        out = list(pool.map(one, asked))
    coalesced = getattr(importlib.import_module("rag.coalesce"), "snapshot", dict)()
    for name, (texts, calls, largest) in coalesced.items():
        print(f"{name}: {texts} texts in {calls} calls, at most {largest} in one")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000, help="a collection built by bench/build.py")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="searches at once (the query embeddings then "
                                                                "share ONNX calls: rag/coalesce.py)")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--check", type=Path)
    args = parser.parse_args()
    found = results(CACHE / f"store-{size_label(args.size)}", args.questions, args.k, args.threads)
    if args.write:
        args.write.write_text(json.dumps(found))
        print(f"wrote {len(found)} questions' results to {args.write}")
        return
    expected = json.loads(args.check.read_text())
    differ = [(e, f) for e, f in zip(expected, found) if e != f]
    for e, f in differ[:10]:
        print(f"DIFFERENT {e['query']!r}\n  expected {e['passages']}\n  found    {f['passages']}")
    print(f"{len(found) - len(differ)} of {len(found)} questions: same chunks, order and scores")
    sys.exit(1 if differ or len(expected) != len(found) else 0)


if __name__ == "__main__":
    main()
