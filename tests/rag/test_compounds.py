"""Words written apart in the question and together in the passage ("book keeping", "bookkeeping"):
rag/answer/compounds.py."""

from __future__ import annotations

from rag.answer.compounds import joined
from rag.answer.evidence import SentenceVectors
from rag.conversation.support import best
from rag.settings import AnswerSettings
from tests.rag.answerers import passage


def test_halves_of_one_word_are_held() -> None:
    assert joined(["complicat", "book", "keep"], {"fifo", "simplify", "bookkeep"}) == {"book", "keep"}
    assert joined(["data", "base"], {"databases"}) == {"data", "base"}


def test_a_word_that_holds_only_the_first_half_does_not_join() -> None:
    assert joined(["container", "registry", "grant"], {"container", "access"}) == set()
    assert joined(["in", "to"], {"into"}) == set()  # too short to be a compound by more than chance


def test_a_reaction_written_apart_is_answered_by_the_sentence_written_together(minilm) -> None:  # type: ignore[no-untyped-def]
    vectors, settings = SentenceVectors(minilm), AnswerSettings()
    shares = passage("shares", "Shares sold under FIFO are the oldest ones you hold. FIFO simplifies the bookkeeping. "
                               "Under LIFO each lot must be tracked by the date it was bought.")
    library = passage("library", "The library lends novels for three weeks. Each novel has a record of its readers.")
    top, supported = best("That's a complicated book keeping!", [library, shares], vectors, settings)
    assert supported and top is not None and top.passage.doc_id == "shares"


def test_a_word_that_is_only_the_first_half_holds_neither_half() -> None:
    assert joined(["bessent", "go"], {"bessent", "treasuri"}) == set()
