"""The cache registry behind /metrics: live caches by name, summed, gone with their owner."""

from __future__ import annotations

import gc
import sqlite3

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
