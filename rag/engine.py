"""The one code path from a question to an Answer, shared by the API, the CLI and the eval suite."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from rag import conversation
from rag.answer import inventory, mentions
from rag.answer.answerer import Answerer, Event, final_answer
from rag.answer.collection_talk import without_collection_talk
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.finalize import declined
from rag.answer.guessed import asking, within
from rag.answer.mentions import thing_mentioned
from rag.answer.named_article import with_named_article
from rag.answer.said import saying
from rag.conversation import Reader
from rag.conversation.advice import advice_follow_up, advice_settings
from rag.conversation.described import DescribedGenerator, described_follow_up
from rag.conversation.entities import PERSON_PRONOUNS
from rag.conversation.on_topic import about_the_conversation, strays
from rag.conversation.support import answerable_reading, in_context
from rag.protocols import Condenser
from rag.retrieval.following import with_following
from rag.retrieval.other_side import widen
from rag.retrieval.retriever import Retriever
from rag.types import MAX_QUESTION_CHARS, Answer, AskRequest, ChatRequest, Filters, Passage, SearchRequest

NOTHING_MATCHES = "No indexed article matches the filters, so there is nothing to answer from."


class Engine:
    def __init__(self, retriever: Retriever, answerer: Answerer, default_k: int,
                 reader: Reader | None = None) -> None:
        self.retriever = retriever
        self.answerer = answerer
        self.default_k = default_k
        self.reader = reader or Reader(retriever.embedder)
        generator = answerer.generator
        self.condenser = generator if isinstance(generator, Condenser) else None
        self._advice_answerer: Answerer | None = None
        self._described_answerer: Answerer | None = None

    def search(self, request: SearchRequest) -> list[Passage]:
        return self.retriever.search(request.query, request.k or self.default_k, request.filters)

    def ask(self, request: AskRequest) -> Answer:
        return final_answer(self.stream(request))

    def chat(self, request: ChatRequest) -> Answer:
        return final_answer(self.chat_stream(request))

    def chat_stream(self, request: ChatRequest) -> Iterator[Event]:
        """("query", str), then the events of ``stream`` for the conversation's reading of its last turn.

        Every entry point (/v1/chat, the OpenAI endpoint, the page, Slack threads) comes through here.
        """
        start = time.perf_counter()
        reading = self._reading(request)
        rewrite_ms = round((time.perf_counter() - start) * 1000, 1)
        yield "query", reading.query
        start = time.perf_counter()
        passages, searched, cut = self._chat_passages(reading, request.k or self.default_k, request.filters)
        retrieve_ms = round((time.perf_counter() - start) * 1000, 1)
        chosen: list[tuple[str, str]] = []  # the question answered, and which reading it is
        # not the user's words (rag/answer/guessed.py): what a reference was read as, the modifiers a "what about" kept
        # (a person "he" or "she" was read as is whom the question asks about, held as a name typed is: not a guess)
        guesses = [*(r["read_as"] for r in reading.trace.get("resolved", []) if r["reference"].lower() not in PERSON_PRONOUNS),
                   *reading.trace.get("carried", [])]
        events = _read_from_part(within(guesses, self._on_topic(request, reading, passages, searched, retrieve_ms,
                                                                chosen)), cut)
        if reading.trace.get("asked"):  # "what about X?": X is what the turn asks (rag/answer/guessed.py)
            events = asking(reading.trace["asked"], events)
        if reading.rule == "more":  # "Tell me more": past what the last answer quoted (rag/answer/said.py)
            events = saying(reading.cited, events)
        for kind, value in events:
            if kind == "answer":
                value.question = request.messages[-1].content.strip()
                value.query = reading.query
                if request.debug and value.trace is not None:
                    question, support = chosen[-1]
                    value.trace["query"] = {**reading.trace, **searched, "entities": reading.entities, "topic": reading.topic,
                                            "answered": question, "support": support}
                    value.trace["timings_ms"]["rewrite_ms"] = rewrite_ms
            yield kind, value

    def chat_search(self, request: ChatRequest) -> list[Passage]:
        """The passages a conversation's last turn is answered from, ranked, without answering: what ``search`` is
        to ``ask`` (the eval ranks them to the same depth as a single question's)."""
        return self._chat_passages(self._reading(request), request.k or self.default_k, request.filters)[0]

    def _reading(self, request: ChatRequest) -> conversation.Reading:
        """The conversation's reading of its last turn (its standalone question, at most MAX_QUESTION_CHARS)."""
        reading = self.reader.read(request.messages, self.condenser)
        reading.query = reading.query[:MAX_QUESTION_CHARS]
        return reading

    def _chat_passages(self, reading: conversation.Reading, k: int,
                       filters: Filters | None) -> tuple[list[Passage], dict[str, Any], bool]:
        """The k passages for the conversation's reading, what was searched (for the trace), and whether a list
        question's scope was cut."""
        listing = inventory.listed(reading.query)  # "Which companies are mentioned?": every passage in scope
        if listing is not None:
            passages, cut = self._listed(reading.query, listing, filters)
            return passages, {"listed": f"every {' or '.join(listing.kinds)} named in the passages in scope"}, cut
        passages, searched = conversation.search(self.retriever, reading, k, filters)
        # the other side of a possible disagreement, searched as /v1/ask searches it (rag/retrieval/other_side.py)
        return widen(self.retriever, without_collection_talk(reading.query), passages, k, filters), searched, False

    def _on_topic(self, request: ChatRequest, reading: conversation.Reading, passages: list[Passage],
                  searched: dict[str, Any], retrieve_ms: float, chosen: list[tuple[str, str]]) -> Iterator[Event]:
        """The answer in context; an extractive answer that cites passages about something else than the
        conversation (only those, or some beside others) is given again from the other passages, or declined
        (rag/conversation/on_topic.py)."""
        off = searched.get("off_topic") or []
        if not off or self.answerer.generator.name != "extractive":
            yield from self._in_context(request, reading, passages, retrieve_ms, chosen)
            return
        events = list(self._in_context(request, reading, passages, retrieve_ms, chosen))
        cited = [c.chunk_id for c in events[-1][1].citations]
        if strays(cited, off) or set(cited) & set(off):
            # all of it about something else, or some: a close other document quoted beside the answer
            # (rag/answer/descriptive.py, ``seconded``) must be about the conversation too
            kept = about_the_conversation(passages, off)
            events = [("passages", passages) if kind == "passages" else (kind, value)
                      for kind, value in self._in_context(request, reading, kept, retrieve_ms, chosen)]
            searched["set_aside"] = ("the answer cited only passages about something else; answered without them"
                                     if strays(cited, off) else
                                     "the answer cited passages about something else too; answered without them")
        yield from events

    def _in_context(self, request: ChatRequest, reading: conversation.Reading, passages: list[Passage],
                    retrieve_ms: float, chosen: list[tuple[str, str]]) -> Iterator[Event]:
        """The answer to the standalone question; a follow-up it declines is tried once more with the
        conversation's topic (rag/conversation/support.py). The extractive answerer's events are held until its
        answer is known (it writes nothing before it has chosen); a model's question is checked before it starts."""
        def answer(question: str, support: str, answerer: Answerer | None = None) -> Iterator[Event]:
            chosen.append((question, support))
            ask = AskRequest.model_construct(question=question, k=request.k, filters=request.filters,
                                             stream=request.stream, debug=request.debug)
            return self._answer(ask, passages, retrieve_ms, answerer)

        vectors, settings = self.answerer.vectors, self.answerer.settings
        if in_context(reading) is None:
            yield from answer(reading.query, "standalone")
        elif self.answerer.generator.name != "extractive":
            yield from answer(*answerable_reading(reading, passages, vectors, settings))
        else:
            events = list(answer(reading.query, "standalone"))
            if not events[-1][1].grounded:
                question, support = answerable_reading(reading, passages, vectors, settings)
                events = list(answer(question, support)) if question != reading.query else events
                chosen.append((question, support))
            if not events[-1][1].grounded and advice_follow_up(reading):  # rag/conversation/advice.py
                events = list(answer(reading.query, "standalone, by the bar of a question about the asker's own "
                                                    "case (said earlier)", self._advice()))
            if not events[-1][1].grounded and described_follow_up(reading):  # rag/conversation/described.py
                events = list(answer(reading.query, "standalone, judged as a description (no value of the kind "
                                                    "asked)", self._described()))
            yield from events

    def stream(self, request: AskRequest) -> Iterator[Event]:
        """("passages", [Passage]), then ("token", str)..., then ("answer", Answer)."""
        start = time.perf_counter()
        k = request.k or self.default_k
        query = without_collection_talk(request.question)  # "..., and do the articles agree?": not search terms
        thing = thing_mentioned(query)  # "Which articles mention Lynas?": searched by "Lynas", more widely
        listing = inventory.listed(query)  # "Which companies are mentioned?": read from every passage in scope
        cut = False
        if thing is not None:
            passages = self.retriever.search(thing, max(k, mentions.SEARCHED), request.filters)
        elif listing is not None:
            passages, cut = self._listed(query, listing, request.filters)
        else:
            passages = widen(self.retriever, query, self.retriever.search(query, k, request.filters), k, request.filters)
        retrieve_ms = round((time.perf_counter() - start) * 1000, 1)
        yield from _read_from_part(self._answer(request, passages, retrieve_ms), cut)

    def _listed(self, query: str, listing: inventory.Listing, filters: Filters | None) -> tuple[list[Passage], bool]:
        """The passages holding the names a list question asks for, read from every passage in scope
        (rag/answer/inventory.py), and whether the scope was larger than what was read."""
        with self.retriever.telemetry.stage("retrieve"):
            return inventory.read(self.retriever.store, self.answerer.vectors, self.retriever.embedder.embed_query(query),
                                  filters, listing)

    def _advice(self) -> Answerer:
        """The extractive answerer judging a descriptive question by the bar of advice questions."""
        if self._advice_answerer is None:
            settings = advice_settings(self.answerer.settings)
            generator = ExtractiveGenerator(self.retriever.embedder, settings, self.answerer.vectors)
            self._advice_answerer = Answerer(generator, self.answerer.vectors, settings, self.answerer.telemetry)
        return self._advice_answerer

    def _described(self) -> Answerer:
        """The extractive answerer judging a typed question as a description (rag/conversation/described.py)."""
        if self._described_answerer is None:
            settings = self.answerer.settings
            generator = DescribedGenerator(self.retriever.embedder, settings, self.answerer.vectors)
            self._described_answerer = Answerer(generator, self.answerer.vectors, settings, self.answerer.telemetry)
        return self._described_answerer

    def _answer(self, request: AskRequest, passages: list[Passage], retrieve_ms: float,
                answerer: Answerer | None = None) -> Iterator[Event]:
        yield "passages", passages
        if not passages and request.filters is not None and request.filters.active():
            yield "answer", declined(request.question, NOTHING_MATCHES)
            return
        answerer = answerer or self.answerer
        read = passages
        if isinstance(answerer.generator, ExtractiveGenerator):  # the paragraph after the best passages too
            read = with_following(self.retriever.store, passages)  # (rag/retrieval/following.py)
            # and the rest of the one article the question names (rag/answer/named_article.py)
            read = with_named_article(self.retriever.store, request.question, read)
        for kind, value in answerer.stream(request.question, read, debug=request.debug):
            if kind == "answer" and request.debug and value.trace is not None:
                value.trace["timings_ms"]["retrieve_ms"] = retrieve_ms
                value.trace["passages"] = [p.model_dump(include={"doc_id", "chunk_id", "title", "score", "scores"})
                                           for p in passages]
            yield kind, value


def _read_from_part(events: Iterator[Event], cut: bool) -> Iterator[Event]:
    """A list answer read from only the passages nearest the question says so."""
    for kind, value in events:
        if kind == "answer" and cut and value.grounded:
            value.answer += f" (Read from the {inventory.SCANNED} passages nearest the question, not every one.)"
        yield kind, value
