"""The heap trimmer: free heap given back to the system after work, when the process is idle (rag/heap.py)."""

from __future__ import annotations

import threading
import time

import pytest

from rag import heap

glibc = pytest.mark.skipif(not heap.HeapTrimmer().enabled, reason="no glibc malloc_trim here")


def _fragmented_heap() -> list[bytes]:
    """About 64 MB of 1 KB blocks (past pymalloc's 512 bytes: glibc's), every 64th kept: the freed memory lies
    between live blocks, where glibc shrinks no heap by itself, and stays resident."""
    blocks = [bytes(1000) + i.to_bytes(4, "little") for i in range(64_000)]
    for block in blocks:  # touch every page
        assert block[0] == 0
    return blocks[::64]


@glibc
def test_a_trim_gives_freed_heap_back_to_the_system() -> None:
    trimmer = heap.HeapTrimmer(every=0)
    trimmer.trim()  # start from a trimmed heap
    kept = _fragmented_heap()
    held = heap.resident_bytes()
    released = trimmer.trim()
    assert released > 20 * 2**20, released  # most of the ~62 MB freed between the kept blocks
    assert heap.resident_bytes() < held - 20 * 2**20
    assert trimmer.stats.trims == 2 and trimmer.stats.released >= released and trimmer.stats.seconds > 0
    assert len(kept) == 1000


@glibc
def test_it_trims_once_after_work_and_not_while_nothing_happens() -> None:
    clock = [0.0]
    trimmer = heap.HeapTrimmer(every=0, cpu=lambda: clock[0])
    assert not trimmer.step() and trimmer.stats.trims == 0  # no CPU used: nothing freed since
    kept = _fragmented_heap()
    clock[0] += 1.0  # a request's worth of work
    assert trimmer.step() and trimmer.stats.trims == 1 and trimmer.stats.released > 20 * 2**20
    assert not trimmer.step() and trimmer.stats.trims == 1  # nothing new since that trim
    assert len(kept) == 1000


@glibc
def test_its_thread_trims_a_process_that_has_worked() -> None:
    trimmer = heap.HeapTrimmer(every=0.05).start()
    try:
        kept = _fragmented_heap()
        end = time.process_time() + 0.2
        while time.process_time() < end:  # work
            pass
        deadline = time.monotonic() + 10
        while trimmer.stats.trims == 0 and time.monotonic() < deadline:
            threading.Event().wait(0.05)
        assert trimmer.stats.trims >= 1 and trimmer.stats.released > 0
        assert len(kept) == 1000
    finally:
        trimmer.stop()
