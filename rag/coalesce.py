"""Concurrent callers' texts computed in one batched call: what arrives while a batch runs waits and goes in the next.

There is no timer and no thread of its own. A caller that finds fewer than ``leaders`` batches running leads: it
runs its own text and every text waiting on its own thread and hands each caller its row. Texts that arrive
meanwhile queue; when a batch ends, its leader wakes the first of them to lead the next batch. One caller alone
therefore waits for nothing, and under load each batch holds whatever arrived during the one before it (the
query embedding's fixed cost per call is then paid once per batch: bench/RESULTS.md, "The query embedding,
coalesced"). An error in a batch is raised to every caller in it; the next batch runs as usual.

``snapshot()`` gives the calls and batches of every live coalescer by name (``/metrics``: rag_coalesced_*).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


class _Waiting:
    __slots__ = ("text", "done", "lead", "row", "error")

    def __init__(self, text: str) -> None:
        self.text = text
        self.done = threading.Event()
        self.lead = False  # woken to lead the next batch, not with a result
        self.row: np.ndarray | None = None
        self.error: BaseException | None = None


class Coalescer:
    """``run(texts)`` returns one row per text, in their order; ``most`` texts at most per call."""

    def __init__(self, name: str, run: Callable[[Sequence[str]], np.ndarray], most: int = 32, leaders: int = 1) -> None:
        self._run = run
        self._most = most
        self._leaders = leaders  # batches that may run at once
        self._lock = threading.Lock()
        self._queue: list[_Waiting] = []
        self._running = 0
        self.calls = self.batches = self.largest = 0
        _register(name, self)

    def __call__(self, text: str) -> np.ndarray:
        me = _Waiting(text)
        with self._lock:
            if self._running < self._leaders:
                self._running += 1
                me.lead = True
            else:
                self._queue.append(me)
        if not me.lead:
            me.done.wait()  # for its row, or to lead the next batch
            if not me.lead:
                return self._result(me)
        self._lead(me)
        return self._result(me)

    @staticmethod
    def _result(me: _Waiting) -> np.ndarray:
        if me.error is not None:
            raise me.error
        assert me.row is not None
        return me.row

    def _lead(self, me: _Waiting) -> None:
        """Run one batch, this caller's text and what waits behind it, then pass the lead on. A queued caller
        leaves the queue either in a batch or as the next leader, under the lock, so never both."""
        with self._lock:
            batch, self._queue = [me, *self._queue[:self._most - 1]], self._queue[self._most - 1:]
        try:
            rows = self._run([w.text for w in batch])
            for w, row in zip(batch, rows):
                w.row = row
        except BaseException as exc:  # every caller of this batch gets it; the next batch is not affected
            for w in batch:
                w.error = exc
        with self._lock:
            self.calls += len(batch)
            self.batches += 1
            self.largest = max(self.largest, len(batch))
            following = self._queue.pop(0) if self._queue else None
            if following is None:
                self._running -= 1
            else:
                following.lead = True
        for w in batch[1:]:
            w.done.set()
        if following is not None:
            following.done.set()

    def waiting(self) -> int:
        """Texts queued for the next batch."""
        with self._lock:
            return len(self._queue)

    def stats(self) -> tuple[int, int, int]:
        """Texts computed, batched calls made, the largest batch."""
        with self._lock:
            return self.calls, self.batches, self.largest


_registry_lock = threading.Lock()
_registry: list[tuple[str, weakref.ref[Any]]] = []


def _register(name: str, coalescer: Coalescer) -> None:
    with _registry_lock:
        _registry[:] = [(n, ref) for n, ref in _registry if ref() is not None]
        _registry.append((name, weakref.ref(coalescer)))


def snapshot() -> dict[str, tuple[int, int, int]]:
    """Every live coalescer's (texts, batches, largest batch), summed by name (largest: the largest of them)."""
    with _registry_lock:
        live = [(n, ref()) for n, ref in _registry]
    out: dict[str, tuple[int, int, int]] = {}
    for name, coalescer in live:
        if coalescer is None:
            continue
        calls, batches, largest = coalescer.stats()
        was = out.get(name, (0, 0, 0))
        out[name] = (was[0] + calls, was[1] + batches, max(was[2], largest))
    return out
