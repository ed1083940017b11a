"""The one place that wires settings into parts: embedder, store, retriever, generator, answerer, engine."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.conversation import Reader
from rag.embedders import make_embedder
from rag.engine import Engine
from rag.generators import EXTRACTIVE, make_generator
from rag.generators.fallback import WithFallback
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.indexing.sentences import SentenceBuilder
from rag.protocols import Embedder, Generator, Store
from rag.retrieval.rerank import CrossEncoderReranker, EvidenceReranker, Reranker
from rag.retrieval.retriever import Retriever
from rag.settings import RetrievalSettings, Settings
from rag.stores import make_store
from rag.telemetry import SILENT, Telemetry


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    store: Store
    retriever: Retriever
    generator: Generator
    answerer: Answerer
    engine: Engine
    indexer: Indexer


def build_services(settings: Settings, embedder: Embedder | None = None,
                   generator: Generator | None = None, telemetry: Telemetry = SILENT) -> Services:
    """Build every part from settings; pass ``embedder`` to share one loaded model between indexes,
    ``generator`` to use one built elsewhere (tests), and ``telemetry`` to receive the time of each stage."""
    minilm = settings.minilm
    if settings.indexing.sentence_vectors == "pooled" and minilm.document_backend == "auto":
        minilm = minilm.model_copy(update={"document_backend": "onnx"})  # pooling reads the ONNX pass's tokens
    embedder = embedder or make_embedder(settings.embedder, minilm)
    store = make_store(settings, embedder.id, embedder.dim)
    # Sentence embeddings and claims shared by reranking, answering and verification: read from the store's
    # sentence rows where it has them, computed (and cached) where not.
    vectors = SentenceVectors(embedder, store=store)
    extractive = ExtractiveGenerator(embedder, settings.answer, vectors)
    if generator is None:
        generator = extractive if settings.generator == EXTRACTIVE else make_generator(settings, embedder)
    retriever = Retriever(embedder, store, settings.retrieval, make_reranker(settings.retrieval, embedder, vectors),
                          telemetry=telemetry)
    drafter = generator if generator is extractive else WithFallback(generator, extractive, settings.answer.fallback)
    answerer = Answerer(drafter, vectors, settings.answer, telemetry=telemetry)
    engine = Engine(retriever, answerer, settings.retrieval.k, Reader(embedder, telemetry=telemetry))
    indexer = Indexer(store, embedder, Chunker(settings.chunking.size, settings.chunking.overlap),
                      settings.indexing.batch_documents, settings.indexing.syndication_threshold,
                      sentences=SentenceBuilder(embedder, settings.indexing.sentence_vectors == "pooled",
                                                settings.indexing.chunk_vectors == "sentences"))
    return Services(settings, embedder, store, retriever, generator, answerer, engine, indexer)


def make_reranker(settings: RetrievalSettings, embedder: Embedder, vectors: SentenceVectors) -> Reranker | None:
    if settings.rerank == "evidence":
        return EvidenceReranker(embedder, vectors, settings.rerank_weight)
    if settings.rerank == "lexical":
        return EvidenceReranker(None, None, settings.rerank_weight)
    if settings.rerank == "cross-encoder":
        assert settings.cross_encoder_path is not None  # checked by RetrievalSettings
        return CrossEncoderReranker(settings.cross_encoder_path, settings.rerank_weight)
    return None
