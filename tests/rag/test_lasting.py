"""How long what lasted: a duration the sentence says of another event than the action asked is no answer and no side."""

from __future__ import annotations

from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.lasting import asked_lasting, lasting_event
from rag.claims.extract import analyze


def _event(sentence: str) -> tuple[str, ...]:
    [duration] = [v for v in analyze([sentence])[0] if v.kind == "duration"]
    return lasting_event(sentence, duration.start, duration.end)


def test_the_action_asked_and_no_action_for_a_thing_that_lasts() -> None:
    assert asked_lasting("Where did the envoy meet the governor, and how long did they talk?") == "talk"
    assert asked_lasting("How long did it take the engineers to reach the valve?") == "reach"
    assert asked_lasting("For how many days will the port resume grain shipments?") == "resume"
    # a thing may be made of events told by other verbs ("the deal" of "resume shipments for 90 days")
    assert asked_lasting("How long does the deal last?") == ""
    assert asked_lasting("How long was the meeting?") == ""
    # a passive: "was" is the auxiliary of the action asked
    assert asked_lasting("How long was the shipping lane blocked?") == "blocked"
    assert asked_lasting("How long has the port been closed?") == "closed"
    assert asked_lasting("Who chaired the meeting?") == ""


def test_the_event_a_sentence_times() -> None:
    assert _event("The climbers had been trapped on the ridge for nearly two weeks.") == ("trapped",)
    assert _event("Their conversation reportedly lasted about 30 minutes before the envoy left.") == ("conversation",)
    assert _event("The port agreed to resume grain shipments for a 90-day period.") == ("resume",)
    assert _event("It took the engineers five hours to reach the valve.") == ("reach",)
    assert _event("The two-year moratorium ends in March.") == ("moratorium",)
    # what the sentence leaves open may be of anything
    assert _event("One-year duration with potential for renewal.") == ()
    assert _event("It took five to six hours for each leg of the dive.") == ()


def test_a_duration_of_another_event_is_no_other_side(minilm) -> None:  # type: ignore[no-untyped-def]
    question = "Where did the envoy meet the governor, and how long did they talk?"
    sentences = [Cited("Their conversation reportedly lasted about 30 minutes before the envoy left.", 1, "a"),
                 Cited("The climbers had been trapped on the ridge for nearly two weeks.", 2, "b")]
    assert find_conflicts(question, sentences, embed=minilm.embed_documents) == []
    [conflict] = find_conflicts(question, sentences)  # (without the words' vectors, both are sides)
    assert {c.value for c in conflict.claims} == {"about 30 minutes", "nearly two weeks"}



def test_without_a_length_of_the_action_asked_every_length_stays(minilm) -> None:  # type: ignore[no-untyped-def]
    # the action may be told in other words than the question's ("lift the curbs" / "resume shipments")
    [conflict] = find_conflicts("For how long has the port agreed to lift its curbs on grain?", [
        Cited("The port agreed to resume grain shipments for a 90-day period.", 1, "a"),
        Cited("Officials expect the dock workers to strike for two weeks.", 2, "b")], embed=minilm.embed_documents)
    assert {c.value for c in conflict.claims} == {"90 days", "2 weeks"}


def test_two_lengths_of_the_action_asked_still_disagree(minilm) -> None:  # type: ignore[no-untyped-def]
    [conflict] = find_conflicts("Where did the envoy meet the governor, and how long did they talk?", [
        Cited("The two men talked for about 30 minutes in the governor's office.", 1, "a"),
        Cited("Their conversation lasted nearly three hours, an aide said.", 2, "b")], embed=minilm.embed_documents)
    assert conflict.kind == "disagreement"
    assert {c.value for c in conflict.claims} == {"about 30 minutes", "nearly three hours"}


def test_a_thing_asked_keeps_the_durations_of_what_it_is_made_of(minilm) -> None:  # type: ignore[no-untyped-def]
    [conflict] = find_conflicts("How long does the deal last?", [
        Cited("The port agreed to resume grain shipments for a 90-day period.", 1, "a"),
        Cited("One-year duration with potential for renewal.", 2, "b")], embed=minilm.embed_documents)
    assert {c.value for c in conflict.claims} == {"90 days", "1 year"}
