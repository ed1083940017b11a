"""A which-question for a kind no type covers ("Which tools ...?") is answered by a sentence naming things of
that kind ("advanced chip design tools"). Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.kind_named import asked_noun, names_one
from tests.rag.answerers import passage


@pytest.mark.parametrize("question, noun", [
    ("Which tools might the US ease restrictions on?", "tool"),
    ("Which sectors were affected by the supply disruptions?", "sector"),
    ("Which two ports were closed?", "port"),
    ("What kind of deal is it?", ""),  # a description, not a member of a class
    ("Which materials besides rare earths are covered?", "material"),  # the noun before the preposition
    ("Which earlier Gulf of Kessia spill did this one overtake?", "spill"),  # ... not one inside a name
    ("What is being resumed?", ""),
    ("Which ones were closed?", ""),
])
def test_the_class_noun_a_which_question_asks_for(question: str, noun: str) -> None:
    assert asked_noun(question) == noun


def test_a_sentence_names_one_with_a_word_of_its_own_before_the_noun() -> None:
    question = "Which tools might Kessia ease restrictions on?"
    assert names_one("It may review curbs on advanced chip design tools and turbines.", "tool", question)
    assert not names_one("The tools were reviewed.", "tool", question)
    assert not names_one("Kessia may ease restrictions on tools.", "tool", question)


def test_which_tools_is_answered_by_the_sentence_naming_them(generator: Answerer) -> None:
    # the sentence shares only "restrictions" and "tools" with the question and fell below the bar: declined
    passages = [
        passage("a", "In exchange, Kessia has offered selective tariff relief and has signaled its readiness to "
                     "reassess export restrictions affecting advanced chip design tools, aerospace components, and "
                     "civil nuclear materials. These include Kessian restrictions on:"),
        passage("b", "Customs delays and licensing bottlenecks created enough friction to unsettle buyers. The "
                     "talks resume in May."),
    ]
    answer = generator.answer("Which tools might Kessia ease restrictions on soon?", passages)
    assert answer.grounded and "chip design tools" in answer.answer
