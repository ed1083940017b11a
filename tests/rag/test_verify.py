"""Verification and conflicts on hand-made drafts: figures normalized, wrong ones caught, scope told apart."""

from __future__ import annotations

import pytest

from rag.answer.conflicts import Cited, find_conflicts
from rag.answer.evidence import SentenceVectors
from rag.answer.verify import verify
from rag.claims.parse import figure_tokens as figures
from rag.types import Passage


@pytest.fixture(scope="module")
def vectors(minilm) -> SentenceVectors:  # type: ignore[no-untyped-def]
    return SentenceVectors(minilm)


def _p(n: int, text: str) -> Passage:
    return Passage(doc_id=f"d{n}", chunk_id=f"d{n}:0", title=f"D{n}", text=text, score=1.0)


@pytest.mark.parametrize(("a", "b"), [("85–90%", "85-90 percent"), ("one year", "twelve months"),
                                      ("a 90-day pause", "ninety days"), ("1,000 tonnes", "1000 tonnes")])
def test_figures_compare_across_wordings(a: str, b: str) -> None:
    assert figures(a) == figures(b)


def test_a_paraphrase_with_normalized_figures_is_supported(vectors: SentenceVectors) -> None:
    passages = [_p(1, "China controls 85–90% of rare earth processing. The suspension lasts twelve months.")]
    checked = verify("China handles 85-90 percent of rare earth processing [1]. The suspension lasts one year [1].",
                     passages, vectors, 0.6)
    assert [s.passages for s in checked.sentences] == [[1], [1]] and not checked.dropped


def test_a_grouped_marker_and_a_marker_after_the_full_stop_are_read(vectors: SentenceVectors) -> None:
    passages = [_p(1, "Exports resume for 90 days."), _p(2, "Exports resume for 90 days, officials said.")]
    checked = verify("Exports resume for 90 days. [1, 2]", passages, vectors, 0.6)
    assert [s.passages for s in checked.sentences] == [[1, 2]]


def test_an_uncited_claim_is_dropped_when_attribution_is_off(vectors: SentenceVectors) -> None:
    checked = verify("Exports resume for 90 days.", [_p(1, "Exports resume for 90 days.")], vectors, 0.6, attribute=False)
    assert not checked.sentences and checked.dropped[0].reason == "no citation"


def test_different_values_from_two_articles_are_a_disagreement() -> None:
    conflicts = find_conflicts("How long will the resumption last?", [
        Cited("Exports resume for 90 days.", 1, "a"), Cited("The one-year suspension is in force.", 2, "b")])
    assert len(conflicts) == 1 and conflicts[0].kind == "disagreement"
    assert [(c.value, c.citation) for c in conflicts[0].claims] == [("90 days", 1), ("1 year", 2)]


def test_output_versus_processing_is_a_difference_of_scope() -> None:
    conflicts = find_conflicts("What share of the market does China hold?", [
        Cited("China holds about 70% of global mining output.", 1, "a"),
        Cited("China holds 85–90% of processing capacity.", 2, "b")])
    assert [c.kind for c in conflicts] == ["scope"]
    assert {c.scope for c in conflicts[0].claims} == {"global mining output", "processing capacity"}


def test_one_article_or_overlapping_ranges_are_not_conflicts() -> None:
    assert find_conflicts("What share does China process?", [
        Cited("China processes 85% of it.", 1, "a"), Cited("China processes 85-90% of it.", 2, "b")]) == []
    assert find_conflicts("How long is the deal?", [
        Cited("It lasts 90 days, or one year with renewal.", 1, "a")]) == []
