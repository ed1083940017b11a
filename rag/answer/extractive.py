"""The default answerer: quotes the sentences that best answer the question, each cited; needs no model."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rag.answer.claims import extract, kinds_asked
from rag.answer.evidence import Candidate, SentenceVectors, candidates
from rag.answer.finalize import DECLINE
from rag.citations import cite
from rag.protocols import Embedder
from rag.settings import AnswerSettings
from rag.types import Passage


def _adds_nothing(a: Candidate, b: Candidate) -> bool:
    """True when sentence ``a`` says nothing that ``b`` does not (a repeat, or a shorter copy).

    Two near-identical sentences that differ in a name or a figure are not repeats: they disagree.
    """
    return a.terms <= b.terms and a.numbers <= b.numbers


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, embedder: Embedder, settings: AnswerSettings, vectors: SentenceVectors | None = None) -> None:
        self.embedder = embedder
        self.settings = settings
        self._vectors = vectors or SentenceVectors(embedder)

    def rank(self, question: str, passages: Sequence[Passage]) -> list[Candidate]:
        return candidates(question, passages, self._vectors, self.embedder.embed_query(question))

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        """A draft citing passages by number: each quoted sentence followed by its passage's [n]."""
        pool = self.rank(question, passages)
        if not pool or pool[0].score < self.settings.min_support:
            yield DECLINE
            return
        number = {p.chunk_id: i for i, p in enumerate(passages, start=1)}
        for i, candidate in enumerate(self.select(question, pool)):
            yield (" " if i else "") + cite(candidate.text, number[candidate.passage.chunk_id])

    def select(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        """The best sentence, then the next best that add something, preferring other articles.

        A sentence from an article not yet quoted is preferred, so that when articles give different
        figures for the same thing, the reader sees each of them.
        """
        best = pool[0]
        floor = max(self.settings.min_support, self.settings.keep_within * best.score)
        chosen = [best]
        rest = [c for c in pool[1:] if c.score >= floor]
        while rest and len(chosen) < self.settings.max_sentences:
            docs = {c.passage.doc_id for c in chosen}
            pick = max(rest, key=lambda c: c.score - (0.1 if c.passage.doc_id in docs else 0.0))
            rest.remove(pick)
            if any(_adds_nothing(pick, c) for c in chosen):
                continue
            if best.numbers and pick.passage.doc_id in docs and not (pick.numbers - best.numbers):
                continue  # same article, no new figure: adds length, not information
            if best.units and pick.units and not (pick.units & best.units):
                continue  # a figure of another measure (the cost, when the volume was asked)
            chosen.append(pick)
        return chosen + self._other_figures(question, pool, chosen) + self._other_names(question, pool, chosen)

    def _other_figures(self, question: str, pool: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
        """When the answer is a figure, the best sentence of each other article that gives a different one
        for the same measure (the same unit: '%', '$', 'cubic metres', 'days').

        Articles disagree (70% of output vs 85-90% of processing; 90 days vs one year); quoting only
        the top-scoring figure would pick a side silently.
        """
        best = chosen[0]
        if not best.numbers or best.shape_ok is False:
            return []
        asked = kinds_asked(question)
        # A figure of the very kind asked for (a share, a duration, money) is evidence enough at a lower bar.
        floor = self.settings.conflict_within * best.score
        if not asked:
            floor = max(self.settings.min_support, floor)
        docs = {c.passage.doc_id for c in chosen}
        figures = set().union(*(c.numbers for c in chosen))
        extra: list[Candidate] = []
        for candidate in pool:
            if len(extra) >= self.settings.max_conflicting or candidate.score < floor:
                break
            same_measure = _answers(candidate, asked) if asked else bool(candidate.units & best.units)
            if (candidate.passage.doc_id in docs or not candidate.numbers or candidate.shape_ok is False
                    or not (candidate.numbers - figures) or not same_measure):
                continue
            extra.append(candidate)
            docs.add(candidate.passage.doc_id)
            figures |= candidate.numbers
        return extra


    def _other_names(self, question: str, pool: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
        """For who/which questions, the best sentence of each other article that names someone else.

        "Who won?" answered by one article with one name and by another with a different one is the same
        disagreement as two figures; quoting only the top sentence would pick a side silently.
        """
        best = chosen[0]
        if not _WHO.search(question) or best.shape_ok is False:
            return []
        asked = set(_names(question, ""))
        named = set().union(*(_names(c.text, question) for c in chosen))
        if not named:
            return []
        floor = self.settings.conflict_within * best.score
        docs = {c.passage.doc_id for c in chosen}
        extra: list[Candidate] = []
        for candidate in pool:
            if len(extra) >= self.settings.max_conflicting or candidate.score < floor:
                break
            others = set(_names(candidate.text, question)) - named - asked
            if candidate.passage.doc_id in docs or candidate.shape_ok is False or not others:
                continue
            extra.append(candidate)
            docs.add(candidate.passage.doc_id)
            named |= others
        return extra


_WHO = re.compile(r"^\s*(?:who|whom|whose|which (?:person|player|team|country|city|company|actor|actress|director|author|film|movie))\b",
                  re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’.-]*[a-z][\w'’-]*|de|van|von|da|bin))*")


def _names(text: str, question: str) -> list[str]:
    """Capitalized names in a sentence that the question does not already contain."""
    taken = question.lower()
    return [m.group(0) for m in _NAME.finditer(text)
            if m.start() > 0 and m.group(0).lower() not in taken and len(m.group(0)) > 2]


def _answers(candidate: Candidate, kinds: set[str]) -> bool:
    """The sentence gives a figure of the kind asked (a share, a duration, money)."""
    return bool(extract(candidate.text, kinds))
