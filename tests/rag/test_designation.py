"""A question asking what something is called is answered by the sentence that gives it a name, and by no other
(rag/answer/designation.py): "dubbed "Operation Lantern"" answers "What nickname did the search get?", though the
sentence never says "nickname"; a passage on the search that gives it no name does not. The keyword side looks for
the verbs that give a name too (rag/retrieval/retriever.py)."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.designation import asks_designation, gives_designation, naming_words
from rag.retrieval.retriever import _terms
from tests.rag.answerers import extractive_answerer, passage


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


@pytest.mark.parametrize("question", ["What nickname did the search get?", "What was the operation dubbed?",
                                      "What do some people call the dispute over the harbour?",
                                      "What term do economists use for the slowdown?", "By what name is the plan known?"])
def test_asking_what_something_is_called(question: str) -> None:
    assert asks_designation(question)


@pytest.mark.parametrize("question", ["What is the name of the harbour master?", "What did Chen call the deal?",
                                      "What title did she win?", "What did the search find?"])
def test_other_questions_are_not(question: str) -> None:
    # a person's name (typed elsewhere), what someone called it (their words: quotes.py), a title won, a finding
    assert not asks_designation(question)


def test_sentences_giving_a_name() -> None:
    assert gives_designation('On Monday the search, dubbed "Operation Lantern", began at dawn.')
    assert gives_designation("Copper remains a bargaining chip in what traders now call the Great Metal Squeeze.")
    assert gives_designation("The plan, known as the Northern Corridor, was approved in May.")
    assert not gives_designation("The minister called the plan a success.")
    assert not gives_designation("He was called back to the capital.")


def test_the_noun_of_a_name_given_gives_one() -> None:
    # "earning him the nickname ..." gives the name as a verb of naming does
    assert gives_designation('His late goal earned him the nickname "Iron Boot" in the local papers.')
    assert gives_designation("Reporters gave the ferry the moniker Old Faithful.")
    assert not gives_designation("He never liked his nickname.")
    assert not gives_designation("The nickname of the team was chosen by fans.")


def test_a_nickname_given_by_its_noun_answers(answerer: Answerer) -> None:
    text = ("The keeper saved three penalties in the final. His saves earned him the nickname \"The Wall\" in the "
            "city's newspapers. He had joined the club in 2015.")
    answer = answerer.answer("What nickname did the newspapers give the keeper?", [passage("final", text)])
    assert "The Wall" in answer.answer


def test_the_keyword_side_looks_for_the_verbs_that_give_a_name() -> None:
    assert "dubbed" in _terms("What nickname did the search get?")
    assert not naming_words("What did the search find?")


def test_the_sentence_giving_the_name_answers(answerer: Answerer) -> None:
    story = passage("search", "Divers searched the flooded mine for three days. On Monday the search, dubbed "
                              '"Operation Lantern", reached the lower gallery. Officials said the search was the largest '
                              "the region had seen.")
    answer = answerer.answer("What nickname did the search get?", [story])
    assert answer.grounded and "Operation Lantern" in answer.answer
    assert "largest" not in answer.answer


def test_no_name_given_is_declined(answerer: Answerer) -> None:
    story = passage("search", "Divers searched the flooded mine for three days. On Monday the search reached the lower "
                              "gallery. Officials said the search was the largest the region had seen.")
    answer = answerer.answer("What nickname did the search get?", [story])
    assert not answer.grounded
