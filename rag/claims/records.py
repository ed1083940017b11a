"""Per-sentence claim records, and the content-keyed cache that computes them once per distinct sentence.

A ``SentenceRecord`` is the row a store holds for each sentence of each chunk (chunk id, number, span in
the chunk, text, typed claims with the version that computed them, the sentence's vector), written with the
chunk at index time (rag/indexing/sentences.py). ``ClaimCache`` computes claims on first use, keyed by the
sentence's text, for passages without stored rows and rows of another claims version; stored claims are
put in it (``prime``), so every reader of the cache gets them.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rag.caches import TEXT, lru, register
from rag.claims import CLAIMS_VERSION
from rag.claims.extract import analyze, typed
from rag.claims.kinds import Value
from rag.text import split_sentences


def claims_version() -> str:
    """The version of the claims this process computes: the extraction's, and whether spaCy typed them."""
    return f"{CLAIMS_VERSION}-{'spacy' if typed() else 'regex'}"


@dataclass(frozen=True, eq=False)
class SentenceRecord:
    chunk_id: str
    n: int                    # the sentence's number in the chunk (rag.text.split_sentences order)
    start: int                # span of the sentence in the chunk's text (-1 when cleaned beyond finding)
    end: int
    text: str
    claims: tuple[Value, ...]
    claims_version: str = ""
    vector: np.ndarray | None = None  # unit length; None for sentences the evidence scorer never ranks

    @property
    def sentence_id(self) -> str:
        return f"{self.chunk_id}:{self.n}"

    def to_json(self) -> dict[str, Any]:
        return {"sentence_id": self.sentence_id, "chunk_id": self.chunk_id, "start": self.start, "end": self.end,
                "text": self.text, "claims": [c.to_json() for c in self.claims]}

    def claims_json(self) -> str:
        return claims_to_json(self.claims)


def claims_to_json(claims: Sequence[Value]) -> str:
    return json.dumps([c.to_json() for c in claims], separators=(",", ":"))


@lru("claims_json", TEXT)  # about 1.6 KB an entry (key and parsed values)
def claims_from_json(raw: str) -> tuple[Value, ...]:
    """Stored claims, parsed once per distinct JSON text: the rerank reads the rows of every candidate chunk
    per question, and the same sentences (and the empty list) recur; ``Value`` is frozen, so parsed tuples
    are shared safely."""
    if raw == "[]":
        return ()
    return tuple(Value.from_json(c) for c in json.loads(raw))


def spans(text: str) -> list[tuple[int, int, str]]:
    """The sentences of a chunk (rag.text.split_sentences, the split the answer path uses) with their spans."""
    out, cursor = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, cursor)
        end = start + len(sentence) if start >= 0 else -1
        cursor = end if start >= 0 else cursor
        out.append((start, end, sentence))
    return out


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

    def prime(self, items: Sequence[tuple[str, tuple[Value, ...]]]) -> None:
        """Claims computed elsewhere (a store's rows, of this process's claims version), by sentence text. They
        serve requests with and without the model alike: they are the model's claims, at no cost."""
        with self._lock:
            for text, claims in items:
                key = _key(text)
                for k in (key, "~" + key):
                    self._items[k] = claims
                    self._items.move_to_end(k)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def records(self, chunk_id: str, text: str) -> list[SentenceRecord]:
        """The sentence records of one chunk, as a store would hold them (without vectors)."""
        found = spans(text)
        claims = self([s for _, _, s in found])
        version = claims_version()
        return [SentenceRecord(chunk_id, n, start, end, sentence, c, version)
                for n, ((start, end, sentence), c) in enumerate(zip(found, claims))]
