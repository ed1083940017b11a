"""A "Who is the <noun> ...?" question for a noun of no office ("the materials economist") is answered by the name
the articles call so; another article's name called something else is no other side. Articles here are written
for the tests."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.claims.kinds import Value, asked_person_noun, described_as


@pytest.mark.parametrize("question, noun", [
    ("Who is the materials economist quoted?", "economist"),
    ("Who was the analyst cited in the report?", "analyst"),
    ("Who is the US president mentioned in the articles?", ""),  # an office: a role, read as one
    ("Who is quoted?", ""),
])
def test_the_noun_a_who_question_names_its_person_by(question: str, noun: str) -> None:
    assert asked_person_noun(question) == noun


def test_a_name_described_by_the_noun() -> None:
    sentence = "“It is a breather,” said Dr. Mira Osei, a materials economist at the Kessia Institute."
    start = sentence.index("Mira")
    value = Value("person", "Mira Osei", key="mira osei", start=start, end=start + len("Mira Osei"))
    assert described_as(value, sentence, "economist")
    before = "The materials economist Mira Osei disagreed."
    start = before.index("Mira")
    assert described_as(Value("person", "Mira Osei", start=start, end=start + 9), before, "economist")
    assert not described_as(value, sentence, "secretary")


def test_another_articles_name_called_something_else_is_no_other_side() -> None:
    # the answer showed "The sources disagree on this: [1] KPI; [2] Treasury; [2] Secretary Jon Bell"
    sentences = [Cited("“It is a breather, not a settlement,” said Dr. Mira Osei, a materials economist at the "
                       "Kessia Policy Institute (KPI).", 1, "a"),
                 Cited("The Daily Ledger reports that Treasury Secretary Jon Bell hopes to wrap up the arrangements "
                       "by the end of the year.", 2, "b")]
    assert not [c for c in find_conflicts("Who is the materials economist quoted?", sentences)
                if c.kind == "disagreement"]
    # called so in both articles, two names are two sides
    sentences[1] = Cited("Jon Bell, a materials economist at the Daily Ledger, expressed optimism.", 2, "b")
    [conflict] = find_conflicts("Who is the materials economist quoted?", sentences)
    assert {c.citation for c in conflict.claims} == {1, 2}


def test_a_name_given_without_an_office_stays_a_side() -> None:
    # "Who is the lead actress ...?": the director's sentence gives no office, so the two are still two sides
    sentences = [Cited("“The Glass River”, directed by Ana Ruiz, received 13 nominations.", 1, "a"),
                 Cited("Of the film's 13 nominations, English actress Mira Osei is nominated for Best Actress.", 2,
                       "b")]
    [conflict] = find_conflicts("Who is the lead actress in The Glass River?", sentences)
    assert {c.citation for c in conflict.claims} == {1, 2}
