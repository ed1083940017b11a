""""Tell me more" (rag.answer.said, the reader's "more" rule): the previous question again, answered past what
its answer already quoted."""

from __future__ import annotations

import pytest

from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.said import repeats, saying
from rag.conversation import Reader
from rag.settings import AnswerSettings
from rag.types import ChatMessage, Passage

QUESTION = "Which materials were suspended from licensing?"
FIRST = "The suspended materials include gallium, germanium and graphite, all essential for chips."
MORE = "Before the pause, each shipment of these materials needed a government approval."


def _p(doc_id: str, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:x", title=doc_id, text=text, score=0.5)


PASSAGES = [_p("terms", f"{FIRST} {MORE}")]


@pytest.fixture(scope="module")
def generator(minilm) -> ExtractiveGenerator:  # type: ignore[no-untyped-def]
    return ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))


def _best(generator: ExtractiveGenerator) -> str:
    return generator.rank(QUESTION, PASSAGES)[0].text


def test_a_sentence_the_last_answer_quoted_is_set_aside(generator: ExtractiveGenerator) -> None:
    assert _best(generator) == FIRST
    assert list(saying(FIRST, (_best(generator) for _ in range(1)))) == [MORE]
    assert not repeats(FIRST)  # outside the follow-up's answer nothing is set aside


def test_only_a_whole_sentence_counts_as_said() -> None:
    assert list(saying("Gallium [1].", (repeats(t) for t in ("Gallium", FIRST)))) == [False, False]


@pytest.mark.parametrize("turn", ["Tell me more.", "Can you elaborate?", "Go on", "More details please"])
def test_tell_me_more_is_the_previous_question_again(reader: Reader, turn: str) -> None:
    messages = [ChatMessage(role="user", content=QUESTION), ChatMessage(role="assistant", content=f"{FIRST} [1]"),
                ChatMessage(role="user", content=turn)]
    reading = reader.read(messages)
    assert (reading.query, reading.rule) == (QUESTION, "more")
    assert "gallium" in reading.cited.lower()  # what the engine sets aside


def test_more_after_a_decline_is_not_a_tell_me_more(reader: Reader) -> None:
    messages = [ChatMessage(role="user", content=QUESTION),
                ChatMessage(role="assistant", content="The indexed articles do not answer this question."),
                ChatMessage(role="user", content="Tell me more.")]
    assert reader.read(messages).rule != "more"
