"""A duration written onto the noun a how-long question asks about, as its modifier ("the two-year truce
framework", asked how long the framework runs), states the very relation asked, however little else its sentence
shares with the question: it is scored as tied (rag/answer/evidence.py, ``_written_onto``), as a place written onto
the name a which-place question asks about is. A noun of the clause that only dates what is asked ("before the
ports reopened ...") is not what is asked."""

from __future__ import annotations

import pytest

from rag.answer.evidence import _TIME_CLAUSE, SentenceVectors, _written_onto
from rag.answer.extractive import ExtractiveGenerator
from rag.claims.extract import analyze
from rag.settings import AnswerSettings
from tests.rag.answerers import extractive_answerer, passage

FRAMEWORK = passage("analysis", "The two-year truce framework exposes deep rifts between quick relief for shippers "
                                "and lasting security at sea. Insurers want steadier terms.")
WINDOW = passage("news", "The 60-day window is seen by port analysts as a welcome pause. Carriers are still "
                         "waiting for permits.")


def _duration(sentence: str):  # type: ignore[no-untyped-def]
    return next(v for v in analyze([sentence])[0] if v.kind == "duration")


@pytest.mark.parametrize("sentence, focus, written", [
    ("The two-year truce framework exposes deep rifts.", {"framework"}, True),
    ("The 60-day window is seen as a welcome pause.", {"framework"}, False),
    ("The 60-day window is seen as a welcome pause.", {"window"}, True),
    ("The talks lasted two weeks before the framework was signed.", {"framework"}, False),
])
def test_a_duration_written_onto_the_noun(sentence: str, focus: set[str], written: bool) -> None:
    assert _written_onto(sentence, _duration(sentence), focus) is written


def test_the_clause_dating_what_is_asked_is_not_asked() -> None:
    question = "How long had the ports been closed before the ministry announced the reopening?"
    assert "reopening" not in _TIME_CLAUSE.split(question)[0]


def test_the_framework_sentence_is_tied_and_answers(minilm) -> None:  # type: ignore[no-untyped-def]
    question = "How long is the framework supposed to run?"
    generator = ExtractiveGenerator(minilm, AnswerSettings(), SentenceVectors(minilm))
    scored = {c.text.split()[1]: c for c in generator.rank(question, [FRAMEWORK, WINDOW])}
    assert scored["two-year"].tied and not scored["60-day"].tied
    answer = extractive_answerer(minilm).answer(question, [FRAMEWORK, WINDOW])
    assert answer.grounded and answer.citations[0].doc_id == "analysis" and "two-year" in answer.answer
