"""Turning passages into a checked Answer with any generator: draft, verify, state disagreement, and fall back
to the extractive answer (marked ``degraded``) when a model's draft cannot be verified or the model fails."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rag.answer.collection_talk import without_collection_talk
from rag.answer.evidence import SentenceVectors, candidates, relevance
from rag.answer.finalize import DECLINE, build_answer, declined
from rag.answer.focus import asks_about_what_is_not
from rag.answer.inventory import lead_for, listed
from rag.answer.mentions import article_lead, thing_mentioned
from rag.answer.verify import SAYS_NO_ANSWER, Verified, verify
from rag.claims.extract import typed
from rag.claims.kinds import asked
from rag.errors import GeneratorError
from rag.protocols import Generator, HasFallback, PromptVersioned
from rag.settings import AnswerSettings
from rag.telemetry import SILENT, Telemetry
from rag.types import Answer, Dropped, Passage

Event = tuple[str, Any]  # ("token", str) then ("answer", Answer)


class Answerer:
    def __init__(self, generator: Generator, vectors: SentenceVectors, settings: AnswerSettings,
                 telemetry: Telemetry = SILENT) -> None:
        self.generator = generator  # a model generator comes wrapped with its fallback (rag.generators.fallback)
        self.vectors = vectors
        self.settings = settings
        self.telemetry = telemetry

    def answer(self, question: str, passages: Sequence[Passage], debug: bool = False) -> Answer:
        return final_answer(self.stream(question, passages, debug))

    def stream(self, question: str, passages: Sequence[Passage], debug: bool = False) -> Iterator[Event]:
        """The answer to what the question asks of the world (rag/answer/collection_talk.py: "..., and do the
        articles agree?" read off); the Answer keeps the question as asked."""
        asked_as = without_collection_talk(question)
        for kind, value in self._stream(asked_as, passages, debug):
            if kind == "answer":
                value.question = question
                if debug and value.trace is not None and asked_as != question:
                    value.trace["question"]["read_as"] = asked_as
            yield kind, value

    def _stream(self, question: str, passages: Sequence[Passage], debug: bool = False) -> Iterator[Event]:
        timings: dict[str, float] = {}
        name = self.generator.name
        version = self.generator.prompt_version if isinstance(self.generator, PromptVersioned) else None
        backup = self.generator if isinstance(self.generator, HasFallback) else None
        if not passages:
            yield "answer", declined(question, generator=name)
            return
        start = time.perf_counter()
        pieces: list[str] = []
        failure: GeneratorError | None = None
        try:
            for piece in self.generator.stream(question, passages):
                pieces.append(piece)
                yield "token", piece
        except GeneratorError as exc:
            if backup is None or not backup.fallback_on_error:
                raise
            failure = exc
        timings["generate_ms"] = _ms(start)
        self.telemetry.observe("generate", timings["generate_ms"] / 1000)
        draft = "".join(pieces).strip()
        start = time.perf_counter()
        checked = verify(draft, passages, self.vectors, self.settings.verify_min_similarity)
        timings["verify_ms"] = _ms(start)
        self.telemetry.observe("verify", timings["verify_ms"] / 1000)
        if failure is None and backup is not None and checked.sentences:  # a model's draft, not the extractive one
            self._drop_off_question(question, passages, checked)
        if failure is None and checked.sentences and all(s.attributed for s in checked.sentences) \
                and not self._answerable(question, passages):  # quotes, but of nothing that answers
            checked.issues.append("every kept sentence was attributed, and no passage answers the question "
                                  "(the extractive bar, answer.min_support): not trusted")
            checked.sentences = []
        if failure is None and checked.sentences:
            answer = build_answer(question, checked, passages, self.vectors, name, version)
            self._lead_names(question, checked, passages, answer)
            lead = article_lead(question, [(c.id, c.doc_id, c.title) for c in answer.citations])
            if lead:  # "Which article reports that ...?": the articles by title first (rag/answer/mentions.py)
                answer.answer = f"{lead} {answer.answer}"
        elif failure is None and (draft == DECLINE or (SAYS_NO_ANSWER.search(draft) and not checked.sentences)):
            answer = declined(question, generator=name, prompt_version=version)
        elif backup is None:
            answer = declined(question)
        else:  # the model failed, or nothing it wrote survived verification: its fallback answers instead
            second = backup.fallback
            fallback = verify("".join(second.stream(question, passages)), passages, self.vectors,
                              self.settings.verify_min_similarity)
            answer = (build_answer(question, fallback, passages, self.vectors, second.name)
                      if fallback.sentences else declined(question))
            answer.degraded = True
            answer.generator = f"{second.name} (fallback from {name})"
        if debug:
            kinds = asked(question)
            thing = thing_mentioned(question)
            listing = listed(question)
            answer.trace = {"question": {"asks_for": list(kinds), "parser": "spacy" if typed() else "regex",
                                         "asks_what_is_not": asks_about_what_is_not(question),
                                         "scorer": f"which articles mention {thing!r}: each one's sentence naming it"
                                         if thing is not None else f"every {' or '.join(listing.kinds)} named in the passages in "
                                         f"scope: the fewest sentences naming them" if listing is not None
                                         else "typed claims" if kinds else
                                         "the answer kind could not be typed: meaning and shared terms only"},
                            "draft": draft, "dropped": [d.model_dump() for d in checked.dropped],
                            "attributed": [] if answer.degraded else _attributions(checked, passages, answer),
                            "draft_issues": checked.issues, "kept": 0 if answer.degraded else len(checked.sentences),
                            "generator_error": failure.message if failure else None, "timings_ms": timings}
        yield "answer", answer


    def _drop_off_question(self, question: str, passages: Sequence[Passage], checked: Verified) -> None:
        """Hold every kept model sentence to the bar the extractive answerer holds a passage sentence to: its
        evidence score for the question (meaning, the question's terms, the answer kind) at least
        ``answer.min_support``, or ``answer.typed_min_support`` when it holds a value of the kind asked about
        what is asked.

        Verification asks whether a passage says it; this asks whether it answers what was asked. A true
        sentence about something else is dropped, and its attribution with it.
        """
        scored = relevance(question, [(s.text, passages[s.passages[0] - 1]) for s in checked.sentences], passages,
                           self.vectors, self.vectors.embedder.embed_query(question))
        kept = []
        for sentence, c in zip(checked.sentences, scored):
            typed_answer = bool(asked(question)) and bool(c.shape_ok) and c.on_scope
            bar = self.settings.typed_min_support if typed_answer else self.settings.min_support
            if c.score >= bar:
                kept.append(sentence)
                continue
            name = "answer.typed_min_support" if typed_answer else "answer.min_support"
            checked.dropped.append(Dropped(sentence=sentence.text, reason=f"off the question (evidence score "
                                                                          f"{c.score:.2f} < {name} {bar})"))
            if sentence.attributed:
                checked.attributed = [a for a in checked.attributed if a.sentence != sentence.text]
        checked.sentences = kept

    def _lead_names(self, question: str, checked: Verified, passages: Sequence[Passage], answer: Answer) -> None:
        """A question for every name of a kind ("Which companies are mentioned?") is answered with the names
        first, each cited by the quoted sentence that names it (rag/answer/inventory.py)."""
        listing = listed(question)
        if listing is None:
            return
        ids = {c.chunk_id: c.id for c in answer.citations}
        quoted = [(s.text, ids[passages[s.passages[0] - 1].chunk_id], passages[s.passages[0] - 1])
                  for s in checked.sentences if passages[s.passages[0] - 1].chunk_id in ids]
        first = lead_for(listing, quoted, self.vectors)
        if first:
            answer.answer = f"{first} {answer.answer}"

    def _answerable(self, question: str, passages: Sequence[Passage]) -> bool:
        """Some passage sentence answers the question by the extractive answerer's bar (answer.min_support)."""
        pool = candidates(question, passages, self.vectors, self.vectors.embedder.embed_query(question))
        return bool(pool) and pool[0].score >= self.settings.min_support


def final_answer(events: Iterable[Event]) -> Answer:
    """Run a stream of events to its end; the Answer it ends with."""
    answer: Answer | None = None
    for kind, value in events:
        if kind == "answer":
            answer = value
    assert answer is not None, "the event stream ended without an answer"
    return answer


def _attributions(checked: Verified, passages: Sequence[Passage], answer: Answer) -> list[dict[str, Any]]:
    """Each sentence the verifier cited itself: the citation it got in the answer, and what the model wrote."""
    ids = {c.chunk_id: c.id for c in answer.citations}
    return [{"sentence": a.sentence, "citation": ids.get(passages[a.passage - 1].chunk_id),
             "doc_id": passages[a.passage - 1].doc_id, "model_cited": a.cited, "similarity": a.similarity,
             "how": "moved from a citation that failed the check" if a.cited else "added: the model gave no citation"}
            for a in checked.attributed]


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


__all__ = ["DECLINE", "Answerer", "Event"]
