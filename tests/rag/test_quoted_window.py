"""A descriptive answer quotes its window's best sentence with the neighbours that share the question's ground
(rag/answer/descriptive.py, ``quoted``), but not a heading among them (it names a section and says nothing) nor, at
the end, a line introducing what it does not quote ("... the following documents:"). Sentences are this test's own."""

from __future__ import annotations

from rag.answer.descriptive import Window, quoted
from rag.answer.evidence import Candidate
from tests.rag.answerers import passage

TEXT = ("Officials describe the harbour permit scheme as a temporary measure rather than a permanent rule.\n"
        "Harbour Permit Scheme Review\n"
        "The harbour board will review the permit scheme next spring.\n"
        "Applicants should prepare the following documents:")
PASSAGE = passage("scheme", TEXT)


def _window(lines: list[str]) -> Window:
    sentences = [Candidate(text=line, passage=PASSAGE, rank=0, terms=set()) for line in lines]
    return Window(sentences=sentences, best=sentences[0], coverage=0.5, similarity=0.5, score=0.5)


def test_a_heading_among_the_neighbours_is_not_quoted() -> None:
    lines = TEXT.split("\n")[:3]
    assert [c.text for c in quoted(_window(lines))] == [lines[0], lines[2]]


def test_an_introduction_ending_the_quotation_is_not_quoted() -> None:
    lines = [TEXT.split("\n")[i] for i in (0, 2, 3)]
    assert [c.text for c in quoted(_window(lines))] == lines[:2]


def test_the_best_sentence_is_quoted_whatever_it_is() -> None:
    lines = [TEXT.split("\n")[3]]
    assert [c.text for c in quoted(_window(lines))] == lines
