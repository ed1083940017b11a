"""Declines in context: a follow-up is declined only when no passage supports it under its reading in the
conversation, not because the bare turn matched nothing.

When no retrieved sentence answers the standalone question by the extractive answerer's bar, the question is
read once more with the conversation's most salient names (or, without names, the key terms of the previous
user turns): "Designate into a trust" after turns about an inheritance's taxes is answered as "Designate into
a trust (tax, inheritance)?". The first reading that some passage supports is answered; when none is, the
standalone question is declined as before. First turns have no context and are answered as typed.

Measured with `rag eval` (README, "Where the misses come from"), follow-ups before → after this and the
reading fixes of the same change: MTRAG human subset
answerable declined 0.288 → 0.258, an expected source cited 0.538 → 0.545, unanswerable declined 0.4 → 0.4;
rare-earth conversations declined 0.10 → 0.05, source cited 0.85 → 0.90, facts and unanswerable unchanged.
Letting the qualified question quote any sentence declined fewer still, but quoted sentences that only name
the topic, so the topic may only confirm the standalone question's own best sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer.compounds import joined
from rag.answer.descriptive import descriptive, judge
from rag.answer.evidence import Candidate, SentenceVectors, _prefix_match, candidates
from rag.claims.kinds import asked
from rag.conversation.reader import Reading
from rag.settings import AnswerSettings
from rag.text import content_terms
from rag.types import Passage

MAX_NAMES = 2


def best(question: str, passages: Sequence[Passage], vectors: SentenceVectors,
         settings: AnswerSettings) -> tuple[Candidate | None, bool]:
    """The sentence the extractive answerer would quote first, and whether it clears the answerer's bar
    (answer.min_support, or answer.typed_min_support for a sentence holding a value of the kind asked)."""
    query_vector = vectors.embedder.embed_query(question)
    pool = candidates(question, passages, vectors, query_vector) if passages else []
    if not asked(question) and descriptive(question):  # judged a passage at a time, as the answerer does
        top, supported = judge(question, pool, vectors, query_vector, settings)
        return (top.best, supported) if top is not None else (None, False)
    if asked(question):
        pool = [c for c in pool if c.shape_ok and c.on_scope]
        return (pool[0], pool[0].score >= settings.typed_min_support) if pool else (None, False)
    return (pool[0], pool[0].score >= settings.min_support) if pool else (None, False)


def confirms(question: str, first: Candidate, second: Candidate) -> bool:
    """Whether the qualified question's pick ``second`` is what the standalone question ranked first: the same
    sentence, or for a descriptive question (judged a passage at a time) the same document, whichever of its
    chunks the window sits in. (MTRAG, `rag eval`: the same passage gave one more follow-up citing an expected
    passage, one fewer declined, no unanswerable one answered; the same document one more again, "How to
    scripts sprite?" answered from the next chunk of the page its standalone reading ranked first.)"""
    if second.text == first.text:
        return True
    return not asked(question) and descriptive(question) and second.passage.doc_id == first.passage.doc_id


def own_ground(question: str, topic: Sequence[str], second: Candidate) -> bool:
    """Whether the qualified descriptive question's pick ``second`` stands on the turn's own words: its
    sentence holds a content word of the standalone question that the conversation's topic does not say
    ("Choose the Mars fetch rover sprite image" for "How to script sprites?" after turns about a Mars game),
    so it does not merely name the topic."""
    if asked(question) or not descriptive(question):
        return False
    said = {t for name in topic for t in content_terms(name)}
    own = [t for t in content_terms(question) if t not in said]
    held = second.terms | second.context
    held |= joined(content_terms(question), held)
    return any(_prefix_match(t, held) for t in own)


def in_context(reading: Reading) -> str | None:
    """The standalone question qualified by what the conversation is about, or None for a first turn."""
    names = (reading.entities or reading.topic)[:MAX_NAMES]
    if not names:
        return None
    return f"{reading.query.rstrip(' ?.!')} ({', '.join(names)})?"


def answerable_reading(reading: Reading, passages: Sequence[Passage], vectors: SentenceVectors,
                       settings: AnswerSettings) -> tuple[str, str]:
    """The question to answer from the passages, and which reading it is (for the trace).

    The conversation's topic may only confirm the sentence the standalone question ranks first: when the
    qualified question would quote another sentence (one that merely names the topic), the standalone
    question is answered, and declined, as before.
    """
    qualified = in_context(reading)
    if qualified is None:
        return reading.query, "standalone"
    first, enough = best(reading.query, passages, vectors, settings)
    if enough or first is None:
        return reading.query, "standalone"
    second, confirmed = best(qualified, passages, vectors, settings)
    names = (reading.entities or reading.topic)[:MAX_NAMES]
    if confirmed and second is not None and (confirms(reading.query, first, second)
                                             or own_ground(reading.query, names, second)):
        return qualified, "with the conversation's topic (the standalone question's best sentence, below the bar alone)"
    return reading.query, "standalone (the conversation's topic does not support its best sentence either)"
