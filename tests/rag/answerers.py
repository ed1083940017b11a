"""The extractive answerer as the answer tests build it, a one-chunk passage of a document, and an engine over a
few articles indexed from files."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.engine import Engine
from rag.protocols import Embedder
from rag.services import build_services
from rag.settings import AnswerSettings, Settings
from rag.types import Passage


def extractive_answerer(embedder: Embedder) -> Answerer:
    vectors = SentenceVectors(embedder)
    return Answerer(ExtractiveGenerator(embedder, AnswerSettings(), vectors), vectors, AnswerSettings())


def passage(doc_id: str, text: str, title: str | None = None) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id.title() if title is None else title,
                   text=text, score=0.5)


def indexed_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, name: str,
                   articles: dict[str, str]) -> Engine:
    """The engine as the service builds it, over a fresh index of ``articles`` (file name -> text) written as
    files and indexed with the default settings."""
    from index.files import index_paths
    from rag.indexing.chunker import Chunker
    from rag.indexing.indexer import Indexer

    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    for file_name, text in articles.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    settings = Settings.load(index_dir=tmp_path_factory.mktemp(f"{name}-index"))
    services = build_services(settings, embedder=embedder)
    index_paths(Indexer(services.store, embedder, Chunker(settings.chunking.size, settings.chunking.overlap)), [corpus])
    return services.engine
