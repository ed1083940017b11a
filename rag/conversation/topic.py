"""What a conversation is about, for its search: the key terms of earlier user turns weighted by recency, and
the documents the previous answers cited.

Both are found without a model: terms by counting, cited documents by a keyword search with each answer's
words (an extractive answer quotes its passages, so their words find them; a model's paraphrase mostly does).
A user's term that an answer took up counts ``CONFIRMED`` times: the answers say what the conversation is
about ("infertility", "mortgage"), while the user's own phrasing ("think", "years") is not taken up. Recency
alone let a long conversation's subject fall out of the topic behind the last turn's words. Only the user's
terms are searched; an answer's words only weigh them, and a declined or apologising answer contributes none
(rag/conversation/turns.py).
Measured on the MTRAG human subset (README, "History-aware retrieval"): the documents found this way hold the
previous turn's gold passage on 0.89 of follow-ups.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.protocols import Store
from rag.text import keyword_terms
from rag.types import Filters

RECENCY = 0.6  # a user turn one further back counts this much less
MAX_TERMS = 6
CONFIRMED = 2.0  # weight of a user's term that an earlier answer used too
MAX_NAMES = 2
ANSWERS = 2  # the answers to the last two user turns
PASSAGES_PER_ANSWER = 2
MAX_ANSWER_TERMS = 40  # the keyword search for an answer's passages reads its first words only


def recent_terms(users: Sequence[str], query: str, n: int = MAX_TERMS, answers: Sequence[str] = ()) -> list[str]:
    """Key terms of the earlier user turns, the most recent, most repeated and most taken up by the answers
    first, minus what the query says."""
    said = {t.lower() for t in keyword_terms(query)}
    answered = {t.lower() for answer in answers for t in keyword_terms(answer)}
    weights: dict[str, float] = {}
    first: dict[str, str] = {}
    for age, turn in enumerate(reversed(users)):
        for term in keyword_terms(turn):
            key = term.lower()
            if key not in said:
                weights[key] = weights.get(key, 0.0) + RECENCY ** age
                first.setdefault(key, term)
    weights = {key: w * (CONFIRMED if key in answered else 1.0) for key, w in weights.items()}
    return [first[key] for key in sorted(weights, key=lambda w: -weights[w])[:n]]


def topic_query(query: str, entities: Sequence[str], users: Sequence[str], answers: Sequence[str] = ()) -> str | None:
    """The question with the conversation's most salient names and recent key terms; None with no history.
    ``answers``: what each answer contributes ("" for a decline), to weigh the user's terms."""
    said = {t.lower() for t in keyword_terms(query)}
    names = [e for e in entities if not {t.lower() for t in keyword_terms(e)} <= said][:MAX_NAMES]
    extra = list(dict.fromkeys([*names, *recent_terms(users, query, answers=answers)]))
    return f"{query} {' '.join(extra)}" if extra else None


def cited_documents(store: Store, answers: Sequence[str], filters: Filters | None) -> list[str]:
    """The documents of the passages the last answers most likely quoted (their best keyword matches)."""
    docs: list[str] = []
    for answer in [a for a in answers[-ANSWERS:] if a][::-1]:
        terms = keyword_terms(answer)[:MAX_ANSWER_TERMS]
        found = store.keyword_search(terms, PASSAGES_PER_ANSWER, filters) if terms else []
        docs += [p.doc_id for p in found if p.doc_id not in docs]
    return list(dict.fromkeys(docs))
