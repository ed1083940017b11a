"""A why-question asks for a cause: a passage window that states one ("as a result of depletion of the reservoir",
"because", "due to") has the answer's shape, as a sentence holding a value of the kind asked has for a typed
question (rag/answer/descriptive.py, ``CAUSE``). A time ("since 2010") is no cause, and a question of another form
gets nothing for one."""

from __future__ import annotations

import pytest

from rag.answer.descriptive import _CAUSE, CAUSE, windows
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.settings import AnswerSettings
from tests.rag.answerers import extractive_answerer, passage

WHY = "Why did less oil leak per day towards the end than at the start?"
FLOW = passage("flow", "Recent measurements and modeling also show that, as a result of depletion of the hydrocarbon "
                       "reservoir, the daily flow rate decreased over the 87 days prior to the well's closure. Based on "
                       "these measurements, the scientific teams estimate that, at the beginning of the spill, 62,000 "
                       "barrels of oil per day were leaking from the well.")
PLAIN = passage("plain", "Recent measurements and modeling also show that the hydrocarbon reservoir was depleted and the "
                         "daily flow rate decreased over the 87 days prior to the well's closure. Based on these "
                         "measurements, the scientific teams estimate that, at the beginning of the spill, 62,000 "
                         "barrels of oil per day were leaking from the well.")


@pytest.fixture(scope="module")
def generator(minilm) -> ExtractiveGenerator:  # type: ignore[no-untyped-def]
    return ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))


@pytest.mark.parametrize("sentence", [
    "The flow fell as a result of depletion of the reservoir.",
    "Prices rose because supply was cut.",
    "The talks stalled due to a dispute over tariffs.",
    "Exports slowed since the licences were never issued.",
    "The rescue was delayed owing to heavy rain.",
    "The decline stems from lower demand.",
])
def test_a_cause_is_read(sentence: str) -> None:
    assert _CAUSE.search(sentence)


@pytest.mark.parametrize("sentence", [
    "Exports have slowed since 2010.",
    "Exports have slowed since March.",
    "The well leaked for 87 days before it was capped.",
    "The reservoir was depleted and the flow fell.",
])
def test_no_cause_is_read(sentence: str) -> None:
    assert not _CAUSE.search(sentence)


def test_a_why_window_stating_a_cause_counts_it(generator: ExtractiveGenerator) -> None:
    causal = windows(WHY, generator.rank(WHY, [FLOW]), None, None)[0]
    plain = windows(WHY, generator.rank(WHY, [PLAIN]), None, None)[0]
    assert causal.score == pytest.approx(0.5 * causal.similarity + 0.5 * causal.coverage + CAUSE)
    assert plain.score == pytest.approx(0.5 * plain.similarity + 0.5 * plain.coverage)


def test_a_question_of_another_form_gets_nothing_for_a_cause(generator: ExtractiveGenerator) -> None:
    how = "How did the daily flow rate change over the 87 days?"
    window = windows(how, generator.rank(how, [FLOW]), None, None)[0]
    assert window.score == pytest.approx(0.5 * window.similarity + 0.5 * window.coverage)


def test_the_cause_is_quoted(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(WHY, [FLOW])
    assert answer.grounded and "depletion" in answer.answer


def test_the_cause_leads_the_answer(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer(WHY, [FLOW.model_copy(update={"text": " ".join(reversed(
        FLOW.text.split(". ")))})])
    assert answer.grounded and answer.answer.split(". ")[0].count("depletion") == 1
