"""A list item's label is no name (claims 25): analysis articles write "Technology Sector: Focus on companies
developing ..." and "Clean Energy: Evaluate wind and solar companies ...", and the small tagger called the label
(and the instruction after its colon) organizations, so "Which companies are developing the untapped deposits?"
was answered by "Technology Sector", a name no article gives."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.claims.extract import analyze, typed
from tests.rag.answerers import passage

needs_parser = pytest.mark.skipif(not typed(), reason="names are typed by spaCy")


def _names(sentence: str) -> list[str]:
    return [v.text for v in analyze([sentence])[0] if v.kind not in ("date", "count", "percentage", "money")]


@needs_parser
def test_a_label_and_the_instruction_after_it_are_no_names() -> None:
    assert _names("Technology Sector: Focus on companies developing rare earth-efficient technologies") == []
    assert _names("Clean Energy: Evaluate wind and solar companies with diversified magnet supply chains") == []


@needs_parser
def test_a_name_the_tagger_finds_in_a_label_or_after_it_stays() -> None:
    assert "Lynas Rare Earths" in _names("Lynas Rare Earths: the Australian miner expanded output last year.")
    assert {"Lynas", "MP Materials"} <= set(_names("Key players: Lynas and MP Materials expanded output."))
    assert "Reuters" in _names("At 10:30 Reuters reported the deal.")  # a clock time's colon opens no label


@needs_parser
def test_which_companies_is_not_answered_by_a_label(generator: Answerer) -> None:
    advice = passage("advice", "Technology Sector: Focus on companies developing rare earth-efficient technologies "
                               "and alternative materials research.")
    deposits = passage("deposits", "Tanzania and Burundi possess significant undeveloped rare earth deposits.")
    answer = generator.answer("Which companies are developing the big untapped rare earth deposits?", [advice, deposits])
    assert "Technology Sector" not in answer.answer
