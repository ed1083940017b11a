"""Fixtures shared by the tests of how a conversation is read."""

from __future__ import annotations

import pytest

from rag.conversation import Reader


@pytest.fixture(scope="module")
def reader(minilm) -> Reader:  # type: ignore[no-untyped-def]
    """The conversation reader on the packaged embedding model, one per test module."""
    return Reader(minilm)
