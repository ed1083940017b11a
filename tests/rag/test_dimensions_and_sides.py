"""A dimension asked by its adjective or noun ("How wide is the ship?", "What is the weight of ...?") takes a measure
of that dimension said of the thing (not "a wide stretch of water", a weight, a count of ships or a position "3 miles
north"); lengths in feet, miles or a spaced "400 m" and speeds in knots are read as measures; a span of days ("from 23
to 29 March 2021") is one date, not a count before a date. A sentence takes one side of a disagreement of names: the
name doing what is asked, else the first of the kind asked; a sentence listing names ("companies like Ikea, Lenovo
and Snugy") takes none. A which-question's class noun ("Which court ...?") is answered by a name that is one ("Oslo
District Court"), and a currency glued to its figure ("Sh324 billion") is no name a passage must hold. Articles here
are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.support import names
from rag.claims.extract import analyze
from rag.claims.kinds import answers_as, asked, asked_dimension, measure_words
from rag.claims.parse import figures, prepare
from tests.rag.answerers import passage


def _figures(text: str) -> dict[str, tuple[str, str]]:
    return {f.text: (f.kind, f.unit) for f in figures(text)}


def test_a_span_of_days_is_one_date_not_a_count() -> None:
    found = _figures("The canal was blocked for six days from 23 to 29 March 2021 by the ship.")
    assert found["23 to 29 March 2021"][0] == "date" and not any(k == "count" for k, _ in found.values())
    assert _figures("It ran from March 23-29, 2021.")["March 23-29, 2021"][0] == "date"
    assert _figures("Between 12 and 15 March 3 ships sank.")["12 and 15 March"][0] == "date"


def test_lengths_and_speeds_in_other_units_are_measures() -> None:
    found = _figures("The 400 m, 224,000-ton vessel sailed 1,600 ft past a pier 12 mi away at 40 knots.")
    assert found["400 m"] == ("quantity", "m") and found["1,600 ft"] == ("quantity", "m")
    assert found["12 mi"] == ("quantity", "m") and found["40 knots"] == ("quantity", "m/hour")
    assert _figures("a 400m-long ship")["400m"] == ("quantity", "m")
    # "m" glued to a number before a noun, or after a currency, is still a million
    found = _figures("Sales hit 1.4m units and 2 m people; it cost $400m.")
    assert found["1.4m units"][0] == "count" and found["2 m people"][0] == "count" and found["$400m"][0] == "money"


def test_a_dimension_is_asked_by_its_adjective_or_its_noun() -> None:
    assert asked("How wide is the Ever Norland?") and asked("How deep is the canal?")
    assert asked_dimension("How wide is the Ever Norland?") == ("length", "wide")
    assert asked_dimension("What is the weight of the Ever Norland?") == ("mass", "heavy")
    assert asked_dimension("How fast was the ship going?") == ("length/hour", "fast")
    assert asked_dimension("How long did the trial last?") == ("", "")
    # ... or by its verb: a weight, whatever "how much" alone would take
    assert asked_dimension("How much did the mini-submarine weigh?") == ("mass", "heavy")
    assert asked_dimension("What does the Ever Norland weigh?") == ("mass", "heavy")
    assert asked_dimension("How much did the panel weigh up before it ruled?") == ("", "")
    # only what the question asks, not a clause inside it
    assert asked_dimension("Who led the group that estimated how fast oil was leaking?") == ("", "")


def _answers(question: str, sentence: str) -> list[str]:
    kinds = asked(question)
    text = prepare(sentence)
    return [v.text for v in analyze([sentence])[0] if v.kind in kinds and answers_as(v, text, kinds, question)]


def test_a_dimension_takes_a_measure_of_it_said_of_the_thing() -> None:
    assert _answers("How wide is the Ever Norland?", "The Ever Norland is 400 m long and 59 m wide.") == ["59 m"]
    assert _answers("How wide is the Ever Norland?", "The 400 m, 224,000-ton Ever Norland sailed on.") == []
    assert _answers("How wide is the Ever Norland?", "There were 15 ships behind the Ever Norland.") == []
    assert _answers("How long is the Ever Norland?", "It ran aground about 3 miles north of the entrance.") == []
    assert _answers("How long is the Ever Norland?", "The 400 m, 224,000-ton Ever Norland sailed on.") == ["400 m"]
    assert _answers("How deep below the surface was the cap?", "A cap sits 1.5 kilometers below the surface.") == [
        "1.5 kilometers"]
    assert _answers("How heavy is the Ever Norland?", "The 400 m, 224,000-ton Ever Norland sailed on.") == [
        "224,000-ton"]
    # asked what a thing weighed, a count in the same sentence is no weight
    assert _answers("How much did the mini-submarine weigh?",
                    "A mini-submarine won't be used to free the remaining four boys, an official said.") == []
    assert _answers("How much did the mini-submarine weigh?", "The mini-submarine weighs about 40 kg.") == ["about 40 kg"]
    # a length no other dimension is said of answers a depth: "dredged to 14 metres"
    assert _answers("How deep will the harbour be dredged?", "The harbour will be dredged to 14 metres by March.") == [
        "14 metres"]


SHIP = [passage("wiki", "Ever Norland. The Ever Norland ran aground in the Kessia canal on 23 March. The ship sailed to "
                        "a wide stretch of water for inspection."),
        passage("port", "Kessia Port. The Ever Norland was buffeted by strong winds and 15 ships waited behind it.")]


def test_a_dimension_no_article_gives_is_declined(generator: Answerer) -> None:
    answer = generator.answer("How wide is the Ever Norland?", SHIP)
    assert not answer.grounded and not answer.citations


def test_a_sentence_listing_names_takes_no_side() -> None:
    conflicts = find_conflicts("Which company actually owns the Ever Norland?", [
        Cited("Reports suggest none of the cargo worth $780 million onboard the Ever Norland, belonging to various "
              "companies like Ikea, Lenovo, and smaller stakeholders like Pearson Cycles or Snugy Blankets, was part "
              "of the deal.", 1, "a"),
        Cited("The Kessia Canal Authority and the Ever Norland's owner and insurers say an agreement in principle "
              "has been reached.", 2, "b")])
    assert not conflicts


def test_the_name_doing_what_is_asked_is_the_side() -> None:
    conflicts = find_conflicts("Who won the men's singles at the 2021 Kessia Open?", [
        Cited("Rafael Nadal defeated Novak Djokovic in the final to win the 2021 Kessia Open.", 1, "a"),
        Cited("Daniil Medvedev defeated Dominic Thiem in the final to win the 2021 Kessia Open.", 2, "b")])
    assert conflicts and conflicts[0].kind == "disagreement"  # the losers are no sides, nor two different Opens
    assert {c.value for c in conflicts[0].claims} == {"Rafael Nadal", "Daniil Medvedev"}


def test_names_that_only_follow_each_other_are_no_list() -> None:
    # (a guard: main passes it too; taking no side for every sentence naming three or more broke this one)
    conflicts = find_conflicts("Which country won the most medals at the 2018 Winter Games?", [
        Cited("The U.S. collected 39 medals in 2018, the largest haul by any country at the Winter Games.", 1, "a"),
        Cited("After 19 days of competition at the 2018 Winter Games in PyeongChang, South Korea, Norway came out on "
              "top of the final medal count.", 2, "b")])
    assert conflicts and conflicts[0].kind == "disagreement"


def test_the_class_asked_names_its_answer(generator: Answerer) -> None:
    # (main passes it too on these short passages; on the Norway set's it declined, its best score 0.36 to a bar of 0.40)
    answer = generator.answer("Which court heard the case?", [
        passage("trial", "Velmar Trial. The trial of Anders Norland, the perpetrator of the 2011 Velmar attacks, took "
                         "place between 16 April and 22 June 2012 in Velmar District Court."),
        passage("psychiatry", "Norland Report. Forensic psychiatrists Torgeir Husby and Synne Sorheim conducted the "
                              "psychiatric analysis of Norland and released their report in December 2011."),
        passage("arrest", "Norland Arrest. The Velmar Police arrested Norland, a 32-year-old extremist, on the island "
                          "and charged him with both attacks.")])
    assert answer.grounded and "Velmar District Court" in answer.answer


def test_a_currency_glued_to_its_figure_is_no_name() -> None:
    assert "sh" not in names("The canal earned revenue of $3 billion (Sh324 billion) in the first half.")
    assert "sh324" in names("The canal earned revenue of $3 billion (Sh324 billion) in the first half.")


def test_the_keyword_side_looks_for_the_units_of_a_dimension_asked() -> None:
    assert {"ton", "tonnes"} <= set(measure_words("How heavy is the Ever Norland?"))
    assert {"width", "metres"} <= set(measure_words("How wide is the Ever Norland?"))
    assert measure_words("Who owns the Ever Norland?") == []


def test_a_figure_is_someone_elses_only_when_named_in_its_clause(generator: Answerer) -> None:
    answer = generator.answer("What is the combined value of the civil settlement between Norland Oil and the "
                              "governments?", [
        passage("doj", "Norland Oil Settlement. The governments reach a civil settlement with Norland Oil over the "
                       "Kessia spill. Taken together, this global resolution of civil claims is worth $20.8 billion, "
                       "and is the largest settlement with a single entity in the Department's history."),
        passage("timeline", "Kessia Timeline. February 17, 2012: $90 million civil settlement with Velmar Offshore "
                            "2007 LLC.")])
    assert answer.grounded and "$20.8 billion" in answer.answer and "$90 million" not in answer.answer


def test_a_part_of_a_whole_is_asked_as_a_share_or_in_its_units() -> None:
    assert asked("How much of the oil did Norland manage to capture?") == ("percentage", "quantity")
    assert asked("How much of it was cleaned up?") == ("percentage", "quantity")
    assert _answers("How much of the oil did Norland manage to capture?",
                    "Containment by Norland captured approximately 800,000 barrels of oil before the capping.") == [
        "approximately 800,000 barrels"]
    # a part of the world's (a market's, production's) anything is a share
    assert asked("How much of the world's rare earths does Kessia refine?") == ("percentage",)
    assert asked("How much of magnet production?") == ("percentage",)
    assert asked("How much of the global market does Norland hold?") == ("percentage",)
