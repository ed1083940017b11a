"""The one code path from a question to an Answer, shared by the API, the CLI and the eval suite."""

from __future__ import annotations

from rag.answer.extractive import declined
from rag.protocols import Generator
from rag.retrieval.retriever import Retriever
from rag.types import Answer, AskRequest, Passage, SearchRequest

NOTHING_MATCHES = "No indexed article matches the filters, so there is nothing to answer from."


class Engine:
    def __init__(self, retriever: Retriever, generator: Generator, default_k: int) -> None:
        self.retriever = retriever
        self.generator = generator
        self.default_k = default_k

    def search(self, request: SearchRequest) -> list[Passage]:
        return self.retriever.search(request.query, request.k or self.default_k, request.filters)

    def ask(self, request: AskRequest) -> Answer:
        passages = self.retriever.search(request.question, request.k or self.default_k, request.filters)
        if not passages and request.filters is not None and request.filters.active():
            return declined(request.question, NOTHING_MATCHES)
        return self.generator.generate(request.question, passages)
