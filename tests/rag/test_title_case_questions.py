"""Questions as people type them about awards, works and named things: title case that capitalizes what is no
name ("Best Director", "Academy Awards Ceremony"), a work asked for by its class noun ("Which movie..."), a
snippet that refers to the work it is about ("Of the film's nominations, ..."), and a sentence about another
named thing ("The League of the Vale was established ..." for the Treaty of Avelmark). Articles here are
written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import anchors_of
from rag.answer.other_subject import other_subject
from rag.answer.support_checks import names_asked
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from tests.rag.answerers import passage


def test_an_award_category_and_an_occasion_are_not_names_the_article_must_hold() -> None:
    assert names_asked("Which director won Best Director at the 41st Harbor Film Awards Ceremony?") == [
        ["Harbor", "Film", "Awards"]]
    assert names_asked("What movie won Best Animated Film at the Lumen Gala?") == [["Lumen"]]


def test_the_words_joining_a_name_are_no_anchor() -> None:
    # "of" in "the CEO of Nintendo" once made every article hold the question's name
    assert anchors_of("Who is the CEO of Nintendo in 2021?") == (["2021"], ["Nintendo"])
    assert anchors_of("When was the Peace of Westphalia signed?") == ([], ["Peace", "Westphalia"])


@pytest.mark.parametrize("question", [
    "Which movie won Best Picture at the 90th Academy Awards?",
    "What album did the band release in 2004?",
    "Which novel won the prize?",
])
def test_a_work_asked_for_by_its_class_noun_asks_for_a_name(question: str) -> None:
    assert asked(question) == ("organization", "person")


def test_an_award_is_no_one_who_won_it() -> None:
    found = analyze(["Harbor Lights won the Academy Award for animated feature, its second Oscar."],
                    use_model=False)[0]
    assert "Harbor Lights" in {v.text for v in found}
    assert not {"Academy Award", "Oscar"} & {v.text for v in found}


def test_a_category_worded_apart_from_the_question_still_answers(generator: Answerer) -> None:
    question = "Which director won Best Director at the 41st Harbor Film Awards Ceremony?"
    answer = generator.answer(question, [
        passage("gala", "Mira Santos — 41st Harbor Film Awards. Mira Santos accepts the award for best director "
                        "for \"Tidewater\" at the ceremony in Porto Alto."),
        passage("preview", "Tickets for the festival screenings go on sale next week at the box office."),
    ])
    assert answer.grounded and "Mira Santos" in answer.answer


def test_a_snippet_that_refers_to_the_film_after_a_preposition_leans_on_it(generator: Answerer) -> None:
    answer = generator.answer("Who is the lead actress in The Lantern Keeper?", [
        passage("review", "The Lantern Keeper, directed by Ivo Brand, received 13 nominations."),
        passage("snippet", "Mar 3, 2018 ... Of the film's 13 nominations, English actress Mara Quill is nominated "
                           "for Best Actress in a Drama."),
    ])
    assert answer.grounded and "Mara Quill" in answer.answer


@pytest.mark.parametrize("question, sentence, other", [
    ("When was the Treaty of Avelmark established?",
     "The League of the Vale was established by Duke Oren, as a client state, in 1806.", "League"),
    ("When was the Treaty of Avelmark established?", "Duke Oren established it in 1806.", ""),  # "it" may be it
    ("When was the Treaty of Avelmark established?", "The treaty was signed in 1648.", ""),  # no name: may be it
    ("When was the Treaty of Avelmark established?", "The Treaty of Avelmark was signed in 1648.", ""),
    ("Who founded the League of the Vale?", "Duke Oren founded the Order of Saint Brin.", ""),  # not its subject
])
def test_a_sentence_about_another_named_thing(question: str, sentence: str, other: str) -> None:
    assert other_subject(question, sentence).startswith(other) and bool(other_subject(question, sentence)) == bool(other)


def test_a_date_of_another_named_thing_is_no_answer(generator: Answerer) -> None:
    answer = generator.answer("When was the Treaty of Avelmark established?", [passage("rhine", (
        "Since the Treaty of Avelmark, the upper river formed a contentious border between the two duchies. "
        "The League of the Vale was established by Duke Oren, as a client state of the treaty powers, in 1806 and "
        "lasted until 1814."))])
    assert not answer.grounded
