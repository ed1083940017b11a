"""A generator with another behind it: how every model generator gets the extractive answer as its fallback."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rag.protocols import Condenser, Generator, PromptVersioned
from rag.types import Passage


class WithFallback:
    """Drafts with ``primary``. When it fails (with ``fallback_on_error``) or nothing it wrote survives
    verification, the answerer drafts with ``fallback`` and marks the answer degraded (rag.protocols.HasFallback).
    The wrapper has exactly the optional abilities of what it wraps (condensing, a prompt version)."""

    def __init__(self, primary: Generator, fallback: Generator, fallback_on_error: bool = True) -> None:
        self.primary = primary
        self.fallback = fallback
        self.fallback_on_error = fallback_on_error
        self.name = primary.name
        if isinstance(primary, PromptVersioned):
            self.prompt_version = primary.prompt_version
        if isinstance(primary, Condenser):
            self.condense = primary.condense

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        return self.primary.stream(question, passages)
