"""Where the soak's server memory goes: the same server and load as bench/soak.py, with the server run in this
process so its memory can be split while it runs (the load comes from a child process, as in the soak).

Every ``--every`` seconds it samples the process's RSS, the Python heap (tracemalloc, one frame), SQLite's own
heap (``sqlite3_memory_used``: page caches, statements and FTS5 state of every connection), the threads and
the caches' entries (``rag.caches``). At the end it clears each cache in turn and records what that frees on
the Python heap, so a cache's bytes per entry are measured, not guessed; RSS growth the caches and SQLite do
not explain is the rest of the process (the allocator, native libraries).

Run: MALLOC_ARENA_MAX=2 PYTHONPATH=. .venv/bin/python bench/soak_memory.py --minutes 10 --rate 3 --json out.json
tracemalloc slows the server (every allocation is traced): read latencies from bench/soak.py, not from here.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import functools
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from launch import free_port  # noqa: E402
from soak import KEY, RssSampler, Soak, rss_mb  # noqa: E402


def sqlite_heap_mb() -> float:
    import _sqlite3

    used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return round(used() / 2**20, 1)


def python_heap_mb() -> float:
    return round(tracemalloc.get_traced_memory()[0] / 2**20, 1) if tracemalloc.is_tracing() else 0.0


def rss_parts_mb() -> dict[str, float]:
    """Anonymous memory (heaps) and mapped files (the vector file, libraries) of this process's RSS."""
    parts = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            parts[line.split(":")[0].lower().replace("rss", "rss_") + "_mb"] = round(int(line.split()[1]) / 1024, 1)
    return parts


def sample(t0: float) -> dict[str, Any]:
    from rag.caches import snapshot

    return {"at_s": round(time.monotonic() - t0, 1), "rss_mb": rss_mb(os.getpid()), **rss_parts_mb(),
            "python_mb": python_heap_mb(),
            "sqlite_mb": sqlite_heap_mb(), "threads": threading.active_count(),
            "caches": {name: stats[0] for name, stats in sorted(snapshot().items())}}


@functools.cache
def _lru_caches() -> tuple[Any, ...]:
    """The product's bounded ``functools.lru_cache`` functions; loaders (maxsize 1 or unbounded: a model) are no caches."""
    return tuple(o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)
                 and (getattr(o, "__module__", "") or "").startswith(("rag", "api")) and (o.cache_info().maxsize or 0) > 1)


def clear_caches() -> list[dict[str, Any]]:
    """Clear each cache of the product in turn; the Python heap and entries freed by each."""
    from rag.caches import _caches, snapshot

    entries = {name: stats[0] for name, stats in snapshot().items()}
    out = []

    def freed(name: str, clear: Any, count: int | None) -> None:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        clear()
        gc.collect()
        mb = (before - tracemalloc.get_traced_memory()[0]) / 2**20
        out.append({"cache": name, "entries": count, "freed_mb": round(mb, 2),
                    "kb_per_entry": round(mb * 1024 / count, 2) if count else None})

    for name, ref in list(_caches):
        owner = ref()
        if owner is None:
            continue
        # the dict holding the entries: as many items as the cache reports (not a stats dict beside it)
        held = [v for k, v in vars(owner).items() if k != "stats" and isinstance(v, dict) and len(v) == entries.get(name)]
        freed(name, lambda held=held: [d.clear() for d in held], entries.get(name))
    for wrapper in _lru_caches():
        if wrapper.cache_info().currsize:
            freed(f"{wrapper.__module__}.{wrapper.__qualname__}", wrapper.cache_clear, wrapper.cache_info().currsize)
    return sorted(out, key=lambda r: -r["freed_mb"])


def drive(url: str, server_pid: int, rate: float, seconds: float, upload_every: float, out: Path) -> None:
    """The soak's load (bench/soak.py's Soak) against a running server; its samples to ``out``."""
    soak = Soak(url, rate, seconds, upload_every, seed=0)
    soak.run(RssSampler(server_pid, 3600.0))
    errors = [s for s in soak.samples if s.status not in (200, 201)]
    out.write_text(json.dumps({"requests": len(soak.samples), "errors": len(errors), "uploads": len(soak.uploaded)}))


def index_here(corpus: Path, prefix: str) -> Path:
    """A fresh index of the corpus in a new temporary folder, and this process's environment set to serve it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    env = {"HF_HUB_OFFLINE": "1", "RAG_EMBEDDER": "minilm", "RAG_API_KEYS": KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    subprocess.run([sys.executable, "-m", "api.cli", "index", str(corpus), "--index", str(work / "index")],
                   cwd=REPO, env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    os.environ.update({**env, "RAG_INDEX_DIR": str(work / "index")})
    return work


def serve_here() -> tuple[int, Any]:
    """The real app served by uvicorn on a thread of this process (so its caches and heap can be read here):
    its port and the server (``should_exit`` stops it)."""
    import uvicorn

    from api.app import create_app
    from api.observability import Metrics
    from api.settings import AppSettings
    from rag.services import build_services
    from rag.telemetry import Telemetry

    settings = AppSettings.load(None)
    metrics = Metrics()
    services = build_services(settings, telemetry=Telemetry(metrics.observe_stage))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services, settings, metrics), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    return port, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=3.0)
    parser.add_argument("--upload-every", type=float, default=5.0)
    parser.add_argument("--every", type=float, default=60.0, help="seconds between samples")
    parser.add_argument("--no-tracemalloc", action="store_true", help="no Python heap figures (the server runs faster)")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "rare-earths")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    seconds = args.minutes * 60
    if args.drive:
        drive(args.drive, args.server_pid, args.rate, seconds, args.upload_every, args.json)
        return

    work = index_here(args.corpus, "soak-memory-")
    if not args.no_tracemalloc:
        tracemalloc.start(1)

    port, server = serve_here()
    t0 = time.monotonic()
    samples = [sample(t0)]
    load_out = work / "load.json"
    driver = subprocess.Popen([sys.executable, __file__, "--drive", f"http://127.0.0.1:{port}", "--server-pid",
                               str(os.getpid()), "--rate", str(args.rate), "--minutes", str(args.minutes),
                               "--upload-every", str(args.upload_every), "--json", str(load_out)], cwd=REPO)
    while driver.poll() is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            driver.wait(timeout=args.every)
        samples.append(sample(t0))
        print(json.dumps({k: v for k, v in samples[-1].items() if k != "caches"}), file=sys.stderr, flush=True)
    server.should_exit = True
    summary: dict[str, Any] = {"minutes": args.minutes, "rate": args.rate, "upload_every": args.upload_every,
                               "tracemalloc": not args.no_tracemalloc, "load": json.loads(load_out.read_text()),
                               "load_average": os.getloadavg(), "samples": samples}
    if not args.no_tracemalloc:
        summary["cleared"] = clear_caches()
        summary["after_clearing"] = sample(t0)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    first, last = samples[1] if len(samples) > 2 else samples[0], samples[-1]
    print(f"from {first['at_s']} s to {last['at_s']} s: RSS {first['rss_mb']} -> {last['rss_mb']} MB, Python heap "
          f"{first['python_mb']} -> {last['python_mb']} MB, SQLite {first['sqlite_mb']} -> {last['sqlite_mb']} MB, "
          f"threads {first['threads']} -> {last['threads']}")
    for row in summary.get("cleared", []):
        print(f"  {row['cache']}: {row['entries']} entries, {row['freed_mb']} MB freed ({row['kb_per_entry']} KB each)")


if __name__ == "__main__":
    main()
