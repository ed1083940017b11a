"""A qualifier ("without ...") is part of what is asked: a passage that never speaks of it does not
answer, however well it answers the rest (rag/answer/qualifier.py)."""

from __future__ import annotations

import pytest

from rag.answer.qualifier import qualifier_terms, speaks_of, wanted
from tests.rag.answerers import extractive_answerer, passage

QUESTION = "How can I get a restraining order without notifying the other person of my address?"
STEPS = passage("steps", (
    "This page explains the forms and steps that need to be taken to get a restraining order. "
    "There are different types of civil restraining orders, each with their own eligibility requirements. "
    "The person you want protection from must be served with the papers."))
CONFIDENTIAL = passage("confidential", (
    "You do not have to give your home address on a restraining order request. "
    "To keep your address confidential, give a mailing address that the other person can be sent papers at, "
    "such as a post office box, and leave your home address off the forms."))


def test_the_terms_a_qualifier_adds() -> None:
    assert qualifier_terms(QUESTION) == ["notify", "person", "address"]
    assert qualifier_terms("Can I withdraw early without a penalty?") == ["penalty"]
    assert qualifier_terms("Was the research disclosed to anyone except for the Air Force?") == []  # set aside
    assert qualifier_terms("How can I get a restraining order?") == []


def test_a_passage_must_hold_half_the_qualifiers_weight() -> None:
    weights = {"restrain": 0.2, "order": 0.2, "notify": 1.5, "person": 0.4, "address": 1.1}
    qualifier = wanted(QUESTION, weights)
    assert qualifier == {"notify": 1.5, "person": 0.4, "address": 1.1}
    assert speaks_of(qualifier, {"address", "mail", "person"})
    assert not speaks_of(qualifier, {"restrain", "order", "person"})  # the common word alone is not enough
    assert speaks_of({}, {"anything"})  # no qualifier: nothing wanted


def test_a_passage_that_never_speaks_of_the_qualifier_does_not_answer(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(QUESTION, [STEPS])
    assert not answer.grounded and not answer.citations


def test_the_passage_that_speaks_of_it_does(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(QUESTION, [STEPS, CONFIDENTIAL])
    assert answer.grounded and answer.citations[0].doc_id == "confidential"


@pytest.mark.parametrize("question", ["How can I get a restraining order?", "What are the steps to get a restraining order?"])
def test_without_a_qualifier_the_steps_answer(minilm, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(question, [STEPS])
    assert answer.grounded and answer.citations[0].doc_id == "steps"
