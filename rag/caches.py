"""The process's bounded caches, by name, so that their sizes can be reported (``/metrics``) and watched.

A cache registers itself with ``register(name, obj)``; ``obj.cache_stats()`` returns
``(entries, capacity, hits, misses)``. Only a weak reference is kept, so a cache goes with its owner;
caches of the same name (two embedders in one process) are summed. A function's cache is ``@lru(name, bound)``:
``functools.lru_cache``, registered. The bounds are set here, by what a cache's key is (below).
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Protocol, TypeVar

Stats = tuple[int, int, int, int]  # entries, capacity, hits, misses
T = TypeVar("T")

# Bounds, by what a cache's key is. bench/cache_reuse.py traces every cache's lookups under the soak's load and
# replays them through smaller caches: at these bounds each kept 98.7-100% of the hits an unbounded cache had in a
# ten-minute trace (bench/RESULTS.md, "Caches sized by their measured reuse"). The caches with measured entry sizes
# hold about 124 MB of the soak's entries at these bounds; their old bounds (up to 20,000 entries) allowed about 327 MB.
QUESTION = 1024  # a question, a turn or a phrase of one: its hits come within its request and its conversation's next turns
TEXT = 4096  # a sentence, a passage or a word, the question's or the collection's: hits come as passages return
PARSES = 256  # spaCy parses of conversation turns (about 16 KB each; 256 kept every hit)
ARTICLES = 512  # an article's retrieved text folded for the checks (about 22 KB each; 512 kept 98.7% of the hits)


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


def lru(name: str, maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize=maxsize)``, registered under ``name`` (its entries, bound, hits and misses
    in ``/metrics``). Every bounded cache of the product is one of these or a registered class cache."""
    def decorate(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        register_function(name, lru_stats(cached))
        return cached
    return decorate


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
