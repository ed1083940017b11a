"""Syndicated copies: the same story on several sites, recognized by MinHash over 5-word shingles, so that a
copy is recorded on the original ("also published by ...") instead of being indexed as another source."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from rag.claims.variants import changed_facts
from rag.types import Document

NUM_PERM = 128
SHINGLE_WORDS = 5
MIN_WORDS = 40  # below this a text is too short to call a copy (a headline, a one-line note)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(text: str) -> str | None:
    """The MinHash signature of a text as hex (None: too short to compare)."""
    from datasketch import MinHash

    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(sorted(shingles(text)))
    return np.asarray(minhash.hashvalues, dtype=">u4").tobytes().hex()


def _signature(hexed: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(hexed), dtype=">u4").astype(np.uint32)


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two fingerprints."""
    return float(np.mean(_signature(a) == _signature(b)))


class CopyFinder:
    """The originals known so far; ``original_of`` finds the one a text copies (or None)."""

    def __init__(self, known: Mapping[str, str], threshold: float) -> None:
        self.threshold = threshold
        self.ids: list[str] = []
        rows = []
        for doc_id, hexed in known.items():
            if hexed and len(hexed) == NUM_PERM * 8:
                self.ids.append(doc_id)
                rows.append(_signature(hexed))
        self.matrix = np.stack(rows) if rows else np.zeros((0, NUM_PERM), dtype=np.uint32)

    def original_of(self, doc_id: str, hexed: str) -> str | None:
        if not len(self.ids):
            return None
        scores = (self.matrix == _signature(hexed)).mean(axis=1)
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] < self.threshold:
                return None
            if self.ids[i] != doc_id:
                return self.ids[i]
        return None

    def add(self, doc_id: str, hexed: str) -> None:
        self.ids.append(doc_id)
        self.matrix = np.vstack([self.matrix, _signature(hexed)[None, :]])


def mark_copies(documents: Sequence[Document], known: Mapping[str, str], threshold: float,
                text_of: Callable[[str], str | None] | None = None) -> list[tuple[str, str]]:
    """Fingerprint the documents and point each copy at its original (``duplicate_of``), in place;
    the first of several copies in one batch is the original. Returns (copy, original) pairs.

    A near-copy that changes a fact (a sentence reworded by a few words with another figure or name: the
    original with its answer swapped) is not a copy but a disagreeing source, and is indexed apart; the
    original's text comes from the batch, else from ``text_of`` (the store)."""
    if threshold >= 1.0:
        return []
    finder = CopyFinder(known, threshold)
    batch = {doc.doc_id: doc.text for doc in documents}
    found = []
    for doc in documents:
        doc.fingerprint = doc.fingerprint or fingerprint(doc.text)
        doc.duplicate_of = None
        if doc.fingerprint is None:
            continue
        original = finder.original_of(doc.doc_id, doc.fingerprint)
        if original is not None:
            text = batch.get(original) or (text_of(original) if text_of is not None else None)
            if text and changed_facts(doc.text, text):
                original = None
        if original is None:
            finder.add(doc.doc_id, doc.fingerprint)
        else:
            doc.duplicate_of = original
            found.append((doc.doc_id, original))
    return found


def label(source: str | None, url: str | None, doc_id: str) -> str:
    """How a copy is named to readers: its source, else its site, else its doc_id."""
    if source:
        return source
    if url:
        return (urlsplit(url).hostname or url).removeprefix("www.")
    return doc_id


def copy_labels(packed: str | None) -> list[str]:
    """Unpack the stores' packed list of copies (source, url, doc_id joined by \\x1f, copies by \\x1e)."""
    if not packed:
        return []
    names = []
    for item in packed.split("\x1e"):
        source, url, doc_id = (item.split("\x1f") + ["", "", ""])[:3]
        names.append(label(source or None, url or None, doc_id))
    return sorted(dict.fromkeys(names))


def summary_row(row: Sequence[Any]) -> dict[str, Any]:
    """A document summary from the stores' summary columns (see faiss_sqlite._SUMMARY)."""
    keys = ("doc_id", "title", "source", "published_at", "chunks", "indexed_at", "url", "duplicate_of")
    return {**dict(zip(keys, row)), "also_published_by": copy_labels(row[len(keys)])}
