"""An article's title line names its story; it answers no factoid question (rag.answer.extractive): the headline
"Tycoon's Mini-Sub 'Impractical,' Won't Be Used" shares every name of "What was the tycoon's mini-sub built
from?" and says nothing of what it was built from. The body answers, or nothing does. A title holding a value of
the kind asked ("90-Day") still answers a typed question."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from tests.rag.answerers import extractive_answerer, passage

TITLE = "Tycoon's Mini-Sub 'Impractical,' Won't Be Used"



@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_a_headline_is_no_answer_to_a_factoid_question(answerer: Answerer) -> None:
    story = passage("sub", title=TITLE, text=f"{TITLE}\n\nCHIANG RAI - The governor said the tycoon's mini-sub would not be used in "
                                             "the rescue, because the passages were too narrow for it.")
    answer = answerer.answer("What was the tycoon's mini-sub built from?", [story])
    assert TITLE not in answer.answer


def test_the_body_answers_when_it_says_it(answerer: Answerer) -> None:
    story = passage("sub", title=TITLE, text=f"{TITLE}\n\nCHIANG RAI - The governor said the tycoon's mini-sub would not be used. "
                                             "The tycoon's mini-sub was built from rocket parts, a spokesman said.")
    answer = answerer.answer("What was the tycoon's mini-sub built from?", [story])
    assert answer.grounded and "rocket parts" in answer.answer
    assert TITLE not in answer.answer


def test_a_headline_holding_the_value_asked_still_answers(answerer: Answerer) -> None:
    title = "Port Secures 90-Day Resumption of Grain Exports"
    story = passage("port", title=title, text=f"{title}\n\nThe resumption follows weeks of talks between the port and the ministry.")
    answer = answerer.answer("How long will the resumption of grain exports last?", [story])
    assert answer.grounded and "90-Day" in answer.answer


def test_a_section_heading_is_no_answer_either(answerer: Answerer) -> None:
    # a line of its own in title case names the section, as a title names the story
    heading = "Port Offers Concessions in Return for Grain Deal"
    story = passage("port", title="Grain talks", text=f"Grain talks\n\n{heading}\n\nThe ministry welcomed the talks, an official "
                                                      "said. In exchange, the harbour board has cut berthing fees for grain ships.")
    answer = answerer.answer("What did the port offer in return for the grain deal?", [story])
    assert heading not in answer.answer



