"""Comparisons: a question asking how things differ is answered by the passage that describes each of them,
though no window of it names them all (rag/answer/comparison.py); a yes/no question whether things differ asks
for that description, not for the value its words name (rag/claims/kinds.py)."""

from __future__ import annotations

import pytest

from rag.answer.comparison import compared, comparison
from rag.answer.evidence import SentenceVectors
from rag.claims.kinds import asked
from rag.conversation.support import best
from rag.settings import AnswerSettings
from tests.rag.answerers import extractive_answerer, passage

PRICING = passage("pricing", (
    "Charges depend on the plan you choose. "
    "Fixed pricing is a flat monthly amount that does not change with use. "
    "Billing is shown on the usage page of the console. "
    "The console lists every account you manage. "
    "Metered pricing is a unit-based model in which you pay for what you consume. "
    "Invoices are sent at the start of each month. "
    "Support plans are sold separately. "
    "Tiered pricing lowers the unit price as the quantity used grows. "
    "Discounts may apply to some accounts. "
    "Reserved pricing is based on a long-term commitment for a service."))
OTHER = passage("gardening", "Tomatoes need six hours of sun each day. Water them in the morning.")
QUESTION = "Can you tell me the difference among Fixed, Metered, Tiered, and Reserved?"


@pytest.mark.parametrize("question", [QUESTION, "How does version 6.15.0 differ from 6.14.0?",
                                      "What is the difference between a Roth IRA and a traditional IRA?",
                                      "Compare fixed and metered pricing", "Lynas vs MP Materials"])
def test_questions_that_compare(question: str) -> None:
    assert comparison(question)


@pytest.mark.parametrize("question", ["How is metered pricing charged?", "Is it different now?", "Who founded the company?"])
def test_questions_that_do_not_compare(question: str) -> None:
    assert not comparison(question)


def test_the_words_of_the_form_do_not_weigh() -> None:
    assert compared({"difference": 2.0, "among": 2.0, "fix": 0.5, "meter": 0.5}) == {"fix": 0.5, "meter": 0.5}
    assert compared({"differ": 1.0}) == {"differ": 1.0}  # nothing else to weigh: kept as it is


def test_the_passage_describing_each_compared_thing_answers(minilm) -> None:  # type: ignore[no-untyped-def]
    # No window of three sentences names more than one of the four; judged window by window (as any other
    # question) the comparison is declined.
    vectors, settings = SentenceVectors(minilm), AnswerSettings()
    top, supported = best(QUESTION, [PRICING, OTHER], vectors, settings)
    assert supported and top is not None and top.passage.doc_id == "pricing"


STOCKS = "Do common stocks and preferred stocks have any differences in terms of percentage of the company per unit they represent?"
CLASSES = passage("classes", (
    "A company might have several kinds of preferred shares and a common stock. "
    "Common stock usually carries voting rights, while preferred stock usually does not. "
    "Preferred shareholders are paid dividends before common shareholders."))


@pytest.mark.parametrize("question", [STOCKS, "Is a Roth IRA different from a traditional IRA in its share of tax?"])
def test_whether_things_differ_asks_no_value(question: str) -> None:
    # "percentage of" would type the question as asking a share (rag/claims/kinds.py, asked)
    assert asked(question) == ()


def test_a_choice_of_figures_is_still_typed() -> None:
    assert asked("Is the difference 5% or 10%?") == ("percentage",)
    assert asked("What percentage of the company does a share represent?") == ("percentage",)


def test_whether_they_differ_is_answered_by_a_description(minilm) -> None:  # type: ignore[no-untyped-def]
    # typed as asking a share, no sentence holding one answers and the question is declined
    answer = extractive_answerer(minilm).answer(STOCKS, [CLASSES, OTHER])
    assert answer.grounded and answer.citations[0].doc_id == "classes"
