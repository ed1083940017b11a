"""What the asker states ("since ...", "because ...") is not the answer: the sentence that says the premise
again does not answer, and the names of the premise need not be in the passage that does
(rag/answer/premise.py)."""

from __future__ import annotations

import pytest

from rag.answer.evidence import _terms
from rag.answer.premise import asked_part, premise_terms, restates
from tests.rag.answerers import extractive_answerer, passage

QUESTION = "What if I want to create encrypted image since Vulnerability Advisor can not scan it?"
SCANNING = passage("scanning", (
    "Encrypted images aren't scanned by Vulnerability Advisor. "
    "Vulnerability Advisor checks the packages of an image for known security issues."))
ENCRYPTING = passage("encrypting", (
    "Create an encrypted image so that people without the private key can't access the content. "
    "Encrypt the image with a public key before you push it to your registry namespace."))


def test_a_premise_is_a_clause_with_a_verb() -> None:
    assert premise_terms(QUESTION) == {"vulnerability", "advisor", "scan"}
    assert premise_terms("Why is the fee charged because my balance is low?") == {"balanc", "low"}
    assert premise_terms("What did the treaties not seek to do since its foundation?") == set()
    assert premise_terms("Where have oxygen bars been since 1990?") == set()


def test_the_premise_said_again_says_nothing_new() -> None:
    premise = premise_terms(QUESTION)
    assert restates(QUESTION, premise, _terms("Encrypted images aren't scanned by Vulnerability Advisor."))
    assert not restates(QUESTION, premise, _terms("Create an encrypted image so that people without the key"))
    assert not restates(QUESTION, set(), _terms("Encrypted images aren't scanned by Vulnerability Advisor."))


def test_the_premises_names_are_not_asked() -> None:
    assert "Vulnerability" not in asked_part(QUESTION)
    assert asked_part("How did it fail, given Lynas?") == "How did it fail, given Lynas?"  # no clause: as asked


def test_the_passage_that_answers_beyond_the_premise_is_cited(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(QUESTION, [SCANNING, ENCRYPTING])
    assert answer.grounded and answer.citations[0].doc_id == "encrypting"


@pytest.mark.parametrize("question", ["Are encrypted images scanned by Vulnerability Advisor?",
                                      "Does Vulnerability Advisor scan encrypted images?",
                                      # a yes/no question asks about its "because" clause: no premise
                                      "Are encrypted images not scanned because Vulnerability Advisor can not read them?"])
def test_without_a_premise_the_sentence_answers(minilm, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(question, [SCANNING, ENCRYPTING])
    assert answer.grounded and answer.citations[0].doc_id == "scanning"
