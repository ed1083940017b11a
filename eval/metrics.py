"""Metrics computed from the system's actual output: retrieval ranks, facts, sources, refusals."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from rag.text import normalize
from rag.types import Answer


def contains_fact(text: str, alternatives: Sequence[str]) -> bool:
    """Some alternative is in the text, after normalization and with accents folded: an answer quoting a page
    that writes "Chloe Zhao" names the "Chloé Zhao" a dataset expects."""
    folded = _unaccented(normalize(text))
    return any(_unaccented(normalize(alt)) in folded for alt in alternatives)


def _unaccented(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def facts_present(text: str, facts: Sequence[Sequence[str]]) -> bool:
    """Every group of alternatives has one alternative in the text (after normalization)."""
    return all(contains_fact(text, group) for group in facts)


def first_relevant_rank(retrieved_docs: Sequence[str], expected: Sequence[str]) -> int | None:
    for rank, doc_id in enumerate(retrieved_docs, start=1):
        if doc_id in expected:
            return rank
    return None


def hit_at(retrieved_docs: Sequence[str], expected: Sequence[str], k: int) -> float:
    rank = first_relevant_rank(retrieved_docs, expected)
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(retrieved_docs: Sequence[str], expected: Sequence[str]) -> float:
    rank = first_relevant_rank(retrieved_docs, expected)
    return 1.0 / rank if rank else 0.0


def ndcg_at(retrieved_docs: Sequence[str], expected: Sequence[str], k: int = 10) -> float:
    """Binary relevance by document: each expected document counts once, at its first passage."""
    seen: set[str] = set()
    dcg = 0.0
    for rank, doc_id in enumerate(retrieved_docs[:k], start=1):
        if doc_id in expected and doc_id not in seen:
            seen.add(doc_id)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(set(expected)), k) + 1))
    return dcg / ideal if ideal else 0.0


def source_cited(answer: Answer, expected: Sequence[str]) -> bool:
    return any(c.doc_id in expected for c in answer.citations)


def citation_precision(answer: Answer, facts: Sequence[Sequence[str]]) -> float | None:
    """Share of citations whose quoted text contains some fact of the question."""
    if not answer.citations or not facts:
        return None
    alternatives = [alt for group in facts for alt in group]
    good = sum(1 for c in answer.citations if contains_fact(c.text, alternatives))
    return good / len(answer.citations)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
