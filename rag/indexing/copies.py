"""Syndicated copies stay inside their collections: a copy is recorded only when it and its original belong to
the same collections.

A copy has no passages of its own and is shown on its original's passages ("also published by"). Across
collections that would show one team a document of another (its source and URL) and hide the story from the
team that indexed the copy, so such a document is indexed as an original of its own instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.collections import DEFAULT
from rag.protocols import Store
from rag.types import Document


def keep_within_collections(store: Store, batch: Sequence[Document], found: list[tuple[str, str]],
                            known: set[str]) -> list[tuple[str, str]]:
    """The (copy, original) pairs of ``found`` whose two sides share their collections; the others are unmarked
    (``duplicate_of`` cleared). ``known``: doc_ids already in the store."""
    if not found:
        return found
    docs = {doc.doc_id: doc for doc in batch}
    memo: dict[str, list[str]] = {}

    def collections(doc_id: str) -> list[str]:
        """What a document will belong to once this batch is written."""
        if doc_id not in memo:
            stored = store.document_info(doc_id)["collections"] if doc_id in known else []
            given = docs[doc_id].collections if doc_id in docs else []
            memo[doc_id] = sorted(set(stored) | set(given)) or [DEFAULT]
        return memo[doc_id]

    kept = []
    for copy, original in found:
        if collections(copy) == collections(original):
            kept.append((copy, original))
        else:
            docs[copy].duplicate_of = None
    return kept
