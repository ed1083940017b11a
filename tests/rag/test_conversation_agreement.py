"""The conversation search: when the question's nearest chunk in meaning and the nearest chunk of the question
read with its topic are of one document, that document leads the k, although the question's own hybrid search
(its keyword side) filled the k with passages that only share the turn's words."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rag.conversation.reader import Reading
from rag.conversation.search import search
from rag.settings import RetrievalSettings
from rag.types import Filters, Passage

QUESTION = np.array([1.0, 0.0, 0.0], dtype=np.float32)
TOPIC = np.array([0.6, 0.8, 0.0], dtype=np.float32)


def _passage(chunk: str, doc: str | None = None) -> Passage:
    return Passage(doc_id=doc or chunk.split("#")[0], chunk_id=chunk, title=chunk, text=f"text of {chunk}", score=1.0)


@dataclass
class _Store:
    vectors: dict[str, np.ndarray]
    passages: dict[str, Passage] = field(default_factory=dict)

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Passage]:
        ranked = sorted(self.vectors, key=lambda cid: -float(vector @ self.vectors[cid]))
        return [self.passages[cid].model_copy() for cid in ranked[:k]]

    def chunk_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        return {cid: self.vectors[cid] for cid in ids if cid in self.vectors}

    def keyword_search(self, terms: list[str], k: int, filters: Filters | None = None) -> list[Passage]:
        return []  # no document cited by the answers


class _Embedder:
    def embed_queries(self, texts: list[str]) -> list[np.ndarray]:
        return [QUESTION if i == 0 else TOPIC for i, _ in enumerate(texts)]


@dataclass
class _Retriever:
    """The question's own search (hybrid, reranked) ranks five passages that share its words."""
    store: _Store
    own: list[Passage]
    embedder: _Embedder = field(default_factory=_Embedder)
    settings: RetrievalSettings = field(default_factory=RetrievalSettings)

    def search(self, query: str, k: int, filters: Filters | None = None) -> list[Passage]:
        return [p.model_copy() for p in self.own[:k]]


def _retriever(answer_vector: np.ndarray, answer_doc: str = "answer") -> _Retriever:
    words = [f"words{i}#0" for i in range(5)]  # keyword matches far from both readings' meaning
    vectors = {cid: np.array([0.3, -0.5, 0.81], dtype=np.float32) for cid in words}
    vectors["answer#0"] = answer_vector
    passages = {cid: _passage(cid) for cid in words}
    passages["answer#0"] = _passage("answer#0", answer_doc)
    return _Retriever(_Store(vectors, passages), [passages[cid] for cid in words])


def _reading() -> Reading:
    return Reading(query="What are the most people targeted by the scammers?", rule="as typed",
                   users=["Mortgage scams"], answers=["Mortgage scams take your money or your house."])


def test_both_readings_nearest_document_leads_the_passages() -> None:
    retriever = _retriever(np.array([0.8, 0.6, 0.0], dtype=np.float32))  # nearest to both vectors
    passages, trace = search(retriever, _reading(), 5, None)  # type: ignore[arg-type]
    assert [p.doc_id for p in passages][0] == "answer"
    assert len(passages) == 5
    assert trace["agreed"] == "answer#0"


def test_readings_that_disagree_leave_the_question_s_ranking() -> None:
    retriever = _retriever(np.array([0.0, 1.0, 0.0], dtype=np.float32))  # nearest to the topic only
    retriever.store.vectors["question#0"] = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    retriever.store.passages["question#0"] = _passage("question#0")
    passages, trace = search(retriever, _reading(), 5, None)  # type: ignore[arg-type]
    assert "answer" not in [p.doc_id for p in passages]
    assert trace["agreed"] is None


def test_a_first_turn_searches_as_asked() -> None:
    retriever = _retriever(np.array([0.8, 0.6, 0.0], dtype=np.float32))
    passages, trace = search(retriever, Reading(query="Mortgage scams", rule="first turn"), 5, None)  # type: ignore[arg-type]
    assert [p.doc_id for p in passages] == [f"words{i}" for i in range(5)]
    assert "agreed" not in trace


def test_a_passage_the_question_alone_matches_by_far_leads_the_passages() -> None:
    # both readings agree on "answer", but the question's own search found one passage with a keyword score
    # far above the others' (a name only it holds): that match is not overruled by the conversation's topic
    retriever = _retriever(np.array([0.8, 0.6, 0.0], dtype=np.float32))
    for i, p in enumerate(retriever.own):
        p.scores["keyword"] = 7.7 if i == 0 else 2.5
    passages, trace = search(retriever, _reading(), 5, None)  # type: ignore[arg-type]
    assert passages[0].chunk_id == "words0#0" and trace["decisive"] == "words0#0"
    assert "answer" in [p.doc_id for p in passages]  # the agreed document stays among them
    for p in retriever.own[1:]:  # a lead of less than twice is no decisive match
        p.scores["keyword"] = 5.0
    passages, trace = search(retriever, _reading(), 5, None)  # type: ignore[arg-type]
    assert passages[0].doc_id == "answer" and trace["decisive"] is None
