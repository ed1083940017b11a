"""Request ids, JSON logs and Prometheus metrics for every request, as one ASGI middleware.

Every response carries ``X-Request-ID`` (the caller's, when it sends a sane one), and ``X-Worker`` (the process
id) when the server runs several worker processes; every log line written
while a request is handled carries the same id. ``GET /metrics`` serves requests and latency per endpoint,
and time per stage (embed, retrieve, rewrite, generate, verify): the services report to ``observe_stage``
through the ``rag.telemetry.Telemetry`` they were built with.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag import caches, coalesce, heap

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")
_SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                     (b"x-frame-options", b"DENY")]
# No inline script or style anywhere on our page; the API docs (Swagger UI from a CDN) are left without CSP.
CSP = (b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
_NO_CSP = ("/docs", "/redoc")
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                                "level": record.levelname.lower(), "logger": record.name,
                                "message": record.getMessage(), "request_id": request_id.get()}
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def log_config(level: str = "info") -> dict[str, Any]:
    """A logging dict config for uvicorn and us: JSON lines on stderr; uvicorn's access log replaced by ours."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"json": {"()": JsonFormatter}},
            "handlers": {"stderr": handler},
            "root": {"handlers": ["stderr"], "level": level.upper()},
            "loggers": {"uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
                        "uvicorn.error": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
                        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False}}}


class Metrics:
    """``multiprocess``: one of a server's worker processes (api/server.py), prometheus_client's multiprocess mode
    (``PROMETHEUS_MULTIPROC_DIR`` set before it was imported): ``render`` sums the requests, latency and stage
    times of every worker, reads the documents and chunks from the shared store, and labels what is this
    process's own (caches, coalescer, process memory and CPU) with ``worker``, its process id."""

    def __init__(self, multiprocess: bool = False) -> None:
        self.multiprocess = multiprocess
        self.registry = CollectorRegistry()
        self.requests = Counter("rag_requests", "HTTP requests by endpoint and status",
                                ["method", "endpoint", "status"], registry=self.registry)
        self.latency = Histogram("rag_request_duration_seconds", "Time from request to the last byte, by endpoint",
                                 ["method", "endpoint"], buckets=_BUCKETS, registry=self.registry)
        self.stages = Histogram("rag_stage_duration_seconds", "Time per stage of answering",
                                ["stage"], buckets=_BUCKETS, registry=self.registry)
        self._counts: Callable[[], tuple[int, int]] = lambda: (0, 0)
        if multiprocess:
            # a Gauge here would be one more file per worker; the counts are the store's, read at each scrape
            self._own = CollectorRegistry()
            for collector in (CacheCollector(), CoalescerCollector(), HeapCollector(), ProcessCollector(registry=None)):
                self._own.register(collector)
            return
        self.documents = Gauge("rag_documents", "Documents in the index", registry=self.registry)
        self.chunks = Gauge("rag_chunks", "Chunks in the index", registry=self.registry)
        self.documents.set_function(lambda: self._counts()[0])
        self.chunks.set_function(lambda: self._counts()[1])
        self.registry.register(CacheCollector())
        self.registry.register(CoalescerCollector())
        self.registry.register(HeapCollector())
        ProcessCollector(registry=self.registry)  # process_resident_memory_bytes and friends

    def count_documents(self, counts: Callable[[], tuple[int, int]]) -> None:
        """Read the gauges of documents and chunks from ``counts`` (the store's) at each scrape."""
        self._counts = counts

    def observe_stage(self, stage: str, seconds: float) -> None:
        self.stages.labels(stage).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        if not self.multiprocess:
            return generate_latest(self.registry), CONTENT_TYPE_LATEST
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # every worker's files, those of workers since replaced too
        registry.register(_StoreCounts(self._counts))
        registry.register(_Labelled(self._own, "worker", str(os.getpid())))
        return generate_latest(registry), CONTENT_TYPE_LATEST


class _StoreCounts(Collector):
    def __init__(self, counts: Callable[[], tuple[int, int]]) -> None:
        self.counts = counts

    def collect(self) -> Iterator[Metric]:
        documents, chunks = self.counts()
        yield GaugeMetricFamily("rag_documents", "Documents in the index", value=documents)
        yield GaugeMetricFamily("rag_chunks", "Chunks in the index", value=chunks)


class _Labelled(Collector):
    """Another registry's metrics with one more label on every sample (which worker process they are of)."""

    def __init__(self, registry: CollectorRegistry, label: str, value: str) -> None:
        self.registry, self.label, self.value = registry, label, value

    def collect(self) -> Iterator[Metric]:
        for family in self.registry.collect():
            family.samples = [sample._replace(labels={**sample.labels, self.label: self.value})
                              for sample in family.samples]
            yield family


class CacheCollector(Collector):
    """Entries, capacity, hits and misses of every bounded cache of the process (rag/caches.py), and the bytes of
    those bounded by bytes, at each scrape."""

    def collect(self) -> Iterator[Metric]:
        entries = GaugeMetricFamily("rag_cache_entries", "Entries held by each bounded cache", labels=["cache"])
        capacity = GaugeMetricFamily("rag_cache_capacity", "Most entries each cache may hold", labels=["cache"])
        hits = CounterMetricFamily("rag_cache_hits", "Lookups answered by each cache", labels=["cache"])
        misses = CounterMetricFamily("rag_cache_misses", "Lookups each cache had to compute", labels=["cache"])
        held = GaugeMetricFamily("rag_cache_bytes", "Bytes held by each cache bounded by bytes (estimated)",
                                 labels=["cache"])
        most = GaugeMetricFamily("rag_cache_max_bytes", "Most bytes each cache bounded by bytes may hold",
                                 labels=["cache"])
        for name, (n, cap, hit, miss) in sorted(caches.snapshot().items()):
            entries.add_metric([name], n)
            capacity.add_metric([name], cap)
            hits.add_metric([name], hit)
            misses.add_metric([name], miss)
        for name, (size, bound) in sorted(caches.byte_snapshot().items()):
            held.add_metric([name], size)
            most.add_metric([name], bound)
        yield from (entries, capacity, hits, misses, held, most)


class CoalescerCollector(Collector):
    """Texts and batched calls of every coalescer of the process (rag/coalesce.py: the query embedding's)."""

    def collect(self) -> Iterator[Metric]:
        texts = CounterMetricFamily("rag_coalesced_texts", "Texts each coalescer computed", labels=["coalescer"])
        calls = CounterMetricFamily("rag_coalesced_calls", "Batched calls that computed them", labels=["coalescer"])
        largest = GaugeMetricFamily("rag_coalesced_largest_batch", "The most texts in one call", labels=["coalescer"])
        for name, (n, batches, most) in sorted(coalesce.snapshot().items()):
            texts.add_metric([name], n)
            calls.add_metric([name], batches)
            largest.add_metric([name], most)
        yield from (texts, calls, largest)


class HeapCollector(Collector):
    """What the process's heap trimmer (rag/heap.py) did: trims, their time and the resident memory they gave back."""

    def collect(self) -> Iterator[Metric]:
        stats = heap.snapshot()
        if stats is None:
            return
        yield CounterMetricFamily("rag_heap_trims", "Times the free heap was given back to the system (malloc_trim)",
                                  value=stats.trims)
        yield CounterMetricFamily("rag_heap_trim_seconds", "Wall time spent giving the free heap back",
                                  value=stats.seconds)
        yield CounterMetricFamily("rag_heap_trim_cpu_seconds", "CPU time spent giving the free heap back",
                                  value=stats.cpu_seconds)
        yield CounterMetricFamily("rag_heap_trimmed_bytes", "Resident bytes given back (before minus after each trim)",
                                  value=stats.released)


class RequestMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self.log = logging.getLogger("api.access")
        # which worker process answered, when a server has several (api/server.py): its figures in /metrics too
        self.worker = [(b"x-worker", str(os.getpid()).encode())] if metrics.multiprocess else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        start = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                extra = [(b"x-request-id", rid.encode()), *_SECURITY_HEADERS, *self.worker]
                if not scope["path"].startswith(_NO_CSP):
                    extra.append((b"content-security-policy", CSP))
                message["headers"] = [*message["headers"], *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - start
            route = scope.get("route")
            endpoint = getattr(route, "path", None) or ("/static" if scope["path"].startswith("/static/") else "unmatched")
            self.metrics.requests.labels(scope["method"], endpoint, str(status)).inc()
            self.metrics.latency.labels(scope["method"], endpoint).observe(elapsed)
            self.log.info("%s %s %s", scope["method"], scope["path"], status,
                          extra={"method": scope["method"], "path": scope["path"], "status": status,
                                 "duration_ms": round(elapsed * 1000, 1)})
            request_id.reset(token)
