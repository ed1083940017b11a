"""An answer whose best sentence states the ground ("... depends on careful chemistry and skilled staff") quotes the
next sentence of its passage when that one says what the question asks and the best one leaves out ("The process
relies on feldspar and iron oxide to colour individual tiles", asked what is used to colour individual tiles):
rag/answer/extractive.py, ``_continued``. Sentences are this test's own."""

from __future__ import annotations

import pytest

from rag.answer.evidence import Candidate
from rag.answer.extractive import CONTINUED_WITHIN, _continued
from rag.text import content_terms
from tests.rag.answerers import passage

GROUND = "Glazing tiles at scale depends on careful chemistry, hot kilns and skilled staff."
DETAIL = "The process relies on feldspar and iron oxide to colour individual tiles evenly."
LATER = "Orders rose last year as builders used more individual colours."
TEXT = passage("glaze", " ".join([GROUND, DETAIL, LATER]))
QUESTION = "What is used to colour individual tiles evenly?"


def _candidate(text: str, score: float) -> Candidate:
    return Candidate(text=text, passage=TEXT, rank=0, terms=set(content_terms(text)), score=score)


def test_the_next_sentence_saying_what_is_asked_is_quoted() -> None:
    best, detail = _candidate(GROUND, 0.60), _candidate(DETAIL, 0.45)
    assert _continued(QUESTION, [best], [best, detail]) == [detail]


def test_not_far_below_the_best() -> None:
    best, detail = _candidate(GROUND, 0.60), _candidate(DETAIL, 0.60 * CONTINUED_WITHIN - 0.01)
    assert _continued(QUESTION, [best], [best, detail]) == []


def test_only_the_next_sentence() -> None:
    """The sentence after the next one holds the question's words too, but does not continue the best one."""
    best, later = _candidate(GROUND, 0.60), _candidate(LATER, 0.55)
    assert _continued(QUESTION, [best], [best, later]) == []


@pytest.mark.parametrize("question", [
    "What depends on careful chemistry and kilns?",  # the next sentence holds none of what the best one lacks
    "Which staff colour tiles?",  # one word only
    "How are individual tiles coloured?",  # two words: not enough
])
def test_not_when_it_adds_nothing_asked(question: str) -> None:
    best, detail = _candidate(GROUND, 0.60), _candidate(DETAIL, 0.50)
    assert _continued(question, [best], [best, detail]) == []


def test_not_twice() -> None:
    best, detail = _candidate(GROUND, 0.60), _candidate(DETAIL, 0.50)
    assert _continued(QUESTION, [best, detail], [best, detail]) == []
