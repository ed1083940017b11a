"""Only passages about the conversation answer a follow-up: an extractive answer that cites only passages far
from the question read with the conversation's topic is given again without them, or declined."""

from __future__ import annotations

import numpy as np
import pytest

from rag.conversation.on_topic import FLOOR, about_the_conversation, off_topic, strays
from rag.types import Passage
from tests.rag.conversations import chat, engine_over

SERIES = ("The Office is an American television comedy series about the employees of a paper company. "
          "The series ran for nine seasons on NBC. It won the Emmy Award for Outstanding Comedy Series in 2006. "
          "Critics have ranked it among the best television comedies in history.")
CREDIT = ("Your payment history is the best single predictor of your credit score. Lenders look at how many "
          "payments you made on time over the past seven years. A long history of payments on time is best.")


def _passage(doc: str, text: str) -> Passage:
    return Passage(doc_id=doc, chunk_id=f"{doc}-0", title=doc, text=text, score=1.0)


def test_a_passage_far_from_the_topic_reading_is_off_topic(minilm) -> None:  # type: ignore[no-untyped-def]
    passages = [_passage("series", SERIES), _passage("credit", CREDIT)]
    stored = {p.chunk_id: np.asarray(minilm.embed_documents([p.text])[0]) for p in passages}
    topic = np.asarray(minilm.embed_query("History best? The Office television series Emmy"))
    assert off_topic(passages, topic, stored) == ["credit-0"]
    assert off_topic(passages, topic, stored, floor=-1.0) == []  # the floor decides
    assert off_topic(passages, topic, {}) == []  # no stored vector: not judged
    # a passage naming a person the conversation is about is about the conversation, whatever its vector
    assert off_topic(passages, topic, stored, people=["Lenders"]) == []
    assert off_topic(passages, topic, stored, people=["Steve Carell"]) == ["credit-0"]
    assert 0.0 < FLOOR < 1.0


def test_an_answer_strays_only_when_every_citation_is_off_topic() -> None:
    assert strays(["credit-0"], ["credit-0"])
    assert not strays(["credit-0", "series-0"], ["credit-0"])  # one citation on topic keeps the answer
    assert not strays([], ["credit-0"])  # a decline does not stray
    passages = [_passage("series", SERIES), _passage("credit", CREDIT)]
    assert [p.chunk_id for p in about_the_conversation(passages, ["credit-0"])] == ["series-0"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, minilm):  # type: ignore[no-untyped-def]
    return engine_over({"series.txt": "The Office\n\n" + SERIES, "credit.txt": "Credit scores\n\n" + CREDIT}, tmp_path_factory.mktemp("on-topic-corpus"),
                       tmp_path_factory.mktemp("on-topic-index"), minilm)


def test_a_follow_up_is_not_answered_from_a_passage_about_something_else(engine) -> None:  # type: ignore[no-untyped-def]
    alone = chat(engine, "Which payment history is best?")
    assert alone.grounded and {c.doc_id for c in alone.citations} == {"credit"}  # asked alone, the passage answers
    answer = chat(engine, "What is The Office?", "The Office is an American television comedy series [1].",
                   "History best?")
    assert "credit" not in {c.doc_id for c in answer.citations}
    assert any(c.startswith("credit") for c in answer.trace["query"]["off_topic"])
    assert answer.trace["query"].get("set_aside")


def test_a_follow_up_about_the_conversation_keeps_its_passage(engine) -> None:  # type: ignore[no-untyped-def]
    answer = chat(engine, "What is The Office?", "The Office is an American television comedy series [1].",
                   "How many seasons did it run?")
    assert answer.grounded and {c.doc_id for c in answer.citations} == {"series"}
    assert "set_aside" not in answer.trace["query"]



def test_a_quotation_of_the_person_asked_about_is_kept_for_what_they_said(tmp_path_factory, minilm) -> None:  # type: ignore[no-untyped-def]
    # the quotation sits among dock news: by its vector the passage is far from the conversation (0.12)
    quote = ("Dock workers unloaded soybeans, copper cathodes and timber as freight rates climbed. \u201cThis is a "
             "strategic pause, not a resolution,\u201d said Dr. Mara Okafor. Warehouses near the harbour are full and "
             "trucks queue for hours at the gates.")
    engine = engine_over({"outlook.txt": quote, "series.txt": "The Office\n\n" + SERIES, "credit.txt": "Credit scores\n\n" + CREDIT},
                         tmp_path_factory.mktemp("quote-corpus"), tmp_path_factory.mktemp("quote-index"), minilm)
    history = ("Which economist spoke about the television series?", "Dr. Mara Okafor, a trade economist [1].")
    answer = chat(engine, *history, "What did she call the deal?")
    assert answer.grounded and "strategic pause" in answer.answer
    assert not any(c.startswith("outlook") for c in answer.trace["query"]["off_topic"])
