"""Time per stage (embed, retrieve, generate, verify, rewrite), reported to a sink the caller passes in.

The core does not know about Prometheus: whoever builds the services passes ``Telemetry(sink)`` (the API
passes its metrics' ``observe_stage``); without a sink, timing a stage costs two clock reads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Sink = Callable[[str, float], None]


class Telemetry:
    def __init__(self, sink: Sink | None = None) -> None:
        self.sink = sink

    def observe(self, stage: str, seconds: float) -> None:
        if self.sink is not None:
            self.sink(stage, seconds)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.observe(name, time.perf_counter() - start)


SILENT = Telemetry()
