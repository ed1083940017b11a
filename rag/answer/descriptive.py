"""Questions that ask for a description, judged and answered a passage at a time.

A question whose answer is a typed value (who, when, how many, which company...) is answered by the sentence
holding that value. Questions of another form have no such value: how to do something, why, yes or no,
"what is X", "what are the risks...", requests ("Tell me about...") and statements ("I heard X"). Their
answer is a few sentences of one passage, and the passage often answers with few of the question's words
("What risks would I be taking?" against "a co-signer is legally responsible for the debt"), so the best
single sentence scores low although the passage answers. For these, support is judged on the passage's best
sentences with their neighbours (the words of the question they hold together, and how close they are in
meaning), the answer quotes those contiguous sentences, and the names the question gives must be in the
passage, as must most of what a qualifier adds ("... without notifying the other person": rag/answer/qualifier.py).
When other documents' windows answer nearly as well, the best sentence of each (two at most) is quoted after
them (``seconded``).
Factoid forms ("What pathway plays a role in...?") keep the sentence-level bar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer import quotes
from rag.answer.comparison import compared, comparison
from rag.answer.compounds import joined
from rag.answer.evidence import NOT_THE_SPEAKER, Candidate, _prefix_match, _terms, anchors_of, headline, holds, retrieved
from rag.answer.guessed import typed_anchors
from rag.answer.premise import asked_part, premise_terms, restates
from rag.answer.qualifier import speaks_of, wanted
from rag.answer.support_checks import TOPIC_ARTICLES, holds_figures_given, is_country
from rag.claims.kinds import asked
from rag.settings import AnswerSettings
from rag.text import content_terms, without_hedges

# Forms with no typed answer that ask for a description. "how" is descriptive unless it asks for a measure.
# A clause opens the sentence or follows a comma ("Tax-wise, how does it work?"); "depending on how weak" is not one.
_LEAD = r"(?:^|[,;:]\s*)\s*(?:(?:so|and|but|then|also|ok|okay|now)\s+)?"
_HOW = re.compile(r"\bhow to\b|" + _LEAD + r"how\b(?!\s+(?:many|much|long|old|far|big|large|tall|often|soon|quickly|fast|wide|deep|high|"
                  r"populous|early|late|few)\b)", re.I)
_WHY = re.compile(_LEAD + r"why\b", re.I)
_YES_NO = re.compile(r"^\s*(?:is|are|was|were|am|do|does|did|can|could|should|would|will|shall|may|might|must|"
                     r"has|have|had|isn't|aren't|don't|doesn't|can't|won't)\b", re.I)
_REQUEST = re.compile(r"^\s*(?:please\s+)?(?:tell|explain|describe|give|show|list|help|provide|define|clarify|"
                      r"compare|walk|teach|recommend|suggest)\b", re.I)
# "what is X" for a short X, and the open kinds of "what": what to do, what it means, what happens.
_DEFINITION = re.compile(r"^\s*what(?:'s| is| are)\s+(?:an?\s+)?(?!the\b)[\w.\-\u00ae]+(?:\s+[\w.\-\u00ae]+){0,2}\s*\??\s*$",
                         re.I)
_OPEN_WHAT = re.compile(_LEAD + r"what\s+(?:(?:is|are)\s+(?:the\s+|some\s+)?(?:main\s+|common\s+|best\s+|other\s+)?)?"
                        r"(?:steps?|ways?|risks?|benefits?|advantages?|disadvantages?|differences?|reasons?|"
                        r"options?|requirements?|practices?|procedures?|grounds?|tips?|pros|cons)\b"
                        r"|" + _LEAD + r"what\s+(?:happens|happened\s+to|if|about)\b"
                        r"|" + _LEAD + r"what\s+(?:should|can|could|do|must)\s+(?:i|we|you)\b"
                        r"|" + _LEAD + r"what\s+does\s+.{1,40}\bmean\b", re.I)
_WH = re.compile(r"\b(?:who|whom|whose|what|which|when|where|how|why)\b", re.I)
Embed = Callable[[Sequence[str]], np.ndarray]
_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|our|us|you|your)\b", re.I)
_HOW_TO = re.compile(r"\bhow to\b", re.I)
RANK_WITHIN = 0.15  # windows this close to the best are told apart by the retriever's order
NEIGHBOURS = 1  # sentences either side of the best one that are judged (and quoted) with it
MAX_QUOTED = 3
# A yes/no question's bar when the best window is in the passage the retriever ranked first: two readings that
# agree (the retriever's over the whole passage, the window's over its best sentences) need less of each.
AGREED_BAR = 0.42
# A why-question asks for a cause: a window stating one ("as a result of depletion of the reservoir") has the
# answer's shape, as a sentence holding a value of the kind asked has for a typed question (which gains 0.08 for it);
# "since" a time is no cause
CAUSE = 0.05
_CAUSE = re.compile(r"\b(?:because|due\s+to|as\s+a\s+(?:result|consequence)\s+of|owing\s+to|caused\s+by|thanks\s+to|"
                    r"in\s+order\s+to|so\s+that|(?:result|stem)(?:s|ed|med|ming)?\s+from|driven\s+by|the\s+reasons?\b|"
                    r"(?:delayed|held\s+up|hampered|halted|prevented|blocked|stalled)\s+(?:by|because)|"
                    r"reasons?\s+(?:for|why)|since\s+(?![\d(]|january|february|march|april|may|june|july|august|september|"
                    r"october|november|december|then|last|early|late|the\s+(?:start|beginning|end)))", re.I)


def descriptive(question: str) -> bool:
    """Whether the question asks for a description rather than a typed value or a factoid phrase."""
    if asked(question):
        return False
    text = without_hedges(question.strip())  # "What is germanium mainly used for?" is "what is X used for"
    for sentence in re.split(r"(?<=[?.!])\s+", text):  # a turn of several sentences: any one of them
        if _HOW.search(sentence) or _WHY.search(sentence) or _YES_NO.match(sentence) or _REQUEST.match(sentence):
            return True
        if _DEFINITION.match(sentence) or _OPEN_WHAT.search(sentence):
            return True
    return not _WH.search(text)  # a statement or a bare topic ("Spousal support", "I heard X")


@dataclass
class Window:
    """The best sentence of a passage with its neighbours, judged together as evidence."""

    sentences: list[Candidate]
    best: Candidate
    coverage: float
    similarity: float
    score: float


def _weights(question: str, pool: Sequence[Candidate]) -> dict[str, float]:
    terms = list(dict.fromkeys(content_terms(question)))
    n = len(pool)
    return {t: float(np.log(1 + n / (1 + sum(1 for c in pool if _prefix_match(t, c.terms))))) for t in terms}


def windows(question: str, pool: Sequence[Candidate], embed_texts: Embed | None, query_vector: np.ndarray | None) -> list[Window]:
    """Each passage's best window (best sentence and its neighbours in the passage), best first."""
    whole = comparison(question)  # terms counted over the whole passage (rag/answer/comparison.py)
    counted = retrieved(pool)  # a paragraph read after a passage weighs no term (rag/retrieval/following.py)
    weights = compared(_weights(question, counted)) if whole else _weights(question, counted)
    total = sum(weights.values()) or 1.0
    order = list(dict.fromkeys(content_terms(question)))
    named = set(_terms(" ".join(anchors_of(question)[1])))
    # "How did Beijing describe the deal?": the sentence quoting Beijing rarely says "describe" (as in evidence)
    naming = quotes.naming_verbs(question)
    naming_total = sum(w for t, w in weights.items() if t in naming)
    by_passage: dict[str, list[Candidate]] = {}
    for c in pool:
        by_passage.setdefault(c.passage.chunk_id, []).append(c)
    found: list[Window] = []
    for members in by_passage.values():
        text = members[0].passage.text
        ordered = sorted(members, key=lambda c: (text.find(c.text), c.rank))
        best = max(ordered, key=lambda c: c.score)
        i = ordered.index(best)
        around = [c for c in ordered[max(0, i - NEIGHBOURS): i + NEIGHBOURS + 1] if c is best or not c.mismatch]
        # (a neighbour that only does not name the speaker asked about still says what is spoken of: "The deal
        # reportedly emerged ..." before "US officials have framed it as ..., while Beijing emphasized ...")
        context = ordered if whole else [c for c in ordered[max(0, i - NEIGHBOURS): i + NEIGHBOURS + 1]
                                         if c in around or c.mismatch == NOT_THE_SPEAKER]
        held = set().union(*(c.terms | c.context for c in context))
        # the title says what every sentence of the passage is about ("What options do I have to secure my
        # cluster?"); the names the question gives are checked apart (anchors), so a title naming one adds nothing
        held |= set(_terms(members[0].passage.title)) - named
        held |= joined(order, held)  # "book keeping" held by "bookkeeping" (rag/answer/compounds.py)
        coverage = sum(w for t, w in weights.items() if _prefix_match(t, held)) / total
        if naming and total > naming_total:  # the verb of naming, held, counts; missing, it is not asked
            coverage = max(coverage, sum(w for t, w in weights.items() if t not in naming and _prefix_match(t, held))
                           / (total - naming_total))
        found.append(Window(around, best, coverage, best.similarity, 0.0))
    if query_vector is not None and found and embed_texts is not None:
        vectors = embed_texts([" ".join(c.text for c in w.sentences) for w in found])
        for w, sim in zip(found, vectors @ query_vector):
            w.similarity = max(w.similarity, float(sim))
    why = _asks_why(question)
    for w in found:
        w.score = 0.5 * w.similarity + 0.5 * w.coverage if not w.best.mismatch else w.best.score
        if why and not w.best.mismatch and any(_CAUSE.search(c.text) for c in w.sentences):
            w.score += CAUSE
    found.sort(key=lambda w: -w.score)
    return found


def _asks_why(question: str) -> bool:
    """Some sentence of the question asks why ("Tax-wise, why ...?" too)."""
    return any(_WHY.search(s) for s in re.split(r"(?<=[?.!])\s+", question.strip()))


def bar(question: str, settings: AnswerSettings) -> float:
    """The score a passage window must reach. A question about the asker's own case, a request or a bare
    topic (an advice or help-desk question: "What risks would I be taking?", "How can I update my plan?",
    "Spousal support") is answered by passages that rarely repeat its words, so its bar is
    ``answer.descriptive_min_support``; a question about a third party ("How did the war start?") is answered
    by a passage that states it in the question's words, and keeps ``answer.min_support``."""
    if _PERSONAL.search(question) or _REQUEST.match(question) or _HOW_TO.search(question) or not (
            _WH.search(question) or _YES_NO.match(question)):
        return settings.descriptive_min_support
    return settings.min_support


def judge(question: str, pool: Sequence[Candidate], embed_texts: Embed | None, query_vector: np.ndarray | None,
          settings: AnswerSettings) -> tuple[Window | None, bool]:
    """The passage window that answers the question, and whether one does.

    Only windows whose passage holds the names and years the question gives count (those of a premise aside),
    that speak of its qualifier and do not merely say its premise again (``eligible``). Of those within
    ``RANK_WITHIN`` of the best window's score (and over the bar), the one from the passage the retriever
    ranked highest is taken: the retriever has read the whole passage, the window only its best sentences
    (MTRAG, cached pools: the best window alone cites an expected passage on 0.53 of descriptive questions,
    the retriever's order among the close ones 0.63)."""
    ranked = eligible(question, pool, embed_texts, query_vector)
    return chosen(ranked, agreed(question, ranked, bar(question, settings)))


def eligible(question: str, pool: Sequence[Candidate], embed_texts: Embed | None,
             query_vector: np.ndarray | None) -> list[Window]:
    """The windows that may answer the question, best first: their passage holds the names and years the
    question gives, speaks of its qualifier and does not merely say its premise again."""
    # what the asker states ("since X can not scan it") is not asked: its names need not be held, and a window
    # saying it again does not answer (rag/answer/premise.py); a yes/no question asks about its "because" clause
    yes_no = _YES_NO.match(question) is not None
    premise = set() if yes_no else premise_terms(question)
    years, names = anchors_of(question if yes_no else asked_part(question))
    anchors = (years, _not_the_topic(typed_anchors(names), retrieved(pool)))  # a name the rewrite guessed need not be held
    # (rag/answer/guessed.py)
    qualifier = wanted(question, _weights(question, retrieved(pool))) if pool else {}  # rag/answer/qualifier.py
    found = [w for w in (windows(question, pool, embed_texts, query_vector) if pool else [])
             if (not (anchors[0] or anchors[1]) or holds(w.best.passage.title + "\n" + w.best.passage.text, anchors))
             and speaks_of(qualifier, set(_terms(w.best.passage.title + "\n" + w.best.passage.text)))
             and not restates(question, premise, w.best.terms)]  # rag/answer/premise.py
    # a figure the question gives ("What did he say about the figure of 58?"): where some window's passage holds it,
    # the windows of passages that do not are about another figure
    found = [w for w in found if holds_figures_given(question, w.best.passage.text)] or found
    if quotes.speaker_asked(question):  # "How did Beijing describe the deal?": a sentence in which someone speaks
        found = [w for w in found if quotes.reports_speech(w.best.text)] or found
    return found


def _not_the_topic(names: list[str], pool: Sequence[Candidate]) -> list[str]:
    """The question's names but the countries every other retrieved article gives (``TOPIC_ARTICLES`` of them at
    least, as in rag/answer/support_checks.py): "to the U.S." over articles all about U.S.-China trade is the
    topic, and a one-sentence passage that does not repeat it (one saying how Beijing's commerce ministry will clear
    licences in batches, naming no other country) still answers."""
    if not names:
        return names
    texts: dict[str, str] = {}
    for c in pool:
        texts[c.passage.doc_id] = texts.get(c.passage.doc_id, c.passage.title) + "\n" + c.passage.text
    kept = []
    for name in names:
        missing = [doc for doc, text in texts.items() if not holds(text, ([], [name]))]
        if is_country(name) and len(missing) == 1 and len(texts) - 1 >= TOPIC_ARTICLES:
            continue  # held by every article but one: the topic, not what this question is about
        kept.append(name)
    return kept


def chosen(ranked: Sequence[Window], floor: float) -> tuple[Window | None, bool]:
    """Of ``ranked`` (best first), the window that answers, and whether it clears ``floor``: of the windows
    within ``RANK_WITHIN`` of the best, the one from the passage the retriever ranked highest."""
    if not ranked:
        return None, False
    if ranked[0].score < floor:
        return ranked[0], False
    close = [w for w in ranked if w.score >= max(floor, ranked[0].score - RANK_WITHIN)]
    return min(close, key=lambda w: w.best.rank), True


def agreed(question: str, ranked: Sequence[Window], floor: float) -> float:
    """The bar for the best of ``ranked``: for a yes/no question, ``AGREED_BAR`` at most when that window's
    passage is the retriever's first; the bar as given otherwise. A yes/no question is answered by a passage
    that states the proposition in its own words ("Does physical activity increase a child's attention span?":
    "children who get enough physical activity tend to have an easier time focusing"), so its window scores
    low on the question's terms even where the retriever, reading the whole passage, put it first.
    (MTRAG: 3 more answerable turns cite an expected passage, no unanswerable one is answered. The same for
    every descriptive form also answered "What are the grounds for lodging an appeal?" but let two SQuAD
    unanswerable questions through, "How did peace start?" among them.)"""
    yes_no = any(_YES_NO.match(s) for s in re.split(r"(?<=[?.!])\s+", question.strip()))
    return min(floor, AGREED_BAR) if yes_no and ranked and ranked[0].best.rank == 0 else floor


def describe(question: str, pool: Sequence[Candidate], embed_texts: Embed | None, query_vector: np.ndarray | None,
             settings: AnswerSettings) -> list[Candidate]:
    """The contiguous sentences of the passage that best answers the question, then the best sentence of each
    close other document, ``OTHER_DOCUMENTS`` at most (``seconded``); none when it is not supported."""
    ranked = eligible(question, pool, embed_texts, query_vector)
    floor = agreed(question, ranked, bar(question, settings))
    top, supported = chosen(ranked, floor)
    if top is None or not supported:
        return []
    return quoted(top, _asks_why(question)) + [w.best for w in seconded(top, ranked, floor, settings.keep_within)]


OTHER_DOCUMENTS = 2  # at most this many other documents' best sentences quoted after the answering window


def seconded(top: Window, ranked: Sequence[Window], floor: float, within: float) -> list[Window]:
    """The windows of other documents that answer the question nearly as well as ``top``: over ``floor`` and
    at least ``within`` (``answer.keep_within``, the share the typed answerer keeps other sentences by) of
    ``top``'s score, and each one's best sentence over ``floor`` too, as that sentence is quoted without its
    neighbours; one a document, in the order the retriever ranked their passages (as in ``chosen``),
    ``OTHER_DOCUMENTS`` at most. Their best sentences are quoted after ``top``'s, each cited: when documents
    answer about as well, the retriever's order decides which is first but the reader sees each. (MTRAG human
    tasks: an expected passage cited on 104 -> 111 of 150 answerable turns with one other document, 113 with
    two; README, rounds twelve and thirteen.)"""
    close = sorted((w for w in ranked if w.best.passage.doc_id != top.best.passage.doc_id
                    and w.score >= max(floor, within * top.score) and w.best.score >= floor),
                   key=lambda w: w.best.rank)
    picked: dict[str, Window] = {}
    for w in close:
        picked.setdefault(w.best.passage.doc_id, w)
    return list(picked.values())[:OTHER_DOCUMENTS]


def quoted(window: Window, why: bool = False) -> list[Candidate]:
    """The best sentence first (it carries the citation the answer is judged by), then its neighbours that
    share the question's ground, in passage order. Asked why, a neighbour stating the cause the best sentence
    does not state comes first: it is the answer, the best sentence its setting."""
    # (a heading beside the answer names a section, it says nothing; a line introducing a list that ends the
    # quotation introduces nothing quoted: "... collects the following information:")
    rest = [c for c in window.sentences if c is not window.best and not c.mismatch and not headline(c)]
    first = [window.best] + rest[: MAX_QUOTED - 1]
    while len(first) > 1 and first[-1].text.rstrip().endswith(":"):
        first.pop()
    cause = next((c for c in first if _CAUSE.search(c.text)), None) if why else None
    if cause is None or _CAUSE.search(window.best.text):
        return first
    return [cause] + [c for c in first if c is not cause]
