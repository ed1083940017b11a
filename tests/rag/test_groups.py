"""A who-question answered by a group that does what it asks ("domestic producers ... wait for clear signals"),
when no sentence names a person or an organization for it; and not by a sentence missing a word of it."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from tests.rag.answerers import extractive_answerer, passage

PASSAGES = [
    passage("a", "The tariff truce began in May. In the meantime, domestic producers in Chile, Peru, and Bolivia wait "
                 "for clear signals. Copper prices rose."),
    passage("b", "Shipping costs doubled this spring. Industry analysts and port observers are urging caution about "
                 "the new rules. The ministry did not comment."),
    passage("c", "Tin prices fell again. Norland's exporters, meanwhile, are not receiving blanket license "
                 "extensions. The port reopened."),
]


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


@pytest.mark.parametrize("question, doc, words", [
    ("Who is waiting for clear signals?", "a", "domestic producers"),
    ("Who is urging caution about the new rules?", "b", "Industry analysts"),
    # an aside and a negation between the group and what it does ("exporters, meanwhile, are not receiving")
    ("Who is not receiving blanket license extensions?", "c", "exporters"),
])
def test_a_group_doing_what_is_asked_answers_who(answerer: Answerer, question: str, doc: str, words: str) -> None:
    answer = answerer.answer(question, PASSAGES)
    assert answer.grounded
    assert [c.doc_id for c in answer.citations] == [doc] and words in answer.answer


def test_a_group_doing_all_that_is_asked_beats_a_name_doing_less(answerer: Answerer) -> None:
    passages = [
        passage("c", "The Westland Metals Group warned of continued supply risk for copper buyers this year."),
        passage("d", "Sovereign buyers and defense agencies quietly position themselves for continued supply risk."),
    ]
    answer = answerer.answer("Who is quietly positioning themselves for continued supply risk?", passages)
    assert answer.grounded and [c.doc_id for c in answer.citations] == ["d"]


@pytest.mark.parametrize("question", [
    "Who is waiting for clear rulings?",  # one word changed: no sentence holds every term
    "Who welcomed the new rules?",
    "Who is urging the ministry to comment?",  # the terms are there, but no group is the subject of them
])
def test_no_group_answers_a_question_no_sentence_holds(answerer: Answerer, question: str) -> None:
    assert not answerer.answer(question, PASSAGES).grounded


def test_a_quoted_line_that_introduces_a_list_brings_its_items(answerer: Answerer) -> None:
    """(rag/answer/extractive.py ``_with_items``) A line ending in a colon says what follows, not the answer."""
    passages = [passage("ports", "Cobalt exports slowed in May.\nNew shipping partnerships are emerging to route cobalt "
                                 "around the strait:\nRegional Partnerships:\n• A Kenya-India corridor for refined "
                                 "cobalt shipments\n• A Chilean and Peruvian port pooling agreement for ore\n"
                                 "Prices stayed high all summer.")]
    answer = answerer.answer("What shipping partnerships are emerging?", passages)
    assert answer.grounded and "Kenya-India corridor" in answer.answer and "port pooling" in answer.answer
    assert "Prices stayed high" not in answer.answer  # prose after the list is no item
