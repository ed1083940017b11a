"""What a conversation is about, for its search: the key terms of earlier user turns weighted by recency, and
the documents the previous answers cited.

Both are found without a model: terms by counting, cited documents by a keyword search with each answer's
words (an extractive answer quotes its passages, so their words find them; a model's paraphrase mostly does).
Measured on the MTRAG human subset (README, "History-aware retrieval"): the documents found this way hold the
previous turn's gold passage on 0.89 of follow-ups.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.protocols import Store
from rag.text import keyword_terms
from rag.types import Filters

RECENCY = 0.6  # a user turn one further back counts this much less
MAX_TERMS = 4
MAX_NAMES = 2
ANSWERS = 2  # the answers to the last two user turns
PASSAGES_PER_ANSWER = 2
MAX_ANSWER_TERMS = 40  # the keyword search for an answer's passages reads its first words only


def recent_terms(users: Sequence[str], query: str, n: int = MAX_TERMS) -> list[str]:
    """Key terms of the earlier user turns, the most recent and most repeated first, minus what the query says."""
    said = {t.lower() for t in keyword_terms(query)}
    weights: dict[str, float] = {}
    first: dict[str, str] = {}
    for age, turn in enumerate(reversed(users)):
        for term in keyword_terms(turn):
            key = term.lower()
            if key not in said:
                weights[key] = weights.get(key, 0.0) + RECENCY ** age
                first.setdefault(key, term)
    return [first[key] for key in sorted(weights, key=lambda w: -weights[w])[:n]]


def topic_query(query: str, entities: Sequence[str], users: Sequence[str]) -> str | None:
    """The question with the conversation's most salient names and recent key terms; None with no history."""
    said = {t.lower() for t in keyword_terms(query)}
    names = [e for e in entities if not {t.lower() for t in keyword_terms(e)} <= said][:MAX_NAMES]
    extra = list(dict.fromkeys([*names, *recent_terms(users, query)]))
    return f"{query} {' '.join(extra)}" if extra else None


def cited_documents(store: Store, answers: Sequence[str], filters: Filters | None) -> list[str]:
    """The documents of the passages the last answers most likely quoted (their best keyword matches)."""
    docs: list[str] = []
    for answer in [a for a in answers[-ANSWERS:] if a][::-1]:
        terms = keyword_terms(answer)[:MAX_ANSWER_TERMS]
        found = store.keyword_search(terms, PASSAGES_PER_ANSWER, filters) if terms else []
        docs += [p.doc_id for p in found if p.doc_id not in docs]
    return list(dict.fromkeys(docs))
