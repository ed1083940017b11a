"""Where the soak's server memory goes: the same server and load as bench/soak.py, with the server run in this
process so its memory can be split while it runs (the load comes from a child process, as in the soak).

Every ``--every`` seconds it samples the process's RSS, the Python heap (tracemalloc, one frame), SQLite's own
heap (``sqlite3_memory_used``: page caches, statements and FTS5 state of every connection), glibc malloc's
blocks in use and the free memory it keeps (``mallinfo2``), pymalloc's arenas, the threads and the caches'
entries (``rag.caches``). When the load ends it samples again after ``malloc_trim`` (the free pages glibc kept:
RSS no live object holds), then clears each cache in turn, recording what that frees on the Python heap (with
tracemalloc: a cache's bytes per entry measured, not guessed), and samples once more after a second trim: RSS
growth that survives both is neither the caches nor free memory kept.

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
from procstat import memory_mb  # noqa: E402
from soak import KEY, RssSampler, Soak  # noqa: E402


def sqlite_heap_mb() -> float:
    import _sqlite3

    used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return round(used() / 2**20, 1)


def python_heap_mb() -> float:
    return round(tracemalloc.get_traced_memory()[0] / 2**20, 1) if tracemalloc.is_tracing() else 0.0


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def malloc_mb() -> dict[str, float]:
    """glibc malloc's own figures (``mallinfo2``; empty elsewhere): the blocks in use (``malloc_used_mb``, mmapped
    ones included), the free memory it keeps in its heaps (``malloc_free_mb``: what fragmentation holds, of which
    ``malloc_trim`` can return the whole pages) and its heaps' size (``malloc_heaps_mb``). Python objects over 512
    bytes, numpy buffers, SQLite, FAISS, ONNX and spaCy allocate here; small Python objects are in pymalloc's arenas."""
    try:
        info = ctypes.CDLL(None).mallinfo2
    except AttributeError:
        return {}
    info.restype = _MallInfo2
    m = info()
    return {"malloc_used_mb": round((m.uordblks + m.hblkhd) / 2**20, 1), "malloc_free_mb": round(m.fordblks / 2**20, 1),
            "malloc_heaps_mb": round(m.arena / 2**20, 1)}


def malloc_trim() -> bool:
    """glibc's ``malloc_trim(0)``: every whole free page of malloc's heaps back to the system (False elsewhere)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except AttributeError:
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
    return True


def pymalloc_mb() -> float:
    """The bytes of pymalloc's arenas (small Python objects; an arena goes back to the system only when empty)."""
    with tempfile.TemporaryFile() as out:
        saved = os.dup(2)
        try:
            sys.stderr.flush()
            os.dup2(out.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode()
    line = next((x for x in text.splitlines() if "bytes/arena" in x), "")
    return round(int(line.rsplit("=", 1)[1].replace(",", "")) / 2**20, 1) if line else 0.0


def rss_parts_mb() -> dict[str, float]:
    """Anonymous memory (heaps) and mapped files (the vector file, libraries) of this process's RSS."""
    parts = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            parts[line.split(":")[0].lower().replace("rss", "rss_") + "_mb"] = round(int(line.split()[1]) / 1024, 1)
    return parts


def sample(t0: float) -> dict[str, Any]:
    from rag.caches import snapshot

    # this process only (its RSS summed with its descendants' counted the load's child process too)
    return {"at_s": round(time.monotonic() - t0, 1), "rss_mb": memory_mb("self")["rss_mb"], **rss_parts_mb(),
            "python_mb": python_heap_mb(), **malloc_mb(), "pymalloc_mb": pymalloc_mb(),
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
        if not tracemalloc.is_tracing():  # cleared all the same; what it freed is not measured
            clear()
            out.append({"cache": name, "entries": count, "freed_mb": 0.0, "kb_per_entry": None})
            return
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
        freed(name, getattr(owner, "clear", lambda held=held: [d.clear() for d in held]), entries.get(name))  # ByteLRU.clear
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
    gc.collect()
    summary["trimmed"] = malloc_trim()  # what of the RSS was free memory glibc kept (whole pages)
    summary["after_trim"] = sample(t0)
    summary["cleared"] = clear_caches()
    gc.collect()
    malloc_trim()
    summary["after_clearing"] = sample(t0)  # trimmed again: what the caches held, returned
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    first, last = samples[1] if len(samples) > 2 else samples[0], samples[-1]
    print(f"from {first['at_s']} s to {last['at_s']} s: RSS {first['rss_mb']} -> {last['rss_mb']} MB, Python heap "
          f"{first['python_mb']} -> {last['python_mb']} MB, SQLite {first['sqlite_mb']} -> {last['sqlite_mb']} MB, "
          f"threads {first['threads']} -> {last['threads']}")
    trimmed = summary["after_trim"]
    print(f"  malloc in use {first.get('malloc_used_mb')} -> {last.get('malloc_used_mb')} MB, kept free "
          f"{first.get('malloc_free_mb')} -> {last.get('malloc_free_mb')} MB; pymalloc arenas {first['pymalloc_mb']} -> "
          f"{last['pymalloc_mb']} MB; after malloc_trim: RSS {trimmed['rss_mb']} MB, kept free {trimmed.get('malloc_free_mb')} MB")
    cleared = summary["after_clearing"]
    print(f"  every cache cleared, then malloc_trim: RSS {cleared['rss_mb']} MB, malloc in use "
          f"{cleared.get('malloc_used_mb')} MB, pymalloc arenas {cleared['pymalloc_mb']} MB")
    for row in summary["cleared"] if not args.no_tracemalloc else []:
        print(f"  {row['cache']}: {row['entries']} entries, {row['freed_mb']} MB freed ({row['kb_per_entry']} KB each)")


if __name__ == "__main__":
    main()
