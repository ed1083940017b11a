"""A serving process embeds one document at start-up and maps its weights in, before freezing its loaded models
(api/server.py, ``warm_document_embedder`` and ``freeze_once_loaded``); a warm-up that fails is logged and changes nothing else."""

from __future__ import annotations

import gc
import logging

import numpy as np
import pytest

import rag.conversation.entities as entities
from api import server


class _Recording:
    def __init__(self, events: list[str], fail: bool = False) -> None:
        self.events, self.fail = events, fail
        self.texts: list[list[str]] = []

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.events.append("embed")
        if self.fail:
            raise RuntimeError("no model")
        self.texts.append(list(texts))
        return np.zeros((len(texts), 4), dtype=np.float32)

    def page_in(self) -> int:
        self.events.append("page in")
        return 0


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(entities, "load_nlp", lambda: seen.append("spacy"))
    monkeypatch.setattr(gc, "freeze", lambda: seen.append("freeze"))
    return seen


def test_the_document_embedder_runs_once_after_spacy_and_before_the_freeze(events: list[str]) -> None:
    embedder = _Recording(events)
    server.freeze_once_loaded(warm=lambda: server.warm_document_embedder(embedder)).join(timeout=60)
    assert events == ["spacy", "embed", "page in", "freeze"]  # then all of its weights' pages
    assert embedder.texts == [[server.WARM_TEXT]]  # one short document, as an upload would be embedded


def test_a_warm_up_that_fails_is_logged_and_the_models_are_frozen_all_the_same(
        events: list[str], caplog: pytest.LogCaptureFixture) -> None:
    embedder = _Recording(events, fail=True)
    with caplog.at_level(logging.INFO, logger="api.server"):
        server.freeze_once_loaded(warm=lambda: server.warm_document_embedder(embedder)).join(timeout=60)
    assert events == ["spacy", "embed", "freeze"]
    assert "the document embedder did not warm up" in caplog.text
    assert "is warm" not in caplog.text


def test_without_a_warm_up_only_the_freeze_runs(events: list[str]) -> None:
    server.freeze_once_loaded().join(timeout=60)
    assert events == ["spacy", "freeze"]
