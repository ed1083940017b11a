"""History-aware retrieval: the standalone question, the question with the conversation's topic, and the
passages the previous answer cited, fused by weighted reciprocal rank.

A turn that leans on the conversation ("and when?", a resolved "he", a clarification) gives the topic and
the cited passages more weight than a turn that stands on its own.
"""

from __future__ import annotations

from typing import Any

from rag.conversation.reader import Reading
from rag.retrieval.diversity import diversify
from rag.retrieval.fusion import rrf
from rag.retrieval.retriever import Retriever
from rag.text import normalize
from rag.types import Filters, Passage

WEIGHTS = {"question": 1.0, "topic": 0.8, "cited": 0.5}
STANDALONE_WEIGHTS = {"question": 1.0, "topic": 0.35, "cited": 0.2}
CITED_FALLBACK = 2  # when no passage quotes the previous answer (a model paraphrased it): its best matches


def search(retriever: Retriever, reading: Reading, k: int, filters: Filters | None) -> tuple[list[Passage], dict[str, Any]]:
    """The k passages for the reading, and what was searched (for the trace)."""
    depth = max(k, 10)
    lists = {"question": retriever.search(reading.query, depth, filters)}
    texts = {"question": reading.query}
    if reading.topic:
        texts["topic"] = f"{reading.query} {' '.join(reading.topic)}"
        lists["topic"] = retriever.search(texts["topic"], depth, filters)
    if reading.cited:
        texts["cited"] = reading.cited
        lists["cited"] = _cited(retriever.search(reading.cited, depth, filters), reading.cited)
    if len(lists) == 1:
        return lists["question"][:k], {"searches": texts}
    weights = WEIGHTS if reading.leans else STANDALONE_WEIGHTS
    fused = rrf(lists, weights, retriever.settings.rrf_k)
    s = retriever.settings
    passages = diversify(fused, k, {}, s.max_per_document, 1.0)
    return passages, {"searches": texts, "weights": {n: weights[n] for n in lists}}


def _cited(found: list[Passage], cited: str) -> list[Passage]:
    """The passages that contain a sentence of the previous answer: the ones it cited."""
    sentences = [normalize(s) for s in cited.split(". ") if len(s.split()) >= 4]
    quoted = [p for p in found if any(s.rstrip(".") in normalize(p.text) for s in sentences)]
    return quoted or found[:CITED_FALLBACK]
