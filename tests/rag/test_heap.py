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


def _resident_share(address: int, size: int) -> float:
    """The share of the pages of [address, address + size) mapped into this process (/proc/self/pagemap)."""
    first, last = address // 4096, (address + size - 1) // 4096
    with open("/proc/self/pagemap", "rb") as pagemap:
        pagemap.seek(first * 8)
        entries = pagemap.read((last - first + 1) * 8)
    present = sum(entries[i * 8 + 7] >> 7 for i in range(last - first + 1))
    return present / (last - first + 1)


def test_the_minilm_embedder_maps_all_of_its_weights_in_when_asked() -> None:
    """Its weights are mapped from the model file, the word-embedding matrix's rows in as words arrive; ``page_in``
    (the server's warm-up) maps every page at once, so a worker's RSS does not creep up by them later."""
    from rag.embedders import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    embedder.embed_documents(["A document embedded once at start-up."])
    words = dict(embedder._model.named_parameters())["0.model.embeddings.word_embeddings.weight"]
    size = words.numel() * words.element_size()
    before = _resident_share(words.data_ptr(), size)
    assert embedder.page_in() > size
    after = _resident_share(words.data_ptr(), size)
    assert before < 0.9 and after == 1.0, (before, after)
