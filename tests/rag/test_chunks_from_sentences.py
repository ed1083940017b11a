"""Chunk vectors made from their sentences' vectors (``RAG_INDEXING__CHUNK_VECTORS=sentences``,
rag/indexing/sentences.py): one encoder pass over the sentences gives both, so the chunks are not embedded; each
chunk's vector is the word-weighted mean of its sentences' (questions and fragments included, though only ranked
sentences keep a stored vector), and a question still finds its chunk."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.indexing import content_hash
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.indexing.sentences import SentenceBuilder
from rag.settings import Settings
from rag.stores.faiss_sqlite import FaissStore
from rag.text import split_sentences
from rag.types import Document
from tests.rag.test_pooled_sentences import TEXT, Counting  # the same chunk text, a real embedder recording


def test_the_chunks_are_not_embedded_and_their_vectors_are_their_sentences_mean(tmp_path: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    embedder = Counting(minilm)
    store = FaissStore(tmp_path / "index", minilm.id, minilm.dim)
    builder = SentenceBuilder(embedder, chunks_from_sentences=True)  # type: ignore[arg-type]
    Indexer(store, embedder, Chunker(200, 40), sentences=builder).index_documents(  # type: ignore[arg-type]
        [Document(doc_id="d", title="d", text=TEXT, content_hash=content_hash(TEXT))])
    passages = store.search(minilm.embed_query("rare earths"), 20)
    assert len(passages) >= 2
    assert not {p.text for p in passages} & set(embedder.apart)  # no chunk was embedded whole
    assert "Who else mines them?" in embedder.apart  # a question counts for its chunk's vector
    for passage in passages:
        sentences = split_sentences(passage.text)
        weights = np.array([len(s.split()) for s in sentences], dtype=np.float32)
        mean = weights @ minilm.embed_documents(sentences)
        mean /= np.linalg.norm(mean)
        assert store.search(mean, 1)[0].chunk_id == passage.chunk_id
        assert store.search(mean, 1)[0].score > 0.999
    rows = store.sentences([p.chunk_id for p in passages])
    stored = {r.text for chunk in rows.values() for r in chunk if r.vector is not None}
    assert "Who else mines them?" not in stored and "The plant cost 258 million dollars to build." in stored
    best = store.search(minilm.embed_query("Which mine was restarted in California?"), 1)[0]
    assert "Mountain Pass" in best.text


def test_it_is_a_setting_and_off_by_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert Settings.load().indexing.chunk_vectors == "encoded"
    monkeypatch.setenv("RAG_INDEXING__CHUNK_VECTORS", "sentences")
    assert Settings.load().indexing.chunk_vectors == "sentences"
