"""The one place that wires settings into parts: embedder, store, retriever, generator, engine."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.embedders import make_embedder
from rag.engine import Engine
from rag.errors import ConfigError
from rag.protocols import Embedder, Generator
from rag.retrieval.rerank import CrossEncoderReranker, EvidenceReranker, Reranker
from rag.retrieval.retriever import Retriever
from rag.settings import RetrievalSettings, Settings
from rag.store import FaissStore


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    store: FaissStore
    retriever: Retriever
    generator: Generator
    engine: Engine


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    """Build every part from settings; pass ``embedder`` to share one loaded model between indexes."""
    embedder = embedder or make_embedder(settings.embedder)
    store = FaissStore(settings.index_dir, embedder.id, embedder.dim,
                       chunking={"size": settings.chunking.size, "overlap": settings.chunking.overlap})
    if settings.generator != "extractive":
        raise ConfigError(f"unknown generator {settings.generator!r}: set RAG_GENERATOR to 'extractive'")
    vectors = SentenceVectors(embedder)  # sentence embeddings shared by the reranker and the answerer
    retriever = Retriever(embedder, store, settings.retrieval, make_reranker(settings.retrieval, embedder, vectors))
    generator = ExtractiveGenerator(embedder, settings.answer, vectors)
    engine = Engine(retriever, generator, settings.retrieval.k)
    return Services(settings, embedder, store, retriever, generator, engine)


def make_reranker(settings: RetrievalSettings, embedder: Embedder, vectors: SentenceVectors) -> Reranker | None:
    if settings.rerank == "evidence":
        return EvidenceReranker(embedder, vectors, settings.rerank_weight)
    if settings.rerank == "lexical":
        return EvidenceReranker(None, None, settings.rerank_weight)
    if settings.rerank == "cross-encoder":
        assert settings.cross_encoder_path is not None  # checked by RetrievalSettings
        return CrossEncoderReranker(settings.cross_encoder_path, settings.rerank_weight)
    return None
