"""What the conversation already said: "Tell me more" is answered from sentences the last answer did not quote.

The reader reads "Tell me more", "Can you elaborate?", "Go on" as the previous question again (rule "more");
the engine sets what the previous answer quoted around the answer's events (``saying``), and the evidence scorer
sets aside a sentence that answer already gave (``repeats``), so the reply goes on from it instead of repeating
it, or says the articles hold nothing more. Request-scoped like ``rag.answer.guessed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import TypeVar

from rag.answer.guessed import scoped
from rag.text import normalize

T = TypeVar("T")

_SAID: ContextVar[str] = ContextVar("already_said", default="")
MIN_CHARS = 20  # a heading or a fragment this short may be said again


def saying(text: str, events: Iterable[T]) -> Iterator[T]:
    """The events, each produced with ``text`` (what the previous answer quoted) as already said."""
    return scoped(_SAID, normalize(text), events)


def repeats(sentence: str) -> bool:
    """Whether the previous answer, set by ``saying``, already quoted this sentence."""
    said = _SAID.get()
    if not said:
        return False
    text = normalize(sentence)
    return len(text) >= MIN_CHARS and text in said
