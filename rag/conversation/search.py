"""History-aware retrieval: the standalone question's search, widened by what the conversation is about and
by the passages the previous answers cited, all scored against the new turn.

1. One model call embeds the standalone question and the question with the conversation's topic (its most
   salient names and the key terms of earlier user turns, weighted by recency: rag/conversation/topic.py).
2. The question is searched exactly as /v1/ask searches it (its vector comes from that call's cache).
3. The candidate pool adds the nearest chunks of both vectors and the chunks of the documents the previous
   answers cited (found by keyword, ranked by the question's vector): no further embedding.
4. Every pooled chunk is scored by its stored vector: similarity to the question plus similarity to the
   question with its topic; that ranking is fused (reciprocal rank) with the question's own ranking, which
   keeps twice the weight.
5. When the question's nearest chunk and the topic reading's nearest chunk are of one document, that chunk leads
   the k even if the question's hybrid search ranked it out (``_agreed``; README, "Round eleven": MTRAG hit@1
   0.700 -> 0.713 and hit@5 0.860 -> 0.873 over the answerable turns, no answer changed).

Measured on the MTRAG human subset (README, "History-aware retrieval"), retrieval alone on the 132 answerable
follow-ups, top 5: the previous search (the question with names matched by keyword) hit@1 0.606 / hit@5 0.841,
this one 0.659 / 0.841, with the weights chosen on two domains (clapnq, fiqa: 0.530 -> 0.636) and no worse on
the other two. Fusing the cited documents' chunks as a list of their own pulled the ranking back to the
previous turn's passages (hit@1 0.455), so they only join the pool and win on similarity to the new turn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rag.answer.quotes import asks_what_was_said
from rag.conversation.on_topic import off_topic
from rag.conversation.reader import Reading
from rag.conversation.topic import cited_documents, topic_query
from rag.protocols import Embedder
from rag.retrieval.diversity import diversify
from rag.retrieval.fusion import rrf
from rag.retrieval.retriever import Retriever
from rag.types import Filters, Passage

TOPIC_WEIGHT = 1.0  # similarity to the question with its topic, beside similarity to the question (1.0)
WEIGHTS = {"question": 2.0, "pool": 1.0}  # reciprocal-rank weights of the question's ranking and the pool's
DEPTH = 10  # taken from each search into the pool
KEYWORD_LEAD = 2.0  # a keyword score this many times every other passage's: the question's own match leads


def search(retriever: Retriever, reading: Reading, k: int, filters: Filters | None) -> tuple[list[Passage], dict[str, Any]]:
    """The k passages for the reading, and what was searched (for the trace)."""
    store = retriever.store
    active = filters if filters is not None and filters.active() else None
    texts = {"question": reading.query}
    topic = topic_query(reading.query, reading.entities, reading.users, reading.answers) if reading.users else None
    cited = cited_documents(store, reading.answers, active) if reading.users else []
    if topic is None and not cited:  # a first turn, or nothing to carry: exactly what /v1/ask searches
        return retriever.search(reading.query, k, filters), {"searches": texts}
    vectors = _embed(retriever.embedder, [reading.query, topic] if topic else [reading.query])
    question = retriever.search(reading.query, k, filters)  # the full pipeline, as /v1/ask (deeper costs its reranker more)
    pool = {p.chunk_id: p for p in question}
    nearest = {"question": store.search(vectors[0], DEPTH, active)}
    pool.update({p.chunk_id: p for p in nearest["question"] if p.chunk_id not in pool})
    if topic is not None:
        texts["topic"] = topic
        nearest["topic"] = store.search(vectors[1], DEPTH, active)
        pool.update({p.chunk_id: p for p in nearest["topic"] if p.chunk_id not in pool})
    if cited:
        within = (active or Filters()).model_copy(update={"doc_ids": _within(active, cited)})
        found = store.search(vectors[0], DEPTH, within) if within.doc_ids else []
        pool.update({p.chunk_id: p for p in found if p.chunk_id not in pool})
    stored = store.chunk_vectors(list(pool))
    weights = np.array([1.0, TOPIC_WEIGHT])[:len(vectors)]
    scores = {cid: float(weights @ (vectors @ stored[cid])) for cid in pool if cid in stored}
    ranked = [pool[cid].model_copy(update={"score": round(s, 6)})
              for cid, s in sorted(scores.items(), key=lambda item: -item[1])]
    fused = rrf({"question": question, "pool": ranked}, WEIGHTS, retriever.settings.rrf_k)
    passages = diversify(fused, k, {}, retriever.settings.max_per_document, 1.0)
    agreed = _agreed(nearest)
    if agreed is not None and all(p.doc_id != agreed.doc_id for p in passages):
        passages = [pool[agreed.chunk_id], *passages][:k]
    decisive = _decisive(question)
    if decisive is not None:
        passages = [decisive, *[p for p in passages if p.chunk_id != decisive.chunk_id]][:k]
    # passages about something else may not answer the follow-up alone (rag/conversation/on_topic.py)
    # a quotation is far in meaning from the question what its speaker said; it is theirs all the same
    people = reading.people if asks_what_was_said(reading.query) else []
    off = off_topic(passages, vectors[1], stored, people=people) if topic is not None else []
    return passages, {"searches": texts, "cited_documents": cited, "weights": {**WEIGHTS, "topic": TOPIC_WEIGHT},
                      "off_topic": off, "agreed": agreed.chunk_id if agreed is not None else None,
                      "decisive": decisive.chunk_id if decisive is not None else None}


def _agreed(nearest: dict[str, list[Passage]]) -> Passage | None:
    """The topic reading's nearest chunk when the question's nearest chunk is of the same document: both readings
    agree on what answers.

    The question's own search is hybrid and reranked, and its keyword side can fill the top k with passages
    that share the turn's words but not its subject ("What are the most people targeted by the scammers?" after
    turns about mortgage scams: a penny-stock scheme's "a few dozen people bite"); when both readings' nearest
    chunks are of one document, that chunk leads the k (README, "Round eleven")."""
    question, topic = nearest.get("question") or [], nearest.get("topic") or []
    if question and topic and question[0].doc_id == topic[0].doc_id:
        return topic[0]
    return None


def _decisive(question: list[Passage]) -> Passage | None:
    """The question's own first passage when its keyword score is ``KEYWORD_LEAD`` times any other's: it alone
    holds a name or a rare word of the question ("What did Laura Chen call the deal?": the one passage quoting
    her, 7.7 against 2.5). The conversation's topic widens a follow-up that could mean several things; it does
    not overrule such a match. (MTRAG's keyword scores never lead so far: no answer there changes.)"""
    if not question:
        return None
    top = question[0].scores.get("keyword")
    others = [p.scores["keyword"] for p in question[1:] if p.scores.get("keyword") is not None]
    if top is None or not others or top < KEYWORD_LEAD * max(others):
        return None
    return question[0]


def _embed(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """The texts' vectors in one model call when the embedder batches queries (and caches them)."""
    batch = getattr(embedder, "embed_queries", None)
    if batch is not None:
        return np.asarray(batch(texts), dtype=np.float32)
    return np.stack([embedder.embed_query(t) for t in texts]).astype(np.float32)


def _within(filters: Filters | None, docs: list[str]) -> list[str]:
    """The cited documents the request's own filters allow."""
    if filters is None or filters.doc_ids is None:
        return docs
    allowed = set(filters.doc_ids)
    return [d for d in docs if d in allowed]
