"""What a length of time is the length of: the action a how-long question asks about, and the event a sentence times.

"Where did Musk meet Thailand's junta leader, and how long did they talk?" is not answered by "... 12 boys trapped
in a cave for nearly two weeks": that is how long they were trapped. A sentence's duration answers a question
asking how long an action lasted unless the sentence says it of another event: the verb it hangs from ("trapped
for nearly two weeks"), the subject of a verb of lasting ("their conversation lasted about 30 minutes"), or the
noun it qualifies ("the one-year suspension"). Where the sentence leaves that open ("One-year duration with
potential for renewal", "It took five to six hours for each leg"), the duration may be of anything and stays an
answer. The two are one event when they are one word in any form, two words of one event, or close in meaning
(MiniLM, the two words alone: "talk" / "conversation" 0.76, "talk" / "trapped" 0.27).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from rag.answer.events import same_event_word
from rag.caches import QUESTION, TEXT, lru
from rag.claims.extract import model
from rag.claims.kinds import Value
from rag.claims.parse import DURATION_UNITS, prepare

# Below this closeness in meaning the timed event is another one than the action asked: "get" / "trapped" 0.32,
# "talk" / "trapped" 0.27; "get" / "find" is 0.37 and divers getting to the boys may be their finding them, so the
# bar sits under it ("talk" / "conversation" 0.76).
UNRELATED = 0.35
# Verbs of lasting: what lasts is their subject ("the talk lasted 30 minutes"); verbs of taking: what is taken is
# the verb after them, else their subject ("It took divers five hours to reach the boys", "the rescue took 18 days").
_LASTING = r"last(?:s|ed|ing)?|r(?:an|uns?|unning)|continu(?:e|es|ed|ing)|remain(?:s|ed|ing)?|go(?:es)?\s+on|went\s+on"
_TAKING = r"t(?:ook|akes?|aking|aken)|sp(?:end|ends|ent|ending)|need(?:s|ed)?|requir(?:e|es|ed|ing)"
_FILLER = r"(?:(?:for|only|just|nearly|about|around|roughly|some|almost|over|under|barely|more\s+than|less\s+than|" \
          r"up\s+to|at\s+least|a\s+total\s+of|a\s+further|another|an?)\s+)*"
_VERB_BEFORE = re.compile(rf"\b({_LASTING}|{_TAKING})\s+(?:[a-z]+\s+){{0,3}}?{_FILLER}$", re.I)  # "took divers five hours"
_TAKES = re.compile(rf"^(?:{_TAKING})$", re.I)
_TO_DO = re.compile(r"^\s+(?:[a-z]+\s+){0,3}?to\s+([a-z]+)\b", re.I)  # "... five hours to reach the boys"
# the question: "How long did the meeting last?", "How long did it take divers to get there?"
_ASKED_LASTING = re.compile(rf"\bhow\s+(?:long|many\s+[a-z]+|much\s+time)\s+(?:do|does|did|will|would|is|was|are|"
                            rf"were|has|have|had|can|could|should|might)\s+(.+?)\s+({_LASTING}|{_TAKING})\b(.*)",
                            re.I)
_PREPOSED = re.compile(rf"\b(?:for|over|during|within|after|in|until|of)\s+{_FILLER}$", re.I)
# Nouns that are only a length of time: the event is what they are of or for ("resume shipments for a 90-day
# period"), and a duration naming one of them alone names no event ("One-year duration with potential for renewal").
_LENGTH_NOUNS = frozenset("period periods duration window term span timeframe time stretch spell stint total length timeline timelines "
                          "frame lifetime while interval".split())
_NOT_EVENTS = frozenset("it this that these those they them he she we you i which who what there one each all "
                        "the a an its their his her our".split())
# Verbs of how an action goes: the action is the verb they take ("keep pouring", "agreed to lift the restrictions").
_HOW = re.compile(r"(?:keep|agree|manage|try|tri|plan|decide|continue|start|begin|stop|cease|resume|promise|pledge|"
                  r"vow|intend|seek|want|hope)(?:s|es|ed|d|ing|ping|ned)?|kept|began|begun|sought", re.I)
_LIGHT = frozenset("be is was were are been being have has had do does did get got make made".split())
_UP = 4  # heads climbed from a duration to the verb it is said of, through prepositions


def asked_lasting(question: str) -> str:
    """The action whose length the question asks ("how long did they talk" -> "talk", "How long did it take divers
    to get there?" -> "get", "For how many days will Beijing resume shipments?" -> "resume"), or "" when it asks the
    length of a thing ("How long did that meeting last?", "How long does the deal last?": a thing may be made of
    events the sentences tell by other verbs, "resume shipments for a 90-day period", which closeness of the two
    words does not show: "deal" / "resume" 0.08, "deal" / "accord" 0.18), when it names none, or without the parser."""
    nlp = model()
    if nlp is None:
        return ""
    return _asked(nlp, question)


@lru("lasting_asked", QUESTION)
def _asked(nlp: Any, question: str) -> str:
    m = _ASKED_LASTING.search(question)
    if m is not None:  # what is taken ("take divers to get there"), else a thing that lasts
        done = _TO_DO.match(" " + m.group(3).strip()) if _TAKES.match(m.group(2)) else None
        return done.group(1).lower() if done is not None else ""
    doc = nlp(prepare(question))
    for token in doc:
        if token.lower_ == "how" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("long", "many", "much"):
            head = doc[token.i + 1]
            for _ in range(_UP):
                if head.pos_ in ("VERB", "AUX") or head.head is head:
                    break
                head = head.head
            if head.pos_ == "AUX" and head.dep_ in ("aux", "auxpass") and head.head.pos_ == "VERB":
                head = head.head  # "How long was the canal blocked?": of "blocked", "was" its auxiliary
            if head.pos_ == "VERB" and _HOW.fullmatch(head.lower_):  # "keep pouring", "agreed to lift": of what is done
                what = [c for c in head.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
                head = what[0] if what else head
            if head.pos_ != "VERB" or head.lower_ in _LIGHT or re.fullmatch(f"{_LASTING}|{_TAKING}", head.lower_):
                return ""
            return str(head.lower_)
    return ""


def _noun(word: str) -> str:
    return "" if word in _NOT_EVENTS or word in _LENGTH_NOUNS else word


def lasting_event(sentence: str, start: int, end: int) -> tuple[str, ...]:
    """The words of the event the span (a duration in the sentence) is the length of, or () when the sentence
    leaves it open or without the parser."""
    nlp = model()
    if nlp is None:
        return ()
    return _timed(nlp, prepare(sentence), start, end)


@lru("lasting_events", TEXT)
def _timed(nlp: Any, text: str, start: int, end: int) -> tuple[str, ...]:
    before, after = text[:start], text[end:]
    verb = _VERB_BEFORE.search(before)
    if verb is not None:  # "lasted about 30 minutes", "took divers five hours to reach the boys"
        if _TAKES.match(verb.group(1)):
            done = _TO_DO.match(after)
            if done is not None:
                return (done.group(1).lower(),)
        subject = re.search(r"([A-Za-z]+)\s+(?:[a-z]+ly\s+)?(?:has\s+|had\s+|have\s+|will\s+)?$", before[:verb.start()])
        word = _noun(subject.group(1).lower()) if subject else ""
        return (word,) if word and not word.endswith("ly") else ()
    doc = nlp(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ()
    inside = {t.i for t in span}
    token = span.root
    following = [t for t in doc[span.end:span.end + 3]]
    nouns = []
    for t in following:  # "the one-year suspension framework": of the suspension
        if t.pos_ not in ("NOUN", "PROPN") or t.is_punct:
            break
        nouns.append(t)
    if nouns and not re.search(r"s$", span.text.strip()):  # "90-day", "one-year": a length said of the noun after
        words = tuple(t.lower_ for t in nouns if t.lower_ not in _LENGTH_NOUNS)
        if words:
            return words
        token = nouns[-1]
        if not _PREPOSED.search(before):  # "One-year duration with potential for renewal": of nothing said
            return ()
    elif not _PREPOSED.search(before):
        return ()
    for _ in range(_UP):  # "trapped for nearly two weeks", "resume shipments for a 90-day period"
        head = token.head
        if head is token:
            return ()
        if head.i in inside:  # within the span ("about 30" of "about 30 minutes")
            token = head
            continue
        if head.pos_ in ("VERB", "AUX"):  # (a verb of lasting or taking beyond a noun: "took ..., a total of 12
            word = head.lower_  # hours": of what it says before, left open)
            return () if word in _LIGHT or re.fullmatch(f"{_LASTING}|{_TAKING}", word) else (str(word),)
        if token.dep_ not in ("pobj", "prep", "npadvmod", "nummod", "compound", "amod", "advmod", "quantmod"):
            return ()
        token = head
    return ()


def of_other_events(durations: Sequence[tuple[str, Value]], asked: str,
                    embed: Callable[[list[str]], np.ndarray]) -> list[int]:
    """Of ``durations`` (each a sentence and a duration in it), the ones given as the length of another event
    than the action ``asked``: only where some other is the length of that action (in one of its forms, or a word
    close in meaning: "conversation" for "talk"), so that an action told in other words than the question's ("lift
    the restrictions" / "resume shipments") still has its length when no sentence tells it in the question's."""
    if not asked or len(durations) < 2:
        return []
    timed = [lasting_event(sentence, v.start, v.end) for sentence, v in durations]
    words = sorted({w for ws in timed for w in ws if not same_event_word(w, asked)})
    vectors = embed([asked, *words]) if words else None
    close = {w: float(vectors[0] @ vectors[i]) for i, w in enumerate(words, start=1)} if vectors is not None else {}

    def of_the_action(word: str) -> bool:
        return same_event_word(word, asked) or close[word] >= UNRELATED

    if not any(of_the_action(w) for ws in timed for w in ws):
        return []
    return [i for i, ws in enumerate(timed) if ws and not any(of_the_action(w) for w in ws)]


# a length asked in its unit ("How many years had he been a miner?")
_SPAN_ASKED = re.compile(r"\bhow many (decade|year|month|week|day|hour|minute|second)s\b", re.I)
# how much of one unit a shorter duration may still be the answer ("11 months", asked how many years)
_MOST_OF = 0.9


def shorter_than_asked(question: str, value: Value) -> bool:
    """A duration shorter than one of the unit the question counts in: "entombed for 70 days" is no number of years
    ("How many years had he been a miner?" asks of a span of years), where a longer one may be counted in a smaller
    unit ("three years", asked how many days)."""
    asked = _SPAN_ASKED.search(question)
    return asked is not None and value.kind == "duration" and value.unit == "day" and \
        value.high < _MOST_OF * DURATION_UNITS[asked.group(1).lower()]


# A prison term: the sentence says the length is one ("sentenced to 12 years", "jailed (for) five years", "12 years in
# prison", "a 10-year prison term"); and a question that asks of one ("What sentence did he get?", "How long will he
# serve?", "... behind bars?")
_TERM_BEFORE = re.compile(r"\b(?:sentenc\w*|jail\w*|imprison\w*|gaol\w*|locked\s+up)\s+(?:(?:[\w-]+\s+){0,2}?"
                          r"(?:to|for)\s+)?(?:(?:up\s+to|at\s+least|another|a\s+further|more\s+than|nearly|almost|about|"
                          r"some|over)\s+)*$", re.I)
_TERM_AFTER = re.compile(r"^(?:\s+(?:in|of)\s+(?:prison|jail|custody|detention)|\s+behind\s+bars|[\s-]+(?:\w+\s+)?"
                         r"(?:prison|jail)\s+(?:term|sentence|stint))\b", re.I)
_TERM_ASKED = re.compile(r"\b(?:sentenc\w*|jail\w*|prison\w*|imprison\w*|gaol\w*|custody|detention|behind\s+bars|"
                         r"terms?|punish\w*|penalt\w*|serv(?:e|es|ed|ing)|verdict|convict\w*|locked\s+up)\b", re.I)


def term_unasked(question: str, sentence: str, value: Value) -> bool:
    """A prison term ("sentenced to 12 years", "12 years in prison"), asked no penalty ("How long had she run the
    depot?"): the length of a punishment, not of what the question asks (as a toll is no answer to a count of people
    asked no harm: rag/answer/counted.py)."""
    if value.kind != "duration" or _TERM_ASKED.search(question):
        return False
    text = prepare(sentence)
    return bool(_TERM_BEFORE.search(text[:value.start]) or _TERM_AFTER.match(text[value.end:]))
