"""`rag serve`: the HTTP app under uvicorn, in this process (one worker) or in ``workers`` processes.

Several workers use uvicorn's import-string form (``factory=True``): the serving process binds the port and
supervises; each worker process builds its own services from the same arguments, handed down in the environment
(``RAG_SERVE``, JSON). What a multi-process server must not do once per worker is done once:

- ``--seed`` indexes an empty store once: each worker checks and seeds under ``serve.lock`` in the index
  directory, so the first seeds and the others find the store full;
- the feed poller (``feeds`` in the settings) runs in one worker: each worker's poller thread first waits for
  ``feeds.lock`` in the index directory, which the holder keeps while it lives (if it dies, another takes over);
- the rate limit (``api.rate_limit_per_minute``) is one set of token buckets for the whole server, in a SQLite
  file of this run's directory (api/shared_limits.py);
- ``/metrics``: requests, latency and stage times are summed over every worker (prometheus_client's multiprocess
  mode, its files in this run's directory); the documents and chunks are the shared store's; the caches, the
  coalescer and the process figures are the answering worker's, labelled ``worker`` with its process id.

A worker ends with the serving process, even when that is killed with SIGKILL (Linux's parent-death signal).
Writes from two workers are serialised by the store itself (FAISS+SQLite: ``write.lock``, which a worker's write
waits for up to ``store.write_wait``, 10 s unless set, where a lone FAISS writer refuses at once; PostgreSQL: an
advisory lock, 10 s), and a worker's next search loads the generation another one committed.
"""

from __future__ import annotations

import fcntl
import gc
import json
import logging
import logging.config
import math
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

ENV = "RAG_SERVE"
WRITE_WAIT = 10.0  # seconds a worker's write waits for another's (store.write_wait unset), as PostgreSQL's writers do
# The cyclic garbage collector's first generation: collected every GC_YOUNG allocations (not freed meanwhile)
# of container objects instead of Python's 700. A search allocates some thousands and frees nearly all of them by
# reference counting, yet at 700 the collector ran 168 times in 200 searches at 10k chunks, its next generation 15
# times (bench/RESULTS.md, "The HTTP layer measured apart, and the collector tuned"). Older generations keep
# Python's ratios (10, 10).
GC_YOUNG = 20_000
AUTO_MOST = 4  # workers: 0 gives one per core up to this; each holds its own models and caches (about 1 GB at 10k chunks)
log = logging.getLogger("api.server")


def cores(cpu_max: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """The cores this process may run on: those it is pinned to, fewer under a cgroup CPU quota (a container's
    ``--cpus``: ``cpu_max``)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = cpu_max.read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return count


def serve(config: Path | None, index: Path | None, host: str | None, port: int | None, seed: Path | None,
          workers: int | None) -> None:
    """Serve until stopped; ``workers``: None takes the settings' (``workers``; 0 there: one per core, at most
    AUTO_MOST)."""
    import uvicorn

    from api.observability import log_config
    from api.settings import AppSettings

    logging.config.dictConfig(log_config("info"))  # the seed's and feed poller's lines too, before uvicorn starts
    settings = AppSettings.load(config, index_dir=index, host=host, port=port)
    count = workers if workers is not None else settings.workers or min(cores(), AUTO_MOST)
    arguments: dict[str, Any] = {"config": str(config) if config else None, "index": str(index) if index else None,
                                 "host": host, "port": port, "seed": str(seed) if seed else None}
    if count <= 1:
        uvicorn.run(build(arguments), host=settings.host, port=settings.port, log_config=log_config("info"))
        return
    run_dir = Path(tempfile.mkdtemp(prefix="rag-serve-"))
    try:
        (run_dir / "metrics").mkdir()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(run_dir / "metrics")  # before any worker imports prometheus_client
        os.environ[ENV] = json.dumps({**arguments, "run_dir": str(run_dir), "parent": os.getpid()})
        uvicorn.run("api.server:worker_app", factory=True, workers=count, host=settings.host, port=settings.port,
                    log_config=log_config("info"))
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def worker_app() -> Any:
    """uvicorn's factory in each worker process of a multi-process server."""
    arguments = json.loads(os.environ[ENV])
    _die_with(arguments["parent"])
    return build(arguments)


def _die_with(parent: int) -> None:
    """This worker ends when the serving process does, even killed with SIGKILL (which lets it stop no worker):
    Linux's parent-death signal. Without it (another system), an orphan would keep serving the port."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        log.warning("this worker cannot ask to end with its server (no prctl)")
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)


def build(arguments: dict[str, Any]) -> Any:
    """The app of one worker (or of the only one): settings, metrics and services built in this process; the
    store seeded if it is empty and ``seed`` is given; the feed poller started (it polls once it holds the lock)."""
    from api.app import create_app
    from api.observability import Metrics
    from api.settings import AppSettings
    from rag import heap
    from rag.services import build_services
    from rag.telemetry import Telemetry

    settings = AppSettings.load(arguments["config"], index_dir=arguments["index"], host=arguments["host"],
                                port=arguments["port"])
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, older, oldest)  # a serving process: fewer, larger young collections
    run_dir = Path(arguments["run_dir"]) if arguments.get("run_dir") else None
    if run_dir is not None and settings.store.write_wait is None:  # the workers' writes queue for each other
        settings = settings.model_copy(update={"store": settings.store.model_copy(update={"write_wait": WRITE_WAIT})})
    metrics = Metrics(multiprocess=run_dir is not None)
    services = build_services(settings, telemetry=Telemetry(metrics.observe_stage))
    freeze_once_loaded(warm=lambda: warm_document_embedder(services.embedder))
    heap.start(settings.heap_trim_seconds)  # free heap back to the system after work, when idle
    if arguments.get("seed"):
        seed_once(services, Path(arguments["seed"]))
    if settings.feeds:
        poll_feeds_in_background(services)
    limiter = None
    if run_dir is not None:
        from api.shared_limits import SharedRateLimiter

        limiter = SharedRateLimiter(run_dir / "rate_limit.sqlite", settings.api.rate_limit_per_minute)
    return create_app(services, settings, metrics, limiter=limiter)


WARM_TEXT = "A document embedded once at start-up, so that the first upload does not load the model's pages."


def warm_document_embedder(embedder: Any) -> None:
    """Embed one short document as an upload would. The first document a process embeds pages in what the document
    path maps lazily (MiniLM on torch: its weights, mapped from the model file, and torch's kernels; measured +51
    MB of file-backed RSS, 0.09 s); done at start, a worker's resident memory no longer steps up whenever the
    kernel first hands it an upload, which in a soak came 33 minutes in (bench/RESULTS.md, "A worker's document
    model paged in late"). Then every page of its weights (``page_in``): the rows of words it has not yet seen
    would otherwise be mapped in as uploads bring them, up to 44 MB a worker ("A worker's heap given back")."""
    embedder.embed_documents([WARM_TEXT])
    page_in = getattr(embedder, "page_in", None)
    if page_in is not None:
        page_in()


def freeze_once_loaded(warm: Callable[[], object] | None = None) -> threading.Thread:
    """Once the models are loaded (spaCy loads on its own thread at start-up, then ``warm`` runs: the document
    embedder's first call), move every object the process holds to the collector's permanent generation
    (``gc.freeze``): a full collection then walks only what came since
    (caches, requests) instead of the models' half a million objects, a pause of 67-78 ms instead of 374-396 ms
    for every request in flight at 10k chunks (at ``GC_YOUNG`` such a pass comes about once in 12,000 searches;
    bench/gc_pauses.py, and bench/RESULTS.md, "The collector's full passes"). Those objects stay freed by reference
    counting as before; only cycles among them would never be collected, and a loaded model's objects live as long
    as the process anyway."""

    def run() -> None:
        from rag.conversation.entities import load_nlp

        try:
            load_nlp()
        except Exception:  # noqa: BLE001 - without spaCy, the rest is loaded all the same
            log.warning("spaCy did not load; freezing what is loaded", exc_info=True)
        if warm is not None:
            try:
                warm()
                log.info("process %d: the document embedder is warm", os.getpid())
            except Exception:  # noqa: BLE001 - the first upload then loads what this would have
                log.warning("the document embedder did not warm up", exc_info=True)
        gc.collect()
        gc.freeze()
        log.info("process %d: %d objects of the loaded models moved out of the collector's passes", os.getpid(),
                 gc.get_freeze_count())

    thread = threading.Thread(target=run, name="gc-freeze", daemon=True)
    thread.start()
    return thread


def _lock(directory: Path, name: str) -> IO[str]:
    directory.mkdir(parents=True, exist_ok=True)
    return open(directory / name, "a+")


def seed_once(services: Any, folder: Path) -> None:
    """Index ``folder`` if the store is empty, checked and done under ``serve.lock``: one worker seeds."""
    from index.files import index_paths

    with _lock(services.settings.index_dir, "serve.lock") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
        if services.store.count()[1] == 0:
            log.info("index is empty: indexing %s", folder)
            log.info("%s", index_paths(services.indexer, [folder], services.settings.indexing).summary())


def poll_feeds_in_background(services: Any) -> threading.Thread:
    """A daemon thread that takes ``feeds.lock`` (waiting while another worker holds it), then polls `feeds` every
    fetch.feed_every seconds for as long as this process lives; the lock goes with the process."""
    from index.feeds import watch
    from index.fetch import Fetcher
    from index.fetch_state import FetchState

    feeds = logging.getLogger("api.feeds")

    def show(url: str, report: Any) -> None:
        feeds.info("feed %s: %s", url, report.summary().replace("\n", ";"))

    def run() -> None:
        handle = _lock(services.settings.index_dir, "feeds.lock")  # held open: the lock lasts the process
        fcntl.flock(handle, fcntl.LOCK_EX)
        feeds.info("feed poller running in process %d", os.getpid())
        with Fetcher(services.settings.fetch) as fetcher:
            watch(services.indexer, fetcher, FetchState(services.settings.index_dir / "fetch.sqlite"),
                  list(services.settings.feeds), services.settings.fetch.feed_every, show, threading.Event(),
                  html=services.settings.indexing.html)

    thread = threading.Thread(target=run, name="feed-poller", daemon=True)
    thread.start()
    return thread
