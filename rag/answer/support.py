"""Whether a passage supports a sentence: it holds every figure and every name the sentence asserts (after
normalization: "12 months" = "one year", "U.S." = "US"), and has a sentence close to it in meaning.

Verification (rag/answer/verify.py) uses the same rule for a citation the model wrote and for one it
finds itself (attribution), so a sentence placed on a passage by the verifier is held to the same bar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from rag.answer.evidence import SentenceVectors
from rag.claims.parse import figure_tokens
from rag.text import STOPWORDS, content_terms, split_sentences
from rag.types import Passage

# a word runs on through digits glued to it ("Sh324", "A380"), as the passage's vocabulary reads it
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'\u2019.]*[A-Za-z0-9]|[A-Za-z]")
# Words that open a sentence without naming anything; a capitalized first word outside this list is
# checked like a name (a model writing "Macron said ..." must find Macron in the passage).
_OPENERS = frozenset("""
additionally also although however meanwhile moreover furthermore overall instead still thus therefore
yes while finally first second third lastly currently today notably specifically similarly likewise
according despite since though unlike as in on at by for from under with without after before both
neither either each every another many several some most none nearly almost about around roughly
approximately over only just even yet so then here there this that these those it its they their
""".split())
# Number and month words are figures (rag.claims.parse.figure_tokens), compared after normalization, not as names.
_NOT_NAMES = frozenset("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand million billion trillion half dozen first second third
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
""".split())


def names(sentence: str) -> set[str]:
    """Stemmed terms of the capitalized words a sentence uses to name things (people, places, bodies, titles).

    The first word counts only when it is not a common opener ("However", "The", "According").
    """
    found: set[str] = set()
    tokens = _TOKEN.findall(sentence)
    for i, token in enumerate(tokens):
        for part in re.split(r"[-]", token):
            if not part[:1].isupper():
                continue
            low = part.lower().rstrip(".")
            if low in STOPWORDS or low in _NOT_NAMES or (i == 0 and low in _OPENERS):
                continue
            found.update(_terms(part))
    return found


def _terms(text: str) -> set[str]:
    """Content terms with inner dots dropped, so "U.S." reads the same alone and in "U.S.-China"."""
    return {t.replace(".", "") for t in content_terms(text)}


_LETTERS = re.compile(r"[^\W\d_]+")
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot)\b|n't\b", re.IGNORECASE)
# An attributed sentence must share at least this share of its content words with the passage: the model did
# not point there itself, so a sentence that is close in meaning but says things the passage never does
# (outside knowledge with no figure or name to catch) is not placed on it.
MIN_SHARED_TERMS = 0.5


def negated(text: str) -> bool:
    return bool(_NEGATION.search(text.replace("\u2019", "'")))


def _has_term(term: str, vocabulary: set[str]) -> bool:
    return term in vocabulary or (len(term) >= 6 and any(v[:6] == term[:6] for v in vocabulary if len(v) >= 6))


@dataclass(frozen=True)
class Claims:
    """What a sentence asserts that a passage must hold word for word (after normalization)."""

    text: str
    figures: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Claims:
        return cls(text, frozenset(figure_tokens(text)), frozenset(names(text)))


class PassageFacts:
    """A passage's figures and vocabulary (title included), computed once per answer, when first read: a draft's
    sentences are checked against the passages they cite, seldom against every passage given."""

    def __init__(self, passage: Passage) -> None:
        self.passage = passage

    @cached_property
    def figures(self) -> frozenset[str]:
        return frozenset(figure_tokens(self.passage.title + "\n" + self.passage.text))

    @cached_property
    def vocabulary(self) -> set[str]:
        return _terms(self.passage.title + "\n" + self.passage.text)

    @cached_property
    def sentences(self) -> list[str]:
        return split_sentences(self.passage.text) or [self.passage.text]

    @cached_property
    def words(self) -> set[str]:
        """The vocabulary and every run of letters in the passage, whole: a name glued to a figure is one term
        there ("329180.KS", a stock's ticker, stems to "329180k"), and still names "KS"."""
        return self.vocabulary | {w.lower() for w in _LETTERS.findall(self.passage.title + "\n" + self.passage.text)}

    def missing_names(self, claims: Claims) -> set[str]:
        return {n for n in claims.names if not _has_term(n, self.vocabulary) and n not in self.words}

    def closest(self, text: str, vectors: SentenceVectors) -> float:
        """Similarity of the sentence to the passage's closest sentence (a whole chunk dilutes the match)."""
        return self.nearest(text, vectors)[0]

    def nearest(self, text: str, vectors: SentenceVectors) -> tuple[float, str]:
        scores = vectors(self.sentences) @ vectors([text])[0]
        best = int(np.argmax(scores))
        return float(scores[best]), self.sentences[best]

    def shared_terms(self, text: str) -> float:
        terms = _terms(text)
        return sum(_has_term(t, self.vocabulary) for t in terms) / len(terms) if terms else 1.0


@dataclass
class Match:
    number: int         # 1-based passage number
    similarity: float


def best_supporting(claims: Claims, facts: Sequence[PassageFacts], vectors: SentenceVectors, min_similarity: float,
                    exclude: set[int]) -> tuple[Match | None, str]:
    """The passage that supports the sentence best (highest similarity), or None and why none does."""
    holding = [n for n, f in enumerate(facts, start=1) if n not in exclude
               and claims.figures <= f.figures and not f.missing_names(claims)]
    if not holding:
        everywhere = set().union(*(f.figures for f in facts)) if facts else set()
        absent = claims.figures - everywhere
        if absent:
            return None, "no passage holds " + ", ".join(sorted(show(a) for a in absent))
        unnamed = {n for n in claims.names if all(n in f.missing_names(claims) for f in facts)}
        if unnamed:
            return None, "no passage names " + as_written(unnamed, claims.text)
        return None, "no passage holds all of its figures and names together"
    scored = []
    for n in holding:
        similarity, sentence = facts[n - 1].nearest(claims.text, vectors)
        scored.append((Match(n, similarity), sentence))
    match, sentence = max(scored, key=lambda m: (m[0].similarity, -m[0].number))
    if match.similarity < min_similarity:
        return None, (f"no passage holding its figures and names is close in meaning (best {match.similarity:.2f} "
                      f"< {min_similarity})")
    shared = facts[match.number - 1].shared_terms(claims.text)
    if shared < MIN_SHARED_TERMS:
        return None, (f"the closest passage shares only {shared:.0%} of its words (attribution needs "
                      f"{MIN_SHARED_TERMS:.0%})")
    if negated(claims.text) != negated(sentence):
        return None, "the closest passage sentence says the opposite (one of them is negated)"
    return match, ""


def as_written(terms: set[str], sentence: str) -> str:
    """Stemmed terms as the sentence writes them ("tim" -> "times"), sorted, for a reason a reader sees."""
    spelled = {t: w for w in re.findall(r"[A-Za-z][\w'-]*", sentence) for t in content_terms(w)}
    return ", ".join(sorted(spelled.get(t, t).lower() for t in terms))


def show(figure: str) -> str:
    kind, _, value = figure.partition(":")
    return {"dur": f"the duration {value}", "num": value, "month": f"the month {value}"}.get(kind, figure)
