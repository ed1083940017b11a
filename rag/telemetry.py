"""Time per stage (embed, retrieve, generate, verify, rewrite), reported to whoever listens.

The engine does not know about Prometheus: the API registers a sink (``api/metrics.py``); the eval suite and
the CLI register none, and then timing a stage costs two clock reads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Sink = Callable[[str, float], None]
_sinks: list[Sink] = []


def add_sink(sink: Sink) -> None:
    if sink not in _sinks:
        _sinks.append(sink)


def remove_sink(sink: Sink) -> None:
    if sink in _sinks:
        _sinks.remove(sink)


def observe(stage: str, seconds: float) -> None:
    for sink in list(_sinks):
        sink(stage, seconds)


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        observe(name, time.perf_counter() - start)
