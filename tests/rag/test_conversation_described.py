"""A typed follow-up answered by a description: "how long", "when" and "where" follow-ups that no sentence
answers with a value of the kind asked are judged once more as descriptions (rag/conversation/described.py)."""

from __future__ import annotations

import pytest

from rag.answer.evidence import Candidate
from rag.conversation.described import described_follow_up, describes
from rag.conversation.reader import Reading
from rag.text import content_terms
from rag.types import AskRequest, ChatMessage, ChatRequest
from tests.rag.answerers import indexed_engine, passage

SAVING = ("Saving for retirement\n\nStart saving for retirement as early as you can, even with small amounts: the "
          "earlier you start saving, the longer compounding works for your retirement savings. People who wait "
          "until they earn more usually regret waiting.")
GARDEN = "Tomatoes\n\nTomatoes need six hours of sun each day. Water them in the morning, at the roots."
QUESTION = "When do I have to start saving for my retirement?"


def test_only_follow_ups_asking_for_a_duration_a_date_or_a_place_are_described() -> None:
    users = ["I just got my first job."]
    assert described_follow_up(Reading(QUESTION, "as typed", users=users))
    assert described_follow_up(Reading("Where to purchase those?", "as typed", users=users))
    assert described_follow_up(Reading('How long is "long term investing"?', "as typed", users=users))
    assert not described_follow_up(Reading(QUESTION, "first turn"))  # no conversation
    assert not described_follow_up(Reading("Who runs the pension fund?", "as typed", users=users))  # a name
    assert not described_follow_up(Reading("How many people save?", "as typed", users=users))  # a figure
    assert not described_follow_up(Reading("How do I start saving?", "as typed", users=users))  # already descriptive
    # an age is a figure too: "How old was she when she took the job?" is not answered by what she did
    assert not described_follow_up(Reading("How old was Mira Osei when she took the job?", "as typed", users=users))
    # and so is how long something has been so
    assert not described_follow_up(Reading("How long had Mira Osei been in office by then?", "as typed", users=users))
    assert not described_follow_up(Reading("How long ago did she start?", "as typed", users=users))


def _quoted(text: str) -> list[Candidate]:
    return [Candidate(text, passage("news", text), 0, set(content_terms(text)))]


def test_a_passage_that_only_names_who_is_asked_about_does_not_describe_it() -> None:
    question = "Where did Scott Bessent go to school?"
    assert not describes(question, _quoted("Treasury Secretary Scott Bessent expressed optimism about the talks."))
    assert describes(question, _quoted("Scott Bessent went to school at Yale, where he studied political science."))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    return indexed_engine(tmp_path_factory, minilm, "described", {"saving.txt": SAVING, "garden.txt": GARDEN})


def test_a_when_follow_up_is_answered_by_the_passage_that_describes_it(engine) -> None:  # type: ignore[no-untyped-def]
    messages = [ChatMessage(role="user", content="I just got my first job and want to plan my money."),
                ChatMessage(role="assistant", content="Tomatoes need six hours of sun each day [1]."),
                ChatMessage(role="user", content=QUESTION)]
    answer = engine.chat(ChatRequest(messages=messages, debug=True))
    assert answer.grounded and {c.doc_id for c in answer.citations} == {"saving"}
    assert "as early as you can" in answer.answer
    assert "judged as a description" in answer.trace["query"]["support"]


def test_the_same_question_alone_keeps_the_typed_path(engine) -> None:  # type: ignore[no-untyped-def]
    alone = engine.ask(AskRequest(question=QUESTION))
    assert not alone.grounded  # single questions are not described (SQuAD's unanswerable "when" questions)
