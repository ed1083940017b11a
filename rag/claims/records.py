"""Per-sentence claim records, and the content-keyed cache that computes them once per distinct sentence.

A ``SentenceRecord`` is the row a store can hold for each sentence of each chunk (sentence id, chunk id,
span in the chunk, text, typed claims); a later change can add the sentence's vector to the same row.
Until the stores hold these rows, ``ClaimCache`` computes them on first use, keyed by the sentence's text,
so a sentence is parsed once per process however many questions retrieve it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rag.caches import register
from rag.claims.extract import analyze
from rag.claims.kinds import Value
from rag.text import split_sentences


@dataclass(frozen=True)
class SentenceRecord:
    sentence_id: str          # "<chunk_id>:<n>"
    chunk_id: str
    start: int                # span of the sentence in the chunk's text (-1 when cleaned beyond finding)
    end: int
    text: str
    claims: tuple[Value, ...]

    def to_json(self) -> dict[str, Any]:
        return {"sentence_id": self.sentence_id, "chunk_id": self.chunk_id, "start": self.start, "end": self.end,
                "text": self.text, "claims": [c.to_json() for c in self.claims]}


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class ClaimCache:
    """Typed claims by sentence text, bounded (least recently used out), safe across threads."""

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._items: OrderedDict[str, tuple[Value, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = self._misses = 0
        register("claims", self)

    def cache_stats(self) -> tuple[int, int, int, int]:
        return len(self._items), self._size, self._hits, self._misses

    def __call__(self, texts: Sequence[str], use_model: bool = True) -> list[tuple[Value, ...]]:
        keys = [("" if use_model else "~") + _key(t) for t in texts]
        # Answers are kept aside before anything is evicted: a full cache may evict this call's own hits.
        with self._lock:
            found = {k: self._items[k] for k in keys if k in self._items}
            for k in found:
                self._items.move_to_end(k)
            missing = {k: t for k, t in zip(keys, texts) if k not in found}
            self._misses += len(missing)
            self._hits += len(keys) - len(missing)
        if missing:
            computed = analyze(list(missing.values()), use_model)
            with self._lock:
                for k, claims in zip(missing, computed):
                    self._items[k] = found[k] = tuple(claims)
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return [found[k] for k in keys]

    def records(self, chunk_id: str, text: str) -> list[SentenceRecord]:
        """The sentence records of one chunk, as a store would hold them."""
        sentences = split_sentences(text)
        claims = self(sentences)
        out, cursor = [], 0
        for n, (sentence, found) in enumerate(zip(sentences, claims)):
            start = text.find(sentence, cursor)
            end = start + len(sentence) if start >= 0 else -1
            cursor = end if start >= 0 else cursor
            out.append(SentenceRecord(f"{chunk_id}:{n}", chunk_id, start, end, sentence, found))
        return out
