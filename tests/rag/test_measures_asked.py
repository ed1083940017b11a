"""Measures read as what they measure: a rate is by its period ("53,000 barrels of oil per day" is no amount in all),
an area is no distance, a question that names only a unit ("How many barrels a day ...?") or what is measured ("How
much oil ...?", "the total quantity of oil") takes a quantity of it, and a sum asked by its noun ("the overall sum of
fines") asks for money. And a name the tagger calls a place, in apposition to a business role ("the rig's operator,
Transocean"), is an organization; a time of day is a figure of its own, asked by "what time". Articles here are
written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.claims.kinds import Value, asked, other_measure
from rag.claims.parse import figures, rate
from tests.rag.answerers import passage


def _units(text: str) -> dict[str, str]:
    return {f.text: f.unit for f in figures(text) if f.kind == "quantity"}


def test_a_rate_and_an_area_are_units_of_their_own() -> None:
    assert _units("Teams estimate 53,000 barrels of oil per day leaked, 4.9 million barrels in all, "
                  "5 tonnes daily; oil covered 43,300 square miles, 80 kilometers off the coast.") == {
        "53,000 barrels": "bbl/day", "4.9 million barrels": "bbl", "5 tonnes": "kg/day",
        "43,300 square miles": "m2", "80 kilometers": "m"}
    # the period belongs to the figure before it only within its clause
    assert _units("It released 4.9 million barrels, and 300 jobs a year were lost.") == {"4.9 million barrels": "bbl"}
    assert rate("barrels a day") == "day" and rate("annually") == "year" and rate("in all") == ""


def test_measures_of_other_dimensions_are_no_sides_of_one_figure() -> None:
    def quantity(unit: str) -> Value:
        return Value("quantity", "x", 1.0, 1.0, unit)
    assert other_measure(quantity("m2"), quantity("m"))
    assert other_measure(quantity("bbl/day"), quantity("bbl"))
    assert not other_measure(quantity("bbl"), quantity("l"))  # barrels and gallons are both volumes
    assert not other_measure(quantity("m2"), quantity("acre"))


def test_a_sum_or_a_quantity_asked_by_its_noun_is_typed() -> None:
    assert asked("What was the overall sum of fines and penalties the company accepted?") == ("money",)
    assert asked("What were the damages awarded?") == ("money",)
    assert asked("What was the damage to the coast?") == ()
    assert asked("What was the total quantity of oil that escaped?") == ("quantity",)
    assert asked("What was the total amount of oil spilled?")[0] == "quantity"


SPILL = [passage("flow", "Kessia Flow Estimate. The scientific teams estimate that 53,000 barrels of oil per day were "
                         "leaking from the Norland well before it was capped. Overall, about 4.9 million barrels of oil "
                         "have been released from the well."),
         passage("cleanup", "Kessia Cleanup. Not all of this oil reached the sea; containment ships captured "
                            "approximately 800,000 barrels of oil before the capping of the well."),
         passage("coast", "Kessia Coast. Oil was detected on more than 43,300 square miles of the ocean. The rig sank "
                          "about 80 kilometers from the Norland coast.")]


def test_a_unit_asked_by_the_day_takes_the_rate(generator: Answerer) -> None:
    answer = generator.answer("How many barrels a day were pouring out of the Norland well?", SPILL)
    assert answer.grounded and "53,000 barrels" in answer.answer
    assert "4.9 million" not in answer.answer and not answer.conflicts


def test_what_is_measured_is_asked_though_it_is_the_topic(generator: Answerer) -> None:
    answer = generator.answer("Roughly how much oil did the containment ships collect before the cap went on?", SPILL)
    assert answer.grounded and "800,000 barrels" in answer.answer
    assert not answer.conflicts  # a rate a day is no side of an amount collected


def test_an_area_is_no_side_of_a_distance(generator: Answerer) -> None:
    answer = generator.answer("Over how large a stretch of ocean was oil eventually spotted?", SPILL)
    assert answer.grounded and "43,300 square miles" in answer.answer and not answer.conflicts


def test_asked_how_many_people_a_count_of_workers_answers(generator: Answerer) -> None:
    answer = generator.answer("How many people died when the Norland rig exploded?", [
        passage("blast", "Kessia Rig Blast. The Norland rig exploded on April 20, killing 11 workers and injuring "
                         "17 others. The fire burned for two days."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")])
    assert answer.grounded and "11 workers" in answer.answer


def test_a_verb_of_managing_dates_the_event_it_takes(generator: Answerer) -> None:
    answer = generator.answer("When did engineers finally manage to cap the runaway Norland well?", [
        passage("well", "Kessia Well. Oil flowed from the damaged Norland well for 87 days before it was finally "
                        "capped on July 15, 2010."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")])
    assert answer.grounded and "July 15, 2010" in answer.answer


def test_a_name_in_apposition_to_a_business_role_is_an_organization(generator: Answerer) -> None:
    answer = generator.answer("Which company did the oil major's boss blame for the failures on the rig?", [
        passage("blame", "Kessia Rig. The chief of Norland Petroleum blames failures by the rig's operator, Transocean "
                         "of Switzerland."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")])
    assert answer.grounded and "Transocean" in answer.answer


def test_a_time_of_day_is_read_and_asked() -> None:
    times = {f.text: f.low for f in figures("At approximately 10:30 p.m. that night, a second blast at 15:25:22 and "
                                            "another at noon; the score was 3:2.") if f.kind == "time"}
    assert times == {"10:30 p.m.": 22 * 60 + 30, "15:25:22": 15 * 60 + 25, "noon": 720}
    assert asked("Around what time on the night of the blast did officials learn of the fire?") == ("time",)
    assert asked("What time frame was given?") != ("time",)


def test_what_time_is_answered_by_a_time_of_day(generator: Answerer) -> None:
    answer = generator.answer("Around what time on the night of the blast did officials learn of the fire?", [
        passage("timeline", "Kessia Timeline. The Norland rig exploded on April 20. At approximately 10:30 p.m. that "
                            "night, officials were notified that the rig was on fire. By morning, two cutters had "
                            "arrived."),
        passage("market", "Cobalt prices rose in March as buyers stocked up ahead of the winter.")])
    assert answer.grounded and "10:30 p.m." in answer.answer
