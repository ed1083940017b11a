"""A share written as a ratio ("one in four Norwegians", "2 out of 3 voters") is one percentage, not two counts, so it
answers "What proportion ...?"; a count in a span of time or a year ("3 in 10 games", "2 in 2023") stays a count.
Articles here are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.claims.parse import figures
from tests.rag.answerers import passage


def _read(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.kind, f.low) for f in figures(text)]


def test_a_ratio_is_one_share() -> None:
    assert _read("A survey found that one in four Kessians knew somebody affected.") == [
        ("one in four", "percentage", 25.0)]
    assert _read("Two out of three voters agreed.") == [("Two out of three", "percentage", 66.667)]
    assert [kind for _, kind, _ in _read("About 1 in 5 adults smoke.")] == ["percentage"]
    assert _read("The risk is one in 10,000 births.") == [("one in 10,000", "percentage", 0.01)]


def test_a_count_in_a_span_of_time_or_a_year_is_no_ratio() -> None:
    assert [kind for _, kind, _ in _read("He scored 3 in 10 games.")] == ["count", "count"]
    assert [kind for _, kind, _ in _read("They won 2 in 2023.")] == ["count", "date"]
    assert [kind for _, kind, _ in _read("Trading began at 9 in 3 markets.")] == ["count", "count"]


def test_a_ratio_answers_what_proportion(generator: Answerer) -> None:
    survey = passage("wiki", "Aftermath. The attacks shook the country. A survey found that one in four Kessians knew "
                             "somebody affected by the attacks. The government set up a commission.")
    answer = generator.answer("What proportion of Kessians knew somebody affected, according to a survey?", [survey])
    assert answer.grounded and "one in four" in answer.answer, answer.answer
