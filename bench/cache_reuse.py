"""How small each cache could be: every cache's lookups traced under the soak's load, replayed through LRU caches
of several sizes, so each bound is set by the hits it keeps rather than guessed.

The server runs in this process (as in bench/soak_memory.py) with every ``functools.lru_cache`` of the product
and the class caches (query embeddings, keyword terms, claims, sentence vectors, those bounded by bytes) traced: each lookup's key
hash, in order. At the end every cache's trace is replayed through least-recently-used caches of 16 to 50,000
entries and without bound: the hits each size would have had. A cache whose hits are all kept at 256 entries
holds its keys for a request or a conversation's few turns; one still gaining at 20,000 reuses keys from long ago.

Run: MALLOC_ARENA_MAX=2 PYTHONPATH=. .venv/bin/python bench/cache_reuse.py --minutes 8 --rate 3 --json out.json
Tracing slows the server a little: read latencies from bench/soak.py, not from here.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import functools
import json
import os
import subprocess
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from soak_memory import index_here, serve_here  # noqa: E402

LOOKUP, ADD, PUT = 0, 1, 2  # a counted lookup (hit or miss); an insert if absent (no reorder); an insert that reorders
_MASK = (1 << 61) - 1
SIZES = (16, 64, 128, 256, 512, 1024, 2048, 4096, 20_000, 50_000)
_traces: dict[str, array.array] = {}
_bounds: dict[str, int] = {}
_lock = threading.Lock()


def _trace(name: str, bound: int) -> array.array:
    with _lock:
        if name not in _traces:
            _traces[name], _bounds[name] = array.array("q"), bound
        return _traces[name]


def _record(trace: array.array, kind: int, keys: Any) -> None:
    for key in keys:
        trace.append((hash(key) & _MASK) << 2 | kind)  # 61 bits of the hash: collisions stay negligible


_real_lru_cache = functools.lru_cache


def _traced_lru_cache(maxsize: Any = 128, typed: bool = False) -> Any:
    """``functools.lru_cache`` with each call's key recorded (product caches only: rag.*, api.*)."""
    if callable(maxsize):  # used bare: @lru_cache
        return _traced_lru_cache(128, typed)(maxsize)

    def decorate(function: Any) -> Any:
        real = _real_lru_cache(maxsize=maxsize, typed=typed)(function)
        module = getattr(function, "__module__", "") or ""
        if not module.startswith(("rag", "api")) or maxsize is None or maxsize <= 1:
            return real
        trace = _trace(f"{module}.{function.__qualname__}", maxsize)

        @functools.wraps(function)
        def traced(*args: Any, **kwargs: Any) -> Any:
            trace.append((hash((args, tuple(sorted(kwargs.items())))) & _MASK) << 2 | LOOKUP)
            return real(*args, **kwargs)

        traced.cache_info = real.cache_info  # type: ignore[attr-defined]
        traced.cache_clear = real.cache_clear  # type: ignore[attr-defined]
        traced.cache_parameters = real.cache_parameters  # type: ignore[attr-defined]
        return traced

    return decorate


def trace_class_caches() -> None:
    """Wrap the four class caches' lookups and inserts with the same recording."""
    from rag.answer.evidence import SentenceVectors
    from rag.claims import records
    from rag.embedders import MiniLMEmbedder
    from rag.stores.keyword_fts import TermTokens

    def wrap(cls: Any, method: str, name: str, bound: Any, events: Any) -> None:
        real = getattr(cls, method)

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            trace = _trace(name, bound(self))
            for kind, keys in events(*args, **kwargs):
                _record(trace, kind, keys)
            return real(self, *args, **kwargs)

        setattr(cls, method, wrapped)

    claim_key = records._key
    wrap(TermTokens, "__call__", "keyword_terms", lambda s: s.size, lambda conn, terms: [(LOOKUP, terms)])
    wrap(records.ClaimCache, "__call__", "claims", lambda s: s._size,
         lambda texts, use_model=True: [(LOOKUP, [("" if use_model else "~") + claim_key(t) for t in texts])])
    wrap(records.ClaimCache, "prime", "claims", lambda s: s._size,
         lambda items: [(PUT, [k for t, _ in items for k in (claim_key(t), "~" + claim_key(t))])])
    wrap(SentenceVectors, "__call__", "sentence_vectors", lambda s: s._size, lambda texts: [(LOOKUP, texts)])
    # load() adds stored rows' vectors not yet held (vectors of texts, with or without claims)
    wrap(MiniLMEmbedder, "embed_query", "query_embeddings", lambda s: s._cache_size, lambda text: [(LOOKUP, [text])])
    wrap(MiniLMEmbedder, "embed_queries", "query_embeddings", lambda s: s._cache_size, lambda texts: [(ADD, texts)])
    real_load = SentenceVectors.load

    def load(self: Any, passages: Any) -> None:
        before = set(self._cache)
        real_load(self, passages)
        _record(_trace("sentence_vectors", self._size), ADD, [t for t in self._cache if t not in before])

    SentenceVectors.load = load  # type: ignore[method-assign]

    from rag.caches import ByteLRU  # the caches bounded by bytes (article texts, spaCy parses): by their entries here

    real_get = ByteLRU.get

    def get(self: Any, key: Any) -> Any:
        _record(_trace(self.name, self.max_entries), LOOKUP, [key])
        return real_get(self, key)

    ByteLRU.get = get  # type: ignore[method-assign]


def replay(trace: array.array, size: int | None) -> tuple[int, int]:
    """Hits and misses of a least-recently-used cache of ``size`` entries (None: unbounded) on the trace."""
    held: OrderedDict[int, None] = OrderedDict()
    hits = misses = 0
    for event in trace:
        key, kind = event >> 2, event & 3
        if kind == LOOKUP:
            if key in held:
                hits += 1
                held.move_to_end(key)
                continue
            misses += 1
            held[key] = None
        elif kind == ADD:
            if key in held:
                continue
            held[key] = None
        else:
            held[key] = None
            held.move_to_end(key)
        if size is not None and len(held) > size:
            held.popitem(last=False)
    return hits, misses


def report(traces: dict[str, array.array], bounds: dict[str, int], names: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for name, trace in sorted(traces.items()):
        if not trace:
            continue
        bound = bounds[name]
        sizes = sorted({s for s in SIZES if s < bound} | {bound})
        by_size = {str(s): replay(trace, s)[0] for s in sizes}
        hits, misses = replay(trace, None)
        rows.append({"cache": name, "registered_as": names.get(name, ""), "bound": bound,
                     "lookups": hits + misses, "distinct_keys": misses, "hits_unbounded": hits, "hits_by_size": by_size})
    return sorted(rows, key=lambda r: -r["lookups"])


def registered_names() -> dict[str, str]:
    """Traced function name -> the name it reports under in /metrics (rag.caches.register_function)."""
    from rag import caches

    out = {}
    for name, stats in caches._functions.items():
        for cell in stats.__closure__ or ():
            f = cell.cell_contents
            if callable(f) and hasattr(f, "__qualname__"):
                out[f"{f.__module__}.{f.__qualname__}"] = name
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=8.0)
    parser.add_argument("--rate", type=float, default=3.0)
    parser.add_argument("--upload-every", type=float, default=5.0)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "rare-earths")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    work = index_here(args.corpus, "cache-reuse-")
    functools.lru_cache = _traced_lru_cache  # type: ignore[assignment]  # before the product is imported

    trace_class_caches()
    port, server = serve_here()
    load_out = work / "load.json"
    driver = subprocess.Popen([sys.executable, str(REPO / "bench" / "soak_memory.py"), "--drive",
                               f"http://127.0.0.1:{port}", "--server-pid", str(os.getpid()), "--rate", str(args.rate),
                               "--minutes", str(args.minutes), "--upload-every", str(args.upload_every),
                               "--json", str(load_out)], cwd=REPO)
    with contextlib.suppress(KeyboardInterrupt):
        driver.wait()
    server.should_exit = True
    from rag.caches import snapshot

    with _lock:
        traces = {name: array.array("q", t) for name, t in _traces.items()}
    live = snapshot()
    rows = report(traces, dict(_bounds), registered_names())
    summary = {"minutes": args.minutes, "rate": args.rate, "upload_every": args.upload_every,
               "load": json.loads(load_out.read_text()), "load_average": os.getloadavg(),
               "metrics": {name: dict(zip(("entries", "capacity", "hits", "misses"), s)) for name, s in live.items()},
               "caches": rows}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary["load"]))
    for r in rows:
        best = r["hits_unbounded"]
        kept = " ".join(f"{s}:{h / best:.3f}" if best else f"{s}:-" for s, h in r["hits_by_size"].items())
        print(f"{r['cache']} ({r['registered_as'] or '-'}, bound {r['bound']}): {r['lookups']} lookups, "
              f"{r['distinct_keys']} keys, hit rate {best / r['lookups']:.3f} unbounded; hits kept by size {kept}")


if __name__ == "__main__":
    main()
