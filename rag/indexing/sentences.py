"""Each chunk's sentences, embedded and typed once at index time: the rows a store writes with the chunk.

The sentences are the answer path's (rag.text.split_sentences), so a question's candidates are found by
text in the stored rows. Only sentences the evidence scorer ranks (rag.answer.evidence.ranked) get a
vector; every sentence gets its typed claims (rag.claims.extract, spaCy when installed). A sentence that
repeats across chunks of a batch (chunk overlap, boilerplate) is embedded and parsed once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.answer.evidence import ranked
from rag.claims.extract import analyze
from rag.claims.records import SentenceRecord, claims_version, spans
from rag.protocols import Embedder


class SentenceBuilder:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        # The bulk path (every core, length-sorted batches): the same model as the query-time sentence vectors.
        return self.embedder.embed_documents(texts)

    def __call__(self, chunks: Sequence[tuple[str, str]]) -> dict[str, list[SentenceRecord]]:
        """The rows of each (chunk_id, text), by chunk_id."""
        found = {chunk_id: spans(text) for chunk_id, text in chunks}
        texts = list(dict.fromkeys(s for rows in found.values() for _, _, s in rows))
        to_embed = [t for t in texts if ranked(t)]
        vectors = dict(zip(to_embed, self.embed(to_embed))) if to_embed else {}
        claims = dict(zip(texts, (tuple(c) for c in analyze(texts))))
        version = claims_version()
        return {chunk_id: [SentenceRecord(chunk_id, n, start, end, s, claims[s], version, vectors.get(s))
                           for n, (start, end, s) in enumerate(rows)]
                for chunk_id, rows in found.items()}
