"""The one place a model SDK's exceptions become ours: each adapter lists its own in one table.

A table maps exception classes (most specific first) to a function making our error from the SDK's; the
adapter raises the result ``from`` the SDK's exception, so logs keep the provider's traceback and text while
the message we show (and the API writes) is ours alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.errors import GeneratorError, GeneratorFailed

Table = Sequence[tuple[type[BaseException] | tuple[type[BaseException], ...], Callable[[BaseException], GeneratorError]]]


def translate(exc: BaseException, table: Table, unreadable: str) -> GeneratorError:
    """Our error for ``exc`` from the first row of ``table`` it matches; ``unreadable`` when none does."""
    for kinds, make in table:
        if isinstance(exc, kinds):
            return make(exc)
    return GeneratorFailed(unreadable)
