"""Other documents' windows quoted with the first (rag.answer.descriptive.seconded): when another document's
best window scores at least ``answer.keep_within`` of the chosen one's and clears the bar, its best sentence is
quoted after the chosen window, cited to its own passage (two such documents at most, in the retriever's order);
a window further below, one under the bar, or one of the same document is not."""

from __future__ import annotations

from rag.answer.descriptive import describe
from rag.answer.evidence import Candidate
from rag.settings import AnswerSettings
from tests.rag.answerers import passage

QUESTION = "How can I help my child focus at school?"  # the asker's own case: the descriptive bar (0.38)


def _candidate(rank: int, doc: str, text: str, similarity: float) -> Candidate:
    # no term of the question is held, so a window's score is half its similarity
    return Candidate(text, passage(doc, text), rank, set(), set(), set(), similarity=similarity, score=similarity / 2)


def _pool(second: float, second_doc: str = "second") -> list[Candidate]:
    return [_candidate(0, "first", "Active children focus better in class.", 1.0),
            _candidate(1, second_doc, "A regular bedtime keeps attention steady through the day.", second)]


def _docs(quoted: list[Candidate]) -> list[str]:
    return [c.passage.doc_id for c in quoted]


def test_a_close_window_of_another_document_is_quoted_second() -> None:
    quoted = describe(QUESTION, _pool(0.9), None, None, AnswerSettings())  # 0.45 against 0.5: within 0.8
    assert _docs(quoted) == ["first", "second"]


def test_a_window_further_below_is_not_quoted() -> None:
    settings = AnswerSettings()
    quoted = describe(QUESTION, _pool(0.78), None, None, settings)  # 0.39: over the bar, under 0.8 of 0.5
    assert settings.descriptive_min_support <= 0.39
    assert _docs(quoted) == ["first"]


def test_a_window_under_the_bar_is_not_quoted() -> None:
    settings = AnswerSettings(keep_within=0.5)  # close enough by share, but 0.3 is under the 0.38 bar
    quoted = describe(QUESTION, _pool(0.6), None, None, settings)
    assert _docs(quoted) == ["first"]


def test_a_window_of_the_same_document_is_not_quoted() -> None:
    pool = [_candidate(0, "first", "Active children focus better in class.", 1.0),
            Candidate("A regular bedtime keeps attention steady through the day.",
                      passage("first", "Sleep.").model_copy(update={"chunk_id": "first:1:x"}), 1, set(), set(), set(),
                      similarity=0.9, score=0.45)]
    quoted = describe(QUESTION, pool, None, None, AnswerSettings())
    assert _docs(quoted) == ["first"]


def test_close_windows_of_other_documents_come_in_the_retrievers_order() -> None:
    pool = _pool(0.85) + [_candidate(2, "third", "Short screen time helps children concentrate.", 0.95)]
    quoted = describe(QUESTION, pool, None, None, AnswerSettings())
    assert _docs(quoted) == ["first", "second", "third"]


def test_at_most_two_other_documents_are_quoted() -> None:
    pool = _pool(0.85) + [_candidate(2, "third", "Short screen time helps children concentrate.", 0.95),
                          _candidate(3, "fourth", "Breakfast with protein keeps pupils alert until noon.", 0.9)]
    quoted = describe(QUESTION, pool, None, None, AnswerSettings())
    assert _docs(quoted) == ["first", "second", "third"]


def test_a_close_window_whose_own_sentence_is_under_the_bar_is_not_quoted() -> None:
    # the window scores 0.45 with its neighbours' words, but its best sentence, quoted alone, scores 0.3
    pool = [_candidate(0, "first", "Active children focus better in class.", 1.0),
            Candidate("While the team hails the plan as a win, skeptics disagree.",
                      passage("second", "While the team hails the plan as a win, skeptics disagree."), 1, set(), set(),
                      set(), similarity=0.9, score=0.3)]
    assert _docs(describe(QUESTION, pool, None, None, AnswerSettings())) == ["first"]
