"""Retrieval: dense, keyword or hybrid search, fused, reranked, then diversified to the top k."""

from __future__ import annotations

import contextvars
import re
from concurrent.futures import Future, ThreadPoolExecutor

from rag.answer.designation import naming_words
from rag.claims.kinds import measure_words, unsaid_roles
from rag.protocols import Embedder, Store
from rag.retrieval.diversity import diversify
from rag.retrieval.fusion import rrf, score_fusion
from rag.retrieval.rerank import Reranker
from rag.settings import RetrievalSettings
from rag.telemetry import SILENT, Telemetry
from rag.text import CONNECTIVE_WORDINGS, keyword_terms
from rag.types import Filters, Passage

# The keyword side runs beside the query embedding and the vector search: both spend their time in C code that
# releases the GIL (SQLite's FTS5, ONNX Runtime), so on two cores a request waits for the longer of the two,
# not their sum. Bounded: a few threads for the whole process, shared by every retriever.
_KEYWORD_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="keyword")
# The keyword side's first passages the reranker prepares on that thread: of a 10k bench collection's keyword top
# 10, 60% reached the reranked head (the top 5: 78%); the rest is spent for nothing when the cores are busy.
PREPARED = 10


class Retriever:
    def __init__(self, embedder: Embedder, store: Store, settings: RetrievalSettings | None = None,
                 reranker: Reranker | None = None, telemetry: Telemetry = SILENT) -> None:
        self.embedder = embedder
        self.telemetry = telemetry
        self.store = store
        self.settings = settings or RetrievalSettings()
        self.reranker = reranker

    def search(self, query: str, k: int, filters: Filters | None = None) -> list[Passage]:
        """The k best passages for the query among the documents the filters allow."""
        with self.telemetry.stage("retrieve"):
            return self._search(query, k, filters)

    def _search(self, query: str, k: int, filters: Filters | None) -> list[Passage]:
        s = self.settings
        filters = filters if filters is not None and filters.active() else None
        depth = max(s.candidates, k)
        lists: dict[str, list[Passage]] = {}
        keyword: Future[list[Passage]] | None = None
        if s.mode == "hybrid":
            # in the request's context (its id in any log line the store writes)
            keyword = _KEYWORD_THREADS.submit(contextvars.copy_context().run, self._keyword_side,
                                              _terms(query), depth, filters)
        if s.mode in ("dense", "hybrid"):
            try:
                with self.telemetry.stage("embed"):
                    vector = self.embedder.embed_query(query)
                lists["dense"] = [_tag(p, "dense") for p in self.store.search(vector, depth, filters)]
            except BaseException:
                if keyword is not None:
                    keyword.cancel()
                raise
        if s.mode in ("keyword", "hybrid"):
            found = keyword.result() if keyword is not None else self.store.keyword_search(_terms(query), depth, filters)
            lists["keyword"] = [_tag(p, "keyword") for p in found]
        if s.mode == "hybrid":
            weights = {"dense": s.dense_weight, "keyword": s.keyword_weight}
            ranked = rrf(lists, weights, s.rrf_k) if s.fusion == "rrf" else score_fusion(lists, weights)
        else:
            ranked = next(iter(lists.values()))
        if self.reranker is not None and ranked:
            head = self.reranker.rerank(query, ranked[:max(s.rerank_depth, k)])
            ranked = head + ranked[len(head):]
        pool = ranked[:depth]
        vectors = self.store.chunk_vectors([p.chunk_id for p in pool]) if s.duplicate_threshold < 1 else {}
        return diversify(pool, k, vectors, s.max_per_document, s.duplicate_threshold)

    def _keyword_side(self, terms: list[str], depth: int, filters: Filters | None) -> list[Passage]:
        """The keyword search, then the reranker's preparation of its first passages: on the keyword thread, that
        Python work runs while the query embeds in C code that releases the GIL, instead of after it."""
        found = self.store.keyword_search(terms, depth, filters)
        prepare = getattr(self.reranker, "prepare", None)
        if prepare is not None and found:
            prepare(found[:PREPARED])
        return found


_CONNECTIVE_ASKED = re.compile(r"\bin\s+(return|exchange)\b", re.I)


def _terms(query: str) -> list[str]:
    """The query's keyword terms, and for a dimension asked the words its measure is written with ("How heavy is
    the ship?" finds "the 224,000-ton vessel"); for a name asked, the verbs that give one ("What nickname did the
    rescue get?" finds "the rescue mission, dubbed ..."); a connective's other wording ("What did Washington offer
    in return?" finds "In exchange, Washington has offered ..."); a role asked in other words ("Who spoke for the
    company?" finds its spokesman)."""
    terms = keyword_terms(query)
    extra = [*measure_words(query), *naming_words(query), *unsaid_roles(query),
             *(CONNECTIVE_WORDINGS[m.group(1).lower()] for m in _CONNECTIVE_ASKED.finditer(query))]
    return terms + [w for w in dict.fromkeys(extra) if w not in terms]


def _tag(passage: Passage, name: str) -> Passage:
    passage.scores[name] = passage.score
    return passage
