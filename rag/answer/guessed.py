"""Names the asker did not type: what a follow-up's rewrite read a reference as.

"Is American football derived from it?" after an answer that named FIFA is read as "... derived from FIFA?":
the reading is the conversation's best guess for "it", not the user's word. A name the question gives must be
in the passage that answers it (rag.answer.descriptive.judge); a guessed name is not held to that, or the
passage that answers the question as typed ("American football evolved from association football") is set
aside for one that names the guess ("England is recognised by FIFA as the birthplace of club football").
The guess still steers the search and the sentence scores.

The names are request-scoped context (the conversation entry point sets them around its answer's events:
``within``), so the answerer's signatures stay the ones /v1/ask uses. Each step of the events runs with them
set, whichever thread a streaming server steps the generator on.

Measured on the MTRAG human subset (README, issue 21, round seven): one more answerable follow-up cites an
expected passage; the rest unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from rag.text import content_terms

T = TypeVar("T")
V = TypeVar("V")

_GUESSED: ContextVar[frozenset[str]] = ContextVar("guessed_names", default=frozenset())
_ASKED: ContextVar[frozenset[str]] = ContextVar("asked_phrase", default=frozenset())


def guessed() -> frozenset[str]:
    """The words (lower case) of the names the current question's rewrite guessed; empty outside a follow-up."""
    return _GUESSED.get()


def within(names: Iterable[str], events: Iterable[T]) -> Iterator[T]:
    """The events, each produced with ``names`` (the guessed names) set."""
    return scoped(_GUESSED, _words(names), events)


def _words(names: Iterable[str]) -> frozenset[str]:
    """The names' words, lower case, and each without its possessive ending ("Lunde's report": "lunde", "report"), as
    the name the question then gives is read ("Lunde")."""
    words = {w.lower() for name in names for w in name.split()}
    return frozenset(words | {w.removesuffix("'s").removesuffix("\u2019s") for w in words})


@contextmanager
def also_guessed(names: Iterable[str]) -> Iterator[None]:
    """Within the block, ``names`` are guessed besides those already (a later part of a question: "he" of "..., and
    in what area of law had he specialised?" read as the judge the first part named)."""
    token = _GUESSED.set(guessed() | _words(names))
    try:
        yield
    finally:
        _GUESSED.reset(token)


def scoped(var: ContextVar[V], value: V, events: Iterable[T]) -> Iterator[T]:
    """The events, each step of them run with ``var`` set to ``value`` (and reset between steps)."""
    steps = iter(events)
    while True:
        token = var.set(value)
        try:
            event = next(steps)
        except StopIteration:
            return
        finally:
            var.reset(token)
        yield event


def asking(phrase: str, events: Iterable[T]) -> Iterator[T]:
    """The events, each produced with ``phrase`` set as what the follow-up itself asks about (``asked_terms``)."""
    return scoped(_ASKED, frozenset(content_terms(phrase)), events)


def asked_terms() -> frozenset[str]:
    """The content terms of the phrase a "what about X?" follow-up typed ("processing" of "How does that compare
    with processing?", the rest of its reading being the previous question); empty otherwise. The phrase is the
    one thing the turn asks: a sentence that holds none of it answers the previous question, not this one
    ("NdFeB Magnet Production | ~90%" for "What share of NdFeB magnet processing does China hold?")."""
    return _ASKED.get()


def guessed_terms() -> frozenset[str]:
    """``guessed`` as content terms (stemmed, no stopwords), the form a sentence's terms are compared in."""
    said = guessed()
    return frozenset(content_terms(" ".join(sorted(said)))) if said else frozenset()


def typed_anchors(words: list[str]) -> list[str]:
    """The name words of a question less those the rewrite guessed."""
    said = guessed()
    return [w for w in words if w.lower() not in said] if said else words
