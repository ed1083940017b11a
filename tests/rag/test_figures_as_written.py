"""Figures and names read as news pages write them, so that no fragment of one becomes another side.

Found on the dev sets (news-deepwater-2010b d25, news-evergiven-2021 g23): "about 4.9 million barrels (210
million US gal; 780,000 m3) of oil" gave the sides "210 million US", "780,000" and "3"; "between 130,000 barrels and
270,000 barrels" gave two sides of one article; "One team studied aerial images" was a side of how much oil floated;
"released ... from the Great bitter lake" gave the place "Great", a side against the Red Sea. Each test here fails on
the code before this round (main `5887fe5`).
"""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import counts_asked
from rag.claims.extract import analyze, typed
from rag.claims.parse import figures

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")

SPILL = ("According to the Flow Rate Technical Group, the leak amounted to about 4.9 million barrels (210 million US "
         "gal; 780,000 m3) of oil, exceeding the 1989 Exxon Valdez oil spill.")
SURFACE = ("One team studied aerial images of the Gulf of Mexico, and found between 130,000 barrels and 270,000 "
           "barrels of oil on the surface last week.")


@pytest.mark.parametrize(("text", "unit", "low"), [
    ("The well released 780,000 m3 of oil.", "m3", 780_000),
    ("The well released 780,000 m\u00b3 of oil.", "m3", 780_000),
    ("The slick covered 6,500 km2 of sea.", "m2", 6.5e9),
    ("They spilled 210 million US gal of oil.", "l", 210e6 * 3.785),
    ("They spilled 5 gal of oil.", "l", 5 * 3.785),
    ("It is an average width of 400 m (1,300 ft).", "m", 400),
])
def test_a_volume_or_area_written_short_is_a_quantity(text: str, unit: str, low: float) -> None:
    found = figures(text)[0]
    assert (found.kind, found.unit) == ("quantity", unit) and found.low == pytest.approx(low)


def test_a_flow_by_the_second_and_its_conversion_are_one_rate() -> None:
    text = "The Rhine has an annual mean discharge of 2,290 m3/s (81,000 cu ft/s) at the border."
    metric, imperial = figures(text)
    assert (metric.unit, imperial.unit) == ("m3/second", "m3/second")
    assert imperial.low == pytest.approx(metric.low, rel=0.01)


def test_a_range_with_the_unit_at_each_bound_is_one_range() -> None:
    quantities = [f for f in figures(SURFACE) if f.kind == "quantity"]
    assert [(f.low, f.high, f.unit) for f in quantities] == [(130_000, 270_000, "bbl")]
    # two amounts merely joined by "and" stay two
    assert len([f for f in figures("It lost 130,000 barrels and 270,000 barrels more.") if f.kind == "quantity"]) == 2


def test_a_conversion_in_brackets_is_no_side() -> None:
    sentences = [Cited("The fund paid $6.5 billion (\u00a35.0 billion; 1,200,000 euros) to claimants.", 1, "wiki"),
                 Cited("The fund paid $5.1 billion to claimants.", 2, "wire")]
    [conflict] = find_conflicts("How much did the compensation fund pay?", sentences)
    assert [c.value for c in conflict.claims] == ["$6.5 billion", "$5.1 billion"]


def test_a_count_of_another_noun_is_no_amount_of_what_is_measured() -> None:
    team = next(v for v in analyze([SURFACE])[0] if v.kind == "count")
    assert not counts_asked(team, "How much oil did the aerial images show floating on the Gulf?")
    assert counts_asked(team, "How many teams studied aerial images?")


@needs_parser
def test_a_name_runs_on_to_its_class_word_written_small() -> None:
    lake = ("The ship departed Port Said after it was released on July 7th from the Great bitter lake as the SCA and "
            "the shipowner struck a deal.")
    assert ("place", "Great bitter lake") in [(v.kind, v.text) for v in analyze([lake])[0]]
    survey = "U.S. Geological survey Director Marcia McNutt said the team used two different methods."
    assert ("organization", "Geological survey") in [(v.kind, v.text) for v in analyze([survey])[0]]
    # a name's own word before a noun keeps the name as it is
    assert "Biden" in [v.text for v in analyze(["In response, the Biden administration cut tariffs."])[0]]
    assert "Western industries" not in [v.text for v in analyze(["It alarmed Western industries and planners."])[0]]
    assert "Red Sea" in [v.text for v in analyze(["It sailed to the Red Sea port of Jeddah."])[0]]


def test_an_era_opens_no_name_and_a_name_ends_before_the_stop() -> None:
    sentence = "It was conducted by the 2nd century BCE Greek writer on mechanics, Philo of Byzantium."
    found = [v.text for v in analyze([sentence])[0]]
    assert "Philo of Byzantium" in found and not any("BCE" in v or v.endswith(".") for v in found)


@pytest.mark.parametrize("question", ["What punishment was Breivik given?", "What sentence did the captain receive?",
                                      "What was the former chief executive sentenced to?"])
def test_a_punishment_asked_is_a_term_or_a_fine(question: str) -> None:
    from rag.claims.kinds import asked

    assert asked(question) == ("duration", "money")
    assert asked("What sentence in the article says so?") == ()
