"""Web snippets that answer in other words than the question: an event named by another verb ("launched" for
"released"), a subject named without the work another article ties it to, and a question's name whose words
a sentence holds only apart, in other names. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.events import holds_event, same_event_terms
from rag.answer.support_checks import article_text, lacks, scattered_name, tied_elsewhere
from rag.claims.extract import typed
from rag.text import content_terms
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="the question's verb and names are read by spaCy")



def test_a_when_question_s_verb_is_held_by_another_word_for_the_same_event() -> None:
    same = same_event_terms("When was Emberfall released?", ("date",))
    assert set(same) == {"releas"}
    assert holds_event(same["releas"], content_terms("The game was launched on March 3, 2019."))
    assert holds_event(same["releas"], content_terms("It premiered in Toronto in 2019."))
    assert not holds_event(same["releas"], content_terms("The studio closed in 2019."))
    assert holds_event(same_event_terms("When did Borel buy the mine?", ("date",))["buy"],
                       content_terms("Borel's acquisition of the mine closed in 2017."))
    assert same_event_terms("Who released Emberfall?", ("person", "organization")) == {}  # only a when-question
    assert same_event_terms("When was the deal signed?", ("date",)) == {}  # a verb of no listed event


_SNIPPETS = [
    passage("a", "Mar 3, 2021 ... When Emberfall arrived two years ago, it was a mess of server issues and design flaws."),
    passage("b", "Emberfall is on sale right now, and the studio says more seasons are coming."),
    passage("c", "The game was launched on March 3, 2019. Console versions were released the following year."),
    passage("d", "Update: the Emberfall account confirmed that Season 26 ends on August 21 and that Emberfall Season "
                 "27 will start after it."),
]


@needs_parser
def test_a_release_date_given_as_a_launch_answers_when_it_was_released(generator: Answerer) -> None:
    answer = generator.answer("When was Emberfall released?", _SNIPPETS)
    assert answer.grounded and "March 3, 2019" in answer.answer
    # the date a season ends is of another event: no context beside the answer, and no side of a disagreement
    assert "August 21" not in answer.answer and not answer.conflicts


def test_a_name_the_article_lacks_is_tied_to_the_one_it_holds_by_another_article() -> None:
    question = "Who will be playing the role of Mira Castell in Starfall?"
    cast = article_text("Okoro confirmed she would be playing the role by January 2021. By March 2020, Lena Okoro "
                        "was cast as the station's young engineer Mira Castell.")
    comic = article_text("Mira Castell is the heroine of the comic series Starfall, first published in 1988.")
    other = article_text("Starfall's sequel was announced for the role-playing game market.")
    assert tied_elsewhere(question, cast, [comic])
    assert not tied_elsewhere(question, cast, [other])  # no article ties Mira Castell to Starfall
    # a one-word name held is no full name: "Castell" alone may be another Castell
    assert not tied_elsewhere("Who will be playing the role of Castell in Starfall?", cast, [comic])
    # a name it holds part of is a changed one, not one left unsaid: "Britain" for "Great Britain"
    gains = article_text("Britain made gains in North America and in India after 1820.")
    assert not tied_elsewhere("When did Great Britain gain its colonies in North America?", gains,
                              [article_text("Great Britain lost its colonies in North America in 1783.")])
    articles = {"cast": "Okoro confirmed she would be playing the role by January 2021. By March 2020, Lena Okoro "
                        "was cast as the station's young engineer Mira Castell.",
                "comic": "Mira Castell is the heroine of the comic series Starfall, first published in 1988."}
    assert lacks(question, articles) == {"cast": "", "comic": ""}
    assert lacks(question, {"cast": articles["cast"]})["cast"]  # alone, it lacks Starfall


@needs_parser
def test_a_subject_named_without_its_work_answers_when_another_article_ties_them(generator: Answerer) -> None:
    passages = [
        passage("a", "Mira Castell is the heroine of the comic series Starfall, first published in 1988, and a "
                     "station engineer."),
        passage("b", "Okoro confirmed she would be playing the role by January 2021. By March 2020, Lena Okoro was "
                     "cast as the station's young engineer Mira Castell."),
    ]
    answer = generator.answer("Who will be playing the role of Mira Castell in Starfall?", passages)
    assert answer.grounded and "Lena Okoro" in answer.answer


@pytest.mark.parametrize("question, sentence, expected", [
    ("Who is the Halvorsen Prize winner in 2019?", "2019 Style Prize winners: Brandon Halvorsen, Rick Owens take "
                                                   "top honors.", "Halvorsen Prize"),
    ("Who is the Halvorsen Prize winner in 2019?", "The Dora Halvorsen Fund and the National Prize Committee named "
                                                   "the 2019 recipients.", "Halvorsen Prize"),
    ("Who is the Halvorsen Prize winner in 2019?", "Poet Ana Lind wins Carver, Halvorsen prizes.", ""),
    ("Who is the Halvorsen Prize winner in 2019?", "Ana Lind won the Halvorsen Prize.", ""),
    ("When did George Bush visit Lima?", "George W. Bush visited Lima in 2003.", ""),  # one word between
    ("Who won the World Cup Final in 2018?", "Argentina v France | Final | FIFA World Cup | Highlights", ""),
    ("Who won the World Cup Final in 2018?", "The 2018 World Cup ended with the first ever final for Croatia.", ""),
    ("Who is the Halvorsen Prize winner in 2019?", "Brandon Halvorsen won in 2019.", ""),  # a word it lacks
    # a person's name, or two proper words that name no thing of a class: middle names and places stand between
    ("What is William Rankine's nationality?", "It is named after William John Macquorn Rankine, a Scot.", ""),
    ("What was the Florida Huguenot colony called?", "Norman Huguenots founded it in Jacksonville, Florida.", ""),
])
def test_a_name_whose_words_a_sentence_holds_only_apart_is_not_named(question: str, sentence: str,
                                                                    expected: str) -> None:
    assert scattered_name(question, sentence) == expected


@needs_parser
def test_a_sentence_holding_the_words_of_the_name_asked_only_apart_does_not_answer(generator: Answerer) -> None:
    passages = [
        passage("a", "2019 Style Prize winners: Brandon Halvorsen, Rick Owens take top honors."),
        passage("b", "Dec 12, 2019 ... Poet Ana Lind wins Carver, Halvorsen prizes. Atlanta, GA - December ..."),
    ]
    answer = generator.answer("Who is the Halvorsen Prize winner in 2019?", passages)
    assert answer.grounded and "Ana Lind" in answer.answer
    assert "Brandon Halvorsen" not in answer.answer
