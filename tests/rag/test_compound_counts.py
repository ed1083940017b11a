"""A how-many question counts its noun however the article compounds it: "How many tugboats ...?" is answered by
"fourteen Egyptian and Dutch tugs", and "How many boats ...?" by "twelve lifeboats" (rag/answer/evidence.py,
``_compound``). A noun that only begins like the one asked ("passes" for "passengers") counts something else."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import _compound
from rag.text import stem
from tests.rag.answerers import extractive_answerer, passage


@pytest.mark.parametrize("unit, noun, counted", [
    ("tugs", "tugboats", True), ("lifeboats", "boats", True), ("warships", "ships", True),
    ("passes", "passengers", False), ("cars", "cargoes", False), ("boats", "boats", False),
])
def test_compounds(unit: str, noun: str, counted: bool) -> None:
    assert _compound(stem(unit), stem(noun)) is counted


@pytest.fixture(scope="module")
def answerer(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    return extractive_answerer(minilm)


def test_a_count_of_the_compounds_part_answers(answerer: Answerer) -> None:
    story = passage("barge", "The barge ran aground in the channel on Monday. On Thursday the barge was finally pulled "
                             "free by fourteen Egyptian and Dutch tugs, a harbour official said.")
    answer = answerer.answer("How many tugboats pulled the barge free?", [story])
    assert answer.grounded and "fourteen" in answer.answer
