"""The one place that wires settings into parts: embedder, store, retriever, generator, engine."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.extractive import ExtractiveGenerator
from rag.embedders import make_embedder
from rag.engine import Engine
from rag.errors import ConfigError
from rag.protocols import Embedder, Generator
from rag.retrieve import Retriever
from rag.settings import Settings
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
    retriever = Retriever(embedder, store)
    if settings.generator != "extractive":
        raise ConfigError(f"unknown generator {settings.generator!r}: set RAG_GENERATOR to 'extractive'")
    generator = ExtractiveGenerator(embedder, settings.answer)
    engine = Engine(retriever, generator, settings.retrieval.k)
    return Services(settings, embedder, store, retriever, generator, engine)
