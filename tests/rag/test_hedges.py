"""A hedging adverb ("mainly", "actually", "typically") stresses what a question asks without adding to it: a
sentence answering the question rarely repeats it, so it asks nothing of the sentence (rag/text.py, ``HEDGES``;
a light term in rag/answer/evidence.py and rag/answer/descriptive.py), and the question's form is read without it
("What is cobalt mainly used for?" asks what "What is cobalt used for?" asks). Sentences are this test's own."""

from __future__ import annotations

import pytest

from rag.answer.descriptive import descriptive, windows
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.settings import AnswerSettings
from rag.text import hedge_terms, without_hedges
from tests.rag.answerers import extractive_answerer, passage

USES = passage("uses", "Restricted Inputs and What They Do:\n"
                       "Each restricted metal has uses that factories find hard to replace:\n"
                       "- Cobalt: Vital for battery cathodes, jet turbine blades and magnetic alloys\n"
                       "- Tungsten: Used for cutting tools, armour-piercing rounds and lamp filaments\n"
                       "- Indium: Found in touch screens and thin-film solar panels\n"
                       "The paused export rules covered cobalt, tungsten, indium and several other metals, all of "
                       "them important to heavy industry.")
OWNER = passage("owner", "The freighter Morning Lark is owned by Halvorsen Shipping, a family firm based in Bergen. "
                         "It was chartered last year by a grain trader.")


@pytest.fixture(scope="module")
def generator(minilm) -> ExtractiveGenerator:  # type: ignore[no-untyped-def]
    return ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))


def test_the_hedges_of_a_question_are_found() -> None:
    assert hedge_terms("Which company actually owns the freighter?") == {"actually"}
    assert hedge_terms("What is cobalt Mainly used for?") == {"mainly"}
    assert hedge_terms("Which company owns the freighter?") == frozenset()
    assert without_hedges("What is cobalt mainly used for?") == "What is cobalt used for?"
    assert without_hedges("Who owns it?") == "Who owns it?"


@pytest.mark.parametrize("question", [
    "What is cobalt mainly used for?",
    "What are magnets typically used for?",
    "What is indium really used in?",
])
def test_the_form_is_read_without_the_hedge(question: str) -> None:
    assert descriptive(question) == descriptive(without_hedges(question))
    assert descriptive(question)


def test_a_hedge_asks_nothing_of_a_sentence(generator: ExtractiveGenerator) -> None:
    plain = generator.rank("Which company owns the Morning Lark?", [OWNER])[0]
    hedged = generator.rank("Which company actually owns the Morning Lark?", [OWNER])[0]
    assert hedged.text == plain.text
    assert hedged.coverage == pytest.approx(plain.coverage)


def test_a_hedge_asks_nothing_of_a_window(generator: ExtractiveGenerator) -> None:
    question = "What is cobalt mainly used for?"
    hedged = windows(question, generator.rank(question, [USES]), None, None)[0]
    plain = windows(without_hedges(question), generator.rank(without_hedges(question), [USES]), None, None)[0]
    assert hedged.coverage == pytest.approx(plain.coverage)


def test_a_hedged_question_of_use_is_answered_by_the_use(minilm) -> None:  # type: ignore[no-untyped-def]
    answerer = extractive_answerer(minilm)
    answer = answerer.answer("What is cobalt mainly used for?", [USES])
    assert "battery cathodes" in answer.answer
    assert answer.answer == answerer.answer("What is cobalt used for?", [USES]).answer
