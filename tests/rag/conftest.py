"""Fixtures shared by the tests of rag/: the conversation reader and the extractive answerer."""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.conversation import Reader
from tests.rag.answerers import extractive_answerer


@pytest.fixture(scope="module")
def reader(minilm) -> Reader:  # type: ignore[no-untyped-def]
    """The conversation reader on the packaged embedding model, one per test module."""
    return Reader(minilm)


@pytest.fixture(scope="module")
def generator(minilm) -> Answerer:  # type: ignore[no-untyped-def]
    """The extractive answerer as the service builds it, on the packaged embedding model, one per test module."""
    return extractive_answerer(minilm)
