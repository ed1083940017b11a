"""Questions asking for a description (how, why, yes/no, what is X, requests, statements): which questions are
of that form, and their answers through the real service (passages judged a passage at a time)."""

from __future__ import annotations

import pytest

from rag.answer.descriptive import descriptive
from tests.conftest import Server


@pytest.mark.parametrize("question", [
    "How does China use rare earths as leverage?",
    "Tax-wise, how does the percentage work?",
    "Why did the Mountain Pass facility close?",
    "Do I need a real estate agent?",
    "Can you tell me the difference among Fixed, Metered, Tiered, and Reserved?",
    "What are ETFs?",
    "My friend wants to put my name down for a house he's buying. What risks would I be taking?",
    "I do not know how to set up namespaces ...",
    "Spousal support",
    "I heard the toolchain is not available in South America.",
])
def test_questions_asking_for_a_description(question: str) -> None:
    assert descriptive(question)


@pytest.mark.parametrize("question", [
    "Who leads the Defense Logistics Agency?",
    "How many rare earth elements are there?",
    "How long is the export deal?",
    "What pathway that plays a role in immune response to viruses is present in all eukaryotes?",
    "What is the name of the Los Angeles rail system?",
    "What has sizes depending on how weak the push or pull is?",
    "DECnet stands for what?",
    "Which rivers are navigable in the USA?",
])
def test_factoid_questions_are_not_descriptive(question: str) -> None:
    assert not descriptive(question)


def _ask(server: Server, question: str) -> dict:
    with server.client() as client:
        response = client.post("/v1/ask", json={"question": question, "debug": True})
    assert response.status_code == 200, response.text
    return response.json()


def test_an_advice_question_is_answered_from_the_passage_that_describes_it(server: Server) -> None:
    # Few of its words are in the article ("risks", "factory", "relies"): the best sentence alone scores
    # under the sentence bar, the passage's best sentences with their neighbours do not.
    answer = _ask(server, "What risks would my factory take if it relies on Chinese magnets?")
    assert answer["grounded"], answer["answer"]
    assert [c["doc_id"] for c in answer["citations"]] == ["003_b266b34e924597ea"]
    assert "dependent on Chinese suppliers" in answer["answer"]
    assert answer["answer"].count("[1]") >= 2  # a description: contiguous sentences of the one passage


def test_a_how_question_is_answered_with_the_passage_it_cites(server: Server) -> None:
    answer = _ask(server, "How does China use rare earths as leverage?")
    assert answer["grounded"]
    assert answer["citations"][0]["doc_id"] == "001_f862d878ed33022c"
    assert "leverage" in answer["answer"]


@pytest.mark.parametrize("question", ["How do I bake sourdough bread at home?", "Why do cats purr when they sleep?",
                                      "Should I repaint my kitchen before selling my house?"])
def test_an_off_topic_how_or_why_question_is_still_declined(server: Server, question: str) -> None:
    answer = _ask(server, question)
    assert not answer["grounded"] and not answer["citations"], answer["answer"]
