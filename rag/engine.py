"""The one code path from a question to an Answer, shared by the API, the CLI and the eval suite."""

from __future__ import annotations

from rag.protocols import Generator
from rag.retrieve import Retriever
from rag.types import Answer, AskRequest, Passage, SearchRequest


class Engine:
    def __init__(self, retriever: Retriever, generator: Generator, default_k: int) -> None:
        self.retriever = retriever
        self.generator = generator
        self.default_k = default_k

    def search(self, request: SearchRequest) -> list[Passage]:
        return self.retriever.search(request.query, request.k or self.default_k)

    def ask(self, request: AskRequest) -> Answer:
        passages = self.retriever.search(request.question, request.k or self.default_k)
        return self.generator.generate(request.question, passages)
