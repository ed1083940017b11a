"""A duration written onto the noun a how-long question asks about, as its modifier ("the one-year suspension
framework", asked how long the framework runs), states the very relation asked, however little else its sentence
shares with the question: it is scored as tied (rag/answer/evidence.py, ``_written_onto``), as a place written onto
the name a which-place question asks about is. A noun of the clause that only dates what is asked ("before the
short-term resumption ...") is not what is asked."""

from __future__ import annotations

import pytest

from rag.answer.evidence import _TIME_CLAUSE, SentenceVectors, _written_onto
from rag.answer.extractive import ExtractiveGenerator
from rag.claims.extract import analyze
from rag.settings import AnswerSettings
from tests.rag.answerers import extractive_answerer, passage

FRAMEWORK = passage("analysis", "The one-year suspension framework reveals fundamental tensions between immediate "
                                "supply chain relief and long-term strategic security. Capital-intensive industries "
                                "need predictable material access.")
WINDOW = passage("news", "The 90-day window is being viewed by industry analysts as a crucial reprieve. Exporters "
                         "are still waiting for licences.")


def _duration(sentence: str):  # type: ignore[no-untyped-def]
    return next(v for v in analyze([sentence])[0] if v.kind == "duration")


@pytest.mark.parametrize("sentence, focus, written", [
    ("The one-year suspension framework reveals fundamental tensions.", {"framework"}, True),
    ("The 90-day window is being viewed as a reprieve.", {"framework"}, False),
    ("The 90-day window is being viewed as a reprieve.", {"window"}, True),
    ("The talks lasted two weeks before the framework was signed.", {"framework"}, False),
])
def test_a_duration_written_onto_the_noun(sentence: str, focus: set[str], written: bool) -> None:
    assert _written_onto(sentence, _duration(sentence), focus) is written


def test_the_clause_dating_what_is_asked_is_not_asked() -> None:
    question = "How long had supply chains been disrupted before Washington secured the short-term resumption?"
    assert "resumption" not in _TIME_CLAUSE.split(question)[0]


def test_the_framework_sentence_is_tied_and_answers(minilm) -> None:  # type: ignore[no-untyped-def]
    question = "How long is the framework supposed to run?"
    generator = ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))
    scored = {c.text.split()[1]: c for c in generator.rank(question, [FRAMEWORK, WINDOW])}
    assert scored["one-year"].tied and not scored["90-day"].tied
    answer = extractive_answerer(minilm).answer(question, [FRAMEWORK, WINDOW])
    assert answer.grounded and answer.citations[0].doc_id == "analysis" and "one-year" in answer.answer
