"""Evidence scoring reads the sentence vectors and claims stored at index time, and falls back where there are none."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rag.answer.evidence import SentenceVectors, candidates
from rag.claims.records import claims_version
from rag.embedders import HashingEmbedder
from rag.indexing import content_hash
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.indexing.sentences import SentenceBuilder
from rag.retrieval.rerank import EvidenceReranker
from rag.stores.faiss_sqlite import FaissStore
from rag.types import Document, Passage

TEXTS = {
    "a": "China controls roughly 70% of global output of rare earths. Its refiners process over 85% of the ore.",
    "b": "Lynas Rare Earths opened a separation plant in Texas in 2024. The plant cost 258 million dollars to build.",
    "c": "MP Materials restarted the Mountain Pass mine in California. It ships concentrate to refiners abroad.",
}
QUESTION = "What share of rare earth processing does China control?"


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += list(texts)
        return super().embed_documents(texts)


def _index(tmp_path: Path, sentences: bool = True) -> tuple[FaissStore, list[Passage]]:
    embedder = HashingEmbedder()
    store = FaissStore(tmp_path / "index", embedder.id, embedder.dim)
    indexer = Indexer(store, embedder, Chunker(200, 0), sentences=SentenceBuilder(embedder) if sentences else None)
    indexer.index_documents([Document(doc_id=k, title=k, text=v, content_hash=content_hash(v)) for k, v in TEXTS.items()])
    return store, store.search(embedder.embed_query(QUESTION), 10)


def _ranked(vectors: SentenceVectors, passages: list[Passage]) -> list[tuple[str, float]]:
    found = candidates(QUESTION, passages, vectors, vectors.embedder.embed_query(QUESTION))
    return [(c.text, round(c.score, 2)) for c in found]


def test_candidates_read_stored_vectors_and_embed_nothing(tmp_path: Path) -> None:
    store, passages = _index(tmp_path)
    stored, computed = CountingEmbedder(), CountingEmbedder()
    from_store = _ranked(SentenceVectors(stored, store=store), passages)
    assert stored.embedded == []
    assert from_store == _ranked(SentenceVectors(computed), passages)  # the same ranking as embedding them now
    assert len(computed.embedded) == len(from_store)


def test_passages_without_rows_fall_back_to_embedding_their_sentences(tmp_path: Path) -> None:
    store, passages = _index(tmp_path, sentences=False)
    embedder = CountingEmbedder()
    vectors = SentenceVectors(embedder, store=store)
    assert _ranked(vectors, passages) and len(embedder.embedded) == vectors.stats["embedded"] > 0


def _set_claims(store: FaissStore, claims: str, version: str) -> None:
    store._conn().execute("UPDATE sentences SET claims = ?, claims_version = ?", (claims, version))


def _claims_of(store: FaissStore, passages: list[Passage]) -> dict[str, tuple[object, ...]]:
    vectors = SentenceVectors(HashingEmbedder(), store=store)
    return {c.text: c.claims for c in candidates(QUESTION, passages, vectors, vectors.embedder.embed_query(QUESTION))}


def test_stored_claims_are_used_when_of_this_claims_version_and_recomputed_otherwise(tmp_path: Path) -> None:
    store, passages = _index(tmp_path)
    figure = "Its refiners process over 85% of the ore."
    assert any(v.kind == "percentage" for v in _claims_of(store, passages)[figure])
    _set_claims(store, "[]", claims_version())  # what the store says is what the scorer sees
    assert _claims_of(store, passages)[figure] == ()
    _set_claims(store, "[]", "0-an-older-extraction")
    assert any(v.kind == "percentage" for v in _claims_of(store, passages)[figure])


@pytest.mark.parametrize("sentences", [True, False])
def test_the_evidence_rerank_orders_the_same_with_or_without_stored_rows(tmp_path: Path, sentences: bool) -> None:
    store, passages = _index(tmp_path, sentences=sentences)
    embedder = CountingEmbedder()
    reranked = EvidenceReranker(embedder, SentenceVectors(embedder, store=store)).rerank(QUESTION, passages)
    plain = EvidenceReranker(HashingEmbedder()).rerank(QUESTION, passages)
    assert [p.chunk_id for p in reranked] == [p.chunk_id for p in plain]
    assert (embedder.embedded == []) == sentences
