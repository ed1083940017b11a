"""Handing the C allocator's free memory back to the system after an index write or a generation switch.

glibc's malloc keeps the pages of freed blocks inside its heaps (each arena's, `MALLOC_ARENA_MAX` of them) for
later allocations, returning only a free stretch at the very top of a heap. A write frees large, short-lived
blocks (the previous generation's vectors read back, the transaction's rows, the parses and vectors of the new
chunks) that later long-lived allocations (cache entries) may pin in the middle of a heap, so a server taking
uploads kept growing though no Python object did (bench/RESULTS.md, the 30-minute soaks). ``malloc_trim(0)``
gives every whole free page of every arena back (``madvise(MADV_DONTNEED)``) without moving anything: the
memory in use is untouched, only RSS the process was not using goes.

Elsewhere (macOS, musl, Windows: no ``malloc_trim``) :func:`release` does nothing and says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Callable

_Trim = Callable[[int], int]


def _find_trim() -> _Trim | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


_trim: _Trim | None = _find_trim()
_lock = threading.Lock()  # one trim at a time: a second caller meanwhile has nothing left to return
counts = {"calls": 0, "trims": 0}


def available() -> bool:
    return _trim is not None


def release() -> bool:
    """Return the allocator's whole free pages to the system (glibc); False where that cannot be done here, or
    another thread is doing it right now (what it frees is this call's too)."""
    counts["calls"] += 1
    if _trim is None or not _lock.acquire(blocking=False):
        return False
    try:
        _trim(0)
        counts["trims"] += 1
        return True
    finally:
        _lock.release()
