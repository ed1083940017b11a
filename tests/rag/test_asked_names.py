"""A name that holds the words asking for it answers the question ("Which Chinese ministry ...?": "the Chinese
Ministry of Commerce"), and a title with its holder's name is a person ("Treasury Secretary Bessent"). Articles here
are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze, typed
from rag.claims.kinds import in_question
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")

MINISTRY = "Rather than issuing general licenses, the Ostland Ministry of Commerce will run batch clearance protocols."



@needs_parser
def test_a_name_holding_the_noun_asked_for_is_not_already_in_the_question() -> None:
    ministry = next(v for v in analyze([MINISTRY], use_model=True)[0] if "Ministry" in v.text)
    assert not in_question(ministry, "Which Ostland ministry will run the batch clearance protocols?")
    assert in_question(ministry, "What did the Ostland Ministry of Commerce decide?")  # named by the question


@needs_parser
def test_a_place_qualifying_the_noun_asked_for_stays_in_the_question() -> None:
    place = next(v for v in analyze(["Australia has Norvik, which mines in Malaysia."], use_model=True)[0]
                 if v.text == "Australia")
    assert in_question(place, "Which Australian company mines in Malaysia?")


@needs_parser
def test_which_ministry_is_answered_by_the_ministry_named(generator: Answerer) -> None:
    # the ministry's name held "Ostland" and "ministry" of the question: it was read as given, and declined
    answer = generator.answer("Which Ostland ministry will run the batch clearance protocols?",
                              [passage("a", MINISTRY)])
    assert answer.grounded and "Ministry of Commerce" in answer.answer


@needs_parser
def test_a_title_and_its_holder_are_a_person() -> None:
    found = analyze(["Reports suggest new limits, though Treasury Secretary Bessent publicly disputed these claims."],
                    use_model=True)[0]
    assert [(v.kind, v.text) for v in found if "Bessent" in v.text] == [("person", "Treasury Secretary Bessent")]
