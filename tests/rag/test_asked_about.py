"""A figure asked for comes from an article about what is asked: the words that ask the kind ("how many years",
"what percentage") say what kind of value answers, not what it is about, and an article that holds none of the
question's other words gives a figure of something else (rag/answer/evidence.py, ``_type``;
rag/claims/kinds.py, ``asking_terms``). Names asked for (who, where, which company) keep their own checks."""

from __future__ import annotations

from rag.claims.kinds import asking_terms
from tests.rag.answerers import extractive_answerer, passage

QUESTION = "How many years, think about adoption?"
INFERTILITY = passage("infertility", (
    "Infertility is the inability of a person to reproduce by natural means. "
    "Many more couples, however, experience involuntary childlessness for at least one year. "
    "Estimates range from 12% to 28% of couples."))
ADOPTION = passage("adoption", (
    "Adoption is the legal process by which a child joins a new family. "
    "Many couples think about adoption after trying to conceive for two years or more."))


def test_the_words_that_ask_the_kind() -> None:
    assert asking_terms(QUESTION) == {"year"}
    assert asking_terms("What percentage of the company does a share represent?") == {"percentag"}
    assert asking_terms("Why did it fail?") == set()


def test_a_figure_from_an_article_about_something_else_does_not_answer(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(QUESTION, [INFERTILITY])
    assert not answer.grounded and not answer.citations


def test_the_article_about_what_is_asked_answers(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(QUESTION, [INFERTILITY, ADOPTION])
    assert answer.grounded and answer.citations[0].doc_id == "adoption"


def test_how_long_infertility_lasts_is_still_answered(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer("How many years of involuntary childlessness do couples experience?",
                                                [INFERTILITY])
    assert answer.grounded and answer.citations[0].doc_id == "infertility"
