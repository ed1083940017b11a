"""A duration followed by "before" or "after" is how long something lasted when a lasting word leads it ("lasted
about 30 minutes before the envoy left", "for 87 days before it was capped"); alone, "two days after the explosion"
is a time counted from an event (a duration of unit "interval", claims 49), no length of anything. Sentences here
are written for the tests."""

from __future__ import annotations

from rag.answer.answerer import Answerer
from rag.claims.parse import figures
from tests.rag.answerers import passage


def _kinds(text: str) -> dict[str, str]:
    return {f.text: f.kind for f in figures(text)}


def test_what_lasted_or_took_is_a_duration_even_before_a_clause() -> None:
    assert _kinds("Their talk lasted about 30 minutes before the envoy left.")["about 30 minutes"] == "duration"
    assert _kinds("The well leaked for 87 days before it could be capped.")["87 days"] == "duration"
    assert _kinds("They talked for nearly two hours after the dinner.")["nearly two hours"] == "duration"
    assert _kinds("The trial took more than ten weeks before the verdict.")["more than ten weeks"] == "duration"


def _units(text: str) -> dict[str, str]:
    return {f.text: f.unit for f in figures(text) if f.kind == "duration"}


def test_a_time_counted_from_an_event_is_no_length() -> None:
    assert _units("The rig sank two days after the explosion.")["two days"] == "interval"
    assert _units("Eleven days after the crew vanished, all were found.")["Eleven days"] == "interval"
    assert _units("The blast came 30 minutes before the shooting.")["30 minutes"] == "interval"
    assert _units("The talks lasted 30 minutes.")["30 minutes"] == "day"  # as before


def test_how_long_a_meeting_lasted_is_answered_from_the_sentence_that_says_it(generator: Answerer) -> None:
    passages = [passage("visit", "Envoy Arlen Voss briefly met the governor at the airport before flying north. "
                                 "Their conversation lasted about 30 minutes before Voss left for the mine."),
                passage("mine", "The mine reopened two days after the flood, officials said.")]
    answer = generator.answer("How long did the envoy's conversation with the governor last?", passages)
    assert "30 minutes" in answer.answer and answer.citations
    assert "two days" not in answer.answer
