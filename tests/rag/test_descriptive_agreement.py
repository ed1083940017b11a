"""A yes/no question's bar when the retriever and the window agree (rag.answer.descriptive.agreed): the best
window in the retriever's first passage needs ``AGREED_BAR``; elsewhere, or for another form, the question's
own bar."""

from __future__ import annotations

from rag.answer.descriptive import AGREED_BAR, judge
from rag.answer.evidence import Candidate
from rag.settings import AnswerSettings
from tests.rag.answerers import passage

QUESTION = "Does physical activity improve a child's focus at school?"  # a third party: the 0.48 bar


def _candidate(rank: int, doc: str, text: str, similarity: float) -> Candidate:
    return Candidate(text, passage(doc, text), rank, set(), set(), set(), similarity=similarity, score=similarity / 2)


def _pool(first: float, second: float) -> list[Candidate]:
    """Two passages; each window's score is half its similarity and half its term coverage (none of the
    question's terms here, so half the similarity)."""
    return [_candidate(0, "first", "Active children focus better and do better at school.", first),
            _candidate(1, "second", "Schools run sports days for children.", second)]


def test_the_retrievers_first_passage_is_answered_at_the_agreed_bar() -> None:
    settings = AnswerSettings()
    window, supported = judge(QUESTION, _pool(0.9, 0.5), None, None, settings)
    assert window is not None and window.best.passage.doc_id == "first"
    assert AGREED_BAR <= window.score < settings.min_support
    assert supported


def test_the_same_score_in_another_passage_keeps_the_questions_bar() -> None:
    settings = AnswerSettings()
    window, supported = judge(QUESTION, _pool(0.5, 0.9), None, None, settings)
    assert window is not None and window.best.passage.doc_id == "second"
    assert AGREED_BAR <= window.score < settings.min_support
    assert not supported


def test_below_the_agreed_bar_the_first_passage_is_still_declined() -> None:
    window, supported = judge(QUESTION, _pool(0.8, 0.4), None, None, AnswerSettings())
    assert window is not None and window.score < AGREED_BAR
    assert not supported


def test_an_open_question_in_the_first_passage_keeps_its_bar() -> None:
    # "How ...?" about a third party: the passage that answers it states it in the question's words.
    settings = AnswerSettings()
    window, supported = judge("How does physical activity change a child's focus at school?", _pool(0.9, 0.5),
                              None, None, settings)
    assert window is not None and window.best.passage.doc_id == "first"
    assert AGREED_BAR <= window.score < settings.min_support
    assert not supported
