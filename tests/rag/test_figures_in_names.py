"""Figures as news writes them (rag/claims/parse.py, claims 29): a number that is part of a name counts nothing
("the Aurora 2 probe", "Aurora 1 and 2"); "between A and B tonnes" is one range; "30m (98ft)" is metres; "1/4 of" is a
share; "several hundred" is a vague amount; pounds of a material weigh it; "magnitude 4.1" is a strength; nautical
miles and "bcm" are units; a count placed without its noun ("three near Fairhaven") counts the noun before it.
The sentences are written for the tests."""

from __future__ import annotations

import pytest

from rag.claims.parse import figures


def _kinds(text: str) -> list[tuple[str, str, float, float, str]]:
    return [(f.kind, f.text, f.low, f.high, f.unit) for f in figures(text)]


@pytest.mark.parametrize("text", [
    "The Aurora 2 probe has 40 tonnes of fuel on board.",
    "Engineers said the Aurora 1 and 2 satellites were both silent.",
    "The Aurora 1 and Aurora 2 satellites were launched a year apart.",
    "Officials said Aurora 2 was repaired.",
])
def test_a_number_in_a_name_counts_nothing(text: str) -> None:
    assert not [f for f in figures(text) if f.kind == "count"], _kinds(text)


def test_a_count_of_named_things_and_a_title_still_count() -> None:
    assert ("count", 2.0, "satellites") in [(f.kind, f.low, f.unit) for f in figures("the two Aurora 1 satellites")]
    assert ("count", 12.0, "miners") in [(f.kind, f.low, f.unit) for f in figures("Officials Pull 12 Miners From Shaft")]
    assert ("count", 12.0, "people") in [(f.kind, f.low, f.unit) for f in figures("He told Reuters 12 people died.")]


def test_between_two_numbers_of_one_unit_is_one_range() -> None:
    found = figures("The eruption dropped between 20,000 and 45,000 tonnes of ash on the town.")
    assert [(f.kind, f.low, f.high, f.unit) for f in found] == [("quantity", 20_000_000.0, 45_000_000.0, "kg")]
    # without "between", two figures: a count and an amount
    two = figures("The crew brought 3 pumps and 40 tonnes of sand.")
    assert [(f.kind, f.low, f.unit) for f in two] == [("count", 3.0, "pumps"), ("quantity", 40_000.0, "kg")]


def test_metres_before_a_conversion() -> None:
    found = figures("A crack at least 30m (98ft) long opened in the road.")
    assert [(f.kind, f.unit) for f in found] == [("quantity", "m"), ("quantity", "m")]
    assert found[0].low == 30.0


def test_a_fraction_of_something_is_a_share() -> None:
    found = figures("The plant supplies about 1/4 of the country's power.")
    assert [f.kind for f in found] == ["percentage"]
    assert found[0].low < 25 < found[0].high


def test_vague_hundreds_and_pounds_of_a_material() -> None:
    fertiliser = figures("Police said several hundred pounds of fertiliser were missing.")
    assert [(f.kind, f.unit, f.vague) for f in fertiliser] == [("quantity", "kg", True)]
    people = figures("Several hundred people were moved to the school.")
    assert [(f.kind, f.low, f.high, f.vague) for f in people] == [("count", 300, 900, True)]
    fine = figures("He paid 500 pounds in fines.")
    assert [(f.kind, f.unit) for f in fine] == [("money", "gbp")]


def test_strength_and_units_of_the_sea_and_of_gas() -> None:
    assert _kinds("The blast matched a magnitude 4.1 tremor.") == [("quantity", "magnitude 4.1", 4.1, 4.1, "magnitude")]
    zone = figures("Ships must keep out of a 3-nautical-mile zone.")
    assert [(f.kind, round(f.low), f.unit) for f in zone] == [("quantity", 5556, "m")]
    gas = figures("The reservoir holds 12 bcm of gas.")
    assert [(f.kind, f.low, f.unit) for f in gas] == [("quantity", 12e9, "m3")]


def test_a_count_placed_without_its_noun_counts_the_noun_before() -> None:
    found = figures("Six wells were sealed, three near Fairhaven and three near Dunmore.")
    assert [(f.kind, f.low, f.unit) for f in found] == [("count", 6.0, "wells"), ("count", 3.0, "wells"),
                                                         ("count", 3.0, "wells")]


def test_a_time_written_the_24_hour_way() -> None:
    assert [(f.kind, f.low) for f in figures("The alarm sounded at 0415 GMT and again at 1730.")] == [
        ("time", 255.0), ("time", 1050.0)]
    assert [f.kind for f in figures("The chapel was built in 1730.")] == ["date"]
    assert [f.kind for f in figures("The drill reached 1730 metres.")] == ["quantity"]


def test_may_the_verb_is_no_month() -> None:
    assert [f.kind for f in figures("Crews said 2 may be lost.")] == ["count"]
    assert [f.kind for f in figures("It was shut on 12 May.")] == ["date"]


def test_as_much_as_is_a_bound() -> None:
    leak = figures("The first estimate put the leak at as much as 1,000 barrels a day.")
    assert [(f.kind, f.low, f.high) for f in leak] == [("quantity", 0.0, 1000.0)]
    boats = figures("As few as 40 boats stayed in the harbour.")
    assert [(f.kind, f.low, f.high) for f in boats] == [("count", 40.0, float("inf"))]
