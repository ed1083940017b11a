"""The default answerer: quotes the sentences that best answer the question, each cited; needs no model."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer.evidence import Candidate, SentenceVectors, candidates
from rag.citations import compose
from rag.protocols import Embedder
from rag.settings import AnswerSettings
from rag.types import Answer, Passage

DECLINE = "The indexed articles do not answer this question."


def declined(question: str, reason: str = DECLINE) -> Answer:
    return Answer(question=question, answer=reason, grounded=False, citations=[])


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

    def generate(self, question: str, passages: Sequence[Passage]) -> Answer:
        pool = self.rank(question, passages)
        if not pool or pool[0].score < self.settings.min_support:
            return declined(question)
        return compose(question, self.select(pool))

    def select(self, pool: list[Candidate]) -> list[Candidate]:
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
            chosen.append(pick)
        return chosen + self._other_figures(pool, chosen)

    def _other_figures(self, pool: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
        """When the answer is a figure, the best sentence of each other article that gives a different one
        for the same measure (the same unit: '%', '$', 'cubic metres', 'days').

        Articles disagree (70% of output vs 85-90% of processing; 90 days vs one year); quoting only
        the top-scoring figure would pick a side silently.
        """
        best = chosen[0]
        if not best.numbers or best.shape_ok is False:
            return []
        floor = max(self.settings.min_support, self.settings.conflict_within * best.score)
        docs = {c.passage.doc_id for c in chosen}
        figures = set().union(*(c.numbers for c in chosen))
        extra: list[Candidate] = []
        for candidate in pool:
            if len(extra) >= self.settings.max_conflicting or candidate.score < floor:
                break
            if (candidate.passage.doc_id in docs or not candidate.numbers or candidate.shape_ok is False
                    or not (candidate.numbers - figures) or not (candidate.units & best.units)):
                continue
            extra.append(candidate)
            docs.add(candidate.passage.doc_id)
            figures |= candidate.numbers
        return extra
