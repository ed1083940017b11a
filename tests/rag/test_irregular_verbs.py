"""An irregular past form is its verb's stem (rag/text.py, ``_IRREGULAR_FORMS``): "What did the unions lose?" is
answered by "the unions lost the grievance". And a sentence of the answer's article that holds a word of the question
the best sentence lacks is quoted after it, though it adds no figure (rag/answer/extractive.py, ``_around``): the
best sentence's year is not the answer. Sentences are this test's own."""

from __future__ import annotations

import pytest

from rag.answer.evidence import Candidate
from rag.answer.extractive import ExtractiveGenerator
from rag.settings import AnswerSettings
from rag.text import content_terms, stem
from tests.rag.answerers import extractive_answerer, passage


@pytest.mark.parametrize("forms", [
    ("lose", "lost", "losing", "loses"),
    ("sell", "sold", "selling"),
    ("hold", "held", "holds"),
    ("win", "won", "wins"),
    ("leave", "left", "leaves"),
    ("rise", "rose", "risen", "rises"),
    ("take", "took", "taken", "takes"),
])
def test_a_verbs_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1


def test_founded_is_not_found_of_find() -> None:
    assert stem("founded") == stem("found")
    assert stem("found") != stem("find")


def test_a_question_in_the_present_holds_the_past() -> None:
    assert "lose" not in content_terms("Though the unions eventually lost the grievance")
    assert set(content_terms("What did the unions lose?")) <= set(content_terms("the unions lost it"))


GRIEVANCE = passage("pensions", "In 2012, amid a row over pension cuts, the dockworkers took their complaint to the "
                                "national labour board. Though the unions eventually lost the grievance, the board "
                                "dispute made pensions a campaign issue for years. Port managers later hired more "
                                "staff.")


def test_what_was_lost_is_quoted(minilm) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answerer(minilm).answer("What did the unions lose at the labour board?",
                                                [GRIEVANCE]).answer
    assert "lost the grievance" in answer


DATED = "In 2012, amid a row over pension cuts, the dockworkers took their complaint to the national labour board."
LOST = "Though the unions eventually lost the grievance, the dispute made pensions a campaign issue."
SAME = "In 2012 the dockworkers complained to the labour board about pension cuts."


def _candidate(text: str, score: float) -> Candidate:
    return Candidate(text=text, passage=GRIEVANCE, rank=0, terms=set(content_terms(text)), score=score)


@pytest.mark.parametrize("second, quoted", [(LOST, True), (SAME, False)])
def test_a_sentence_saying_what_the_best_leaves_out_is_quoted(minilm, second: str, quoted: bool) -> None:  # type: ignore[no-untyped-def]
    """The best sentence holds a year, the next of its article none: it is quoted when it holds a word of the
    question the best one lacks ("lost"), not when it repeats the best one's ground."""
    generator = ExtractiveGenerator(minilm, AnswerSettings())
    best, other = _candidate(DATED, 0.60), _candidate(second, 0.58)
    chosen = generator._around("What did the unions lose at the labour board?", best, [best, other])
    assert (other in chosen) is quoted
