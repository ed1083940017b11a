"""Scoring candidate sentences as evidence for a question: meaning, shared terms, and answer type."""

from __future__ import annotations

import functools
import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from rag.answer import designation, quotes
from rag.answer.bodies import BUSINESSES, public
from rag.answer.counted import governing as _governing
from rag.answer.counted import harm_unasked, of_the_verb_asked
from rag.answer.counterpart import only_counterparts
from rag.answer.events import (
    asked_event,
    asked_phase,
    carried_event,
    happening_terms,
    holds_event,
    no_life_event,
    not_an_age,
    of_another_event,
    same_event_terms,
)
from rag.answer.extremes import asked_extreme, asked_superlative, says_extreme, says_superlative
from rag.answer.focus import mismatch, says_not, subject_mismatch
from rag.answer.guessed import asked_terms, guessed_terms, typed_anchors
from rag.answer.lasting import asked_lasting, of_other_events, shorter_than_asked, term_unasked
from rag.answer.named_next import named_next, position_in_article
from rag.answer.nationals import as_nationals, of_other_nationals, of_the_nationals
from rag.answer.origin import asked_origin, countries_in, country_key, country_said, of_another_country, tied_elsewhere, tied_here
from rag.answer.other_subject import other_subject
from rag.answer.placed import of_another_relation, relation_asked
from rag.answer.restrictive import relation_terms, restricting_verbs, says_relation
from rag.answer.said import repeats
from rag.answer.support_checks import (
    DATED_BY,
    MOMENT_FRAME,
    SOURCE_FRAME,
    abbreviated,
    article_text,
    dated_month,
    held_undated,
    is_country,
    lacks,
    missing_in,
    names_asked,
    topic_countries,
    worded_like,
    years_of_dates,
)
from rag.answer.tallies import moment_fit
from rag.answer.wording import roots
from rag.caches import TEXT, lru, register
from rag.claims import kinds as K
from rag.claims import seats, states
from rag.claims.demonyms import COUNTRY_OF, answering_places, named_as_adjective, nationalities, other_country_words
from rag.claims.extract import analyze, shares_in_words
from rag.claims.parse import MONTH_NAMES, QUANTITY_UNITS, WEEKDAYS, figure_tokens, name_key, numeric_form, prepare, rate
from rag.claims.people import is_person_noun
from rag.claims.records import ClaimCache, SentenceRecord, claims_version
from rag.embedders import scoring_vectors
from rag.errors import NotFound
from rag.protocols import Embedder
from rag.retrieval.following import FOLLOWS, preceding
from rag.text import CONNECTIVE_WORDINGS, STOPWORDS, content_terms, split_sentences, stem, units_in
from rag.types import Passage

MIN_WORDS = 4
TYPED_DEPTH = 8  # sentences typed by the parser per question (the rest by the regex path): bounds first-use cost
# The noun counted ("how many magnets"); not a verb ("how many were killed").
_HOW_MANY = re.compile(r"\bhow many (?!(?:are|were|is|was|did|do|does|have|has|had|will|would|can|could|of)\b)"
                       r"([a-z][\w.&'-]*(?:\s+[a-z][\w.&'-]*){0,3})", re.IGNORECASE)
# ... or of a plural the question points back to or names in full ("how many of those tubes", "how many of the boys")
_HOW_MANY_OF = re.compile(r"\bhow many of (?:the|those|these|its|their|his|her)\s+((?:[a-z][\w'\u2019-]*\s+){0,2}?"
                          r"[a-z][a-z-]*(?<![su]s)s)(?![\w'\u2019])", re.I)
_PLURAL = re.compile(r"[a-z-]+(?<![su]s)s")
_WORDS = re.compile(r"\W+")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_STOPS = ".!?:;,\"”’)]"
# words a heading leaves in lower case ("Rescue from Cave", "Relief as China Keeps ...")
_SMALL_WORDS = frozenset("a an the of in on at to for from by with as and or but nor vs via into onto over amid".split())
HEADING_CASED = 0.75  # share of a heading's other words that are capitalized
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_DATE_GIVEN = re.compile(rf"\b(?:1[5-9]\d\d|20\d\d|{'|'.join(m.capitalize() for m in MONTH_NAMES)})\b")  # a year or a month's name
# a time asked as counted from an event ("How long after it began ...?"), and the units such a count is in
_HOW_LONG_AFTER = re.compile(r"\bhow\s+(?:long|many\s+(?:seconds|hours|days|weeks|months|years|minutes))\s+(?:[\w'-]+\s+){0,3}?"
                             r"(?:after|before|since|into)\b", re.I)
# who something befell, asked by its participle ("Who was hurt ...?", "Who were killed?", "Who has been arrested?")
_WHO_BEFELL = re.compile(r"^\W*who\s+(?:was|were|got|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?(?P<how>hurt|[a-z]{3,}ed)\b"
                         r"(?!\s+(?:by|as)\b)", re.I)
_HARMED = re.compile(r"hurt|injured|wounded|killed|burned|burnt|hospitali[sz]ed|rescued|trapped|evacuated|drowned")
_IN_DAYS = {"seconds": 1 / 86400, "minutes": 1 / 1440, "hours": 1 / 24, "days": 1.0, "weeks": 7.0, "months": 30.4, "years": 365.0}
_ASKS_MONTH = re.compile(r"\b(?:which|what)\s+month\b", re.I)  # a date asked to the month
# the words before the year a when-question is asked within ("In what month in 1349 ...?", "When in 2021 ...?")
_IN_YEAR = re.compile(r"\b(?:in|during)\s+(?:(?:early|late|mid|the\s+year)\s+)?$", re.I)
COMMON_SHARE = 0.5  # a question term held by more than this share of the passages' sentences is the topic
# taken off a name whose sentence (and the prose before it) does not say the relation a relative clause asks
# ("the diver who died": rag/answer/restrictive.py)
RELATION_MISSING = 0.15
_NAMED = frozenset({*K.NAMES, K.NAME})
SUPERLATIVE = 0.1  # added to a sentence of the kind asked that says the superlative the question asks by
MOMENT = 0.08  # added to (or taken from) a count said at (or not at) the moment the question asks it at (tallies.py)
EXTREME = 0.05  # added to a sentence of the kind asked that says which end a figure is at, as the question asks
ASKED_MISSING = 0.5  # taken off a sentence without the phrase a "what about X?" follow-up asks (rag.answer.guessed)
ORIGIN_TIED = 0.05  # added to a sentence that ties its answer to the country the question qualifies by (origin.py)
OFF_FOCUS = 1.0  # taken off a sentence of the wrong polarity or the opposite relation (rag.answer.focus)
NOT_THE_SPEAKER = "does not name whom the question asks about"  # asked what someone said, the sentence names another
# added to a sentence that writes a place onto the name a which-place question asks about ("Australia's Lynas"
# for "Which country is Lynas from?"): it states the very relation asked, however little else it shares
TIED = 0.2
# "How many of the divers came from abroad?" asks a part of a group: a count said as a part ("50 of them
# foreigners", "two of the divers") answers it before a count of the whole group ("the team of 90 divers")
PART = 0.08
# taken from a sentence whose only answers are figures said without a number ("a handful of", "for decades"), when
# another sentence of an article the question's names hold (on scope) has an exact answer of the kind asked: as close
# to the question, the exact one answers better
VAGUE = 0.03
_PART_ASKED = re.compile(r"\bhow many of (?:the|them|those|these|their|its|our|your)\b", re.IGNORECASE)
_A_PART = re.compile(r"\s+of\s+(?:them|the|those|these|whom|which|their|its)\b", re.IGNORECASE)


def _prefix_match(term: str, vocabulary: set[str]) -> bool:
    """The term, a word sharing its first six letters, or a word of the same root ("locat", the light stem of
    "located", and "location")."""
    if term in vocabulary:
        return True
    if len(term) >= 6:
        head = term[:6]
        if any(len(v) >= 6 and v[:6] == head for v in vocabulary):
            return True
    own = set(roots(term))
    return any(not own.isdisjoint(roots(v)) for v in vocabulary)


def _heads(vocabulary: Set[str]) -> set[str]:
    """What ``_prefix_match`` compares, once per vocabulary instead of once per term: the six-letter heads and
    the roots (marked "=", rag/answer/wording.py)."""
    return {v[:6] for v in vocabulary if len(v) >= 6} | {"=" + r for v in vocabulary for r in roots(v)}


def _has_term(term: str, vocabulary: Set[str], heads: Set[str]) -> bool:
    """``_prefix_match(term, vocabulary)`` with ``heads = _heads(vocabulary)``."""
    return term in vocabulary or (len(term) >= 6 and term[:6] in heads) or any("=" + r in heads for r in roots(term))


class _Figures:
    """A candidate's figures (0) or units (1): the ones given to it, else its sentence's, parsed on first read
    (the answerer compares them; the rerank never reads them)."""

    def __init__(self, part: int) -> None:
        self.part = part
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = "_" + name

    def __get__(self, obj: Candidate | None, owner: type | None = None) -> set[str]:
        if obj is None:
            return None  # type: ignore[return-value]  # the dataclass default: not given
        value: set[str] | None = obj.__dict__.get(self.name)
        if value is None:
            value = obj.__dict__[self.name] = set(_figures(obj.text)[self.part])
        return value

    def __set__(self, obj: Candidate, value: set[str] | None) -> None:
        obj.__dict__[self.name] = value


@dataclass
class Candidate:
    text: str
    passage: Passage
    rank: int
    terms: set[str]
    numbers: _Figures = _Figures(0)  # figures and units: given, or parsed on first use (only the answerer reads them)
    units: _Figures = _Figures(1)
    context: set[str] = field(default_factory=set)  # terms of the line introducing a list item ("... requires:")
    similarity: float = 0.0
    coverage: float = 0.0
    shape_ok: bool | None = None   # holds a value of the kind asked (None: the question cannot be typed)
    score: float = 0.0
    claims: tuple[K.Value, ...] = ()
    answers: list[K.Value] = field(default_factory=list)  # values of the kind asked, not in the question
    on_values: list[K.Value] = field(default_factory=list)  # the answers about what is asked (scope, role)
    on_scope: bool = False         # some answer is about what the question asks (its scope, its year)
    tied: bool = False             # it writes a place onto the name a which-place question asks about
    mismatch: str = ""             # why it cannot answer although it shares the question's words (focus.py)
    unrelated: bool = False        # it does not say the relation a relative clause asks ("the diver who died")
    antecedent: str = ""           # what its opening reference ("It was released ...") stands for
    parts: tuple[str, ...] = ()    # the sentences of a quotation and its speaker, weighed as one (quotes.py)
    header: tuple[str, ...] = ()   # a table row's column headers ("Supply Chain Stage | Chinese Market Share")
    before: frozenset[str] = frozenset()  # terms of the prose before it in its passage (none for a row or an item)


class StoredSentences(Protocol):
    """Where sentence rows written at index time are read from (a Store)."""

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]: ...


ARTICLES_KEPT = 64  # whole articles ``SentenceVectors.article`` keeps read


class SentenceVectors:
    """Sentence embeddings with a bounded cache: passages repeat across questions.

    With a ``store``, ``load(passages)`` first reads the vectors and typed claims stored with the passages'
    chunks at index time, so only sentences without rows are embedded (and typed) at query time.
    """

    def __init__(self, embedder: Embedder, size: int = 20_000, store: StoredSentences | None = None) -> None:
        self.embedder = embedder
        self.store = store
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._loaded: OrderedDict[str, None] = OrderedDict()  # chunk ids read lately (a fraction of the cache)
        self.claims = ClaimCache()  # typed claims of the same sentences, computed once each
        self.stats = {"stored": 0, "embedded": 0}  # sentence vectors read from the store / computed here
        self._hits = self._misses = 0
        self._articles: OrderedDict[str, str | None] = OrderedDict()  # (``article``)
        register("sentence_vectors", self)

    def cache_stats(self) -> tuple[int, int, int, int]:
        return len(self._cache), self._size, self._hits, self._misses

    def load(self, passages: Sequence[Passage]) -> None:
        """Put the stored rows of the passages' chunks in the caches: their vectors, and their claims when
        computed by this claims version (rows of another version keep their vectors; claims are recomputed)."""
        if self.store is None:
            return
        with self._lock:
            todo = [p.chunk_id for p in passages if p.chunk_id not in self._loaded]
        if not todo:
            return
        rows = self.store.sentences(todo)
        version = claims_version()
        records = [r for chunk in rows.values() for r in chunk]
        self.claims.prime([(r.text, r.claims) for r in records if r.claims_version == version])
        with self._lock:
            for r in records:
                if r.vector is not None and r.text not in self._cache:
                    self._cache[r.text] = r.vector
                    self.stats["stored"] += 1
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
            for chunk_id in rows:
                self._loaded[chunk_id] = None
            while len(self._loaded) > self._size // 16:
                self._loaded.popitem(last=False)

    def article(self, passage: Passage) -> str | None:
        """The whole text of the passage's article, from the store (None without one, or where the store holds no such
        document). Kept for the last ``ARTICLES_KEPT`` articles read, keyed by the passage's chunk id (which changes
        with its text: a re-indexed article is read again)."""
        reader = getattr(self.store, "get_document", None)
        if reader is None:
            return None
        with self._lock:
            if passage.chunk_id in self._articles:
                self._articles.move_to_end(passage.chunk_id)
                return self._articles[passage.chunk_id]
        try:
            text: str | None = reader(passage.doc_id).text
        except NotFound:
            text = None
        with self._lock:
            self._articles[passage.chunk_id] = text
            while len(self._articles) > ARTICLES_KEPT:
                self._articles.popitem(last=False)
        return text

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # Answers are kept aside before anything is evicted: a full cache may evict this call's own hits.
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
            for t in found:
                self._cache.move_to_end(t)
            missing = [t for t in dict.fromkeys(texts) if t not in found]
            self._misses += len(missing)
            self._hits += len(texts) - len(missing)
        if missing:
            vectors = scoring_vectors(self.embedder, missing)
            with self._lock:
                self.stats["embedded"] += len(missing)
                for text, vector in zip(missing, vectors):
                    self._cache[text] = found[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts])


def candidates(question: str, passages: Sequence[Passage], vectors: SentenceVectors | None,
               query_vector: np.ndarray | None, claims: ClaimCache | None = None,
               parsed: int = TYPED_DEPTH) -> list[Candidate]:
    """Every distinct declarative sentence of the passages, scored as evidence, best first.

    Without ``vectors`` the score is lexical only (shared terms and answer type), which needs no model.
    A question whose answer kind cannot be typed is scored by meaning and terms alone. The ``parsed`` best
    sentences are typed by the full parser (spaCy), the others by the regex path.
    """
    pool = _pool(passages, adjacent=True)
    if not pool:
        return []
    if vectors is not None:
        vectors.load(passages)
    _score(question, pool, pool, vectors, query_vector, claims, parsed)
    pool.sort(key=lambda c: (-c.score, c.rank))
    return pool


def warm(passages: Sequence[Passage], vectors: SentenceVectors | None) -> None:
    """Compute now what scoring these passages will read and what depends on them alone: their sentences, each
    sentence's terms, and their stored sentence rows (the caches keep them). The retriever calls it from the
    keyword side's thread while the query is embedded (rag/retrieval/retriever.py)."""
    for c in _pool(passages):  # (its sentences and their terms; then what ``_score`` reads of each beside them)
        _sentence_heads(c.text)
        if c.parts:
            _terms(c.parts[-1])
    if vectors is not None:
        vectors.load(passages)


def best_scores(question: str, passages: Sequence[Passage], vectors: SentenceVectors | None,
                query_vector: np.ndarray | None, parsed: int = 0) -> dict[str, float]:
    """Each passage's best sentence score as evidence for the question, by chunk id: exactly the score its best
    candidate has in ``candidates`` (the rerank reads nothing else; the focus checks that only lower a score
    run on the sentences that may still be a passage's best). A passage without a candidate sentence is absent."""
    pool = _pool(passages)
    if not pool:
        return {}
    if vectors is not None:
        vectors.load(passages)
    return _score(question, pool, pool, vectors, query_vector, None, parsed, best_only=True) or {}


def relevance(question: str, sentences: Sequence[tuple[str, Passage]], passages: Sequence[Passage],
              vectors: SentenceVectors, query_vector: np.ndarray) -> list[Candidate]:
    """Other sentences scored as evidence (a model's, each with the passage it is cited on) for the
    question: the rule of ``candidates``, with the question's term weights taken from the passages' sentences."""
    pool = _pool(passages)
    vectors.load(passages)
    scored = [Candidate(text, passage, 0, set(content_terms(text))) for text, passage in sentences]
    if scored:
        _score(question, pool, scored, vectors, query_vector, None, TYPED_DEPTH)
    return scored


def ranked(sentence: str) -> bool:
    """Whether a sentence can be evidence (questions and fragments are not): only these need a vector."""
    return not sentence.rstrip().endswith("?") and len(sentence.split()) >= MIN_WORDS


_RULE = re.compile(r"[\s|:=+-]+")
# a sentence that stops on a word that cannot end one was cut off (a stored page that ends mid-sentence, "criticized
# over his handling of"; a chunk's last words, whole in the next chunk): what it was saying is not there to quote.
# (Not a preposition that may be a verb's particle, "log in", "sign up for"; nor a pronoun, "I told her", "do that")
# (nor a copula or an auxiliary left without what it says: "the agency told reporters on Friday that the map is")
_CUT = re.compile(r"\b(?:of|the|a|an|and|or|but|than|its|their|our|my|your|whose|is|are|was|were|will|would|has|have|"
                  r"had|to|with|from)\s*$", re.I)


def cut_short(sentence: str) -> bool:
    """The sentence stops mid-clause, on a word no sentence ends with and no stop after it, and holds no figure
    or date that its whole part may still give ("On 24 August, Breivik was convicted as charged and sentenced to")."""
    return _CUT.search(sentence) is not None and not any(ch.isdigit() for ch in sentence)


# where a sentence's clause ends and another begins: the part before is said whatever the cut part after says (a
# list cut at its last ", and" is whole before it; and so is a clause put under it with no comma: "... were moved
# away from the plant after three helicopters flew through a plume that came from", whose whole part ends at
# "plume"). (Not ``_CLAUSE_END`` below, which ends a clause at any stop: "The USS Vardex and other U.S" is no whole
# part of "The USS Vardex and other U.S. ships ...")
_CLAUSE_OPENS = re.compile(r",\s*(?:and|or|while|whereas|but|although|though|which|who|where|when|as)\b|[;:]\s+|"
                           r"\s+[\u2013\u2014]\s+|\s+(?:that|which|who|after|because|since|until|before|whereas|although)\s+(?=[a-z])")


def whole_clauses(sentence: str) -> str:
    """A cut-off sentence's part before the last break between clauses where that part is whole ("Those lifted out by
    helicopter went to Lunde" of "Those lifted out by helicopter went to Lunde, while others, picked up by ferries,
    took survivors to"); the sentence itself where none is."""
    for brk in reversed(list(_CLAUSE_OPENS.finditer(sentence))):
        head = sentence[:brk.start()].rstrip()
        if len(head.split()) >= MIN_WORDS and not cut_short(head):
            return head
    return sentence


def _pool(passages: Sequence[Passage], adjacent: bool = False) -> list[Candidate]:
    """The candidate sentences of the passages. ``adjacent`` (the answerer's reading): a retrieved passage is read
    after the chunk before it when that one is retrieved too (``_sentences_of``); the rerank scores each passage
    on its own text, as the retriever found it."""
    found: dict[tuple[str, str], Candidate] = {}
    for rank, passage in enumerate(passages):
        for key, text, context, antecedent, parts, header, before in _sentences_of(passage, passages, adjacent):
            if (passage.doc_id, key) not in found:
                found[(passage.doc_id, key)] = Candidate(text, passage, rank, set(_terms(text)), context=set(context),
                                                         antecedent=antecedent, parts=parts, header=header, before=before)
    return list(found.values())


# key, text, context, antecedent, parts, the column headers of a table row, the terms of the prose before it
_Sentence = tuple[str, str, frozenset[str], str, tuple[str, ...], tuple[str, ...], frozenset[str]]


def _sentences_of(passage: Passage, passages: Sequence[Passage], adjacent: bool = False) -> tuple[_Sentence, ...]:
    """A passage's candidate sentences; those of a paragraph read after one of the best passages
    (rag/retrieval/following.py) as the prose after that passage's: what its opening "It" refers to, and the terms
    before it, are the earlier paragraph's."""
    rank = int(passage.scores.get(FOLLOWS, 0))
    if 0 < rank <= len(passages) and passages[rank - 1].doc_id == passage.doc_id:
        earlier = passages[rank - 1].text
    else:  # a retrieved passage read after the chunk before it, when that one is retrieved too: a quotation, or
        # what "He" is, may begin there ("“The circumstance has clearly shown ..." | "..., the King wrote")
        before = preceding(passage, passages) if adjacent else None
        if before is None:
            return _passage_sentences(passage.text)
        earlier = before.text
    both = _passage_sentences(f"{earlier}\n\n{passage.text}")
    own = {" ".join(s.lower().split()) for s in split_sentences(passage.text)}
    start = next((i for i, s in enumerate(both) if s[0] in own or any(k in s[0] for k in own)), len(both))
    return both[start:]


@lru("passage_sentences", TEXT)  # about 2 KB an entry
def _passage_sentences(passage: str) -> tuple[_Sentence, ...]:
    """The candidate sentences of a passage's text, as ``_pool`` makes them (each depends on the passage's text
    alone), once per distinct text: the same passages come back question after question."""
    out: list[_Sentence] = []
    lead_in: frozenset[str] = frozenset()
    header: tuple[str, ...] = ()  # the cells of the table header row above, while its rows go on
    subject = ""  # what the last sentence that named its subject was about
    before = speaker = ""  # the sentence before; the one naming the speaker of a quotation still going on
    # the line introducing a quotation ("Board president Lena Brandt writes:"), while that quotation goes on
    quoting, inside = "", False
    earlier: frozenset[str] = frozenset()  # the terms of the prose sentences before it, since a table or a list
    for sentence in _rejoined(split_sentences(passage)):
        ends = sentence.rstrip()[-1:]
        if quoting and not (inside or quotes.opens(sentence)):
            quoting = ""  # the line before introduced no quotation
        introducer, inside = quoting, bool(quoting) and not quotes.closes(sentence)
        quoting = quoting if inside else ""
        if _RULE.fullmatch(sentence):  # a table's "|---|---|" line: neither a row nor the end of the table
            continue
        cells = tuple(c.strip() for c in sentence.split(" | ")) if " | " in sentence else ()
        row = header if cells and len(cells) == len(header) else ()  # a row under the header it has as many cells as
        if not cells or not row:
            header = cells  # a table's first row is its header; prose ends the table
        if ranked(sentence) and cut_short(sentence):  # a stored page that stops mid-sentence: its whole clauses
            sentence = whole_clauses(sentence)  # before the cut are still said ("went to Lunde, while others")
        if not ranked(sentence) or cut_short(sentence):
            lead_in = _lead_in(sentence) if ends == ":" else lead_in if ends not in ".!?" else frozenset()
            before = speaker = ""
            continue
        if introducer:  # a sentence of a quotation its speaker's line introduced: "Lena Brandt writes:"
            parts: tuple[str, ...] = (introducer, sentence)
        elif speaker and quotes.quote_only(sentence):  # the same speaker's quotation, a sentence further on
            parts = (speaker, sentence)
        else:
            parts = (before, sentence) if before and quotes.continues(before, sentence) else ()
            speaker = before if parts and quotes.attributed(before) else ""
        previous, before = before, sentence
        text = " ".join(parts) if parts else sentence
        later = bool(previous) and bool(_LATER_OPENS.match(sentence))
        refers = bool(_REFERS.match(sentence)) or later
        if refers and previous and (_THESE_OPENS.match(sentence) or later):  # "These secondary sources": what the
            # sentence before spoke of anywhere in it; "Some 40 seconds later, ...": counted from what the sentence
            # before told
            subject = previous
        context = lead_in | _terms(" ".join(row)) if row else lead_in
        out.append((" ".join(text.lower().split()), text, context | _terms(subject) if refers else context,
                    subject if refers else "", parts, row, frozenset() if cells or lead_in else earlier))
        earlier = frozenset() if cells or lead_in else earlier | _terms(sentence)
        if not refers:
            subject = _subject(sentence)
        # A line ending in ":" introduces the items after it (bullets, table rows) until prose resumes.
        lead_in = _lead_in(sentence) if ends == ":" else lead_in if ends not in ".!?" else frozenset()
        if quotes.introduces(sentence):
            quoting = sentence
    return tuple(out)


def _rejoined(sentences: Sequence[str]) -> list[str]:
    """The sentences, with one that a line break cut mid-clause joined to the lower-case words that go on with it
    ("Create an encrypted image so that people without the" / "private key can't access the content.")."""
    out: list[str] = []
    for sentence in sentences:
        if out and out[-1] and sentence[:1].islower() and _CUT.search(out[-1]):
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


# Put in a list item's context when the line introducing it says what is not ("... functions that cannot be
# easily substituted:"): each item says it too. Not a word, so it matches no question term.
SAYS_NOT = "\u00acnot"


def _lead_in(sentence: str) -> frozenset[str]:
    terms = frozenset(content_terms(sentence))
    return terms | {SAYS_NOT} if says_not(sentence) else terms


# A sentence whose subject is a reference to what the sentence before it named: "It was released in 1997",
# "Recorded in Chicago, it was released in 2011", "His debut album ...", "The film was directed by ...".
# The class nouns that refer back to a thing named before ("The film", "The company").
_THINGS = ("game|film|movie|album|song|single|book|novel|show|series|company|firm|group|band|team|club|player|singer|"
           "actor|actress|device|phone|car|drug|vaccine|bill|law|deal|agreement|project|app|station|building|tower|"
           "bridge|ship|aircraft|plane|tournament|event|record|label|university|school|college|award|prize|river|"
           "town|city|village|play|opera|painting|poem|magazine|newspaper|island|lake|mountain|park|court|report|"
           "trial|commission|committee|attack|bombing|shooting|war|battle|treaty|festival|church|museum|hospital")
# A quantifier standing for the people or things named before, as the subject of a verb: "Many are shifting from
# just-in-time procurement ...", after "Sovereign buyers and industrial planners are aware."
_QUANTIFIER = (r"(?:many|most|some|several|others|both|few|all|each|either|neither|none)(?: of them)?\s+"
               r"(?:are|were|is|was|have|has|had|will|would|can|could|may|might|now|also|still|already)\b")
# A plural demonstrative and its noun refer back whatever the noun: "These secondary sources could provide 20-30%
# of future supply requirements", after a sentence on recycling.
_THESE = r"(?:These|Those)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s\b"
_THESE_OPENS = re.compile(r"^\W*" + _THESE, re.IGNORECASE)
# a sentence opening with a time counted from the one before: "About 30 seconds later,", "Moments later,", "Two days
# earlier,"
_LATER_OPENS = re.compile(r"^\W*(?:(?:about|around|some|only|just|barely|nearly|almost|roughly)\s+)?(?:[\w-]+\s+)?"
                          r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|moments?)\s+(?:later|earlier)\b", re.I)
_REFERS = re.compile(r"^\W*(?:[A-Z][^,.;]{0,80},\s+)?(?:it|he|she|they|its|his|her|their)\b|"
                     r"^\W*(?:The|This|That|These) (?:" + _THINGS + r")s?\b|^\W*" + _QUANTIFIER + r"|^\W*" + _THESE,
                     re.IGNORECASE)
# Where a sentence's subject ends: its first finite verb; a copula's complement ("is the second studio album")
# still says what the subject is.
_SUBJECT_END = re.compile(r"\b(?:has|have|had|will|would|can|could|did|does|became|becomes|began|won|\w+ed)\b")
_COPULA = re.compile(r"\b(?:is|was|are|were)\s+((?:[\w'-]+\s+){0,5}?[\w'-]+)(?=\s+(?:by|of|from|in|on|at|for|with|"
                     r"that|which|who|and)\b|[,.;]|$)")
SUBJECT_WORDS = 12


@lru("sentence_subjects", TEXT)
def _subject(sentence: str) -> str:
    """What a sentence is about, for the sentences after it that refer back to it: the words before its first
    verb and, for "X is a Y", what it says X is ("Northern Lights is the second studio album by Kilbride" ->
    "Northern Lights the second studio album")."""
    copula = _COPULA.search(sentence)
    verb = _SUBJECT_END.search(sentence)
    end = min(m.start() for m in (copula, verb) if m is not None) if copula or verb else len(sentence)
    words = sentence[:end].split()[:SUBJECT_WORDS]
    said = copula.group(1) if copula is not None and copula.start() == end else ""
    said = re.split(r"\s\w+ed\b", said)[0]  # "a 1954 Western film directed": the complement, not its clause
    return " ".join(words + [said]).strip()


# Per-sentence caches: the same retrieved sentences come back question after question.
@lru("sentence_features", TEXT)
def _terms(sentence: str) -> frozenset[str]:
    """A sentence's terms, with the country a government's seat names and the reverse ("Beijing has agreed" holds
    "China"; rag/claims/seats.py)."""
    return frozenset(content_terms(sentence)) | seats.aliases(sentence)


@lru("sentence_figures", TEXT)
def _figures(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """A sentence's figures and units."""
    return frozenset(figure_tokens(sentence)), frozenset(units_in(numeric_form(sentence)))


@lru("sentence_heads", TEXT)
def _sentence_heads(sentence: str) -> frozenset[str]:
    """``_heads`` of a sentence's terms, once per sentence rather than once per sentence and question."""
    return frozenset(_heads(_terms(sentence)))


def _score(question: str, pool: Sequence[Candidate], scored: list[Candidate], vectors: SentenceVectors | None,
           query_vector: np.ndarray | None, claims: ClaimCache | None, parsed: int,
           best_only: bool = False) -> dict[str, float] | None:
    """Score ``scored``: half meaning, half the question's terms held (weighted by how rare each is in
    ``pool``, the passages' sentences), plus or minus the answer type when the question asks for one.

    ``best_only``: what is wanted is each passage's best score (returned by chunk id); the focus checks, which
    only take points off, are skipped for a sentence that cannot beat its passage's best, and such a sentence's
    own score is left without them."""
    kinds = K.asked(question)
    q_terms = list(dict.fromkeys(content_terms(question)))
    # "take place" of "When did the talks take place?", "call" of "What did Chen call the deal?": held, it counts;
    # missing, it is not asked of the sentence
    light = happening_terms(question, kinds) | quotes.naming_verbs(question)
    # "nickname" of "What nickname did the rescue get?": the sentence that gives one says "dubbed" (designation.py)
    naming = not kinds and designation.asks_designation(question)
    light |= designation.asking_terms(question) if naming else frozenset()
    # a follow-up's words the rewrite supplied ("that deal" read as "the short-term agreement") name the topic,
    # not what is asked of it: held, they count; missing, they are not asked of the sentence (rag/answer/guessed.py)
    light |= guessed_terms()
    # the noun of a connective phrase no sentence says as one ("in return" against "In exchange, ..."): it asks nothing
    # of the sentence; said as one by some sentence ("In exchange, Washington has offered ..."), it is the question's
    connective = connective_terms(question)
    if connective:
        light |= connective - {t for c in pool for t in connective_terms(c.text) | other_wording(c.text, connective)}
    light |= giving_verbs(question)  # "give" of "What did the US give in return?": "Washington has offered ..."
    if not any(t not in light for t in q_terms):
        light = frozenset()
    heads = {id(c): _sentence_heads(c.text) if c.terms == _terms(c.text) else _heads(c.terms) for c in pool}
    # a quotation joined to its speaker counts once, by its own sentence (the speaker's is in the pool already)
    own = {id(c): set(_terms(c.parts[-1])) for c in pool if c.parts}
    own_heads = {key: _heads(terms) for key, terms in own.items()}
    # ``_has_term`` with each question term's probes made once: (term, six-letter head or None, its "=" roots)
    probes = [(t, t[:6] if len(t) >= 6 else None, tuple("=" + r for r in roots(t))) for t in q_terms]
    # "released" of "When was X released?" is held by "launched" too: the same event in other words
    same_event = same_event_terms(question, kinds)

    def has(t: str, head: str | None, root: tuple[str, ...], vocabulary: Set[str], c_heads: Set[str]) -> bool:
        return t in vocabulary or head in c_heads or any(r in c_heads for r in root) or (
            t in same_event and holds_event(same_event[t], vocabulary))

    # the noun a how-many question counts, and its term: an answer counting it holds it ("11 workers", of people)
    counting = _HOW_MANY.search(question) if "count" in kinds else None
    counted_noun_of = counted_noun(counting.group(1).split()) if counting else ""
    counted_term = next((t for t in q_terms if counted_noun_of and stem(t) == stem(counted_noun_of.lower())), "")
    found_by: dict[int, list[str]] = {}
    df: Counter[str] = Counter()
    counted = retrieved(pool)  # the paragraphs read after the best passages weigh no term (rag/retrieval/following.py)
    for c in counted:
        vocabulary, c_heads = own.get(id(c), c.terms), own_heads.get(id(c), heads[id(c)])
        df.update(t for t, head, root in probes if has(t, head, root, vocabulary, c_heads))
    weights = {t: math.log(1 + len(counted) / (1 + df[t])) for t in q_terms}
    total = sum(weights.values()) or 1.0
    light_total = sum(w for t, w in weights.items() if t in light)
    common = {t for t in q_terms if df[t] > COMMON_SHARE * len(counted)}  # the topic, not the focus
    lexical_only = vectors is None or query_vector is None
    # "the diver who died": a name answers only where the sentence, or the prose before it, says the relation asked
    # (the answerer's pass: the rerank ranks passages, which hold the prose before their sentences)
    restricting = restricting_verbs(question) if kinds and parsed > 0 and not best_only and set(kinds) & _NAMED else ()
    relation = relation_terms(restricting, q_terms) if restricting else []
    sims = np.full(len(scored), np.nan) if lexical_only else _similarities(scored, vectors, query_vector)  # type: ignore[arg-type]
    if not lexical_only and parsed > 0 and not best_only:
        sims = _with_antecedents(scored, sims)
    for c, sim in zip(scored, sims):
        c.similarity = 0.0 if np.isnan(sim) else float(sim)
        found = heads.get(id(c))
        if found is None:
            found = _heads(c.terms)
        held, held_heads = (c.terms | c.context, found | _heads(c.context)) if c.context else (c.terms, found)
        if connective:  # "In exchange, ..." says the "in return" asked
            held = held | other_wording(c.text, connective)
        found_terms = [t for t, head, root in probes if has(t, head, root, held, held_heads)]
        c.coverage = _coverage(found_terms, weights, total, light, light_total)
        if relation and c.before and says_relation(restricting, c.before):
            # (the relation asked, said by the prose before it: "An ex-Thai Navy SEAL died Friday ..." before the
            # sentence naming him)
            found_terms += [t for t in relation if t not in found_terms]
            c.coverage = _coverage(found_terms, weights, total, light, light_total)
        meaning = c.coverage if np.isnan(sim) else c.similarity
        c.score = 0.5 * meaning + 0.5 * c.coverage
        if naming:  # scored as a typed answer is: a sentence giving a name has the answer's shape, others do not
            c.score += 0.08 if designation.gives_designation(c.text) else -0.12
        if counted_term:
            found_by[id(c)] = found_terms
    if kinds:
        _type(question, kinds, scored, claims if claims is not None else (vectors.claims if vectors is not None else None),
              parsed, common, None if lexical_only else vectors)
        for c in scored:  # "11 workers" answers "How many people ...?": it holds the noun counted, in its own word
            if id(c) in found_by and counted_term not in found_by[id(c)] and any(
                    v.kind == "count" and v.unit and _counts_the_noun(v, stem(counted_noun_of)) for v in c.on_values):
                coverage = _coverage([*found_by[id(c)], counted_term], weights, total, light, light_total)
                c.score += 0.5 * (coverage - c.coverage)
                c.coverage = coverage
        if "count" in kinds and _PART_ASKED.search(question):
            for c in scored:
                if any(v.kind == "count" and _A_PART.match(c.text, v.end) for v in c.answers):
                    c.score += PART
        exact = any(c.on_scope and any(not v.vague for v in c.answers) for c in scored)
        if exact and _WHAT_DATE.search(question):  # "On what date ...?": "on Monday" is no answer beside "April 29"
            for c in scored:
                if c.answers and all(v.vague and _WEEKDAY.fullmatch(v.text.strip()) for v in c.answers):
                    c.on_scope = c.shape_ok = False
        for c in scored:
            c.score += ((0.08 if c.on_scope else 0.0) + (TIED if c.tied and c.on_scope else 0.0)) if c.shape_ok \
                else -0.12
            if exact and c.answers and all(v.vague for v in c.answers):
                c.score -= VAGUE
        end = asked_extreme(question)  # "the shortest time": "a minimum term of 10 years" (rag/answer/extremes.py)
        if end:
            for c in scored:
                if c.shape_ok and says_extreme(c.text, end):
                    c.score += EXTREME
        if "count" in kinds or "quantity" in kinds or "percentage" in kinds:  # asked the toll in the end: "ultimately
            # claimed 64 lives" over "has killed at least six" (rag/answer/tallies.py)
            for c in scored:
                if c.shape_ok and c.on_scope:
                    c.score += MOMENT * moment_fit(question, c.text, c.on_values)
        # "Which of the workers was the youngest?": "The youngest is 19-year-old Sara Mills"; where a sentence of the
        # kind asked says it, one that does not names no other answer ("The first of the workers brought out ...")
        most = asked_superlative(question)
        saying = {id(c) for c in scored if c.shape_ok and says_superlative(c.text, most)} if most else set()
        for c in scored if saying else ():
            if id(c) in saying:
                c.score += SUPERLATIVE
            else:  # (nor another side: rag/answer/gather.py)
                c.on_scope = c.shape_ok = False
        if parsed > 0 and not best_only:  # the answerer's pass: who a sentence describes, named in the next one
            named_next(scored, kinds)
    if restricting:
        says = {id(c) for c in scored if says_relation(restricting, c.terms | c.before | c.context | _terms(c.antecedent))}
        if any(id(c) in says for c in retrieved(scored)):
            for c in scored:
                if id(c) not in says:
                    c.score -= RELATION_MISSING
                    c.unrelated = True
    speaker = quotes.short_forms(quotes.speaker_asked(question))
    # "What about X?": a sentence holding none of X answers the previous question, when some sentence holds it
    asked = [p for p in probes if p[0] in asked_terms()]
    # (a prose sentence's own words, or those of the prose before it in its passage: "The explosion killed eight
    # ..." after "a car bomb explosion in Oslo" is of the Oslo blast)
    holds_asked = {id(c) for c in scored if any(has(t, head, root, c.terms | c.before, _heads(c.terms | c.before))
                                               for t, head, root in asked)} if asked else set()
    if not any(id(c) in holds_asked for c in retrieved(scored)):  # (held by a retrieved passage's sentence)
        holds_asked = set()
    # What follows only takes points off. Asked for each passage's best (the rerank), a sentence scoring no more
    # than the best its passage already has after them cannot be that best: it is left unchecked.
    best: dict[str, float] | None = {} if best_only else None
    for c in sorted(scored, key=lambda c: -c.score) if best is not None else scored:
        if best is not None and c.score <= best.get(c.passage.chunk_id, -math.inf):
            continue
        # a sentence that refers back is about what it refers to ("It was commissioned by Odo", after "the most
        # famous work of Norman art"): a mismatch of that subject is the sentence's own
        c.mismatch = mismatch(question, c.text, SAYS_NOT in c.context) or (subject_mismatch(question, c.antecedent) if c.antecedent else "")
        if speaker and not c.mismatch and not speaker & _said_by(c) and not _speaker_before(c, speaker, scored):
            # "What does Trump say about the deal?": a sentence on the deal that does not name him is no answer
            c.mismatch = NOT_THE_SPEAKER
        if holds_asked and id(c) not in holds_asked:
            c.score -= ASKED_MISSING
        if not c.mismatch and repeats(c.text):  # "Tell me more": the last answer gave this one (rag/answer/said.py)
            c.mismatch = "the previous answer quoted it already"
        if c.mismatch:
            c.score -= OFF_FOCUS
            c.on_scope = False
        if best is not None:
            best[c.passage.chunk_id] = max(c.score, best.get(c.passage.chunk_id, -math.inf))
    return best


# A connective phrase ties what is asked to something else, and its noun names nothing asked: "What did Washington
# offer in return for the deal?" is answered by "In exchange, Washington has offered ..."
_CONNECTIVE = re.compile(r"\b(?:in|as)\s+(?:an?\s+)?(?:return|exchange|response|addition|result|total|particular|turn)\b", re.I)


def connective_terms(question: str) -> frozenset[str]:
    """The nouns of the question's connective phrases ("return" of "in return for"): held, they count; missing,
    they are not asked of the sentence."""
    return frozenset(stem(m.group(0).split()[-1].lower()) for m in _CONNECTIVE.finditer(question))


# A verb of giving says little of what is given: "What did the US give in return?" is answered by "Washington has
# offered selective tariff relief", "What punishment was he given?" by what he was sentenced to. Held, it counts;
# missing, it is not asked of the sentence. (Only "give": "take" and "make" say what was done too often, "took the
# job", "was no census taken": as light verbs they let SQuAD's unanswerable questions through.)
# (in lower case: "the Ever Given" is a name; not with a particle: "giving up", "gave way" say what is done)
_GIVING = re.compile(r"\b(?:give|gives|gave|given|giving)\b(?!\s+(?:up|away|out|off|over|back|down|way)\b)")


def giving_verbs(question: str) -> frozenset[str]:
    """The stemmed verbs of giving in the question: they say little of what is asked."""
    return frozenset(t for m in _GIVING.finditer(question) for t in content_terms(m.group(0)))


def other_wording(sentence: str, asked: frozenset[str]) -> frozenset[str]:
    """The connective terms ``asked`` (``connective_terms`` of the question) that the sentence says in their other
    wording: "return" by "In exchange, ..." (``CONNECTIVE_WORDINGS``)."""
    said = connective_terms(sentence)
    return frozenset(t for t in asked for word, other in CONNECTIVE_WORDINGS.items()
                     if stem(word) == t and stem(other) in said)


def headline(c: Candidate) -> bool:
    """The sentence is its article's title line ("Elon Musk Sub 'Impractical,' Won't Be Used") or a heading: a line
    of its own, in title case, with no stop after it ("Washington Offers Targeted Concessions"), neither a list item
    nor a table row."""
    title = c.passage.title
    if title and title != c.passage.doc_id and _WORDS.sub(" ", c.text).strip().lower() == \
            _WORDS.sub(" ", title).strip().lower():
        return True
    text = c.text.rstrip()
    if c.context or c.header or c.parts or not text or text[-1] in _STOPS:
        return False
    return title_cased(text)


def title_cased(text: str) -> bool:
    """Most of the text's words (beyond the small ones) begin with a capital or a digit, as a heading's do."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() or w[0].isdigit() for w in words) >= HEADING_CASED * len(words)


def _coverage(found: Sequence[str], weights: dict[str, float], total: float, light: Set[str], light_total: float) -> float:
    """The weighted share of the question's terms held; with the light terms left out, when that is more."""
    coverage = sum(weights[t] for t in found) / total
    if light_total and total > light_total:
        coverage = max(coverage, sum(weights[t] for t in found if t not in light) / (total - light_total))
    return coverage


_CLAUSE_END = re.compile(r"[;:]|,\s*(?:and|but|while|whereas|which|who|although|though|as)\b|\.\s")


def one_clause(text: str, a: K.Value, b: K.Value) -> bool:
    """Nothing between the two values ends a clause ("; ", ", and", ", which"), and the first is not inside an aside
    the sentence closes before the second ("The hackers, who the FBI linked to a gang, were able to breach the
    system April 29": the FBI is no party to the date)."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    if _CLAUSE_END.search(text[first.end:second.start]):
        return False
    aside = _ASIDE_OPENS.search(text[:first.start])
    return not (aside is not None and "," not in text[aside.end():first.start] and "," in text[first.end:second.start])


_ASIDE_OPENS = re.compile(r",\s*(?:who|whom|whose|which)\b(?!.*,\s*(?:who|whom|whose|which)\b)")


_OPENS_WITH_PERSON = re.compile(r"^\W*(?:he|she)\b", re.I)


def _speaker_before(c: Candidate, speaker: frozenset[str], scored: Sequence[Candidate]) -> bool:
    """The sentence opens its passage with "he" or "she", whom the passage never names (the chunk before, unread, does
    or may): the speaker asked may be the one meant where the passages read name them elsewhere ("She insists ... and
    says the rock was missing from her charts.", asked what the captain said, in an article on the anniversary)."""
    if c.antecedent or not _OPENS_WITH_PERSON.match(c.text) or not c.passage.text.lstrip().startswith(c.text[:40]):
        return False
    return bool(speaker & _terms(c.passage.title or "")) or any(
        o.passage.chunk_id != c.passage.chunk_id and speaker & o.terms for o in scored)


def _said_by(c: Candidate) -> frozenset[str]:
    """The terms that may name who said a sentence: its own, its quotation's other sentence, its antecedent."""
    return frozenset(c.terms).union(*(_terms(part) for part in c.parts), _terms(c.antecedent), c.context)


def _similarities(scored: Sequence[Candidate], vectors: SentenceVectors, query_vector: np.ndarray) -> np.ndarray:
    """Each candidate's closeness in meaning to the question; a quotation with its speaker is as close as its
    closest sentence (their vectors are stored one by one)."""
    texts = [t for c in scored for t in (c.parts or (c.text,))]
    sims = iter((vectors(texts) @ query_vector).tolist())
    return np.array([max(next(sims) for _ in (c.parts or (c.text,))) for c in scored])


def _with_antecedents(scored: Sequence[Candidate], sims: np.ndarray) -> np.ndarray:
    """A sentence that refers back means what it says of what the sentence before it introduced (the answerer's
    pass; the rerank reads each sentence alone). One referring to what that sentence described ("These secondary
    sources could provide 20-30% ...", after "... recover materials from end-of-life products") is at least as
    close to the question as the mean of its own closeness and that sentence's; one whose pronoun stands for a name
    that sentence gives ("It expanded again during the Middle Miocene", after a sentence on the Amazon rainforest)
    counts that sentence at a third: a name is close to any question about it, whatever the sentence says of it.
    The sentence before is a candidate of the same passage, so nothing is embedded for it."""
    index = {id(c): i for i, c in enumerate(scored)}
    by_passage: dict[str, list[tuple[int, Candidate]]] = {}
    for c in scored:
        at = position_in_article(c)[1]
        if at >= 0 and not c.parts:
            by_passage.setdefault(c.passage.chunk_id, []).append((at, c))
    out = sims.copy()
    for found in by_passage.values():
        found.sort(key=lambda item: item[0])
        for (_, before), (_, c) in zip(found, found[1:]):
            if not c.antecedent:
                continue
            share = ANTECEDENT_SHARE if _THESE_OPENS.match(c.text) else NAME_SHARE
            i, near = index[id(c)], sims[index[id(before)]]
            out[i] = max(sims[i], (1 - share) * sims[i] + share * near)
    return out


ANTECEDENT_SHARE = 0.5  # the weight of the sentence referred to in a "These ..." sentence's closeness
NAME_SHARE = 1 / 3  # the weight of the name a pronoun stands for


def retrieved(pool: Sequence[Candidate]) -> list[Candidate]:
    """The candidates of the retrieved passages: not those of a paragraph read after one of the best
    (rag/retrieval/following.py), which are scored by what the retrieved passages hold and change none of it."""
    return [c for c in pool if FOLLOWS not in c.passage.scores]


def articles_of(pool: Sequence[Candidate]) -> dict[str, str]:
    """Each article of the pool (doc id) with its title and the text of its retrieved passages."""
    articles: dict[str, str] = {}
    # (an article only a paragraph read after a passage speaks for, the passage having no sentence to score: that)
    kept = retrieved(pool)
    held = {c.passage.doc_id for c in kept}
    for c in [*kept, *(c for c in pool if c.passage.doc_id not in held)]:
        if c.passage.doc_id not in articles:
            articles[c.passage.doc_id] = c.passage.title
        if c.passage.text not in articles[c.passage.doc_id]:
            articles[c.passage.doc_id] += "\n" + c.passage.text
    return articles


def _of_the_action_asked(pool: list[Candidate], action: str, vectors: SentenceVectors) -> None:
    """Asked how long an action lasted, a length the sentence says of another event is no answer ("trapped for
    nearly two weeks", asked how long two men talked) where another sentence gives the length of that action."""
    timed = [(c, v) for c in pool for v in c.on_values if v.kind == "duration"]
    other = {(id(timed[i][0]), timed[i][1]) for i in of_other_events([(prepare(c.text), v) for c, v in timed],
                                                                       action, vectors)}
    for c in {id(c): c for c, v in timed if (id(c), v) in other}.values():
        c.on_values = [v for v in c.on_values if (id(c), v) not in other]
        c.answers = [v for v in c.answers if (id(c), v) not in other]
        c.on_scope = bool(c.on_values)


def _surnames_as_people(pool: list[Candidate]) -> None:
    """A one-word name the tagger called a body or left untyped that is the surname of a person the passages name
    in full ("Lund is not the first ...", where another names "Karin Lund"): that person, not a company
    answering which, unless the sentence writes it as a body ("Ford's factories", "the Ford company": its role)."""
    people = {words[-1].strip(".,").lower() for c in pool for v in c.claims if v.kind == "person"
              and len(words := v.text.replace("\u2019", "'").split()) >= 2 and words[-1][:1].isupper()}

    def surname(v: K.Value) -> bool:
        return v.kind in ("organization", K.NAME) and not v.scope and " " not in v.text.strip() and \
            v.text.strip().lower() in people

    for c in pool:
        if people and any(surname(v) for v in c.claims):
            c.claims = tuple(replace(v, kind="person") if surname(v) else v for v in c.claims)


def _type(question: str, kinds: tuple[str, ...], pool: list[Candidate], cache: ClaimCache | None,
          parsed: int, common: frozenset[str] | set[str] = frozenset(), vectors: SentenceVectors | None = None) -> None:
    """Each candidate's claims, and the answers among them: values of the kind asked, not already in the
    question, and (``on_scope``) about what it asks: the figure's scope shares a term with the question,
    the counted noun is the one asked about, and a year the question names is in the passage."""
    top = sorted(pool, key=lambda c: -c.score)[:parsed]
    offices = K.role_words(K.asked_roles(question))
    # a sentence that may name the holder of the role asked is typed by the parser too, wherever it ranks
    top += [c for c in pool if offices and c not in top and K.says_role(c.text, offices)]
    for c, found in zip(top, quotes.typed_by_parts([c.parts or (c.text,) for c in top], cache if cache is not None
                                                   else functools.partial(analyze, use_model=False))):
        c.claims = tuple(found)
    rest = [c for c in pool if not c.claims]
    for c, found in zip(rest, quotes.typed_by_parts([c.parts or (c.text,) for c in rest],
                                                    functools.partial(cache if cache is not None else analyze,
                                                                      use_model=False))):
        c.claims = tuple(found)
    _surnames_as_people(pool)
    if "duration" in kinds and _HOW_LONG_AFTER.search(question):  # "How long after it began were crews still at
        # it?": "some 20 hours after it started" is the time asked, though no length of anything (claims/parse.py)
        for c in pool:
            c.claims = tuple(replace(v, kind="duration", unit="day", low=v.low * _IN_DAYS[v.unit],
                                     high=v.high * _IN_DAYS[v.unit]) if v.kind == "count" and v.unit in _IN_DAYS
                             else v for v in c.claims)
    befell = _WHO_BEFELL.search(question) if "person" in kinds else None
    if befell is not None:  # "Who was hurt?": "Two policemen and one firefighter were hurt" names no one, but says
        # who, by what they were (a count of people, as of no one else); hurt, only people were (no company)
        kinds = ("person",) if _HARMED.fullmatch(befell.group("how").lower()) else kinds
        for c in pool:
            c.claims = tuple(replace(v, kind=K.NAME, key=name_key(v.text)) if v.kind == "count" and v.unit
                             and is_person_noun(v.unit) and not v.vague else v for v in c.claims)
    # "What share of global refining ...?": "a small share of global refining output" (the answerer's reading; the
    # reranker, parsed=0, ranks passages by their figures)
    if kinds == ("percentage",) and parsed > 0:
        for c in pool:
            if not any(v.kind == "percentage" for v in c.claims):
                c.claims += tuple(shares_in_words(c.text))
    # "On what day of the week did the ship get wedged?": "on Tuesday" (a weekday answers only a question asking the
    # day: vague, so no side of a disagreement with a date, and after an exact date that answers as well)
    if "date" in kinds and parsed > 0 and K.asks_day(question):
        for c in pool:
            c.claims += tuple(v for v in _weekdays(c.text) if not any(o.start < v.end and v.start < o.end
                                                                        for o in c.claims))
    if "date" in kinds:  # "When ...?", "On what date ...?": "on Friday" names a day, no date (vague; and no answer
        # beside an exact date: ``_score``)
        for c in pool if _WHAT_DATE.search(question) or not K.asks_day(question) else ():
            if any(v.kind == "date" and _WEEKDAY.fullmatch(v.text.strip()) for v in c.claims):
                c.claims = tuple(replace(v, vague=True) if v.kind == "date" and _WEEKDAY.fullmatch(v.text.strip())
                                 else v for v in c.claims)
    # "Where ... anchored?": "in Chinese territory"; "Which country's units ...?": "Japanese ... units" (a country
    # written as its adjective; the answerer's reading only, like shares in words)
    if "place" in kinds and parsed > 0:
        for c in pool:
            places = answering_places(c.text, question)
            if places:  # (an untyped name of the adjective's span, "Canadian" opening a sentence, is the place)
                c.claims = tuple(o for o in c.claims if not (o.kind == K.NAME and any(
                    (o.start, o.end) == (v.start, v.end) for v in places)))
            c.claims += tuple(v for v in places if not any(o.start < v.end and v.start < o.end for o in c.claims))
    # "What nationalities were the stranded climbers?": "nine Peruvians and one Bolivian" (a nationality is a
    # country's; the numbers counting them are not asked); asked a nationality, a place is one only as where someone
    # is from
    if "place" in kinds and parsed > 0 and K.asks_nationality(question):
        strictly = K.asks_nationality(question, strictly=True)
        for c in pool:
            national = nationalities(c.text)
            c.claims = tuple(o for o in c.claims if not any(o.start < v.end and v.start < o.end for v in national)
                             and not (strictly and o.kind in ("place", K.NAME) and not _FROM_PLACE.search(c.text[:o.start]))) \
                + tuple(national)
    q_terms = set(content_terms(question))
    # (a focus of words any figure could have, "the world's", or of the words asking for the kind, "what share",
    # says nothing of which figure: the whole question)
    focus = (q_terms - common) if K.specific(q_terms - common - K.asking_terms(question)) else q_terms
    # what a duration asked is of, in the question's main clause (for ``_written_onto``)
    written_focus = {t for t in set(content_terms(_TIME_CLAUSE.split(question)[0])) - common - K.asking_terms(question)
                     if len(t) >= 4} if "duration" in kinds else set()
    counted = _HOW_MANY.search(question) or _HOW_MANY_OF.search(question)  # ("how many of those tubes": tubes)
    noun = stem(counted_noun(counted.group(1).split())) if counted else ""
    qualified = _qualified_plural(counted.group(1).split()) if counted else ()  # "survivor families": families too
    unit = QUANTITY_UNITS.get(counted.group(1).split()[0].lower(), ("", 0))[0] if counted else ""  # "How many kilograms"
    period = rate(question)  # "How many barrels a day": a rate; "How much oil in total": an amount
    unit += f"/{period}" if unit and period else ""
    # what a quantity asked by its noun measures ("how much oil", "the total quantity of oil"): a quantity of it is
    # about the question even where it is the collection's topic, which the focus leaves out
    measured = _measured(question)
    only_measured: set[int] = set()  # candidates whose quantities are about the question only by ``measured``
    roles = K.asked_roles(question)
    anchors = anchors_of(question)
    anchored = bool(anchors[0] or anchors[1])
    unnamed = q_terms - set(_terms(" ".join(anchors[1])))  # what the question asks of its names

    def names_all(text: str) -> bool:  # the sentence names every name the question gives, two at least ("Google
        # purchases YouTube for $10.65 billion"; one name is often every article's subject: "BP will pay a Clean
        # Water Act civil penalty of $5.5 billion" is no sum BP spent cleaning the water)
        return len(anchors[1]) > 1 and all(holds(text, ([], [name])) for name in anchors[1])
    articles = articles_of(pool)  # an anchor may sit in another retrieved passage of the same article
    undated = {doc for doc, text in articles.items() if _holds_role_undated(question, text, anchors)} if anchored else set()
    # (a country every other retrieved article gives is the topic: rag/answer/support_checks.py, topic_countries)
    # (only for a place or a figure: a country in a question for a person or a body says which answers count,
    # "Which agency is stockpiling rare earths in the US?")
    # (the answerer's pass only: the reranker ranks passages, and a passage that names the country outranks one
    # that does not: "When did the plague reach England?")
    topical = parsed > 0 and ("place" in kinds or set(kinds) <= set(K.FIGURES))
    own = {doc: _without_topic(question, anchors, doc, articles) if topical else anchors
           for doc in articles} if anchored else {}
    first = {c.passage.doc_id: c.passage for c in reversed(pool)}
    # An article that nowhere writes a year or a month leaves the date of what it tells to its publication: the month
    # and year a question's opening clause gives are not asked of it ("When the zone was widened in April 2011, how
    # many towns ...?" of a three-paragraph story that dates nothing). Read whole, from the store: the answerer's
    # pass only.
    framing = _FRAMING.match(question)
    dateless = {doc for doc in articles if doc in first and _dates_nothing(vectors.article(first[doc]), first[doc])} \
        if parsed > 0 and vectors is not None and framing and _DATE_GIVEN.search(framing.group(1)) else set()
    undated_question = _DATE_GIVEN.sub(" ", framing.group(1)) + question[framing.end(1):] if framing and dateless \
        else question
    undated_anchors = anchors_of(undated_question) if dateless else anchors
    held = {doc: holds(text, anchors) or holds(text, own[doc]) or _leans_on_subject(question, text, anchors)
            or doc in undated or (doc in dateless and holds(text, undated_anchors))
            for doc, text in articles.items()} if anchored else {}
    if parsed > 0 and vectors is not None:  # a name the retrieved passages leave out may be in the rest of the article
        # ("the Plan C drill" said three paragraphs above "Forty agonizing days after ..."): the answerer's pass reads it
        for doc in [d for d, ok in held.items() if not ok and d in first]:
            whole = vectors.article(first[doc])
            held[doc] = whole is not None and holds(f"{first[doc].title}\n{whole}", anchors)
    lacking = lacks(question, articles, topic=topical)  # a name or figure of the question the article never gives
    for doc in undated & set(lacking):  # ... of those it gives, when it dates nothing (the year asked aside)
        lacking[doc] = missing_in(_YEAR.sub("", question), article_text(articles[doc]))
    for doc in dateless & {d for d, why in lacking.items() if why}:
        lacking[doc] = missing_in(undated_question, article_text(articles[doc]))
    if parsed > 0 and vectors is not None:  # what the retrieved passages leave out may be in the rest of the article,
        # as for ``held`` ("Holmstad" named three paragraphs below "began moving more than 12,000 people"): the
        # article is checked whole (the answerer's pass)
        # (not a country the question qualifies by: "Which Dutch minister ...?" of an article that names the
        # Netherlands somewhere is not answered by another country's minister)
        for doc in [d for d, why in lacking.items() if why and d in first and d not in undated | dateless
                    and not _lacks_a_country(question, articles[d])]:
            whole = vectors.article(first[doc])
            if whole is not None:
                lacking[doc] = lacks(question, {**articles, doc: f"{first[doc].title}\n{whole}"},
                                     topic=topical).get(doc, "")
    # A figure asked for is of what the question speaks of beyond the words that ask it ("how many years"): an
    # article that holds none of that gives a figure of something else ("How many years, think about
    # adoption?": "childlessness for at least one year", in an article that never speaks of adoption). A name
    # asked for has checks of its own. The answerer's pass only (parsed > 0): the reranker keeps its own reading.
    figure = parsed > 0 and set(kinds) <= set(K.FIGURES)
    beyond = q_terms - K.asking_terms(question) if figure else set()
    unrelated = {doc for doc, text in articles.items() if beyond and not any(_prefix_match(t, set(_terms(text)))
                                                                              for t in beyond)}
    proper = _proper_words(pool)
    # The kinds of the names the question gives (Australia: a place); a sentence that names another of that
    # kind and not the question's gives the figure of someone else ("China ... controlling roughly 70%"). (A name
    # a follow-up's rewrite guessed counts here: "How old was he?" read as John Harper is not answered by "The
    # youngest is 19-year-old Sara Mills", though the guess is not held to being in every passage.)
    name_words = list(dict.fromkeys(w for name in names_asked(question) for w in name))
    name_set = frozenset(w.lower() for w in name_words)
    # (typed like the sentences: by the parser only when some are, so the reranker's regex-only pass parses nothing)
    asked_names = ((cache([question], use_model=parsed > 0) if cache is not None
                    else analyze([question], use_model=False))[0] if name_words else ())
    anchor_kinds = {v.kind for v in asked_names if v.kind in K.NAMES}
    agent = K.asks_who_acts(question)
    _, offered = K.options(question)  # "for 90 days or for a year?": a sentence stating either is about the choice
    said = analyze([question], use_model=False)[0]  # the question's figures, by the parser alone
    choices = [v for v in said if v.text.lower() in offered] if offered else []
    # (the reranker types by regex only, parsed=0: it does not parse the question for its verb either)
    event = asked_event(question) if "date" in kinds and vectors is not None and parsed > 0 else ""
    # the year a when-question is asked within ("In what month in 1349 did ...?", "When in 2021 ...?")
    # a sum of one of many, not of them all (not "How much did Norlant and Vardex each give?": each named one's sum)
    each = bool((m := _EACH_ASKED.search(question)) and not re.search(r"\b[A-Z][\w'\u2019-]*\s+$", question[:m.start()]))
    dwelling = _DWELLING_ASKED.search(question) is not None  # how many live in a place: its population
    by_month = "date" in kinds and _ASKS_MONTH.search(question) is not None
    # (a whole year: "In August 2019, when did it plan to ...?" says when it was planned, not when it will be)
    within = [v for v in said if v.kind == "date" and v.unit == "month" and v.high - v.low >= 11
              and _IN_YEAR.search(question[:v.start])] if "date" in kinds and parsed > 0 else []
    phase = asked_phase(question) if event else ""
    carried = carried_event(question) if event else False  # "issue its ruling": the ruling is the event
    lasting = asked_lasting(question) if "duration" in kinds and vectors is not None and parsed > 0 else ""
    origin = asked_origin(question)  # "Which Australian company": a name tied to another country is not one
    speaker = K.asks_speaker(question)  # asked who said it, a quotation without its speaker names nobody who did
    # which country a name is of (or where it is based), once a sentence writes a place onto the name; not other
    # where-questions, which may ask where something happened to the name ("the Amazon basin"). A name the rewrite
    # of a follow-up resolved counts: "Where is it based?" of Lynas asks Lynas's place
    tie = list(dict.fromkeys(w for name in names_asked(question) for w in name)) if K.asks_which_place(question) else []
    # asking of no name, the place is the owner of what is asked: "Which country has been striking bilateral mining
    # accords?" -> "Australia's bilateral mining accords"
    # ("Which Asian ally's tech partnerships with Washington ...?": named, but the place owns what is asked)
    owned = K.things_asked(question) if K.asks_which_place(question) else []

    def tied(v: K.Value, text: str) -> bool:
        return (bool(tie) and K.tied_to(v, text, tie)) or K.tied_to(v, text, owned, possessive=True)

    # which body a person the question names is of: one written onto the person by the job held there ("U.S.
    # Geological survey Director Marcia McNutt", asked which agency McNutt was running)
    # (not a name the question gives as an owner: "Which newspaper reported Bessent's upbeat view?" asks no body of his)
    staff = [w for name in names_asked(question) if not re.search(rf"\b{re.escape(name[-1])}['\u2019]s\b", question)
             for w in name] if "organization" in kinds and "place" not in kinds else []
    any_tied = "place" in kinds and bool(tie or owned) and any(
        v.kind == "place" and tied(v, prepare(c.text)) for c in pool for v in c.claims)
    # a name some retrieved sentence ties to another country ("Australia's Lynas") is not of the one asked, in
    # whichever sentence it is named ("Lynas Rare Earths operates ...")
    foreign = {_key_of(v) for c in pool for v in c.claims
               if v.kind not in K.FIGURES and tied_elsewhere(v, prepare(c.text), origin)} if origin else set()
    countries = countries_in(question)  # "How many UK consumers ...?"
    acting = K.subject_roles(question) - roles  # the roles of whom the question says acted on the one asked
    # asked the first victim's name: "Sheriff Karl Holm said" is none, nor "Holm" wherever some sentence titles him
    # (a name the tagger calls a body too: "Karl Holm, director of the rescue service")
    officials = {v.text.split()[-1].lower() for c in pool for v in c.claims if v.kind in _NAMED and v.text.split()
                 and K.in_office(v, prepare(c.text))} if K.asks_ordinary_person(question) else set()
    for c in pool:
        text = prepare(c.text)
        c.answers = [v for v in c.claims if (K.fits(v, kinds, text if agent else "") or K.due_in(v, text, kinds))
                     and not K.in_question(v, question)
                     and not (foreign and v.kind not in K.FIGURES and _named_among(_key_of(v), foreign))
                     and not (v.kind in ("place", K.NAME) and named_as_adjective(v, question))
                     and K.answers_as(v, text, kinds, question) and _a_name_here(v, text, proper)
                     and not (origin and v.kind not in K.FIGURES and tied_elsewhere(v, text, origin))
                     and not (speaker and not c.parts and quotes.quote_only(c.text))
                     and not of_another_country(v, countries)
                     and not harm_unasked(question, text, v) and not term_unasked(question, text, v)
                     # (the one in the role of whom the question asks about: "the girl the mayor met" is not him)
                     and not (acting and v.kind not in K.FIGURES and v.scope and K.role_fits(v.scope, acting))
                     and not (officials and v.kind in _NAMED and v.text.split()[-1].lower() in officials)]
        if any_tied:  # a place written onto the name asked about is its place; other places are another's
            c.answers = [v for v in c.answers if v.kind != "place" or tied(v, text)]
            c.tied = any(v.kind == "place" for v in c.answers)
        if staff and any(v.kind in ("organization", K.NAME) and K.works_at(v, text, staff) for v in c.answers):
            c.tied = True  # (the relation asked, stated: scored up as a place written onto its name is)
        c.shape_ok = bool(c.answers)
        if origin and any(v.kind not in K.FIGURES and tied_here(v, text, origin) for v in c.answers):
            c.score += ORIGIN_TIED  # "US-based companies like MP Materials", asked for an American company
        # (a paragraph read after a passage adds nothing to what its article is checked to hold, but one that names
        # what the question names holds it itself: "The Ever Given container ship, operated by ... Evergreen")
        if (anchored and not held[c.passage.doc_id] and not (FOLLOWS in c.passage.scores and holds(c.passage.text, anchors))) \
                or lacking.get(c.passage.doc_id) or c.passage.doc_id in unrelated:
            c.on_scope = False
            continue
        others = [v for v in c.claims if v.kind in anchor_kinds and not K.in_question(v, question)] \
            if anchor_kinds else []
        if others and not holds(c.text, ([], _unresolved(name_words, c.antecedent))):
            # a figure of someone else, or the holder of the role asked about somewhere else ("President Xi"
            # in a sentence naming China, for the U.S. president), unless that place is only the other party
            # of what the role-holder does ("in response to China's agreement, the Biden administration ...")
            # (a figure is theirs when another is named in its clause: "$90 million civil settlement with MOEX",
            # not "worth $20.8 billion, and is the largest settlement in the Department's history")
            theirs = not (roles and any(v.scope for v in c.answers) and only_counterparts(c.text, others))
            c.answers = [v for v in c.answers if not (roles and v.scope and theirs) and (
                v.kind not in K.FIGURES or not any(one_clause(text, o, v) for o in others))]
        named = roles & {w.lower() for w in re.findall(r"[A-Za-z]+", c.text)}  # the role is said in the sentence
        text = prepare(c.text)
        # (an amount of no scope is checked against what the question asks of its names: once a sentence)
        asked_of = unnamed if any(v.kind in _SCOPED_KINDS and not v.scope for v in c.answers) and not names_all(
            c.text) else None
        held_terms = _outside_names(c, text, question) | c.context if asked_of is not None else None
        c.on_values = [v for v in c.answers if _about(v, focus, noun, roles - named if not named else set(), text,
                                                      _column(c, v), held_terms, asked_of, qualified, name_set)
                       or any(K.same(v, o) for o in choices)
                       or _measured_as_asked(v, unit, q_terms, question)]
        if "duration" in kinds:  # "How many years had he been a miner?": "entombed for 70 days" spans no year
            c.on_values = [v for v in c.on_values if not shorter_than_asked(question, v)]
        if unit:  # "How many litres of water were pumped out?": a distance ("about 4 km") measures something else
            c.on_values = [v for v in c.on_values if v.kind != "quantity" or K.same_dimension(v.unit, unit)]
        if (noun or counts_things(question)) and not unit:  # "how many seabirds", "how many of
            # them": a measure ("800,000 barrels of oil", "about 4 km from the cave mouth") counts none
            c.on_values = [v for v in c.on_values if v.kind != "quantity"]
        if measured:  # "how much oil": a count of workers is none of it
            c.on_values = [v for v in c.on_values if not _counts_another(v, measured)]
        if measured and not c.on_values:
            c.on_values = [v for v in c.answers if v.kind == "quantity" and _of_the_measured(v, measured)]
            if c.on_values and not _says_more_than_the_measured(c, q_terms, measured):
                only_measured.add(id(c))
        if event and vectors is not None:  # a date of another event than the one asked ("its closure in 2015")
            other = of_another_event([v for v in c.on_values if v.kind == "date"], text, event, vectors, phase, carried)
            c.on_values = [v for v in c.on_values if v not in other]
            c.answers = [v for v in c.answers if v not in other]  # nor the other side of a disagreement (gather)
        if not_an_age(question, text) or no_life_event(event, text):  # "How old is he?": a date of something else he
            # did is no age; "When was he born?": a date of his accession is no birth
            c.on_values = [v for v in c.on_values if v.kind != "date"]
        if dwelling and not _DWELLING_SAID.search(c.text):  # "How many people live in Rask?": "35 people escaped"
            # counts those who got out, not the town
            c.on_values = [v for v in c.on_values if v.kind != "count"]
        if each and not _PER_ONE.search(c.text):  # "How much did each family receive?": "a $50 million pool"
            # is what all of them share, no sum one of them got (a measure may be said of the class: "Large
            # turbines can require several tons", asked how much each turbine needs)
            c.on_values = [v for v in c.on_values if v.kind != "money"]
        if by_month:  # "In which month did he write it?": "the 2018 report" gives its year, no month
            c.on_values = [v for v in c.on_values if v.kind != "date" or v.unit != "month" or v.high - v.low < 11]
        if within:  # "In what month in 1349 ...?": a date of another year is no answer
            c.on_values = [v for v in c.on_values if v.kind != "date" or v.unit != "month"
                           or any(v.low <= w.high and w.low <= v.high for w in within)]
        if parsed > 0 and c.on_values and not c.antecedent and other_subject(question, c.text):
            c.on_values = []  # what another named thing did ("The Confederation of the Rhine was established")
        c.on_scope = bool(c.on_values)
        if written_focus and c.on_scope and any(v.kind in _WRITTEN_KINDS and _written_onto(text, v, written_focus)
                                               for v in c.on_values):
            c.tied = True  # "The two-year truce framework", asked how long the framework runs
        if name_words and c.on_scope and any(v.unit == "age" and _age_of(text, v, name_words) for v in c.on_values):
            c.tied = True  # "Lund, 61, had led ...", asked how old Karin Lund was: the age written onto her name
    if lasting and vectors is not None:
        _of_the_action_asked(pool, lasting, vectors)
    if measured:
        _one_reading_of_the_measured(pool, only_measured)
    if "quantity" in kinds:
        _by_the_period_asked(pool, period)
    of_class = place_class(question) if "place" in kinds else ""
    if of_class:
        _of_the_class_asked(pool, of_class)
    if noun:
        _counts_of_the_verb_asked(pool, focus)
    if "count" in kinds:  # "How many Danish nationals ...?": not "seven Swedes", nor "227 passengers" (nationals.py)
        _of_the_nationals_asked(pool, question)
    if "place" in kinds:
        _places_of_the_relation_asked(pool, question, focus)
    org_class = _ORGANIZATION_CLASS.search(question) if "organization" in kinds else None
    if org_class:
        _named_by_the_class(pool, org_class.group(1).lower())
    if "organization" in kinds and _BUSINESS_ASKED.search(question):
        _no_public_bodies(pool)
    sum_asked = _SUM_ASKED.search(question) if "money" in kinds else None
    if sum_asked:
        _the_sum_asked(pool, sum_asked.group(1))
    person_class = _PERSON_CLASS.search(question) if "person" in kinds else None
    if person_class and not K.roles_named([person_class.group(1)]):
        _called_the_class(pool, stem(person_class.group(1).lower()))


# the class of place a which-question asks ("Which town on the coast did he visit?"), below a country
_PLACE_CLASS = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(town|city|village|port|county|province|district|island|"
                          r"suburb|neighbou?rhood|borough|community|dam|river|lake|bridge|street|road|avenue|highway|"
                          r"mountain|valley|canyon|creek|bay|beach|forest|canal|strait|harbou?r)(?:s|es)?\b", re.I)


# the class of body a which-question asks ("Which court heard the case?"), when bodies are named by it
_ORGANIZATION_CLASS = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(court|agency|ministry|department|committee|"
                                 r"commission|council|university|party|bank|union|club|league|institute|foundation|"
                                 r"association|authority|hospital|school|prison|church|museum|newspaper|airline|board|"
                                 r"bureau|tribunal|parliament|company|corporation|fund|service)s?\b", re.I)
CLASS_NAMED = 0.05  # added to a sentence whose answer is named by the class asked ("Oslo District Court")


# a sum asked by its own noun ("What indemnity did the families want?", "How much bail was set?")
_SUM_ASKED = re.compile(r"\b(?:what|which|how\s+much)\s+(?:[a-z-]+\s+)?(indemnit(?:y|ies)|compensation|fines?|ransoms?|"
                        r"bail|payouts?|premiums?|salar(?:y|ies)|wages?|fees?|bonus(?:es)?|rewards?)\b", re.I)


def _the_sum_asked(pool: list[Candidate], noun: str) -> None:
    """Asked a sum by its noun, a figure the text calls by that noun ("an indemnity of 90,000 crowns", "a $5,000
    fine") is the sum asked: its sentence scores ``CLASS_NAMED`` up, as a name called by the class asked does, and
    the article's sums in sentences that never name the noun are others ("40,000 euros per sailor is not enough",
    said of an offer): no answer and no side. Another article's may still be the same sum: "paid nearly $4 million
    to the gang"."""
    root = noun[:6].lower()
    word = re.compile(rf"\b{root}", re.I)
    before = re.compile(rf"\b{root}\w*\s+(?:of|worth|totall?ing|amounting\s+to)\s+(?:(?:about|around|some|up\s+to|"
                        rf"nearly|almost|more\s+than|at\s+least)\s+)?$", re.I)
    after = re.compile(rf"^[\s-]+(?:[a-z-]+\s+)?{root}", re.I)

    def called(text: str, v: K.Value) -> bool:
        return bool(before.search(text[:v.start]) or after.match(text[v.end:]))

    texts = {id(c): prepare(c.text) for c in pool}
    named = [c for c in pool if any(v.kind == "money" and called(texts[id(c)], v) for v in c.on_values)]
    for c in named:
        c.score += CLASS_NAMED
    # (within an article that calls one sum so, its sums in sentences never naming the noun are others)
    articles = {c.passage.doc_id for c in named}
    for c in pool:
        if c.passage.doc_id in articles and not word.search(texts[id(c)]) and any(v.kind == "money" for v in c.on_values):
            c.on_values = [v for v in c.on_values if v.kind != "money"]
            c.on_scope = bool(c.on_values)
            c.answers = [v for v in c.answers if v.kind != "money"]


def _called(value: K.Value, text: str, word: re.Pattern[str], before: re.Pattern[str], after: re.Pattern[str]) -> bool:
    """A figure, or a name holding the class noun (``word``) or called one by ``text`` just before or after it."""
    return value.kind in K.FIGURES or bool(word.search(value.text) or before.search(text[:value.start])
                                           or after.match(text[value.end:]))


# "Which company supplied the fertilizer?", "Which Australian producers ...?"
_BUSINESS_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?" + BUSINESSES.pattern + r"\b", re.I)


def _no_public_bodies(pool: list[Candidate]) -> None:
    """Asked which company, a public body or an institute is none ("The report found that the Norwegian Police
    Security Service (PST) were aware of Anders Behring Breivik purchasing ...", asked which company supplied the
    fertilizer): its name is no answer, nor another side (rag/answer/bodies.py); nor is a person's, named so by
    some sentence of the passages ("Breivik")."""
    persons = {v.text.split()[-1].lower() for c in pool for v in c.claims if v.kind == "person" and v.text.split()}
    for c in pool:
        text = prepare(c.text)
        bodies = [v for v in [*c.on_values, *c.answers] if _no_company(v, text, persons)]
        if bodies:
            c.on_values = [v for v in c.on_values if v not in bodies]
            c.on_scope = bool(c.on_values)
            c.answers = [v for v in c.answers if v not in bodies]


def _no_company(value: K.Value, text: str, persons: set[str]) -> bool:
    """A public body's name, or a person's (by a last name ``persons`` holds) in ``text``."""
    if value.kind == "organization" and public(value.text, text):
        return True
    words = value.text.lower().split()
    return value.kind in ("organization", K.NAME) and bool(words) and words[-1] in persons \
        and not K.ORG_WORDS & set(words)


# Institutions whose names say what they are ("Chiang Rai Prachanukroh Hospital", "Oslo District Court", "Stanford
# University"), or that a sentence calls so ("the Prachanukroh hospital", "Al-Shifa, the largest hospital"): asked
# which of them, a name that is neither is no answer ("Narongsak Osottanakorn", "Thai"), where an agency, a company or
# a party is often named without the word ("the U.S. Geological Survey", "Shoei Kisen Kaisha").
_NAMED_BY_CLASS = frozenset("court hospital university school prison church museum tribunal party".split())
# names of the class that do not hold its noun ("Norlant State", "Penn State", "Boston College", "Caltech"; a party's)
_CLASS_ALSO = {"university": r"\b(?:universit(?:y|ies)|college|polytechnic|institute\s+of\s+technology)\b|"
                             r"\b(?<!New\s)(?-i:[A-Z][a-z]+)\s+(?-i:State)\b(?!\s+(?i:department|police|patrol|senate|assembly|"
                             r"legislature|capitol|park|prison|highway|route|road|line))",
               # (a party is named by its members' name: "the Social Democrats", "Labour", "the Greens")
               "party": r"\bpart(?:y|ies)\b|\b(?-i:Democrats|Republicans|Conservatives|Labour|Greens|Liberals|"
                        r"Socialists|Tories|Democratic|Republican|Socialist|Liberal|Conservative|Christian|Left|Right)\b"}


_WRITTEN_KINDS = frozenset({"duration"})
_MODIFIER = re.compile(r"-(?:day|week|month|year|hour|minute|second)$", re.I)  # "one-year", "90-day": a modifier's form
# the clause that dates what is asked ("... before the ministry announced the reopening ...") is not asked
_TIME_CLAUSE = re.compile(r"\b(?:before|after|when|since|until|while|once)\b", re.I)


def _written_onto(text: str, value: K.Value, focus: set[str]) -> bool:
    """A duration written onto a noun the question asks about, as its modifier: "the two-year truce framework"
    (asked how long the framework runs), "the 60-day window"; not "two weeks before the framework was signed"."""
    if value.end > len(text) or value.scope or not _MODIFIER.search(value.text):
        return False
    following = re.match(r"(?:[\s-]+[A-Za-z][\w'-]*){1,3}", text[value.end:])
    if following is None:
        return False
    words = [stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'-]*", following.group(0))]
    return any(_prefix_match(w, focus) for w in words if len(w) >= 4)


def _named_by_the_class(pool: list[Candidate], noun: str) -> None:
    """Asked which court, a name that is a court's ("Oslo District Court") is one of the kind asked by its own
    words, where the question's other words ("heard the case") may be nowhere in the sentence. Asked which of
    the institutions ``_NAMED_BY_CLASS``, a name neither holding the noun nor called one by its sentence answers
    nothing."""
    word = re.compile(rf"\b{noun}s?\b|{_CLASS_ALSO[noun]}" if noun in _CLASS_ALSO else rf"\b{noun}s?\b", re.I)
    before = re.compile(rf"\b{noun}s?\s+(?:of\s+)?$", re.I)  # "the hospital of X"
    after = re.compile(rf"^\s*(?:{noun}s?\b|,\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}{noun}\b)", re.I)  # "X hospital", "X, a hospital"
    strict = noun in _NAMED_BY_CLASS
    for c in pool:
        if strict:
            text = prepare(c.text)
            kept = [v for v in c.on_values if _called(v, text, word, before, after)]
            if len(kept) < len(c.on_values):
                c.on_values, c.on_scope = kept, bool(kept)
                # (nor the other side of a disagreement: gather)
                c.answers = [v for v in c.answers if _called(v, text, word, before, after)]
        if any(v.kind not in K.FIGURES and word.search(v.text) for v in c.on_values):
            c.score += CLASS_NAMED


# the class of person a which-question asks ("Which detective ...?", "Which retired judge ...?"), an office or a trade
_PERSON_CLASS = re.compile(r"\b(?:which|what)\s+(?:[a-z-]+\s+){0,2}?(detective|officer|judge|inspector|superintendent|"
                           r"commander|sheriff|coroner|firefighter|doctor|surgeon|nurse|lawyer|barrister|solicitor|"
                           r"prosecutor|engineer|architect|scientist|pilot|diver|councillor|councilor|constable|"
                           r"sergeant|lieutenant|colonel|captain)s?\b", re.I)


# the titles a class of person is written with ("Dr Karl Holm" is a doctor, "Justice Holm" a judge)
_CLASS_TITLES = {stem("doctor"): ("dr", "physician"), stem("judge"): ("justice", "magistrate"),
                 stem("sergeant"): ("sgt",), stem("detective"): ("det",), stem("lieutenant"): ("lt",),
                 stem("colonel"): ("col",), stem("captain"): ("capt",), stem("officer"): ("constable", "pc", "sgt"),
                 stem("lawyer"): ("attorney", "counsel", "barrister", "solicitor"), stem("pilot"): ("captain",)}
# the nouns a name may be given before it that say what it is other than a person of a class ("owner Karl Holm")
_OTHER_TITLE = re.compile(r"\b(?:owner|founder|chairman|chairwoman|spokes(?:man|woman|person)|chief|executive|director|"
                          r"president|minister|secretary|mayor|governor|manager|boss|head)\s+$", re.I)


def _titled_otherwise(v: K.Value, text: str) -> bool:
    """The name is given with another title or role right before it ("Rana Plaza owner Karl Holm") or after it."""
    return v.start <= len(text) and (bool(_OTHER_TITLE.search(text[:v.start])) or K.titled(v, text))


def _called_the_class(pool: list[Candidate], noun: str) -> None:
    """Asked which detective, a person the sentence calls one ("Detective Chief Inspector Karl Holm", "Karl Holm, a
    detective") is of the kind asked by its title, where the question's other words may be said otherwise ("put
    in charge of the inquiry" / "appointed to lead the investigation"): it scores ``CLASS_NAMED`` up, and when some
    sentence calls a person so, people no sentence calls so are no answer."""
    texts = {id(c): prepare(c.text) for c in pool}
    also = {stem(w) for w in _CLASS_TITLES.get(noun, ())} | {noun}

    def called(v: K.Value, text: str) -> bool:
        return v.kind in _NAMED and (bool(also & {stem(w.strip(".")) for w in K.title_words(v, text) + v.text.lower().split()})
                                      or any(K.described_as(v, text, n) for n in also))
    so = {v.text.split()[-1].lower() for c in pool for v in c.on_values if v.text.split() and called(v, texts[id(c)])}
    if not so:  # no one is called one: a name the text gives another title ("the building's owner Karl Holm",
        # asked which judge) is none either
        for c in pool:
            kept = [v for v in c.on_values if v.kind not in _NAMED or not _titled_otherwise(v, texts[id(c)])]
            if len(kept) < len(c.on_values):
                c.on_values, c.on_scope = kept, bool(kept)
        return
    for c in pool:
        kept = [v for v in c.on_values if v.kind not in _NAMED or (v.text.split() and v.text.split()[-1].lower() in so)]
        if len(kept) < len(c.on_values):
            c.on_values, c.on_scope = kept, bool(kept)
        if any(v.kind in _NAMED and called(v, texts[id(c)]) for v in kept):
            c.score += CLASS_NAMED


def _of_the_class_asked(pool: list[Candidate], noun: str) -> None:
    """Asked which town, a place some sentence calls a town ("driven to the town of Grand Isle") answers, where
    places it does not call so ("the U.S. Gulf coast") are of another class: when some sentence names one so, the
    places of the others are no answers, and that sentence's answer is of the kind asked by its own words
    (``CLASS_NAMED``, as for a court named a court), where the question's other words may be elsewhere."""
    texts = {id(c): prepare(c.text) for c in pool}
    if not any(classed(v, texts[id(c)], noun) for c in pool for v in c.on_values):
        return
    for c in pool:
        kept = [v for v in c.on_values if v.kind != "place" or classed(v, texts[id(c)], noun)]
        if len(kept) < len(c.on_values):
            c.on_values, c.on_scope = kept, bool(kept)
        if any(v.kind == "place" for v in kept):
            c.score += CLASS_NAMED


def place_class(question: str) -> str:
    """The class of place a which-question asks ("town" of "Which town on the coast ...?"), or ""."""
    found = _PLACE_CLASS.search(question)
    return found.group(1).lower() if found else ""


def classed(value: K.Value, text: str, noun: str) -> bool:
    """A place the sentence calls one of the class ``noun``: by its own name ("Holm Dam"), before it ("the small
    communities of Lunde", "the island of Vardo") or after it ("Grand Isle, a town of ...")."""
    if value.kind not in ("place", K.NAME):
        return False
    plural = rf"{noun[:-1]}(?:y|ies)" if noun.endswith("y") else rf"{noun}(?:s|es)?"
    return bool(re.search(rf"\b{plural}\b", value.text, re.I)
                or re.search(rf"\b{plural}\s+(?:of\s+)?$", text[:value.start], re.I)
                or re.match(rf"^\s*(?:{plural}\b|,\s+(?:a|the)\s+(?:[\w-]+\s+){{0,2}}{plural}\b)", text[value.end:], re.I))


# the words that qualify the class of body a which-question asks ("oil" of "Which oil firm ...?", "luxury goods" of
# "Which luxury goods group ...?"); the class nouns are those a name's role is read from (claims/extract.py)
_BODY_CLASS = re.compile(r"\b(?:which|what)\s+((?:[a-z][a-z-]+\s+){1,2}?)(?:firms?|compan(?:y|ies)|groups?|"
                         r"giants?|makers?|producers?|operators?|contractors?|businesses|business|corporations?|"
                         r"conglomerates?)\b", re.I)
_NOT_A_QUALIFIER = frozenset("big biggest large largest small major other main leading two three both single "
                             "another same new old local foreign".split())


def body_qualifier(question: str) -> tuple[str, ...]:
    """The stems of the words qualifying the class of body asked ("Which oil firm ...?" -> ("oil",)), or ()."""
    found = _BODY_CLASS.search(question)
    if not found:
        return ()
    return tuple(stem(w) for w in found.group(1).lower().split() if w not in _NOT_A_QUALIFIER
                 and w not in STOPWORDS and w not in COUNTRY_OF)


def qualified_as(value: K.Value, text: str, qualifier: tuple[str, ...]) -> bool:
    """The sentence writes the body's qualifier just before its name ("oil company Norlant", "the Norwegian oil giant
    Norlant"), or in an apposition after it ("Norlant, the oil company")."""
    if value.kind not in ("organization", K.NAME) or not qualifier:
        return False
    before = {stem(w) for w in re.findall(r"[a-z]+", text[max(0, value.start - 40):value.start].lower())[-4:]}
    after = re.match(r"\s*,\s+(?:the|an?)\s+((?:[\w-]+\s+){1,4})", text[value.end:])
    said = before | ({stem(w) for w in re.findall(r"[a-z]+", after.group(1).lower())} if after else set())
    return all(q in said for q in qualifier)


def _of_the_nationals_asked(pool: list[Candidate], question: str) -> None:
    """Counts of the people of the country the question asks of, where some sentence gives one: those are about
    what is asked whatever their noun ("at least 40 Danes", asked how many Danish nationals), and the others count
    other people (``rag.answer.nationals``)."""
    counts = [(c, v) for c in pool for v in {id(v): v for v in [*c.on_values, *c.answers]}.values() if v.kind == "count"]
    other = of_other_nationals(question, [(c.text, v) for c, v in counts])
    if not other:
        return
    dropped = {(id(counts[i][0]), id(counts[i][1])) for i in other}
    for c in pool:
        c.answers = [as_nationals(question, c.text, v) for v in c.answers if (id(c), id(v)) not in dropped]
        kept = [as_nationals(question, c.text, v) for v in c.on_values if (id(c), id(v)) not in dropped]
        kept += [v for v in c.answers if of_the_nationals(question, c.text, v) and v not in kept]
        if kept != c.on_values:
            c.on_values, c.on_scope = kept, bool(kept)


def _by_the_period_asked(pool: list[Candidate], period: str) -> None:
    """Quantities by the period the question asks ("how many barrels a day": a rate; "how much oil in total": an
    amount), where some sentence gives one so: the others measure something else ("5,000 barrels of oil a day" is
    no total spilled)."""
    def asked(v: K.Value) -> bool:
        return v.kind != "quantity" or v.unit.partition("/")[2] == period

    if not any(v.kind == "quantity" and asked(v) for c in pool for v in c.on_values):
        return
    for c in pool:
        c.answers = [v for v in c.answers if asked(v)]  # nor the other side of a disagreement (gather)
        kept = [v for v in c.on_values if asked(v)]
        if len(kept) < len(c.on_values):
            c.on_values, c.on_scope = kept, bool(kept)


def _measured(question: str) -> str:
    """What a quantity asked by its noun measures ("how much oil", "the total quantity of oil": "oil"), stemmed; ""
    when the question names none."""
    of = _MEASURED.search(question)
    return stem(of.group(1).lower()) if of else ""


def _counts_another(value: K.Value, measured: str) -> bool:
    """A count of another noun than the one measured ("One team", "11 workers", asked how much oil)."""
    return bool(measured) and value.kind == "count" and bool(value.unit) and not _prefix_match(stem(value.unit),
                                                                                               {measured})


def _of_the_measured(value: K.Value, measured: str) -> bool:
    return bool(measured) and any(_prefix_match(t, {measured}) for t in K.scope_terms(value.scope))


def _says_more_than_the_measured(c: Candidate, asked_terms: set[str], measured: str) -> bool:
    """The sentence speaks of what the question asks beyond the thing it measures ("the survey team estimated the leak
    at between 2,000 and 4,000 barrels of oil a day", asked the first estimate of how much oil was leaking each day): an answer in its own right, not only a reading of the measured word."""
    asked = {t for t in asked_terms if not _prefix_match(t, {measured})}
    said = {t for t in c.terms if not _prefix_match(t, {measured})}
    return len({t for t in asked if _prefix_match(t, said)}) >= 2


def _one_reading_of_the_measured(pool: list[Candidate], marked: set[int]) -> None:
    """Quantities about the question only by what they measure ("how much oil": "800,000 barrels of oil" captured,
    "4.9 million barrels of oil" released) are many readings of one word; the best-scored sentence's is the
    answer, and the others are no sides of a disagreement (what each did to the oil is not compared). None is
    kept where a sentence about the question by its focus scores higher."""
    if not marked:
        return
    measured = sorted((c for c in pool if id(c) in marked and c.on_values), key=lambda c: -c.score)
    units = [v.unit for c in measured for v in c.on_values if v.kind == "quantity"]
    # (a sentence by the focus measures it only in the readings' dimension: "a crack at least 30m long opened in the
    # road" is no amount of the ash asked about, "20,000 tonnes of ash" is)
    best = max((c.score for c in pool if c.on_values and id(c) not in marked and (not units or any(
        v.kind != "quantity" or any(K.same_dimension(v.unit, u) for u in units) for v in c.on_values))),
        default=-math.inf)
    for c in measured[0 if measured and measured[0].score <= best else 1:]:
        c.on_values = []
        c.on_scope = False
        c.answers = []
    if not (measured and measured[0].on_values and units):
        return
    for c in pool:  # the amount kept is the measure asked: a figure of another dimension measures something else
        if id(c) not in marked and any(v.kind == "quantity" for v in c.on_values):
            kept = [v for v in c.on_values if v.kind != "quantity" or any(K.same_dimension(v.unit, u) for u in units)]
            if len(kept) < len(c.on_values):
                c.on_values, c.on_scope = kept, bool(kept)
                c.answers = [v for v in c.answers if v.kind != "quantity" or any(K.same_dimension(v.unit, u)
                                                                                   for u in units)]


SNIPPET_WORDS = 60  # an article this short may be a snippet cut from a page that named its subject above it
# A passage that opens by referring to what was named before it: a pronoun, or "the" and a class noun, maybe
# after a preposition ("Of the film's 13 nominations, ...").
_OPENS_ON_REFERENCE = re.compile(
    r"^\W*(?:[A-Z][a-z]{2} \d{1,2}, \d{4}\s*(?:\.\.\.|\u2026)\s*)?(?:(?:Of|In|For|At|On|With|After|Since) )?"
    r"(?:It|He|She|They|[Tt]he (?:" + _THINGS + r"))\b",
    re.MULTILINE)


def _leans_on_subject(question: str, text: str, anchors: tuple[list[str], list[str]]) -> bool:
    """A snippet that leans on the subject without naming it ("The game was launched on May 15, 2012") may be
    about it: short, opening on a reference to something named before it, holding the question's years, and
    not worded like the question (then a missing name is one left unsaid, not one changed:
    support_checks.worded_like)."""
    return (len(text.split()) <= SNIPPET_WORDS and bool(_OPENS_ON_REFERENCE.search(text))
            and holds(text, (anchors[0], [])) and not worded_like(question, article_text(text)))


# "the CEO of Lego in 2021", "its current president as of 2020": a role held in a year (not "Diana Prince in
# Wonder Woman 1984", nor "the leader of Russia in the 1960's", a period rather than a year of office)
_ROLE_IN_YEAR = re.compile(r"\b(?:the|its|their|current|then)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(K.ROLES)) +
                           r")s?\b.*\b(?:in|during|as of)\s+(?:1[5-9]\d\d|20\d\d)\b(?!'?s)", re.IGNORECASE)


def _holds_role_undated(question: str, text: str, anchors: tuple[list[str], list[str]]) -> bool:
    """Who held a role in a year ("Who is the CEO of Lego in 2021?") may be said by an article that gives no
    year at all ("Niels B. Christiansen, CEO of the LEGO Group"): it speaks of the present it was written in,
    not of another year. An article that dates anything still has to hold the question's years."""
    return (bool(anchors[0]) and not _YEAR.search(text) and bool(_ROLE_IN_YEAR.search(question))
            and holds(text, ([], anchors[1])))


def _without_topic(question: str, anchors: tuple[list[str], list[str]], doc: str,
                   articles: dict[str, str]) -> tuple[list[str], list[str]]:
    """The anchors an article's passages must hold: the question's, but the countries every other retrieved
    article gives (the collection's topic)."""
    topic = topic_countries(question, [article_text(t) for d, t in articles.items() if d != doc])
    if not topic:
        return anchors
    return anchors[0], [a for a in anchors[1] if a.lower().rstrip(".") not in {t.rstrip(".") for t in topic}]


def _unresolved(words: list[str], antecedent: str) -> list[str]:
    """The words of the question's names that a sentence must hold itself: those its opening reference does
    not stand for ("Its yards built 30 ships for Portugal" after "Norland was ranked...": Norland is resolved,
    Spain is not). Empty when the reference stands for every name (the sentence is about what is asked)."""
    if not antecedent:
        return words
    return [w for w in words if not holds(antecedent, ([], [w]))]


def _proper_words(pool: Sequence[Candidate]) -> set[str]:
    """Words the passages capitalize inside a sentence, where only a name is capitalized (a gazetteer)."""
    found: set[str] = set()
    for c in pool:
        for match in re.finditer(r"(?<=[a-z,;] )([A-Z][\w'-]+)", c.text):
            found.add(match.group(1).lower())
    return found


def _a_name_here(value: K.Value, sentence: str, proper: set[str]) -> bool:
    """An untyped one-word name that opens a sentence (prepared), a list item or follows a colon ("Consider",
    "Military") is a name only when the passages also capitalize it inside a sentence."""
    if value.kind != K.NAME or " " in value.text.strip():
        return True
    before = sentence[:value.start].rstrip()
    return bool(before) and before[-1] not in ":\u2022-*|" or value.text.lower().strip(".") in proper


# a clause that opens the question and sets when what it asks happened ("When the zone was widened in April 2011, how
# many ...?"): the date of the frame, not of what is asked ("Which judge read the verdict in 2015?" dates the verdict)
_FRAMING = re.compile(r"^\s*((?:when|after|before|as|once|while|by the time|following)\b[^?]*?),\s*(?=(?:how|what|which|who|"
                      r"whom|whose|when|where|why)\b)", re.I)


def _dates_nothing(whole: str | None, passage: Passage) -> bool:
    """The article (its whole text, from the store) writes no year and no month's name, nor does its title."""
    return whole is not None and not _DATE_GIVEN.search(f"{passage.title}\n{whole}")


def anchors_of(question: str) -> tuple[list[str], list[str]]:
    """What an answer must be about, by name: the years and the words of proper names the question gives."""
    # (not a name that only dates what is asked: "by the Monday after Governor Brandt's visit" asks no article to name her)
    marks = {w.lower() for m in DATED_BY.finditer(question) for w in m.group(1).split()}
    question = MOMENT_FRAME.sub(" ", question)  # (nor the moment a count is asked at: "By mid-September, ...")
    question = SOURCE_FRAME.sub(" ", question)  # (nor the outlet it credits: "According to the Lunde Post, ...")
    words = [w for name in names_asked(question) if not {x.lower() for x in name} <= marks and not dated_month(name, question)
             for w in name]
    # a year in brackets after a title tells two works of one name apart ("God of War (2018)"): the title is
    # what the passage must be about, and a passage that dates it otherwise disagrees rather than being off topic
    # a name the follow-up's rewrite guessed need not be held (rag/answer/guessed.py)
    # (nor a year it guessed: "that deal" read as "the 2015 settlement")
    question = re.sub(r"\(\s*\d{4}\s*\)", "", question)
    # (a year that ends a date, "On 30 June 2015", is held by the day as an article of that year writes it: "on
    # June 30", with no year; the alternatives are joined by "|": ``held_undated``)
    dated = years_of_dates(question)
    return ["|".join((y, *dated[y])) if y in dated else y for y in typed_anchors(_YEAR.findall(question))], \
        typed_anchors(list(dict.fromkeys(words)))


def _country_as_adjective(folded: str, word: str) -> bool:
    """A country written as its adjective, or the adjective as its country, in a lower-cased text: "Denmark's prime
    minister" is the "Danish Prime Minister", "Swedish prosecutors" are Sweden's."""
    return any(re.search(rf"(?<![a-z]){re.escape(other)}(?![a-z])", folded) for other in other_country_words(word))


def holds(text: str, anchors: tuple[list[str], list[str]]) -> bool:
    """Every year and some word of the names occurs in the text (case, endings and the dots of abbreviations
    aside: "U.S." = "US", "Presidential" = "president"; a title-cased question names more than it needs)."""
    years, words = anchors
    folded = prepare(text).lower()
    plain = folded.replace(".", "")

    def has(a: str) -> bool:
        a = a.lower()[:4] if len(a) > 5 and a.isalpha() else a.lower()  # "Chinese" ~ "China", "Japanese" ~ "Japan"
        if len(a.replace(".", "")) <= 3:  # "US" is a word, not the "us" of "must"
            return bool(re.search(rf"(?<![a-z]){re.escape(a.replace('.', ''))}(?![a-z])", plain))
        return a in folded or a.replace(".", "") in plain

    def named(a: str) -> bool:
        # "Beijing has agreed" names China (rag/claims/seats.py); "the US agency" names the American one; "SURFSIDE,
        # Fla." names Florida (rag/claims/states.py)
        return has(a) or seats.names(text, a) or states.names(text, a) or country_said(text, a) or \
            _country_as_adjective(folded, a) or (
            a.isupper() and article_text(text).spells_out(a))  # "EV": "electric vehicles"

    # ("Coast Guard" written "USCG": the acronym holds the name)
    return all(has(y.split("|")[0]) or held_undated(y.split("|")[1:], folded) for y in years) and (
        not words or any(named(w) for w in words) or abbreviated(text, words))


def _lacks_a_country(question: str, text: str) -> bool:
    """The text (an article's retrieved passages) does not name a country the question names or qualifies by."""
    held = article_text(text)
    return any(is_country(" ".join(words)) and not held.has_name(words) for words in names_asked(question))


def _column(c: Candidate, value: K.Value) -> str:
    """The header of the table column a value sits in ("85-90%" under "Chinese Market Share"), or ""."""
    if not c.header or c.parts:
        return ""
    cell = c.text[:value.start].count(" | ")
    return c.header[cell] if cell < len(c.header) else ""


def _key_of(value: K.Value) -> str:
    return value.key or name_key(value.text)


def _named_among(key: str, keys: set[str]) -> bool:
    """The name is one of these, in full or shortened ("Lynas" of "Lynas Rare Earths")."""
    return any(key == k or key.startswith(k + " ") or k.startswith(key + " ") for k in keys)


_APART = frozenset("different distinct separate individual unique".split())


def counted_noun(words: list[str]) -> str:
    """The noun a how-many question counts, from the words after "how many": past the names that qualify it ("How
    many Marine bases", "How many U.S. troops") and the compounds that qualify it ("How many single-family homes"), as
    a count in a sentence is read (rag/claims/parse.py); past a word that only says they are told apart ("How many
    different DNA profiles")."""
    if len(words) > 1 and words[0].lower() in _APART:
        words = words[1:]
    for i, word in enumerate(words[:-1]):
        if not (word[0].isupper() or "-" in word.strip("-")):
            break
        after = words[i + 1]
        if _PLURAL.fullmatch(after) and after not in STOPWORDS:
            return after
    return words[0].lower()


def _qualified_plural(words: list[str]) -> tuple[str, ...]:
    """The plural after one lower-case word that may qualify it ("families" of "How many survivor families", "crew
    members"), as a stem, besides the first word ``counted_noun`` reads ("a crew of 25" counts crew members)."""
    if len(words) > 1 and words[0].islower() and not _PLURAL.fullmatch(words[0]) and _PLURAL.fullmatch(words[1]) \
            and words[1] not in STOPWORDS:
        return (stem(words[1]),)
    if len(words) > 3 and words[1] in ("and", "or") and all(w.islower() for w in words[:4]) \
            and not _PLURAL.fullmatch(words[0]) and words[3] not in STOPWORDS:
        return (stem(words[3]),)  # "How many port and customs staff": staff, both words qualifying it
    return ()


def _counts_of_the_verb_asked(pool: list[Candidate], focus: set[str]) -> None:
    """Asked "How many people were injured ...?": a count after another word than the question's is no answer
    where some sentence counts after one of its words (rag/answer/counted.py)."""
    texts = {id(c): prepare(c.text) for c in pool}
    other = of_the_verb_asked([(texts[id(c)], v) for c in pool for v in c.on_values if v.kind == "count"],
                              lambda w: _prefix_match(w, focus))
    for c in pool:
        kept = [v for v in c.on_values if (texts[id(c)], v) not in other]
        if len(kept) < len(c.on_values):
            c.on_values = kept
            c.on_scope = bool(kept)


def _places_of_the_relation_asked(pool: list[Candidate], question: str, focus: set[str]) -> None:
    """Asked where a line begins: a place after another relation's word ("offices in York") is no answer where
    some sentence places something after a word of the relation asked (rag/answer/placed.py)."""
    asked = relation_asked(question, focus)
    if asked is None:
        return
    texts = {id(c): prepare(c.text) for c in pool}
    other = of_another_relation([(texts[id(c)], v) for c in pool for v in c.on_values if v.kind in ("place", K.NAME)],
                                asked)
    for c in pool:
        kept = [v for v in c.on_values if (texts[id(c)], v) not in other]
        if len(kept) < len(c.on_values):
            c.on_values, c.on_scope = kept, bool(kept)
            c.answers = [v for v in c.answers if (texts[id(c)], v) not in other]  # nor a side of a disagreement


def _measured_as_asked(value: K.Value, unit: str, q_terms: set[str], question: str) -> bool:
    """A quantity in the unit a "How many kilograms of rare earths ...?" question names, of what it weighs: the
    question's own "X of Y" (its topic words too, which the focus leaves out). A question that names only the unit
    ("How many barrels a day were pouring out of the well?") takes a quantity in it of whatever the sentence
    measures (the unit is by the period asked: barrels a day are no barrels in all)."""
    if not unit or value.kind != "quantity" or value.unit != unit:
        return False
    if _OF_WHAT.search(question):
        return bool(value.scope) and any(_prefix_match(t, q_terms) for t in K.scope_terms(value.scope))
    return True


_MEASURED = re.compile(r"\b(?:(?:quantit(?:y|ies)|amounts?|volumes?) of (?:the )?|how much (?!(?:money|time|of|more|less|"
                       r"longer|does|did|do|is|was|were|are|has|have|had|will|would|can|could)\b))([a-z]{3,})\b", re.I)
# "how many barrels of oil": what a quantity asked by its unit measures
_OF_WHAT = re.compile(r"\bhow many\s+[\w-]+\s+of\b", re.I)


# what a bare count may count: people, whatever the sentence calls them ("there were 91.3 males" for men)
_ANYONE = frozenset(stem(w) for w in ("people", "persons", "person", "individuals", "men", "women", "males",
                                      "females", "adults", "children", "boys", "girls", "residents", "citizens"))


# nouns of people by what they do or are: "11 workers", "32 passengers", "67 victims", "a crew of 126"
_PERSON_NOUNS = frozenset(stem(w) for w in (
    "victims", "crew", "staff", "troops", "soldiers", "civilians", "personnel", "casualties", "fatalities", "deaths",
    "dead", "injured", "wounded", "survivors", "hostages", "pilgrims", "fans", "spectators", "tourists", "visitors",
    "patients", "refugees", "migrants", "immigrants", "students", "pupils", "teachers", "teenagers", "youths",
    "guests", "attendees", "participants", "delegates", "employees", "workers", "members", "inhabitants",
    "villagers", "residents", "passengers", "sailors", "crewmen", "fishermen", "miners", "farmers", "drivers",
    "officers", "police", "firefighters", "rescuers", "volunteers", "journalists", "reporters", "protesters",
    "demonstrators", "militants", "fighters", "rebels", "suspects", "prisoners", "inmates", "detainees", "voters",
    "lawmakers", "doctors", "nurses", "athletes", "players", "customers", "users", "subscribers", "scientists",
    "researchers", "engineers", "campers", "climbers"))


_PEOPLE = _ANYONE | _PERSON_NOUNS
# people by age or sex: asked how many children, a count of people or of victims counts them all, not the children
_AGE_SEX = frozenset(stem(w) for w in ("men", "women", "males", "females", "adults", "children", "boys", "girls"))


def _a_person_noun(unit: str) -> bool:
    return stem(unit.lower()) in _PEOPLE


def _counts_the_noun(value: K.Value, noun: str) -> bool:
    # asked how many people, a count of workers (passengers, soldiers, victims) counts people
    # (and a count's own words hold the word the question counts by: "14 criminal charges", asked how many criminal
    # counts)
    unit = stem(value.unit)
    return _prefix_match(unit, {noun}) or (noun in _ANYONE and _a_person_noun(value.unit) and (
        noun not in _AGE_SEX or unit in _AGE_SEX)) or _compound(unit, noun) \
        or (value.unit != "" and noun in set(content_terms(value.text))) \
        or any(unit in words and noun in words for words in _COUNTED_ALIKE) \
        or (_a_person_noun(value.unit) and bool(key := country_key(noun)) and key in countries_in(value.text)) \
        or (noun == "other" and bool(re.search(r"\b(?:other|more)\s", value.text, re.I)))
    # (asked how many Spaniards: "35 Spanish victims" counts them; asked how many others: "three other workers")


# nouns news uses for one another when it counts ("16 employees detained", asked how many staff were held;
# "Fifteen government leaders", asked how many heads of government; "140 donations a week", asked how many gifts)
_COUNTED_ALIKE = tuple(frozenset(map(stem, words.split())) for words in (
    "staff staffers employees workers personnel workforce", "heads leaders", "gifts donations contributions",
    "donors givers contributors", "homes houses dwellings residences", "troops soldiers", "lorries trucks",
    "flats apartments"))


# the heads of compound nouns: "tugboats" are counted as "tugs", "boats" as "lifeboats" or "warships" as "ships"
_COMPOUND_HEADS = frozenset(map(stem, "boat ship craft plane man men woman women worker car truck vessel".split()))


def _compound(unit: str, noun: str) -> bool:
    """One of the two is the other with a compound's head word ("tug" / "tugboat"), or its head ("lifeboat" / "boat")."""
    short, long = sorted((unit, noun), key=len)
    if len(short) < 3 or short == long:
        return False
    return (long.startswith(short) and long[len(short):] in _COMPOUND_HEADS) or (
        long.endswith(short) and short in _COMPOUND_HEADS and len(long) - len(short) >= 3)


def _owned_count(value: K.Value, sentence: str, noun: str) -> bool:
    """The count is of the noun written just before it with "of": "a crew of 25 Indian nationals" is 25 crew, asked
    how many crew members there were (the unit read is what the 25 are besides)."""
    owner = _COUNT_OWNER.search(sentence[:value.start]) if sentence and value.start <= len(sentence) else None
    return owner is not None and _prefix_match(stem(owner.group(1).lower()), {noun})


_COUNT_OWNER = re.compile(r"\b([A-Za-z][\w-]+)\s+of\s+(?:(?:some|about|around|nearly|almost|over|at\s+least)\s+)?$")


# a sum asked of each one of many ("How much did each victim's family receive?"; not a rate, "each day":
# ``rate``), and the words by which a sentence gives one ("$150,000 each", "per family", "an average of")
_EACH_ASKED = re.compile(r"\b(?:each|every)\s+(?!(?:day|week|month|year|hour|minute|second|night|morning|quarter|"
                         r"season|decade|time)s?\b)[a-z]", re.I)
_PER_ONE = re.compile(r"\b(?:each|every|per|apiece|average|individual|individually)\b", re.I)


# how many people a place has, and the words by which a sentence counts them ("a town of 27,000 people", "home to
# 5,000 people", "population of 26,000", "where 6,000 people live"; not "in the town of Rask")
_DWELLING_ASKED = re.compile(r"\bhow many (?:people|persons|residents|inhabitants|citizens|households|families)\s+"
                             r"(?:(?:still|now|currently|once|used to)\s+)?(?:live|lived|lives|living|reside|resided|"
                             r"dwell)\b|\bwhat (?:is|was) the population\b|\bhow (?:big|large) (?:is|was) the "
                             r"population\b", re.I)
_DWELLING_SAID = re.compile(r"\b(?:live|lives|lived|living|reside|resides|resided|residents?|inhabitants?|"
                            r"population|populated|home to|townspeople|(?:town|city|village|community|county|suburb)"
                            r"\s+of\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+)?\d)", re.I)


def counts_asked(value: K.Value, question: str) -> bool:
    """The value is no count of another noun than the one a how-many question counts ("12 boys", asked how many
    divers went in) or a how-much question measures ("One team", asked how much oil), nor a measure where it counts
    things ("about 4 km", asked how many of them there were)."""
    if value.kind == "quantity" and value.unit:
        return not counts_things(question)
    if value.kind == "count" and value.unit and _counts_another(value, _measured(question)):
        return False  # "how much oil": "One team" counts no oil
    counted = _HOW_MANY.search(question) if value.kind == "count" else None
    if counted is not None and not value.unit and value.scope:
        # a part of things of its scope counts those things: "some 40 of the tower's 90 flats", asked how many
        # people got out
        last = value.scope.split()[-1].lower()
        if _PLURAL.fullmatch(last) and last not in STOPWORDS:
            return _counts_the_noun(replace(value, unit=last), stem(counted_noun(counted.group(1).split())))
    return counted is None or not value.unit or _counts_the_noun(value, stem(counted_noun(counted.group(1).split())))


# "how many of them", "how many of the boys", "how many were there": things counted, where no noun follows "how many"
_COUNTED_BY_REFERENCE = re.compile(r"\bhow many\s+(?:of\s+(?:them|those|these|us|you|the\s+([a-z]+))\b|"
                                   r"(?:are|were)\s+there\b|there\s+(?:are|were)\b)", re.I)


def counts_things(question: str) -> bool:
    """A how-many question that counts things (people, ships, "them"), not a measure ("how many barrels")."""
    counted = _HOW_MANY.search(question)
    if counted is not None:
        words = counted.group(1).lower().split()
        return not any(w in QUANTITY_UNITS for w in words) and bool(counted_noun(words))
    by_reference = _COUNTED_BY_REFERENCE.search(question)
    return by_reference is not None and (by_reference.group(1) or "").lower() not in QUANTITY_UNITS


def _about(value: K.Value, q_terms: set[str], noun: str, roles: set[str], sentence: str = "",
           column: str = "", held: set[str] | None = None, asked_of: set[str] | None = None,
           nouns: tuple[str, ...] = (), named: frozenset[str] = frozenset()) -> bool:
    """The value is about what the question asks: a count of the noun asked about, a name in the role asked
    about, a figure whose scope ("70% of global output") or governing word ("refining over 85%") is among
    the question's focus terms (those not held by most of the passages' sentences: the topic). An amount of money of
    no scope is about the question where its sentence names every name the question gives ("Google purchases
    YouTube for $10.65 billion", asked how much Google acquired YouTube for: ``asked_of`` None), or else holds
    (itself or the prose it leans on, ``held``) some of what the question asks of its names (``asked_of``, topic
    words included: "this global resolution of civil claims is worth $20.8 billion" holds the civil settlement
    asked): "BP also will pay up to another $1 billion to resolve similar claims" says nothing of BP's TV
    advertising campaign." ``nouns``: the plural a lower-case word before it qualified ("survivor families"), a
    noun counted too. ``named``: the words of the names the question gives (lower case)."""
    if value.kind == "quantity" and " from " in f" {value.scope}":  # a distance between places ("Rask from Lunde"):
        # about a question that names one of them, or names no place to measure from ("How far off the coast ...?")
        return not named or any(n.startswith(t) or t.startswith(n) for t in K.scope_terms(value.scope) for n in named)
    if value.kind == "count" and noun and value.unit:
        return _counts_the_noun(value, noun) or _owned_count(value, sentence, noun) or any(
            _counts_the_noun(value, n) for n in nouns)
    if value.kind == "count" and noun and sentence and noun not in _ANYONE and _governing(sentence, value.start):
        # "killing 67", asked how many shots: a count a verb takes bare is of the noun only where the sentence
        # says it
        return _prefix_match(noun, set(content_terms(sentence)))
    if value.kind not in K.FIGURES and roles:
        return K.role_fits(value.scope, roles)
    if value.unit == "interval":  # "20 hours after it started": its scope is the event it counts from, which the
        return True  # question may word otherwise ("how long after it began"); it answers only how soon (answers_as)
    if (value.scope or column) and value.kind in K.FIGURES:
        terms = K.scope_terms(value.scope) | K.scope_terms(column)  # a table cell is also of its column's header
        return not terms or any(_prefix_match(t, q_terms) for t in terms) or any(
            t[:5] == q[:5] for t in _governing(sentence, value.start) for q in q_terms if min(len(t), len(q)) >= 5)
    if held is not None and asked_of is not None and value.kind in _SCOPED_KINDS:
        return any(_prefix_match(t, held) for t in asked_of)
    return True


_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
_WHAT_DATE = re.compile(r"\b(?:what|which)\s+(?:exact\s+)?date\b", re.I)


_FROM_PLACE = re.compile(r"\b(?:from|citizens?\s+of|natives?\s+of|born\s+in)\s+(?:the\s+)?$", re.I)


def _age_of(text: str, value: K.Value, words: Sequence[str]) -> bool:
    """The age is written onto one of the names asked: after it, between commas ("Lund, 61,"), or before it as
    "the 61-year-old ... Lund"."""
    names = "|".join(re.escape(w) for w in words if len(w) >= 2)
    if not names:
        return False
    return bool(re.search(rf"\b(?:{names}),\s*$", text[:value.start])) or bool(
        re.match(rf"[\s-]*years?[\s-]*old\s+(?:[\w.'\u2019-]+\s+){{0,4}}?(?:{names})\b", text[value.end:]))


def _weekdays(sentence: str) -> list[K.Value]:
    """The days of the week a sentence dates by ("on Friday"), as vague dates of unit "weekday"."""
    return [K.Value("date", m.group(1), WEEKDAYS.index(m.group(1)), WEEKDAYS.index(m.group(1)), "weekday",
                    start=m.start(1), end=m.end(1), vague=True) for m in _WEEKDAY.finditer(prepare(sentence))]


def _outside_names(c: Candidate, text: str, question: str) -> set[str]:
    """The sentence's terms but those only inside a name of several capitalized words the question does not give
    ("BP will pay a Clean Water Act civil penalty of $5.5 billion" says nothing of cleaning the water, asked what BP
    spent on it)."""
    asked = set(content_terms(question))

    def blank(m: re.Match[str]) -> str:  # (not the sentence's opening words, nor a name the question gives)
        return m.group(0) if m.start() == 0 or set(content_terms(m.group(0))) <= asked else " " * len(m.group(0))

    blanked = _CAPITALIZED_RUN.sub(blank, text)
    if blanked == text:
        return set(c.terms)
    return set(content_terms(blanked)) | (set(c.terms) - set(content_terms(text)))


# two or more capitalized words in a row ("Clean Water Act", "Consent Decree"), lower-case joiners between them
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:(?:of|and|for|the|on|de|du)\s+)?[A-Z][\w'\u2019.-]*)+")


_SCOPED_KINDS = frozenset({"money"})  # (a date or a count is of its event; a share or a length of time of a list item is
# of the line that introduces it: "One-year duration with potential for renewal" after "Core Agreement Structure:")
