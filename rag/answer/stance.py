"""Whether a thing was ended, or still stands: the two sides of a yes/no question about a change.

"Has the council lifted its parking ban?" is answered by sentences of two kinds: those stating the change ("the
council suspended the parking ban", "the removal of the ban") and those stating that the thing persists ("the
parking ban remains in force", "no sign of a full rollback of the ban"). When the articles read hold both, about
the thing asked, they disagree: the answer quotes a sentence of each side and says so (a ``Conflict`` of kind
``disagreement``, or ``update`` when the two articles were published on different dates), instead of answering
with whichever side ranked first.

The question must ask whether something was ended, suspended, lifted, scrapped... (``asked_change``); a
sentence takes a side only when it names the thing asked (two of its words, or its one word, one of them beyond
the words every passage read shares: the collection's topic) and states the change or its absence in so many
words (``stance``). A change a sentence only supposes ("could be lifted", "if ... were lifted") takes no side,
nor a sentence that says both ("suspended ..., but the night-time ban remains in place"). Measured in the README,
"Round forty-seven".
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Literal

from rag.answer.evidence import Candidate, headline, title_cased
from rag.text import content_terms
from rag.types import Claim, Conflict

CHANGED, PERSISTS = "changed", "persists"

# the verbs (and nouns) of ending, suspending or easing a rule, a ban, a regime, a deal
_CHANGE = (r"lift(?:s|ed|ing)?|suspen(?:d|ds|ded|ding|sion)|scrap(?:s|ped|ping)?|remov(?:e|es|ed|ing|al)"
           r"|abolish(?:es|ed|ing)?|abolition|repeal(?:s|ed|ing)?|revok(?:e|es|ed|ing)|revocation"
           r"|rescind(?:s|ed|ing)?|cancel(?:s|led|ed|ling|ing|lation)?|halt(?:s|ed|ing)?|withdr(?:aw|aws|awn|ew|awal)"
           r"|waiv(?:e|es|ed|er)|eas(?:e|es|ed|ing)|relax(?:es|ed|ing|ation)?|loosen(?:s|ed|ing)?"
           r"|dismantl(?:e|es|ed|ing)|terminat(?:e|es|ed|ing|ion)|revers(?:e|es|ed|al)|abandon(?:s|ed|ing)?"
           r"|roll(?:s|ed|ing)?\s+back|rollbacks?|roll-backs?|set(?:s|ting)?\s+aside|phas(?:e|es|ed|ing)\s+out"
           r"|call(?:s|ed|ing)?\s+off|ended")
_CHANGE_WORD = re.compile(rf"\b(?:{_CHANGE})\b", re.I)
_CHANGE_ASKED = re.compile(rf"\b(?:{_CHANGE}|end)\b", re.I)  # "Did the union end the strike?" (a sentence's "end" is a noun)
_NEGATED = re.compile(r"(?:\b(?:no|not|never|without|nor|neither)\b|n't)(?:\W+\w+){0,4}\W*$", re.I)
_SUPPOSED = re.compile(r"\b(?:could|might|may|would|should|if|whether|unless|plans? to|threat(?:en)?s? to)\b"
                       r"(?:\W+\w+){0,4}\W*$", re.I)
_PERSIST = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?)\s+(?:\w+ly\s+)?(?:in\s+place|intact|in\s+force|in\s+effect|unchanged|"
    r"untouched|active|selective|operational|on\s+the\s+books)\b"
    r"|\bcontinu(?:e|es|ed|ing)\s+to\s+(?:apply|operate|function|define|shape|govern|stand|exist|restrict)\b"
    r"|\bstill\s+(?:in\s+place|in\s+force|in\s+effect|operating|applies|stands|exists)\b"
    r"|\bkeep(?:s|ing)?\s+(?:a\s+)?(?:\w+\s+)?(?:grip|hold)\b"
    r"|\b(?:no|not|without)\s+(?:any\s+)?(?:signs?\s+of\s+)?(?:a\s+|any\s+)?(?:full\s+|formal\s+|complete\s+)?"
    rf"(?:{_CHANGE})\b"
    r"|(?:\bnot|\bnever|n't)\s+(?:been\s+|be\s+|yet\s+)?(?:lifted|removed|scrapped|repealed|rolled\s+back|suspended|ended|"
    r"abolished|withdrawn|dropped|eased|revoked|dismantled)\b", re.I)
_YES_NO = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)\b",
                     re.I)
# where the thing asked about ends in the question: "lifted its parking ban | as part of the budget"
_OBJECT_END = re.compile(r"[,?;.!]|\b(?:under|as|in|for|or|after|to|by|from|with|since|because|on|at|during|"
                         r"following|amid|and)\b", re.I)
_DETERMINERS = re.compile(r"^(?:(?:its|their|his|her|the|a|an|this|that|these|those|any|all)\s+)+", re.I)
_PERSIST_WORDS = re.compile(r"\b(?:is|are|was|were|does|do|did|has|have|still|operating|operate|in place|in force|"
                            r"in effect|remains?|intact|active|standing|stand|there|it|they)\b", re.I)
_STANDS_ASKED = re.compile(r"\s(?:still\s+)?(?:remains?|stays?|still|continues?)\s+(?:\w+ly\s+)?(?:in\s+place|in\s+force|"
                           r"in\s+effect|intact|operating|active|valid|(?:to\s+)?apply|applies|(?:to\s+)?operate|operates|stands?|exists?)\b",
                           re.I)
TOPIC_SHARE = 0.6  # a word in more than this share of the passages read is the collection's topic, not the thing


@dataclass(frozen=True)
class Change:
    thing: str  # the thing asked about, as the question words it ("parking ban")
    terms: tuple[str, ...]  # its content terms


def asked_change(question: str) -> Change | None:
    """The thing a yes/no question asks whether it was ended, suspended, lifted... ("Has the council lifted its
    parking ban?": "parking ban"), or None."""
    first, *rest = re.split(r"(?<=[?.!])\s+|,?\s+or\s+(?=(?:is|are|was|were|does|do|did|has|have)\b)", question.strip())
    if not _YES_NO.match(first):
        return None
    verb = _CHANGE_ASKED.search(first)
    if verb is None:  # "Is the parking ban still in force?": whether it stands asks the same
        stands = _STANDS_ASKED.search(first)
        thing = _DETERMINERS.sub("", _YES_NO.sub("", first[:stands.start()]).strip()).strip() if stands else ""
        terms = content_terms(thing)
        return Change(re.sub(r"\s+", " ", thing), tuple(terms)) if terms else None
    if _NEGATED.search(first[:verb.start()]):
        return None
    after = first[verb.end():]
    cut = _OBJECT_END.search(after)
    thing = _DETERMINERS.sub("", (after[:cut.start()] if cut else after).strip()).strip()
    if not content_terms(thing):  # passive: "Has the ban been lifted?": the thing is the subject
        before = re.sub(r"\b(?:been|be|being|fully|formally|already|now|yet)\b", " ", first[:verb.start()])
        thing = _DETERMINERS.sub("", _YES_NO.sub("", before).strip()).strip()
    terms = content_terms(thing)
    if rest:  # "..., or is its curfew system still operating?": the thing as the other reading names it
        terms += [t for t in content_terms(_PERSIST_WORDS.sub(" ", rest[0])) if t not in terms]
    return Change(re.sub(r"\s+", " ", thing), tuple(terms)) if terms else None


def topic_terms(texts: Sequence[str]) -> set[str]:
    """The content terms in more than ``TOPIC_SHARE`` of the texts (the passages read)."""
    if len(texts) < 3:
        return set()
    counts: dict[str, int] = {}
    for text in texts:
        for term in set(content_terms(text)):
            counts[term] = counts.get(term, 0) + 1
    return {t for t, n in counts.items() if n > TOPIC_SHARE * len(texts)}


def names_thing(sentence: str, terms: Sequence[str], topic: Set[str] = frozenset()) -> bool:
    """Whether the sentence names the thing: two of its terms (its one term), one of them beyond ``topic``."""
    held = set(content_terms(sentence))
    found = [t for t in terms if t in held or any(len(t) >= 5 and h[:5] == t[:5] for h in held)]
    return len(found) >= min(2, len(terms)) and (not topic or any(t not in topic for t in found))


def stance(sentence: str, change: Change, topic: Set[str] = frozenset()) -> tuple[str, str] | None:
    """(CHANGED or PERSISTS, the words that say so) when the sentence names the thing asked about and states
    its change or its persistence; None when it states neither, both, or only supposes a change. ``topic``: the
    words every passage read shares, which alone do not name the thing."""
    if not names_thing(sentence, change.terms, topic):
        return None
    terms = change.terms
    persists = _PERSIST.search(sentence)
    changes = [m for m in _CHANGE_WORD.finditer(sentence)
               if not _NEGATED.search(sentence[:m.start()]) and not _SUPPOSED.search(sentence[:m.start()])
               and not (persists and persists.start() <= m.start() < persists.end())]
    if persists and changes:
        return None
    if persists:
        return PERSISTS, persists.group(0)
    if changes:
        m = changes[0]
        tail = re.match(r"(?:\s+[\w-]+){0,4}", sentence[m.end():])
        words = (m.group(0) + (tail.group(0) if tail else "")).split()
        held = set(terms)
        last = max((i for i, w in enumerate(words) if set(content_terms(w)) & held), default=0)
        return CHANGED, " ".join(words[:last + 1])
    return None


def other_side(question: str, chosen: Sequence[Candidate], pool: Sequence[Candidate], limit: int) -> list[Candidate]:
    """For a question asking whether something was ended, the sentences of the side ``chosen`` does not quote:
    the best one (by the answerer's score) of each side missing, from an article the quoted side does not
    come from, not a heading; none when the question asks no change or ``chosen`` quotes no side and the pool
    holds only one."""
    change = asked_change(question)
    if change is None or not chosen or limit <= 0:
        return []
    topic = topic_terms(list({c.passage.chunk_id: c.passage.text for c in pool}.values()))
    said = {c.text for c in chosen}
    held: dict[str, set[str]] = {}  # side -> the articles quoted saying it
    for c in chosen:  # (a heading states no side: "City Keeps Its Grip on Parking" heads the article's own)
        found = None if headline(c) else stance(c.text, change, topic)
        if found is not None:
            held.setdefault(found[0], set()).add(c.passage.doc_id)
    best: dict[str, Candidate] = {}
    for c in sorted(pool, key=lambda c: -c.score):
        found = None if c.text in said or c.mismatch or headline(c) else stance(c.text, change, topic)
        if found is None or found[0] in held or found[0] in best:
            continue
        if any(c.passage.doc_id in docs for docs in held.values()):
            continue
        best[found[0]] = c
    if not held and len({c.passage.doc_id for c in best.values()}) < 2:
        return []  # the quoted sentences take no side, and the articles read hold one side at most
    return list(best.values())[:limit]


def disagreement(question: str, sentences: Sequence[tuple[str, int, str, str | None]]) -> Conflict | None:
    """The two sides among the quoted sentences (text, citation, doc_id, published_at) of a question asking
    whether something was ended: a ``disagreement``, or an ``update`` when the articles' dates differ; None
    when the quoted sentences of different articles do not take both sides."""
    change = asked_change(question)
    if change is None:
        return None
    sides: dict[str, tuple[str, int, str, str | None]] = {}
    # a sentence before a heading ("City Keeps Its Grip on Parking."; the answer ends each quoted line with a stop):
    # the side in the article's own words
    for text, citation, doc_id, published in sorted(sentences, key=lambda s: title_cased(s[0])):
        found = stance(text, change)
        if found is not None and found[0] not in sides:
            sides[found[0]] = (found[1], citation, doc_id, published)
    if len(sides) < 2 or sides[CHANGED][2] == sides[PERSISTS][2]:
        return None
    dates = {s[3][:10] for s in sides.values() if s[3]}
    kind: Literal["update", "disagreement"] = "update" if len(dates) == 2 else "disagreement"
    claims = [Claim(value=value, citation=citation, doc_id=doc_id, published_at=published)
              for value, citation, doc_id, published in (sides[CHANGED], sides[PERSISTS])]
    return Conflict(about=f"whether it ended: {change.thing}", kind=kind, claims=claims)

