"""Helpers for conversation tests: an engine over a few small articles, and a chat of alternating turns."""

from __future__ import annotations

from pathlib import Path

from rag.engine import Engine
from rag.protocols import Embedder
from rag.services import build_services
from rag.settings import Settings
from rag.types import Answer, ChatMessage, ChatRequest


def engine_over(articles: dict[str, str], corpus: Path, index_dir: Path, embedder: Embedder) -> Engine:
    """A real engine (store, retrieval, extractive answerer) over the articles, each a file name and its text."""
    from index.files import index_paths
    from rag.indexing.chunker import Chunker
    from rag.indexing.indexer import Indexer

    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings.load(index_dir=index_dir)
    services = build_services(settings, embedder=embedder)
    index_paths(Indexer(services.store, embedder, Chunker(settings.chunking.size, settings.chunking.overlap)), [corpus])
    return services.engine


def conversation(*turns: str) -> list[ChatMessage]:
    """The messages of ``turns``, which alternate user and assistant, the user first."""
    return [ChatMessage(role="user" if i % 2 == 0 else "assistant", content=t) for i, t in enumerate(turns)]


def chat(engine: Engine, *turns: str) -> Answer:
    """The answer to the last of ``turns``, which alternate user and assistant, the user first."""
    return engine.chat(ChatRequest(messages=conversation(*turns), debug=True))
