"""The event a when-question asks the date of: after a verb of its phase ("start", "resume") the event is the verb's
object, and a date opening a sentence dates that sentence's verb ("In 2010, ..., Beijing halted ...")."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.events import asked_event, dated_event
from rag.claims.extract import analyze, typed
from tests.rag.answerers import extractive_answerer, passage

needs_parser = pytest.mark.skipif(not typed(), reason="the question's verb and object come from spaCy")

HALTED = "In 2010, amid a maritime standoff with Japan, Beijing halted all rare earth shipments to Tokyo without notice."
LICENSED = "China's April 4, 2025 licensing requirements were the culmination of a multi-year strategy."


@needs_parser
def test_what_started_is_the_object_of_start() -> None:
    assert asked_event("When did China start formal export licensing for rare earths?") == "licensing"
    assert asked_event("When did Ostland resume shipments?") == "shipments"
    assert asked_event("When did the war start?") == "start"  # nothing started named: the verb itself


def test_a_date_opening_the_sentence_dates_its_verb() -> None:
    year = next(v for v in analyze([HALTED], use_model=False)[0] if v.kind == "date")
    assert dated_event(year, HALTED) == "halted"
    launched = "In 2012, the game was launched worldwide."
    assert dated_event(next(v for v in analyze([launched], use_model=False)[0] if v.kind == "date"), launched) == ""


@needs_parser
def test_the_date_of_another_event_is_no_disagreement() -> None:
    # a halt of shipments in 2010 and the start of licensing in 2025 were shown as two sides of one date
    found = find_conflicts("When did China start formal export licensing for rare earths?",
                           [Cited(LICENSED, 1, "a"), Cited(HALTED, 2, "b")])
    assert all(c.kind != "disagreement" for c in found)


def test_what_happened_asks_for_the_event_not_the_word_happen(minilm) -> None:  # type: ignore[no-untyped-def]
    # "happened" is in no sentence that says what happened: it had held the date's sentence under the bar
    answer = extractive_answerer(minilm).answer(
        "What happened on April 4, 2025?",
        [passage("a", "The April 4, 2025 export control implementation date marked a significant escalation in "
                      "Ostland's strategic materials policy. Earlier measures were milder."),
         passage("b", "Analysts expect shipping volumes to recover by the spring.")])
    assert answer.grounded and "April 4, 2025 export control" in answer.answer
