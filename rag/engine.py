"""The one code path from a question to an Answer, shared by the API, the CLI and the eval suite."""

from __future__ import annotations

import time
from collections.abc import Iterator

from rag.answer.answerer import Answerer, Event
from rag.answer.finalize import declined
from rag.retrieval.retriever import Retriever
from rag.types import Answer, AskRequest, Passage, SearchRequest

NOTHING_MATCHES = "No indexed article matches the filters, so there is nothing to answer from."


class Engine:
    def __init__(self, retriever: Retriever, answerer: Answerer, default_k: int) -> None:
        self.retriever = retriever
        self.answerer = answerer
        self.default_k = default_k

    def search(self, request: SearchRequest) -> list[Passage]:
        return self.retriever.search(request.query, request.k or self.default_k, request.filters)

    def ask(self, request: AskRequest) -> Answer:
        answer: Answer | None = None
        for kind, value in self.stream(request):
            if kind == "answer":
                answer = value
        assert answer is not None
        return answer

    def stream(self, request: AskRequest) -> Iterator[Event]:
        """("passages", [Passage]), then ("token", str)..., then ("answer", Answer)."""
        start = time.perf_counter()
        passages = self.retriever.search(request.question, request.k or self.default_k, request.filters)
        retrieve_ms = round((time.perf_counter() - start) * 1000, 1)
        yield "passages", passages
        if not passages and request.filters is not None and request.filters.active():
            yield "answer", declined(request.question, NOTHING_MATCHES)
            return
        for kind, value in self.answerer.stream(request.question, passages, debug=request.debug):
            if kind == "answer" and request.debug and value.trace is not None:
                value.trace["timings_ms"]["retrieve_ms"] = retrieve_ms
                value.trace["passages"] = [p.model_dump(include={"doc_id", "chunk_id", "title", "score", "scores"})
                                           for p in passages]
            yield kind, value
