"""A connective phrase ("in return for", "in exchange", "as a result") ties what is asked to something else; its noun
names nothing asked of the answer (rag.answer.evidence.connective_terms)."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import connective_terms
from rag.text import stem
from tests.rag.answerers import extractive_answerer, passage


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_the_nouns_of_connective_phrases() -> None:
    assert connective_terms("What did Washington offer in return for the deal?") == {"return"}
    assert connective_terms("What did the port get in exchange, and what rose as a result?") == {
        stem("exchange"), stem("result")}
    assert connective_terms("When will the ships return to port?") == frozenset()


def test_a_connective_phrase_names_nothing_asked(answerer: Answerer) -> None:
    # "in return" asks nothing of the sentence: "In exchange, ..." answers it, and a sentence holding "return" in
    # another sense ("return to talks") is no second answer
    story = passage("port", title="Grain talks", text="The ministry will resume grain shipments for 90 days. In exchange, the harbour "
                                                      "board has offered selective fee relief. The harbour board is expected to "
                                                      "return to talks in March, a spokesman said.")
    answer = answerer.answer("What did the harbour board offer in return?", [story])
    assert answer.grounded and "fee relief" in answer.answer
    assert "return to talks" not in answer.answer
