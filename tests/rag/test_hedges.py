"""A hedging adverb ("mainly", "actually", "typically") stresses what a question asks without changing its form
(rag/text.py, ``HEDGES``): "What is cobalt mainly used for?" asks what "What is cobalt used for?" asks, a
description judged a passage at a time (rag/answer/descriptive.py). Sentences are this test's own."""

from __future__ import annotations

import pytest

from rag.answer.descriptive import descriptive
from rag.text import without_hedges
from tests.rag.answerers import extractive_answerer, passage

USES = passage("uses", "Restricted Inputs and What They Do:\n"
                       "Each restricted metal has uses that factories find hard to replace:\n"
                       "- Cobalt: Vital for battery cathodes, jet turbine blades and magnetic alloys\n"
                       "- Tungsten: Used for cutting tools, armour-piercing rounds and lamp filaments\n"
                       "- Indium: Found in touch screens and thin-film solar panels\n"
                       "The paused export rules covered cobalt, tungsten, indium and several other metals, all of "
                       "them important to heavy industry.")


def test_the_hedges_of_a_question_are_taken_out() -> None:
    assert without_hedges("What is cobalt mainly used for?") == "What is cobalt used for?"
    assert without_hedges("Which company Actually owns the freighter?") == "Which company owns the freighter?"
    assert without_hedges("Who owns it?") == "Who owns it?"


@pytest.mark.parametrize("question", [
    "What is cobalt mainly used for?",
    "What are magnets typically used for?",
    "What is indium really used in?",
])
def test_the_form_is_read_without_the_hedge(question: str) -> None:
    assert descriptive(question) == descriptive(without_hedges(question))
    assert descriptive(question)


def test_a_hedged_question_of_use_is_answered_by_the_use(minilm) -> None:  # type: ignore[no-untyped-def]
    answerer = extractive_answerer(minilm)
    answer = answerer.answer("What is cobalt mainly used for?", [USES])
    assert "battery cathodes" in answer.answer
    assert answer.answer == answerer.answer("What is cobalt used for?", [USES]).answer
