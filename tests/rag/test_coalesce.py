"""Concurrent queries share one embedding call (rag/coalesce.py): each caller gets its own vector, the same bit for
bit as if it had been embedded alone, and an error reaches exactly the callers whose batch failed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from rag import coalesce
from rag.coalesce import Coalescer
from rag.embedders import MiniLMEmbedder, OnnxMiniLM

QUESTIONS = [
    "Who controls rare earth refining?",
    "How much does the plant cost?",
    "What did China agree to resume, and for how long does the agreement with the United States last?",
    "NdFeB",
    "Which company builds the desalination plant in the harbor, and when will it produce its first water?",
    "When?",
    "Tell me: who founded the company that makes the magnets used in most electric car motors?",
    "Quick one: what share of processing does China control?",
]


def _rows(texts: Sequence[str]) -> np.ndarray:
    return np.asarray([[float(len(t)), float(sum(map(ord, t)))] for t in texts])


class _Held:
    """A batch function whose first call waits until ``others`` callers queue behind it."""

    def __init__(self, others: int, fail_on: str | None = None) -> None:
        self.others = others
        self.fail_on = fail_on
        self.batches: list[list[str]] = []
        self.coalescer: Coalescer | None = None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not self.batches:
            deadline = time.monotonic() + 10
            while self.coalescer is not None and self.coalescer.waiting() < self.others:
                assert time.monotonic() < deadline, "the other callers never queued"
                time.sleep(0.001)
        self.batches.append(list(texts))
        if self.fail_on is not None and self.fail_on in texts:
            raise ValueError(f"cannot embed {self.fail_on!r}")
        return _rows(texts)


def _together(call: Callable[[str], np.ndarray], texts: Sequence[str]) -> list[np.ndarray | BaseException]:
    def one(text: str) -> np.ndarray | BaseException:
        try:
            return call(text)
        except Exception as exc:  # noqa: BLE001 - the test looks at what each caller got
            return exc

    with ThreadPoolExecutor(len(texts)) as pool:
        first = pool.submit(one, texts[0])  # leads, and holds its batch until the others wait behind it
        rest = [pool.submit(one, t) for t in texts[1:]]
        return [first.result(), *(f.result() for f in rest)]


def test_callers_that_arrive_during_a_batch_share_the_next_and_each_gets_its_own_row() -> None:
    held = _Held(others=7)
    held.coalescer = coalescer = Coalescer("test_shared", held)
    texts = [f"question {i} " + "x" * i for i in range(8)]
    got = _together(coalescer, texts)
    for text, row in zip(texts, got):
        assert isinstance(row, np.ndarray) and np.array_equal(row, _rows([text])[0])
    assert held.batches[0] == texts[:1] and sorted(held.batches[1]) == sorted(texts[1:])
    assert coalescer.stats() == (8, 2, 7) and coalescer.waiting() == 0
    assert coalesce.snapshot()["test_shared"] == (8, 2, 7)


def test_a_batch_holds_at_most_its_bound() -> None:
    held = _Held(others=6)
    held.coalescer = coalescer = Coalescer("test_bound", held, most=4)
    texts = [f"q{i}" for i in range(7)]
    got = _together(coalescer, texts)
    assert all(np.array_equal(row, _rows([t])[0]) for t, row in zip(texts, got))  # type: ignore[arg-type]
    assert [len(b) for b in held.batches] == [1, 4, 2]


def test_an_error_reaches_every_caller_of_its_batch_and_the_next_batch_runs() -> None:
    held = _Held(others=3, fail_on="bad")
    held.coalescer = coalescer = Coalescer("test_error", held)
    got = _together(coalescer, ["first", "bad", "good", "also good"])
    assert isinstance(got[0], np.ndarray)  # its batch ran before the bad text arrived
    assert all(isinstance(g, ValueError) and "bad" in str(g) for g in got[1:])  # one batch: all three failed
    assert np.array_equal(coalescer("after"), _rows(["after"])[0])  # the lead was passed on, nothing hangs
    assert coalescer.waiting() == 0


@pytest.mark.parametrize("leaders", [1, 2, 3])
def test_many_callers_at_once_never_lose_or_swap_a_row(leaders: int) -> None:
    def slow(texts: Sequence[str]) -> np.ndarray:
        time.sleep(0.0005)  # long enough for callers to queue behind a running batch
        return _rows(texts)

    coalescer = Coalescer(f"test_many_{leaders}", slow, most=8, leaders=leaders)
    texts = [f"text number {i}" for i in range(600)]
    with ThreadPoolExecutor(16) as pool:
        got = list(pool.map(coalescer, texts))
    assert all(np.array_equal(row, _rows([t])[0]) for t, row in zip(texts, got))
    calls, batches, largest = coalescer.stats()
    assert calls == 600 and batches < 600 and largest <= 8
    assert coalescer.waiting() == 0 and np.array_equal(coalescer("one more"), _rows(["one more"])[0])


@pytest.fixture(scope="module")
def onnx() -> OnnxMiniLM:
    return OnnxMiniLM(1)  # as MiniLMEmbedder builds its query session


@pytest.mark.parametrize("padding", [0, 8, 10_000])
def test_query_vectors_batched_are_bit_for_bit_those_embedded_alone(onnx: OnnxMiniLM, padding: int) -> None:
    alone = np.stack([onnx.embed([q])[0] for q in QUESTIONS])
    together = onnx.embed_grouped(QUESTIONS, padding)  # lengths 2 to 22 tokens: padded groups or one each
    assert together.dtype == np.float32 and np.array_equal(together, alone)
    assert onnx.embed_grouped([]).shape == (0, 384)


def test_concurrent_queries_get_the_vectors_they_would_get_alone(minilm: MiniLMEmbedder, onnx: OnnxMiniLM) -> None:
    texts = [f"{q} ({i})" for i in range(6) for q in QUESTIONS]  # new to the query cache
    before = coalesce.snapshot()["query_embeddings"]
    start = threading.Barrier(8)

    def one(text: str) -> np.ndarray:
        if text.endswith("(0)"):
            start.wait()
        return minilm.embed_query(text)

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(one, texts))
    assert all(np.array_equal(vector, onnx.embed([t])[0]) for t, vector in zip(texts, got))
    after = coalesce.snapshot()["query_embeddings"]
    assert after[0] - before[0] == len(texts)  # every text went through the coalescer, in fewer or as many calls
    assert after[1] - before[1] <= len(texts)
