"""The process's bounded caches, by name, so that their sizes can be reported (``/metrics``) and watched.

A cache registers itself with ``register(name, obj)``; ``obj.cache_stats()`` returns
``(entries, capacity, hits, misses)``. Only a weak reference is kept, so a cache goes with its owner;
caches of the same name (two embedders in one process) are summed. A function's cache is ``@lru(name, bound)``:
``functools.lru_cache``, registered. The bounds are set here, by what a cache's key is (below).
"""

from __future__ import annotations

import functools
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar

Stats = tuple[int, int, int, int]  # entries, capacity, hits, misses
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

# Bounds, by what a cache's key is. bench/cache_reuse.py traces every cache's lookups under the soak's load and
# replays them through smaller caches (bench/RESULTS.md, "Caches sized by their measured reuse", and "A worker's
# memory levelled"): at these bounds each keeps all but a fraction of a percent of the hits an unbounded cache had.
# A bound far above what the load reuses only lets a worker's memory creep for an hour while the cache fills.
QUESTION = 256  # a question, a turn or a phrase of one: its hits come within its request and its conversation's next turns
TEXT = 4096  # a sentence, a passage or a word, the question's or the collection's: hits come as passages return
# (1,024 kept every hit on the soak's five articles but cost 0.5-1 ms of CPU a search at 10k chunks: kept at 4,096)
# The two caches whose entries grow with the text are bounded by bytes (``lru_bytes``) as well as by entries:
PARSES = 256  # spaCy parses of conversation turns (about 25 KB for a 170-character turn, more for longer ones)
PARSES_BYTES = 2 * 2**20
ARTICLES = 512  # an article's retrieved text folded for the checks (about 12 bytes a character: 22 KB here)
ARTICLES_BYTES = 6 * 2**20
# torch's CPU kernels (the document embedder in bfloat16) keep what they compile for each input shape in two
# caches, each up to 1,024 shapes by default: ideep's (``LRU_CACHE_CAPACITY``) and oneDNN's primitives
# (``ONEDNN_PRIMITIVE_CACHE_CAPACITY``). Every upload brings new batch and length shapes, and a worker that indexes
# grew by 83 MB of anonymous memory over 240 soak-like uploads (+61 MB at 80; oneDNN's bound alone at 64: +56 at
# 80, at 8: +10). A bfloat16 Linear(384, 1536) over 400 row counts: +283 MB in 7-10 s as shipped, +165 MB with
# oneDNN's at 16, +27 MB in 0.8 s with both at 16 (measured 2026-12-05, bench/RESULTS.md). 16 holds the shapes of
# a forward pass or two. Set before the first kernel runs (``bound_native_caches``, read then); a value already in
# the environment wins.
NATIVE_SHAPES = 16


def bound_native_caches() -> None:
    """Bound the caches of native libraries that read their bound from the environment when first used."""
    for variable in ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY"):
        os.environ.setdefault(variable, str(NATIVE_SHAPES))


class HasStats(Protocol):
    def cache_stats(self) -> Stats: ...


class HasBytes(Protocol):
    def cache_bytes(self) -> tuple[int, int]: ...  # bytes held, most bytes it may hold


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


class ByteLRU:
    """A least-recently-used map bounded by the bytes its entries take (``weigh(value)``, an estimate calibrated
    with tracemalloc) as well as by entries, safe across threads, registered under ``name`` (``/metrics`` has its
    bytes beside its entries). For caches whose entries vary in size with the collection (an article's text, a
    parse): an entry bound alone lets them take many times their budget on long articles."""

    def __init__(self, name: str, max_bytes: int, weigh: Callable[[object], int], max_entries: int) -> None:
        self.name, self.max_bytes, self.max_entries, self._weigh = name, max_bytes, max_entries, weigh
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        register(name, self)

    def cache_stats(self) -> Stats:
        return len(self._items), self.max_entries, self.hits, self.misses

    def cache_bytes(self) -> tuple[int, int]:
        return self._bytes, self.max_bytes

    def get(self, key: Hashable) -> tuple[bool, object]:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return False, None
            self._items.move_to_end(key)
            self.hits += 1
            return True, found[0]

    def put(self, key: Hashable, value: object) -> None:
        size = self._weigh(value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:  # would evict everything else and still not fit
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._items) > self.max_entries:
                self._bytes -= self._items.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


class _ByteCached:
    """A one-argument function cached in a ``ByteLRU`` (``lru_bytes``); ``cache_info``/``cache_clear`` as lru_cache's."""

    def __init__(self, function: Callable[[Hashable], object], cache: ByteLRU) -> None:
        self.__wrapped__, self.cache = function, cache
        functools.update_wrapper(self, function)

    def __call__(self, key: Hashable) -> object:
        found, value = self.cache.get(key)
        if found:
            return value
        value = self.__wrapped__(key)  # outside the lock: two threads may both compute a key, as with lru_cache
        self.cache.put(key, value)
        return value

    def cache_clear(self) -> None:
        self.cache.clear()


def lru_bytes(name: str, max_bytes: int, weigh: Callable[[object], int], max_entries: int
              ) -> Callable[[Callable[[K], T]], Callable[[K], T]]:
    """A one-argument function's cache bounded by bytes (``ByteLRU``) and entries, registered under ``name``."""
    def decorate(function: Callable[[K], T]) -> Callable[[K], T]:
        return _ByteCached(function, ByteLRU(name, max_bytes, weigh, max_entries))  # type: ignore[arg-type,return-value]
    return decorate


def byte_snapshot() -> dict[str, tuple[int, int]]:
    """Bytes held and most bytes allowed of every live cache bounded by bytes, summed by name."""
    with _lock:
        live = [(n, ref()) for n, ref in _caches]
    out: dict[str, tuple[int, int]] = {}
    for name, cache in live:
        if cache is not None and hasattr(cache, "cache_bytes"):
            held, most = cache.cache_bytes()
            was = out.get(name, (0, 0))
            out[name] = (was[0] + held, was[1] + most)
    return out


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
