"""The process's bounded caches, by name, so that their sizes can be reported (``/metrics``) and watched.

A cache registers itself with ``register(name, obj)``; ``obj.cache_stats()`` returns
``(entries, capacity, hits, misses)``. Only a weak reference is kept, so a cache goes with its owner;
caches of the same name (two embedders in one process) are summed.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Protocol

Stats = tuple[int, int, int, int]  # entries, capacity, hits, misses


class HasStats(Protocol):
    def cache_stats(self) -> Stats: ...


_lock = threading.Lock()
_caches: list[tuple[str, weakref.ref[HasStats]]] = []
_functions: dict[str, Callable[[], Stats]] = {}


def register(name: str, cache: HasStats) -> None:
    with _lock:
        _caches[:] = [(n, ref) for n, ref in _caches if ref() is not None]
        _caches.append((name, weakref.ref(cache)))


def register_function(name: str, stats: Callable[[], Stats]) -> None:
    """A module-level cache (``functools.lru_cache``) that lives as long as the process."""
    with _lock:
        _functions[name] = stats


def lru_stats(function: object) -> Callable[[], Stats]:
    """``cache_stats`` of a ``functools.lru_cache``-wrapped function."""
    def stats() -> Stats:
        info = function.cache_info()  # type: ignore[attr-defined]
        return info.currsize, info.maxsize or 0, info.hits, info.misses
    return stats


def snapshot() -> dict[str, Stats]:
    """Every live cache's stats, summed by name."""
    with _lock:
        live = [(n, ref()) for n, ref in _caches]
        functions = list(_functions.items())
    out: dict[str, Stats] = {}
    for name, stats in [(n, c.cache_stats) for n, c in live if c is not None] + functions:
        entries, capacity, hits, misses = stats()
        was = out.get(name, (0, 0, 0, 0))
        out[name] = (was[0] + entries, was[1] + capacity, was[2] + hits, was[3] + misses)
    return out
