"""The extractive answerer as the answer tests build it, and a one-chunk passage of a document."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.protocols import Embedder
from rag.settings import AnswerSettings
from rag.types import Passage


def extractive_answerer(embedder: Embedder) -> Answerer:
    vectors = SentenceVectors(embedder)
    return Answerer(ExtractiveGenerator(embedder, AnswerSettings(), vectors), vectors, AnswerSettings())


def passage(doc_id: str, text: str, title: str | None = None) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id.title() if title is None else title,
                   text=text, score=0.5)
