"""Which country a named company or person is of: the place written onto the name ("Canada's Norvik") answers,
a place the sentence gives another name ("US-based companies like Harbor Metals") or sets the name apart from
("outside Japan") does not. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze, typed
from rag.claims.kinds import answers_as, tied_to
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="places and names are typed by spaCy")

MIXED = "Canada's Norvik has doubled its output, while US-based companies like Harbor Metals have won federal loans."
APART = "Norvik runs the largest separation plant outside Japan, and its order book keeps growing."



@needs_parser
def test_a_place_written_onto_the_name_is_its_place() -> None:
    places = {v.text: v for v in analyze([MIXED], use_model=True)[0] if v.kind == "place"}
    assert tied_to(places["Canada"], MIXED, ["Norvik"])
    assert not tied_to(places["US-based"], MIXED, ["Norvik"])  # the place of Harbor Metals
    assert tied_to(places["US-based"], MIXED, ["Harbor", "Metals"])


@needs_parser
def test_outside_a_place_is_not_of_it() -> None:
    japan = next(v for v in analyze([APART], use_model=True)[0] if v.text == "Japan")
    assert not answers_as(japan, APART, ("place",), "Which country is Norvik from?")
    assert answers_as(japan, APART, ("place",), "Where does Norvik run its plant?")  # where: outside Japan is a place


@needs_parser
def test_which_country_a_company_is_from_is_the_place_written_onto_it(generator: Answerer) -> None:
    answer = generator.answer("Which country is Norvik from?", [passage("a", MIXED), passage("b", APART)])
    assert answer.grounded and "Canada" in answer.answer
    assert not answer.conflicts  # neither Japan (outside it) nor the US (Harbor Metals') is a side


@needs_parser
def test_once_a_place_is_written_onto_the_name_other_articles_places_are_not_its(generator: Answerer) -> None:
    # without the tie, "Japan" led the answer and Canada was shown as the other side of a disagreement
    other = passage("c", "Norvik runs the largest separation plant of its kind. The country that dominates the market "
                         "is Japan.")
    answer = generator.answer("Which country is Norvik from?", [passage("a", MIXED), other])
    assert answer.grounded and answer.answer.startswith("Canada's Norvik") and not answer.conflicts


@needs_parser
def test_where_a_name_is_based_is_the_place_written_onto_it(generator: Answerer) -> None:
    # a where-question took only places after "in", and "based" of the question was read as the "US-based" given
    answer = generator.answer("Where is Harbor Metals based?", [passage("a", MIXED), passage("b", APART)])
    assert answer.grounded and "US-based companies like Harbor Metals" in answer.answer and not answer.conflicts
    answer = generator.answer("Where is Norvik based?", [passage("a", MIXED), passage("b", APART)])
    assert answer.grounded and answer.answer.startswith("Canada's Norvik")


@needs_parser
def test_a_sentence_that_writes_the_place_onto_the_name_answers_which_country(generator: Answerer) -> None:
    # the tie is the relation asked, though the sentence shares little else with the question (one word of the
    # name, nothing of its meaning): it scored below the bar, and the question was declined
    tie = passage("a", "While regulators argued over permits, and Canada's Norvik has expanded operations, scale "
                       "remains constrained.")
    other = passage("b", "Norvik Rare Metals operates the largest separation plant outside Japan. Rare metals prices "
                         "rose in the spring. Norvik Rare Metals was founded by engineers.")
    answer = generator.answer("Which country is Norvik Rare Metals from?", [tie, other])
    assert answer.grounded and "Canada's Norvik" in answer.answer and not answer.conflicts


def test_which_country_owns_what_is_asked(generator: Answerer) -> None:
    # "China" of another sentence was shown as another side; "Chile's bilateral mining accords" is the owner of
    # the accords asked about ("China's export controls" owns no two words of the question)
    passages = [passage("a", "Peru's stockpile drive, Chile's bilateral mining accords and Kessian tax breaks for "
                             "local refiners share one assumption: the leverage stays."),
                passage("b", "China wants to control every stage of the chain, from the mine to the magnet, and keeps "
                             "China's export controls in place to diversify its leverage.")]
    answer = generator.answer("Which country has been striking bilateral mining accords to diversify supply?",
                              passages)
    assert answer.grounded and "Chile" in answer.answer
    assert not [c for c in answer.conflicts if c.kind == "disagreement"]
