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
    def __init__(self, embedder: Embedder, pooled: bool = False, chunks_from_sentences: bool = False) -> None:
        self.embedder = embedder
        # Pooled from the chunk's own pass when the embedder offers it (MiniLM on ONNX): rag.indexing.pooled.
        self.pooled = pooled and hasattr(embedder, "embed_with_spans")
        # Each chunk's vector made from its sentences' (``_from_sentences``): one encoder pass over the sentences
        # instead of one over the chunks and another over their sentences.
        self.chunks_from_sentences = chunks_from_sentences and not self.pooled

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        # The bulk path (every core, length-sorted batches): the same model as the query-time sentence vectors.
        return self.embedder.embed_documents(texts)

    def __call__(self, chunks: Sequence[tuple[str, str]]) -> dict[str, list[SentenceRecord]]:
        """The rows of each (chunk_id, text), by chunk_id."""
        return self.with_vectors(chunks)[1]

    def with_vectors(self, chunks: Sequence[tuple[str, str]]
                     ) -> tuple[np.ndarray | None, dict[str, list[SentenceRecord]]]:
        """The chunks' own vectors when they came from the same pass as the sentences' (else None: the caller
        embeds the chunks), and the rows of each (chunk_id, text), by chunk_id."""
        found = {chunk_id: spans(text) for chunk_id, text in chunks}
        texts = list(dict.fromkeys(s for rows in found.values() for _, _, s in rows))
        chunk_vectors, own = self._pooled(chunks, found) if self.pooled else (None, {})
        to_embed = list(dict.fromkeys(s for c, rows in found.items() for _, _, s in rows
                                      if (ranked(s) or self.chunks_from_sentences) and (c, s) not in own))
        vectors = dict(zip(to_embed, self.embed(to_embed))) if to_embed else {}
        if self.chunks_from_sentences:
            chunk_vectors = self._from_sentences(chunks, found, vectors)
        claims = dict(zip(texts, (tuple(c) for c in analyze(texts))))
        version = claims_version()
        return chunk_vectors, {
            chunk_id: [SentenceRecord(chunk_id, n, start, end, s, claims[s], version,
                                      own.get((chunk_id, s), vectors.get(s)) if ranked(s) else None)
                       for n, (start, end, s) in enumerate(rows)]
            for chunk_id, rows in found.items()}

    def _from_sentences(self, chunks: Sequence[tuple[str, str]], found: dict[str, list[tuple[int, int, str]]],
                        vectors: dict[str, np.ndarray]) -> np.ndarray:
        """Each chunk's vector: the mean of its sentences' vectors, each weighted by its words (as the model's
        own mean over a chunk's tokens weighs them), at unit length; a chunk of no sentence is embedded itself."""
        out = np.zeros((len(chunks), self.embedder.dim), dtype=np.float32)
        alone = [i for i, (chunk_id, _) in enumerate(chunks) if not found[chunk_id]]
        for i, (chunk_id, _) in enumerate(chunks):
            rows = found[chunk_id]
            if rows:
                weights = np.array([len(s.split()) for _, _, s in rows], dtype=np.float32)
                mean = weights @ np.stack([vectors[s] for _, _, s in rows])
                out[i] = mean / (np.linalg.norm(mean) or 1.0)
        if alone:
            out[alone] = self.embed([chunks[i][1] for i in alone])
        return out

    def _pooled(self, chunks: Sequence[tuple[str, str]], found: dict[str, list[tuple[int, int, str]]]
                ) -> tuple[np.ndarray | None, dict[tuple[str, str], np.ndarray]]:
        """One pass per chunk: its vector, and each ranked sentence's vector pooled from its tokens."""
        wanted = {c: [(a, b, s) for a, b, s in rows if ranked(s) and a >= 0] for c, rows in found.items()}
        result = self.embedder.embed_with_spans(  # type: ignore[attr-defined]
            [text for _, text in chunks], [[(a, b) for a, b, _ in wanted[c]] for c, _ in chunks])
        if result is None:
            return None, {}
        chunk_vectors, pooled = result
        own = {}
        for (chunk_id, _), vectors in zip(chunks, pooled):
            if vectors is None:
                continue
            for (_, _, sentence), vector in zip(wanted[chunk_id], vectors):
                if not np.isnan(vector[0]):
                    own[(chunk_id, sentence)] = vector
        return chunk_vectors, own
