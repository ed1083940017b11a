"""Scoring candidate sentences as evidence for a question: meaning, shared terms, and answer type."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer.claims import figures, numeric_form
from rag.protocols import Embedder
from rag.text import content_terms, split_sentences, units_in
from rag.types import Passage

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_HAS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|hundred|thousand|million|billion|half|dozen)\b", re.IGNORECASE)
_HAS_DATE = re.compile(rf"\b(?:1[5-9]\d\d|20\d\d)\b|\b{_MONTH}\b|\b(?:century|decade|yesterday|today|week|thanksgiving|christmas)\b", re.IGNORECASE)
_HAS_DURATION = re.compile(r"\b(?:\d+|one|two|three|six|twelve|ninety)[\s-]+(?:day|week|month|year|hour|minute)s?\b|\b(?:day|week|month|year)s? long\b", re.IGNORECASE)
_HAS_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_HAS_PLACE = re.compile(r"\b(?:in|at|from|near|to)\s+(?:the\s+)?[A-Z][a-z]+")

_TYPES = [
    (re.compile(r"^\s*how (?:long|many (?:days|weeks|months|years))\b", re.IGNORECASE), _HAS_DURATION),
    (re.compile(r"\b(?:how (?:much|many|large|big|high|far|old)|what (?:share|percent(?:age)?|proportion|fraction|number|amount|portion)|what %)", re.IGNORECASE), _HAS_NUMBER),
    (re.compile(r"^\s*(?:when|(?:in )?what (?:year|date|month|day|decade|century))\b", re.IGNORECASE), _HAS_DATE),
    (re.compile(r"^\s*(?:who|whom|whose)\b", re.IGNORECASE), _HAS_NAME),
    (re.compile(r"^\s*where\b", re.IGNORECASE), _HAS_PLACE),
]

MIN_WORDS = 4


def expected_type(question: str) -> re.Pattern[str] | None:
    """The shape an answer must have (a number, a date, a name...), when the question asks for one."""
    for asks, shape in _TYPES:
        if asks.search(question):
            return shape
    return None


def _prefix_match(term: str, vocabulary: set[str]) -> bool:
    if term in vocabulary:
        return True
    if len(term) >= 6:
        head = term[:6]
        return any(len(v) >= 6 and v[:6] == head for v in vocabulary)
    return False


@dataclass
class Candidate:
    text: str
    passage: Passage
    rank: int
    terms: set[str]
    numbers: set[str]
    units: set[str]
    similarity: float = 0.0
    coverage: float = 0.0
    shape_ok: bool | None = None
    score: float = 0.0


class SentenceVectors:
    """Sentence embeddings with a bounded cache: passages repeat across questions."""

    def __init__(self, embedder: Embedder, size: int = 20_000) -> None:
        self.embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            # Vectors for scoring only: an embedder may compute them on a faster backend (MiniLM's ONNX).
            embed = getattr(self.embedder, "embed_sentences", self.embedder.embed_documents)
            vectors = embed(missing)
            with self._lock:
                for text, vector in zip(missing, vectors):
                    self._cache[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        with self._lock:
            for t in texts:
                self._cache.move_to_end(t)
            return np.stack([self._cache[t] for t in texts])


def candidates(question: str, passages: Sequence[Passage], vectors: SentenceVectors | None,
               query_vector: np.ndarray | None) -> list[Candidate]:
    """Every distinct declarative sentence of the passages, scored as evidence, best first.

    Without ``vectors`` the score is lexical only (shared terms and answer type), which needs no model.
    """
    pool = _pool(passages)
    if not pool:
        return []
    scorer = _Scorer(question, pool)
    lexical_only = vectors is None or query_vector is None
    sims = np.full(len(pool), np.nan) if lexical_only else vectors([c.text for c in pool]) @ query_vector  # type: ignore[misc]
    for c, sim in zip(pool, sims):
        scorer.score(c, None if np.isnan(sim) else float(sim))
    pool.sort(key=lambda c: (-c.score, c.rank))
    return pool


def relevance(question: str, texts: Sequence[str], passages: Sequence[Passage], vectors: SentenceVectors,
              query_vector: np.ndarray) -> list[float]:
    """The evidence score of any sentences (a model's) for the question, by the same rule and with the same
    term weights (taken from the passages' sentences) as the passages' own sentences get in ``candidates``."""
    if not texts:
        return []
    scorer = _Scorer(question, _pool(passages))
    sims = vectors(texts) @ query_vector
    out = []
    for text, sim in zip(texts, sims):
        c = Candidate(text, passages[0], 0, set(content_terms(text)), set(), set())
        out.append(scorer.score(c, float(sim)))
    return out


def _pool(passages: Sequence[Passage]) -> list[Candidate]:
    found: dict[tuple[str, str], Candidate] = {}
    for rank, passage in enumerate(passages):
        for sentence in split_sentences(passage.text):
            if sentence.rstrip().endswith("?") or len(sentence.split()) < MIN_WORDS:
                continue
            key = (passage.doc_id, " ".join(sentence.lower().split()))
            if key not in found:
                found[key] = Candidate(sentence, passage, rank, set(content_terms(sentence)), figures(sentence),
                                       units_in(numeric_form(sentence)))
    return list(found.values())


class _Scorer:
    """Half meaning (similarity to the question), half the question's terms a sentence holds (weighted by
    how rare they are among the passages' sentences), plus or minus the answer type."""

    def __init__(self, question: str, pool: Sequence[Candidate]) -> None:
        q_terms = list(dict.fromkeys(content_terms(question)))
        df = Counter(t for c in pool for t in q_terms if _prefix_match(t, c.terms))
        self.weights = {t: math.log(1 + len(pool) / (1 + df[t])) for t in q_terms}
        self.total = sum(self.weights.values()) or 1.0
        self.shape = expected_type(question)

    def score(self, c: Candidate, similarity: float | None) -> float:
        c.similarity = 0.0 if similarity is None else similarity
        c.coverage = sum(w for t, w in self.weights.items() if _prefix_match(t, c.terms)) / self.total
        c.shape_ok = None if self.shape is None else bool(self.shape.search(c.text))
        meaning = c.coverage if similarity is None else c.similarity
        c.score = 0.5 * meaning + 0.5 * c.coverage + (0.0 if c.shape_ok is None else 0.08 if c.shape_ok else -0.12)
        return c.score
