"""A wire story's dateline ("KESSIA CITY - A mini-submarine ...", "PORT VALEN, Norland - Salvage teams ...",
"WASHINGTON (Reuters) - ...") is the place the story was filed from: a place, never the person or company a
who-question asks for, whatever the tagger reads in capitals; and a count past names joined by "and" counts the
noun after them ("fourteen Norland, Dutch and Italian tugs" counts tugs). Sentences here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze, typed
from rag.claims.parse import dateline, figures, prepare
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")


def _kinds(sentence: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in analyze([sentence])[0]]


def test_the_place_of_a_dateline_ends_where_its_capitals_do() -> None:
    for text, place in (("KESSIA CITY \u2014 A mini-submarine will not be used.", "KESSIA CITY"),
                        ("PORT VALEN, Norland \u2013 Salvage teams freed the ship.", "PORT VALEN, Norland"),
                        ("WASHINGTON (Reuters) - The United States joined the deal.", "WASHINGTON"),
                        ("LONDON, March 3 (AP) -- The minister said so.", "LONDON")):
        prepared = prepare(text)
        assert prepared[:dateline(prepared)] == place
    for text in ("US - China talks resumed on Monday.", "The ship - a giant - was freed.", "KESSIA CITY was flooded.",
                 "NORLAND - the country's biggest port - reopened."):
        assert dateline(prepare(text)) == 0


@needs_parser
def test_a_dateline_names_a_place_and_nothing_after_it() -> None:
    assert ("place", "KESSIA CITY") in _kinds("KESSIA CITY \u2014 A mini-submarine delivered by a tech magnate won't "
                                              "be used, the lead rescue official said Tuesday.")
    found = _kinds("PORT VALEN, Norland \u2013 Salvage teams on Monday freed the container ship.")
    assert ("place", "PORT VALEN") in found and ("place", "Norland") in found
    # the word after the dash opens the sentence: no part of the place, whatever the tagger joins to it
    assert _kinds("HONG KONG \u2014 Three of the 12 boys were granted citizenship.") == [
        ("place", "HONG KONG"), ("count", "12 boys")]


@needs_parser
def test_a_who_question_is_not_answered_by_the_dateline(generator: Answerer) -> None:
    # (without the dateline read as a place, "PORT KESSIA" is a name the lead sentence answers with)
    passages = [passage("sub", "PORT KESSIA \u2014 A mini-submarine delivered by an American tech magnate won't be "
                               "used in the evacuation of the remaining four boys still stuck in the cave, the lead "
                               "rescue official said Tuesday."),
                passage("flight", "Although Arlo Venn flew Monday night to Kessia to donate a child-sized submarine in "
                                  "hope it could be used for the rescue, the governor said it wouldn't work.")]
    answer = generator.answer("Which tech billionaire turned up with a mini-submarine for the rescue?", passages)
    assert answer.grounded and "Arlo Venn" in answer.answer and "KESSIA" not in answer.answer


def test_a_count_past_names_joined_by_and_counts_the_noun_after_them() -> None:
    counts = {f.text: f.unit for f in figures("The ship was freed by fourteen Norland, Dutch, and Italian tugs at noon, "
                                              "and two United States Navy bases sent divers.") if f.kind == "count"}
    assert counts == {"fourteen Norland, Dutch, and Italian tugs": "tugs", "two United States Navy bases": "bases"}
    # names listed without "and" are not read as qualifying one noun together
    assert "sailors" not in {f.unit for f in figures("It named 3 Norland, Dutch sailors.") if f.kind == "count"}
