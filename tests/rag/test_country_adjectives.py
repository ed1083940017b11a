"""A country written as its adjective ("anchored in Chilean territory", "Swedish strategy units") answers where and
which country; a quantifier opening a sentence ("Many are shifting ...") refers back to what the sentence before
named. Articles here are written for the tests (the countries are real: the table holds real ones)."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.demonyms import answering_places, places_in_adjectives
from tests.rag.answerers import passage


@pytest.mark.parametrize("sentence, text, key", [
    ("The smelting stages remain firmly anchored in Chilean territory.", "Chilean", "chile"),
    ("Swedish strategy units, including the Ore Office, kept their timelines.", "Swedish", "sweden"),
])
def test_an_adjective_before_a_noun_is_its_country(sentence: str, text: str, key: str) -> None:
    (value,) = places_in_adjectives(sentence)
    assert value.kind == "place" and value.text == text and value.key == key
    assert sentence[value.start:value.end] == text


@pytest.mark.parametrize("sentence", ["He met the Chilean.", "The Chilean Copper Commission met.",
                                      "Ordinary people spoke."])
def test_a_nationality_alone_or_in_a_name_is_no_place(sentence: str) -> None:
    assert places_in_adjectives(sentence) == []


def test_where_is_answered_by_a_country_written_as_its_adjective(generator: Answerer) -> None:
    # the sentence named no place the tagger types, so there was no answer of the kind asked: declined
    passages = [passage("a", "Copper is a patient business. Its smelting and casting steps, where the margins sit, "
                             "stay rooted in Chilean territory. Until that changes, any easing is a tactic."),
                passage("b", "Copper prices fell in May. Dockworkers went on strike in the spring.")]
    answer = generator.answer("Where do copper's smelting and casting steps stay rooted?", passages)
    assert answer.grounded and "Chilean territory" in answer.answer
    assert answer.citations and {c.doc_id for c in answer.citations} == {"a"}


def test_which_country_is_answered_by_its_adjective(generator: Answerer) -> None:
    passages = [passage("a", "Buyers hold their line. The Copper Board still chases its reserve goals, and Swedish "
                             "industrial planning teams, among them the Ore Office, show no sign of slowing their "
                             "purchases."),
                passage("b", "Copper prices fell in May. Dockworkers went on strike in the spring.")]
    answer = generator.answer("Which country's industrial planning teams include the Ore Office?", passages)
    assert answer.grounded and "Swedish industrial planning teams" in answer.answer


def test_a_quantifier_opening_a_sentence_refers_to_those_named_before(generator: Answerer) -> None:
    # "Many are shifting ..." shares only "shifting" with the question; the sentence before, which names the
    # purchasers but says nothing of a shift, was the whole answer
    passages = [passage("a", "Strategic purchasers and factory planners are aware. Many are shifting from lean "
                             "ordering to deep reserve buying and backup from several suppliers. Prices are expected "
                             "to stay volatile."),
                passage("b", "Copper prices fell in May. Dockworkers went on strike in the spring.")]
    answer = generator.answer("What are strategic purchasers shifting to?", passages)
    assert answer.grounded and "deep reserve buying" in answer.answer


def test_only_an_adjective_that_says_where_answers() -> None:
    question = "Which countries have rare earth deposits?"
    assert answering_places("Output stays anchored in Chilean territory.", question)
    assert not answering_places("Projects aim to reduce dependence on Chilean processing capabilities.", question)
    whose = "Which country's industrial strategy units include the Ore Office?"
    assert answering_places("Swedish industrial strategy units, including the Ore Office, kept timelines.", whose)
    assert not answering_places("Swedish buyers, including the Ore Office, kept timelines.", whose)


def test_where_is_answered_by_the_adjective_of_what_it_names(generator: Answerer) -> None:
    # "Peruvian copper projects" opens its list item: no locative before it, and the tagger's name "Peruvian" was
    # no place, so the where-question was answered with the other item's "in Arizona"
    passages = [passage("a", "Historical precedent shows the risk: a smelter in Arizona closed in 2015.\n"
                             "- Peruvian copper projects receiving strategic investment\n"
                             "- Dockworkers exploring partnerships with smelters")]
    question = "Besides Arizona, where are copper projects receiving strategic investment?"
    answer = generator.answer(question, passages)
    assert answer.grounded and answer.answer.startswith("Peruvian copper projects")
    where = "Where are copper projects receiving investment?"
    assert answering_places("Peruvian copper projects receiving strategic investment", where)
    assert not answering_places("Peruvian buyers kept their timelines.", where)  # what it qualifies is not asked
