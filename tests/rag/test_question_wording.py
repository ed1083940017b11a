"""How a question is worded, and how an article lays out a figure, should not decide whether it is answered: a
clause about the articles themselves ("..., and do the articles agree?"), and a figure whose meaning is given by
its table column's header. Articles here are written for the tests."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.collection_talk import without_collection_talk
from rag.answer.derived import derived_work
from rag.answer.evidence import _pool
from tests.rag.answerers import passage


@pytest.mark.parametrize("question, expected", [
    ("How long does the pact last, and do the articles agree?", "How long does the pact last?"),
    ("How long does the pact last, and do the reports agree on that?", "How long does the pact last?"),
    ("According to these sources, who chairs the port authority?", "Who chairs the port authority?"),
    ("What share of cobalt refining does Peru hold, according to the articles?",
     "What share of cobalt refining does Peru hold?"),
    ("Who is the port director mentioned in the articles?", "Who is the port director?"),
    # what the articles call something says what it is: kept
    ("Which firms are named in the articles as cobalt refiners?", "Which firms are named in the articles as cobalt refiners?"),
    # a question only about agreement asks its object
    ("Do the sources agree on how long the pact lasts?", "How long the pact lasts?"),
    ("Do the articles agree on Peru's share of cobalt refining?", "What is Peru's share of cobalt refining?"),
    ("Is there any disagreement among the reports about who chairs the port authority?",
     "Who chairs the port authority?"),
    ("Are the sources consistent about the length of the pact?", "What is the length of the pact?"),
    ("Do all the articles give the same figure for Peru's share?", "What is Peru's share?"),
    ("Do the articles agree on whether the pact is permanent?", "Do the articles agree on whether the pact is permanent?"),
    ("Do the articles agree on that?", "Do the articles agree on that?"),  # "that" is the conversation's to resolve
    ("What do the articles say?", "What do the articles say?"),  # nothing would be left to ask
    ("Who wrote the report?", "Who wrote the report?"),
])
def test_talk_about_the_articles_is_read_off_the_question(question: str, expected: str) -> None:
    assert without_collection_talk(question) == expected


_PACT = ("Under the pact, Lima agreed to resume cobalt shipments for a 45-day period, port officials said. "
         "Dockworkers expect the first vessels to leave on Friday.")


def test_a_question_that_asks_whether_the_articles_agree_is_answered_from_them(generator: Answerer) -> None:
    answer = generator.answer("How long will the cobalt shipments resume, and do the articles agree?",
                              [passage("pact", _PACT)], debug=True)
    assert answer.grounded and "45-day" in answer.answer
    assert answer.question == "How long will the cobalt shipments resume, and do the articles agree?"
    assert (answer.trace or {})["question"]["read_as"] == "How long will the cobalt shipments resume?"


_SHARE = ("Peru refines about 62% of the world's cobalt, the ministry said. "
          "Officials expect that share to grow as new plants open near Callao.")


def test_a_question_only_about_agreement_is_answered_with_what_it_is_about(generator: Answerer) -> None:
    answer = generator.answer("Do the articles agree on Peru's share of cobalt refining?", [passage("share", _SHARE)],
                              debug=True)
    assert answer.grounded and "62%" in answer.answer
    assert (answer.trace or {})["question"]["read_as"] == "What is Peru's share of cobalt refining?"


_TABLE = ("Peru's Cobalt Position:\n"
          "Supply Chain Stage | Peruvian Market Share | Strategic Significance\n"
          "|---|---|---|\n"
          "Cobalt Refining | 60-65% | Turning ore into battery-grade salts\n"
          "Cathode Production | ~40% | Making finished battery parts\n"
          "Peru expects both shares to grow as new plants open near Callao.")


def test_a_table_row_knows_the_headers_of_its_columns() -> None:
    rows = {c.text.split(" | ")[0]: c for c in _pool([passage("table", _TABLE)])}
    assert rows["Cobalt Refining"].header == ("Supply Chain Stage", "Peruvian Market Share", "Strategic Significance")
    assert rows["Cathode Production"].header == rows["Cobalt Refining"].header
    assert rows["Supply Chain Stage"].header == ()  # the header row itself
    assert not any(c.header for c in _pool([passage("table", _TABLE)]) if "Callao" in c.text)  # prose ends the table


def test_a_figure_in_a_table_is_of_its_column_header(generator: Answerer) -> None:
    answer = generator.answer("How large is Peru's market share?", [passage("table", _TABLE)])
    assert answer.grounded and "60-65%" in answer.answer  # neither row's label says it is a market share


@pytest.mark.parametrize("sentence, answered", [
    ("Port director Mara Okafor announced that the terminal will reopen by March 2025.", False),
    ("Port director Mara Okafor, born in 1961, announced that the terminal will reopen.", True),
])
def test_how_old_is_answered_by_a_beginning_not_by_another_date(generator: Answerer, sentence: str,
                                                                 answered: bool) -> None:
    answer = generator.answer("How old is Mara Okafor?", [passage("port", sentence + " Dockworkers cheered.")])
    assert answer.grounded is answered
    if answered:
        assert "1961" in answer.answer


@pytest.mark.parametrize("question, sentence, expected", [
    ("When was Harbour Lights released?", "A second soundtrack album featuring the tracks used in Harbour Lights was "
     "released on 2 August 2023.", "soundtrack"),
    ("When was Harbour Lights released?", "The Harbour Lights Re-Arranged Album was released in 1999.", "album"),
    ("Who directed Harbour Lights?", "The Harbour Lights soundtrack was composed by Ana Ruiz.", "soundtrack"),
    # the work itself, however it is introduced
    ("When was Harbour Lights released?", "Her debut album, Harbour Lights, was released in 2003.", ""),
    ("When was Harbour Lights released?", "This original soundtrack features the music of Harbour Lights, the game "
     "released on May 29, 2020.", ""),
    # the question asks about that kind of work itself
    ("Who composed the Harbour Lights soundtrack?", "The Harbour Lights soundtrack was composed by Ana Ruiz.", ""),
])
def test_a_work_made_from_the_one_asked_about_is_another_subject(question: str, sentence: str, expected: str) -> None:
    assert derived_work(question, sentence) == expected


def test_the_date_of_a_soundtrack_is_no_release_date_of_its_game(generator: Answerer) -> None:
    answer = generator.answer("When was Harbour Lights released?", [
        passage("ost", "A second soundtrack album featuring the remastered tracks used in Harbour Lights was released "
                       "on 2 August 2023. It sold well in Japan."),
        passage("game", "Harbour Lights, a puzzle game by Kestrel Works, was released on May 29, 2020 for consoles.")])
    assert answer.grounded and "May 29, 2020" in answer.answer and "2023" not in answer.answer


def test_an_undated_article_may_say_who_holds_a_role_in_the_year_asked(generator: Answerer) -> None:
    question = "Who is the CEO of Kestrel Works in 2021?"
    undated = passage("profile", "We met Ana Ruiz, CEO of Kestrel Works, in her office by the harbour.")
    answer = generator.answer(question, [undated])
    assert answer.grounded and "Ana Ruiz" in answer.answer
    # an article that dates its story in another year is about that year, not the one asked
    dated = passage("profile", "In 2015 we met Ana Ruiz, CEO of Kestrel Works, in her office by the harbour.")
    assert not generator.answer(question, [dated]).grounded
