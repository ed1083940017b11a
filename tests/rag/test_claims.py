"""Typed claims: each kind extracted from text, its scope, how values compare, and what a question asks for."""

from __future__ import annotations

import math

import pytest

from rag.answer.conflicts import Cited, describe, find_conflicts
from rag.claims.extract import analyze, typed
from rag.claims.kinds import Value, asked, asks_for_list, same, show
from rag.claims.parse import figures, prepare
from rag.claims.records import ClaimCache


def _one(text: str, kind: str) -> Value:
    found = [v for v in analyze([text])[0] if v.kind == kind]
    assert found, f"no {kind} in {text!r}: {analyze([text])[0]}"
    return found[0]


@pytest.mark.parametrize(("text", "kind", "low", "high"), [
    ("China controls roughly 70% of global output.", "percentage", 66.5, 73.5),
    ("It holds over 85% of downstream processing.", "percentage", 85.0, math.inf),
    ("Processing | 85–90% | ore to compounds", "percentage", 85.0, 90.0),
    ("Output rose to 85 per cent of capacity.", "percentage", 85.0, 85.0),
    ("The plant cost $1.2bn to build.", "money", 1.2e9, 1.2e9),
    ("Shipments resume for a 90-day period.", "duration", 90.0, 90.0),
    ("A one-year duration with renewal.", "duration", 365.0, 365.0),
    ("Each vehicle needs 0.5-1.0 kg of rare earths.", "quantity", 0.5, 1.0),
    ("Some 300 companies signed the letter.", "count", 285.0, 315.0),
    # amounts said without a number
    ("Large offshore wind turbines can require several tons of rare earths.", "quantity", 3000.0, 9000.0),
    ("Multi-billion dollar capital investments in specialised facilities.", "money", 2e9, 999e9),
    ("The programme will cost billions of dollars.", "money", 2e9, 999e9),
])
def test_each_figure_kind_is_extracted_as_a_range(text: str, kind: str, low: float, high: float) -> None:
    value = _one(text, kind)
    assert value.low == pytest.approx(low) and value.high == pytest.approx(high)


def test_a_vague_word_without_an_amount_is_no_exact_figure() -> None:
    found = figures(prepare("Several analysts said a few plants and dozens of firms would follow."))
    assert [(f.text, f.unit) for f in found] == [("Several analysts", "analysts"), ("a few plants", "plants"),
                                                 ("dozens of firms", "firms")]
    assert all(f.vague for f in found)  # (claims 26) counts said without a number, which disagree with none


def test_dates_in_odd_formats_are_dates() -> None:
    kinds = {f.text: f.kind for f in figures(prepare("Results for Q3 2025 came on April 4, 2025, as in the 1990s."))}
    assert kinds == {"Q3 2025": "date", "April 4, 2025": "date", "the 1990s": "date"}


def test_names_are_typed_and_the_small_models_misses_are_still_names() -> None:
    claims = analyze(["US-based companies like MP Materials have received federal backing, said President Trump."])[0]
    by_text = {v.text: v for v in claims}
    assert by_text["MP Materials"].kind == "organization"      # the tagger's miss, caught by the organization word
    assert by_text["President Trump"].kind == "person" and by_text["President Trump"].scope == "president"


def test_the_scope_of_a_figure_is_what_it_is_of() -> None:
    claims = analyze(["China controls roughly 70% of global output and over 85% of downstream processing."])[0]
    assert [(v.text, v.scope) for v in claims if v.kind == "percentage"] == [
        ("roughly 70%", "global output"), ("over 85%", "downstream processing")]
    assert _one("Rare Earth Processing | 85-90% | Converting raw ore", "percentage").scope == "rare earth processing"


@pytest.mark.skipif(not typed(), reason="the parsed scope needs spaCy")
def test_a_figure_s_own_of_is_no_scope() -> None:
    # "of 1998" is part of the date as written, not what it is of
    assert _one("The game was released on November 21 of 1998 in Japan.", "date").scope == ""
    assert _one("The plant opened on the 21st of November 1998.", "date").scope == ""
    assert _one("The suspension covers 12 months of exports.", "duration").scope == "exports"


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("over 85% of processing", "85–90% of processing", True),
    ("roughly 70% of output", "85-90% of output", False),
    ("a 12-month suspension", "a one-year suspension", True),
    ("a 90-day pause", "a one-year pause", False),
    ("$1.2bn", "1.2 billion dollars", True),
])
def test_figures_compare_as_ranges(a: str, b: str, agree: bool) -> None:
    va, vb = analyze([a])[0][0], analyze([b])[0][0]
    assert same(va, vb) is agree


def test_names_agree_when_one_is_part_of_the_other() -> None:
    trump = _one("Despite President Trump's declaration, analysts urge caution.", "person")
    assert same(trump, Value("person", "Trump", key="trump")) and not same(trump, Value("person", "Biden", key="biden"))


@pytest.mark.parametrize(("question", "kinds"), [
    ("Which companies outside China process rare earths?", ("organization",)),
    ("Who is the US president?", ("person", "organization")),
    ("When were the requirements implemented?", ("date",)),
    ("In what year did Beijing halt shipments?", ("date",)),
    ("How many magnets did Tesla import?", ("count", "quantity")),
    ("How long will the resumption last?", ("duration",)),
    ("How long is the Mirren Tunnel?", ("quantity", "count")),  # a named thing: its length
    ("Is the export deal for 90 days or for a year?", ("duration",)),  # a choice between two figures
    ("Does China control 70% or 90% of processing?", ("percentage",)),
    ("Was it signed in 2024 or later?", ()),
    ("Who leads the Defense Logistics Agency?", ("person",)),  # who leads an organization: a person
    ("Who leads the rare earth market?", ("person", "organization")),
    ("How long was the pause expected to last?", ("duration",)),
    ("What share of processing does China control?", ("percentage",)),
    ("How much did the plant cost?", ("money",)),
    # an amount per period is often a time ("one hour a day"): a duration answers it too
    ("How much physical activity a day is recommended for children?",
     ("quantity", "count", "money", "percentage", "duration")),
    ("How much water does the plant produce per day?", ("quantity", "count", "money", "percentage", "duration")),
    ("How much water does the plant produce?", ("quantity", "count", "money", "percentage")),
    ("Where were the negotiations held?", ("place",)),
    ("What did President Trump say China committed to?", ()),
    ("Which analysts doubt the deal will last?", ("person",)),
])
def test_the_question_says_what_kind_of_answer_it_wants(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


def test_list_questions_are_told_apart() -> None:
    assert asks_for_list("Which companies outside China are named as processors?")
    assert not asks_for_list("Which company owns Mountain Pass?")


def test_a_duration_is_shown_in_its_largest_whole_unit() -> None:
    assert show(_one("a twelve-month suspension", "duration")) == "1 year"
    assert show(_one("a 90-day window", "duration")) == "90 days"


def test_output_and_processing_are_a_difference_of_scope_not_a_disagreement() -> None:
    conflicts = find_conflicts("What share of rare earth processing does China control?", [
        Cited("China controls roughly 70% of global output and over 85% of downstream processing.", 1, "a"),
        Cited("Rare Earth Processing | 85-90% | Converting raw ore into usable compounds", 2, "b")])
    assert all(c.kind == "scope" for c in conflicts)


def test_names_from_two_articles_disagree_and_dates_make_an_update() -> None:
    sides = [Cited("Despite President Trump's declaration, analysts urge caution.", 1, "a"),
             Cited("The agreement was signed by President Biden on Tuesday.", 2, "b")]
    [conflict] = find_conflicts("Who is the US president?", sides)
    assert conflict.kind == "disagreement" and {c.citation for c in conflict.claims} == {1, 2}
    sides[0].published_at, sides[1].published_at = "2025-11-01", "2021-03-01"
    [update] = find_conflicts("Who is the US president?", sides)
    assert update.kind == "update"
    assert describe(update).index("[1]") < describe(update).index("[2]")  # the newer side first


def test_a_list_question_is_not_a_disagreement_between_names() -> None:
    assert find_conflicts("Which companies process rare earths outside China?", [
        Cited("MP Materials has received federal backing.", 1, "a"),
        Cited("Lynas Rare Earths operates the largest facility outside China.", 2, "b")]) == []


@pytest.mark.parametrize("text", [
    "", "no entities here at all, only words", "Продажи выросли на 85 процентов в 2025 году.", "数量は1.2bnです",
    "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |", "word " * 2000, "85 per cent 1.2bn Q3 2025 ~90% $ %",
])
def test_bad_input_goes_through_the_same_path_without_error(text: str) -> None:
    analyze([text])
    analyze([text], use_model=False)


def test_the_cache_computes_each_sentence_once_and_records_spans() -> None:
    cache = ClaimCache(size=10)
    records = cache.records("doc:0", "MP Materials revived Mountain Pass. It took 5 years.")
    assert [(r.sentence_id, r.start, r.end) for r in records] == [("doc:0:0", 0, 35), ("doc:0:1", 36, 52)]
    assert records[1].claims[0].kind == "duration"
    assert cache(["It took 5 years."])[0] is records[1].claims
    assert Value.from_json(records[1].claims[0].to_json()) == records[1].claims[0]


def test_time_gone_by_is_a_duration_only_a_question_of_how_long_something_has_been_takes() -> None:
    from rag.claims.kinds import answers_as

    sentence = "The export regime has tightened over the past two years under security laws."
    gone = [v for v in analyze([sentence])[0] if v.kind == "duration"]
    assert [(v.unit, v.low) for v in gone] == [("elapsed", 730.0)]
    assert answers_as(gone[0], sentence, ("duration",), "How long has the export regime been tightening?")
    assert not answers_as(gone[0], sentence, ("duration",), "How long does the suspension last?")
    lasting = analyze(["The suspension lasts two years."])[0][0]
    assert lasting.unit != "elapsed" and not same(gone[0], lasting)  # not the same measure


def test_a_time_zone_after_a_clock_time_is_no_name() -> None:
    found = analyze(["The ship was freed by fourteen tugs at 15:05 EGY (13:05 UTC), and Kessia Canal Authority said so."])[0]
    assert {v.text for v in found if v.kind not in ("count", "time")} == {"Kessia Canal Authority"}


@pytest.mark.parametrize("question", ["Which classification society carried out those inspections?",
                                      "Which shipping line was running the Ever Norland when it got stuck?",
                                      "Which operator ran the rig?", "Which insurers paid the claims?"])
def test_a_body_asked_by_its_class_noun_asks_an_organization(question: str) -> None:
    assert asked(question) == ("organization",)


def test_initials_written_apart_are_the_same_name() -> None:
    spaced, joined = analyze(["The U. K. P&I Club said so.", "The UK P&I Club said so."])
    assert same(spaced[0], joined[0]) and spaced[0].key == joined[0].key == "uk p&i club"
