"""How questions worded as readers word them are typed and checked: "Who is the <person noun>", "Which dates",
"Which court", "What death toll", "How much compensation", a speaker asked by "Who is the economist quoted ...",
an ordinal that only tells one of a kind from another, an acronym spelled out in lower case, a country said by
another of its names. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.origin import country_said
from rag.answer.support_checks import ArticleText, figures_asked
from rag.claims.kinds import Value, answers_as, asked, asks_speaker, fits


@pytest.mark.parametrize("question, kinds", [
    ("Who is the Kessian official who signed the accord?", ("person",)),
    ("Who was the police officer in charge of the operation?", ("person",)),
    ("Who was the economist quoted in the report?", ("person",)),
    ("Who is the US president?", ("person", "organization")),  # an office an administration may hold
    ("Between which dates was the trial held?", ("date",)),
    ("Which court heard the case?", ("organization",)),
    ("Which tribunal ruled on the appeal?", ("organization",)),
    ("What death toll has been given for the fire?", ("count",)),
    ("How much compensation did the state pay the families?", ("money",)),
    ("How much aid was pledged to the port?", ("money",)),
])
def test_the_kind_a_question_asks_for(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds


@pytest.mark.parametrize("question, speaker", [
    ("Who is the ICS economist quoted saying the port is still exposed?", True),
    ("Who is the economist who warned that prices would rise?", True),
    ("Who is the leader that the minister met?", False),
    ("Who is the president of Varden Metals?", False),
])
def test_a_who_is_question_may_ask_who_said_it(question: str, speaker: bool) -> None:
    assert asks_speaker(question) is speaker


def test_an_organization_that_reads_as_a_persons_name_fits_a_person_question() -> None:
    kinds = ("person",)
    assert fits(Value("organization", "Ivo Brand"), kinds)  # the tagger's slip: "directed by Ivo Brand"
    assert not fits(Value("organization", "WTO"), kinds)
    assert not fits(Value("organization", "Varden Rare Metals"), kinds)
    assert not fits(Value("organization", "Kessia Policy Institute"), kinds)
    assert not fits(Value("organization", "Norwegian Police"), kinds)  # a country's adjective opens a body's name
    assert fits(Value("name", "Varden"), ("organization",))
    assert not fits(Value("name", "Prime Minister"), ("organization",))  # a title is no body's name


@pytest.mark.parametrize("sentence, figure", [
    ("The bomb went off at 15:25:22 near the tower.", "25"),  # a time of day, not counts
    ("The island lies by the E16 road.", "16"),  # a name's number
])
def test_a_number_inside_a_time_or_a_name_is_no_count(sentence: str, figure: str) -> None:
    start = sentence.index(figure)
    value = Value("count", figure, low=float(figure), high=float(figure), start=start, end=start + len(figure))
    assert not answers_as(value, sentence, ("count", "quantity"), "How many were there?")
    plain = f"They counted {figure} boats."
    start = plain.index(figure)
    counted = Value("count", figure, low=float(figure), high=float(figure), start=start, end=start + len(figure))
    assert answers_as(counted, plain, ("count", "quantity"), "How many boats?")


@pytest.mark.parametrize("question, figures", [
    ("When did the second psychiatric team conclude he was sane?", []),  # one team told from another
    ("When did the third expedition leave?", ["3"]),
    ("Who led the Second Crusade?", ["2"]),
])
def test_an_ordinal_is_a_figure_of_the_question_unless_it_only_tells_one_from_another(question: str,
                                                                                     figures: list[str]) -> None:
    assert figures_asked(question) == figures


def test_an_acronym_is_held_by_the_words_it_stands_for_in_any_case() -> None:
    article = ArticleText("Electric vehicle makers depend on magnets, each vehicle needing about 1 kg.")
    assert article.has_name(["EV"])
    assert not ArticleText("The each of them went home.").has_name(["EV"])  # not stopwords


@pytest.mark.parametrize("text, word, said", [
    ("The US Defense Logistics Agency keeps buying.", "American", True),
    ("Officials of the United States met.", "American", True),
    ("U.S. officials declined.", "American", True),
    ("Let us go home.", "American", False),
    ("Refiners in Britain paused.", "British", True),
])
def test_a_country_is_said_by_another_of_its_names(text: str, word: str, said: bool) -> None:
    assert country_said(text, word) is said
    assert ArticleText(text).has_word(word) is said


@pytest.mark.parametrize("question, kinds", [
    ("What is the name of the oil major's chief executive who blamed the rig's operator?", ("person",)),
    ("What was the name of the company that built the rig?", ("organization",)),
    ("What is the name of the town the president visited?", ("place",)),
    ("What is the name of the song?", ()),  # a title, which no tagger types
])
def test_asking_the_name_of_a_kind_asks_that_kind(question: str, kinds: tuple[str, ...]) -> None:
    assert asked(question) == kinds
