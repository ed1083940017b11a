"""Whose date a date is: the event a question asks the date of, and the one a sentence dates.

"When did MP Materials buy the Mountain Pass facility?" is not answered by "... forced its closure in 2015":
that is the date of a closure. A sentence's date answers a when-question only if the sentence says the asked
event happened (its verb, in any form), or dates an event close to it in meaning ("acquired" for "buy"), or
leaves open what it dates ("In 2015, ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from rag.caches import QUESTION, TEXT, lru
from rag.claims.extract import model
from rag.claims.kinds import Value
from rag.claims.parse import AGE, prepare
from rag.text import stem

# Verbs that say nothing of which event it was ("When was the deadline?", "When did it happen?").
_LIGHT = frozenset("be is was were are been do did does have has had happen happened occur occurred take took taken "
                   "make made get got go went come came become became".split())
# Irregular forms that share no prefix with their verb.
_IRREGULAR = {"bought": "buy", "sold": "sell", "won": "win", "began": "begin", "begun": "begin", "born": "birth",
              "died": "death", "dead": "death", "die": "death", "wrote": "write", "written": "write", "built": "build",
              "led": "lead", "held": "hold", "took": "take", "made": "make", "left": "leave", "fell": "fall",
              "sank": "sink", "sunk": "sink", "rose": "rise", "risen": "rise", "flew": "fly", "flown": "fly",
              "drove": "drive", "driven": "drive", "spoke": "speak", "spoken": "speak", "broke": "break",
              "broken": "break", "chose": "choose", "chosen": "choose", "gave": "give", "given": "give", "ran": "run",
              "met": "meet", "paid": "pay", "sent": "send", "spent": "spend", "lost": "lose", "kept": "keep",
              "told": "tell", "brought": "bring", "struck": "strike", "shot": "shoot", "knew": "know", "known": "know",
              "threw": "throw", "thrown": "throw", "fled": "flee", "stood": "stand", "sang": "sing", "sung": "sing",
              "grew": "grow", "grown": "grow", "fought": "fight", "caught": "catch", "taught": "teach",
              "sought": "seek", "drew": "draw", "drawn": "draw", "withdrew": "withdraw", "withdrawn": "withdraw",
              "became": "become", "came": "come", "beaten": "beat", "hid": "hide", "hidden": "hide", "rode": "ride"}
# The word just before a date, past its prepositions: "its closure in 2015" -> "closure".
_BEFORE_DATE = re.compile(r"([A-Za-z]+)\s+(?:(?:in|on|at|by|during|since|until|from|of|around|circa|early|late|mid|"
                          r"the|year|month)\s+)+$")
# What a word that dates an event looks like: a past participle or an event noun ("founded", "closure", "death"),
# or one of the verbs news writes in the present for what is scheduled ("the season ends on August 21").
_EVENT_WORD = re.compile(r"(?:ed|ion|ions|ure|ment|ing)$|^(?:death|birth|born|won|bought|sold|began|built|held)$"
                         r"|^(?:begin|start|end|open|close|expire|launch|release|premiere|debut|air|return|finish)(?:s|es)$")
_NOT_EVENTS = frozenset("union region nation million billion religion opinion population culture nature structure "
                        "future picture literature parliament government department moment environment".split())
# A noun a light verb carries is the event by its own word: "ruling" / "halted" 0.32, "appeal" / "decided" 0.27 are
# other events, where "ruling" / "ruled" 0.79, "decision" / "ruled" 0.42 are the same.
CARRIED_UNRELATED = 0.4
# Below this closeness in meaning (MiniLM, the two words alone) the dated event is another one: "buy" / "closure"
# 0.18, "buy" / "operated" 0.27; "founded" / "opened" is 0.26 and a school's opening may be its founding, so the
# bar sits under it ("founded" / "established" 0.77, "buy" / "acquired" 0.57).
UNRELATED = 0.25


def asked_event(question: str) -> str:
    """The question's own verb, what it asks happened ("When did X buy Y?" -> "buy", "Who declared ..." ->
    "declared"), or "" for a verb that names no event ("When was the deadline?") or without the parser."""
    nlp = model()
    if nlp is None:
        return ""
    return _root(nlp, question)[0]


def carried_event(question: str) -> bool:
    """Whether ``asked_event`` is the noun a light verb carries ("When did the WTO issue its ruling?" -> "ruling"):
    a sentence dates that event only by the noun or a word close to it in meaning (``CARRIED_UNRELATED``)."""
    nlp = model()
    return nlp is not None and _root(nlp, question)[2]


def asked_phase(question: str) -> str:
    """The phase verb of the question's event, when it has one ("When did China stop sending ...?" -> "stop"):
    a sentence may date the stopping in its own words ("Beijing halted all shipments")."""
    nlp = model()
    if nlp is None:
        return ""
    return _root(nlp, question)[1]


@lru("question_roots", QUESTION)
def _root(nlp: object, question: str) -> tuple[str, str, bool]:
    doc = nlp(question)  # type: ignore[operator]
    for token in doc:
        if token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX"):
            word = token.text.lower()
            if word in _PHASE:  # "When did China start formal export licensing?": the event started is licensing
                thing = [c for c in token.children if c.dep_ in ("dobj", "xcomp") and c.pos_ in ("NOUN", "VERB")]
                if thing:
                    return str(thing[0].text.lower()), word, False
            if word in _HAPPENING_VERBS or (word in _TAKE and any(
                    c.dep_ == "dobj" and c.text.lower() == "place" for c in token.children)):
                # "When did the twin attacks take place?": the event is what took place
                thing = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
                if thing:
                    return str(thing[0].text.lower()), "", True
            if word in _SUPPORT:  # "When did the WTO issue its ruling?", "When was the appeal filed?": the event is
                # the noun (the subject of a passive, which the small model may label a plain subject)
                passive = any(c.dep_ == "auxpass" for c in token.children)
                thing = [c for c in token.children if c.pos_ == "NOUN" and (
                    c.dep_ in ("dobj", "nsubjpass") or (passive and c.dep_ == "nsubj"))]
                if thing:
                    return str(thing[0].text.lower()), "", True
            if word in _CONTROL:  # "When did engineers manage to cap the well?": the event is capping it
                done = [c for c in token.children if c.dep_ in ("xcomp", "oprd", "ccomp") and c.pos_ in ("VERB", "ADJ")
                        and c.text.lower().endswith(("ed", "en"))] or \
                       [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
                if done:
                    return str(done[0].text.lower()), "", False
            if word in _LIGHT:  # "On what date were the remains blown up?": the small model may hang the passive's
                # participle from "were" as a clause of its subject; the participle is the event
                done = [t for t in token.subtree if t.tag_ == "VBN" and t.dep_ in ("acl", "xcomp", "ccomp", "conj")
                        and t.i > token.i] if token.lemma_ == "be" else []
                return (str(done[-1].text.lower()) if done else ""), "", False
            return word, "", False
    return "", "", False


# Verbs that say how an event came about, not which: the event is the verb they take ("manage to cap").
_CONTROL = frozenset("manage manages managed try tries tried attempt attempts attempted succeed succeeds succeeded "
                     "decide decides decided agree agrees agreed plan plans planned seek sought choose chose "
                     "vote votes voted move moves moved rush rushed scramble scrambled declare declared "
                     "pronounce pronounced".split())
# Verbs that carry an event named by their object: "issue a ruling", "file an appeal", "hold talks", "give a speech",
# "make a decision". The noun is the event asked about; the verb says only that it came about (a sentence dating it
# says "ruled", "appealed", "talks were held", "the decision").
_SUPPORT = frozenset("issue issues issued file files filed lodge lodges lodged hold holds held give gives gave given "
                     "make makes made deliver delivers delivered conduct conducts conducted stage stages staged "
                     "submit submits submitted".split())
# Verbs of an event's phase: what started (stopped, resumed) is their object, the event asked about.
_PHASE = frozenset("start starts started begin begins began begun stop stops stopped end ends ended finish finished "
                   "cease ceased resume resumed continue continued".split())
# The words of one phase: a sentence dating "Beijing halted all shipments" dates China stopping sending them.
# (Listed: by closeness in meaning "start" and "halted" are as near as "stop" and "halted".)
_PHASE_WORDS = (("start", "begin", "launch", "introduce", "initiate", "commence"),
                ("stop", "halt", "cease", "suspend", "end", "finish", "cut", "ban", "terminate"),
                ("resume", "restart", "continue", "restore", "reopen"))


# Words that say only that something happened: "When did the talks take place?" asks the date of the talks, and a
# sentence giving it rarely says "take place" ("talks conducted in Malaysia during October 2025").
_HAPPENING = re.compile(r"\b(?:(?:take|takes|took|taken|taking)\s+place|happen(?:s|ed|ing)?|occur(?:s|red|ring)?)\b",
                        re.I)


_WHAT_HAPPENED = re.compile(r"^\W*what\s+(?:(?:has|had|will|would|could|might)\s+)?(?:happen|occur)", re.I)


def happening_terms(question: str, kinds: Sequence[str]) -> frozenset[str]:
    """The question's terms that say only that something happened, for a question asking when or where it did
    ("take", "place" of "take place"); none for other questions, where they may be what is asked about."""
    if not {"date", "place"} & set(kinds) and not _WHAT_HAPPENED.match(question):
        return frozenset()  # "What happened on April 4?" asks for the event: its verb says only that there was one
    return frozenset(stem(w) for m in _HAPPENING.finditer(question) for w in re.findall(r"[a-z]+", m.group(0).lower()))


# Verbs that name one event in other words. A when-question asks the date of its verb's event, and the sentence
# that dates it may say it with another of these ("When was Diablo 3 released?": "The game was launched on May 15,
# 2012"); closeness in meaning of the two words alone does not tell them apart ("released" / "launched" 0.46,
# "released" / "closed" 0.42 by MiniLM), so they are listed. Each a verb and its noun where it has its own stem.
_SAME_EVENT = (
    ("release", "launch", "debut", "premiere"),
    ("found", "establish", "incorporate"),
    ("buy", "acquire", "acquisition", "purchase"),
    ("open", "inaugurate", "inauguration"),
    ("build", "construct", "construction", "erect"),
    ("marry", "wed", "wedding", "marriage"),
)


def same_event_terms(question: str, kinds: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """For a question asking when, each of its terms (stemmed as ``content_terms`` stems) that names an event
    of ``_SAME_EVENT``, with the keys (``_key``) of the other words for that event: a sentence holding one of them
    holds the term ("launched" holds "released"). Empty for other questions and other verbs."""
    if "date" not in kinds:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for word in re.findall(r"[A-Za-z]+", question):
        key = _key(word)
        for group in _SAME_EVENT:
            keys = tuple(_key(w) for w in group)
            if any(_same_key(key, k) for k in keys):
                out[stem(word.lower())] = tuple(k for k in keys if not _same_key(key, k))
    return out


def holds_event(keys: Sequence[str], terms: Iterable[str]) -> bool:
    """Some term (stemmed) is one of the event words ``keys`` (``same_event_terms``), in any form."""
    return any(_same_key(_key(t), k) for t in terms for k in keys)


def _same_key(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and a[:5] == b[:5])


def _key(word: str) -> str:
    word = word.lower()
    key = stem(_IRREGULAR.get(word, word))
    # "stopped" and "banned" stem to "stopp" and "bann": one letter of a doubled last consonant, on both sides
    return key[:-1] if len(key) >= 3 and key[-1] == key[-2] and key[-1] not in "aeiou" else key


def same_event_word(a: str, b: str) -> bool:
    """Two words of one event: one word in any form ("resume" / "resumption") or two words of one event or phase."""
    key_a, key_b = _key(a), _key(b)
    return _same_key(key_a, key_b) or any(
        any(_same_key(key_a, _key(w)) for w in group) and any(_same_key(key_b, _key(w)) for w in group)
        for group in (*_SAME_EVENT, *_PHASE_WORDS))


def says(sentence: str, verb: str) -> bool:
    """The sentence holds the verb in some form ("bought" for "buy", "acquisition" for "acquire")."""
    key = _key(verb)
    for word in re.findall(r"[A-Za-z]+", sentence):
        other = _key(word)
        if other == key or (min(len(other), len(key)) >= 5 and other[:5] == key[:5]):
            return True
    return False


def says_event(sentence: str, word: str) -> bool:
    """The sentence says the event of ``word`` in its words or in another word for it ("launches" for "release")."""
    key = _key(word)
    group = next((g for g in _SAME_EVENT if any(_same_key(key, _key(w)) for w in g)), (word,))
    return any(says(sentence, w) for w in group)


def dated_event(value: Value, sentence: str) -> str:
    """The event word a date is attached to ("its closure in 2015" -> "closure"), or "" when it is not said."""
    took = _TOOK_PLACE.search(sentence[:value.start])
    if took is not None:  # "The trial of Breivik, the perpetrator of the attacks, took place between 16 April and ...":
        happened = _what_took_place(sentence, took.start())  # the event is what took place
        if happened:
            return happened
    m = _BEFORE_DATE.search(sentence[:value.start])
    label = _LABEL.search(sentence[:value.start]) if m is None else None
    if label is not None:  # a record's field: "Date Decided: 2012-08-24", "Date of birth: 1979"
        word = next((w for w in reversed(label.group(1).split()) if w.lower() not in _DATE_WORDS), "")
        return word.lower() if _EVENT_WORD.search(word.lower()) and word.lower() not in _NOT_EVENTS else ""
    if m is None and _FRONTED.match(sentence[:value.start]):  # "In 2010, amid a standoff, Beijing halted ...": the
        verb = _MAIN_VERB.search(sentence, value.end)  # date is of the clause's verb
        return verb.group(1).lower() if verb is not None else ""
    if m is None or not _EVENT_WORD.search(m.group(1).lower()) or m.group(1).lower() in _NOT_EVENTS:
        return ""
    return m.group(1).lower()


# a verb saying only that something took place, just before the date it gives
_TAKES_PLACE = re.compile(r"\b(?:took\s+place|takes\s+place|happened|occurred|(?:was|were)\s+held)\b", re.I)
_TOOK_PLACE = re.compile(_TAKES_PLACE.pattern + r"[^.;:]{0,40}$", re.I)
_HAPPENING_VERBS = frozenset("happen happens happened occur occurs occurred".split())
_TAKE = frozenset("take takes took taken taking".split())


@lru("took_place", TEXT)
def _what_took_place(sentence: str, at: int) -> str:
    """The noun a verb of taking place at ``at`` says took place (its subject), or "" (or without the parser)."""
    nlp = model()
    if nlp is None:
        return ""
    for token in nlp(sentence):  # type: ignore[operator]
        if token.idx == at:
            verb = token if token.dep_ != "auxpass" and token.text.lower() not in ("was", "were") else token.head
            subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
            word = subject[0].text.lower() if subject else ""
            return word if word not in _NOT_EVENTS else ""
    return ""


# a field's label just before its date, after the record's previous field: "; Date Decided: "
_LABEL = re.compile(r"(?:^|[;|\n]\s*)((?:[A-Za-z]+\s+){0,3}[A-Za-z]+)\s*:\s*$")
_DATE_WORDS = frozenset("date dates day year month time when of the".split())
# a date opening the sentence, and the past-tense verb of the clause it dates
_FRONTED = re.compile(r"^\W*(?:in|on|by|during|since)\s+(?:(?:early|late|mid|the)\s+)?$", re.I)
_MAIN_VERB = re.compile(r",[^.;]*?\b(?:[A-Z][\w'’.-]*|it|they|he|she|we)\s+(?:had\s+|has\s+)?([a-z]+ed)\b")


def of_another_event(dates: Sequence[Value], sentence: str, verb: str,
                     embed: Callable[[list[str]], np.ndarray], phase: str = "", carried: bool = False) -> list[Value]:
    """The dates of ``dates`` that the sentence gives for another event than the one the question asks about.
    ``phase``: the verb of the event's phase the question asks ("stop" of "stop sending"), which the sentence
    may say instead ("halted all shipments"). ``carried``: ``verb`` is the noun a light verb carries
    (``carried_event``), held to ``CARRIED_UNRELATED``."""
    # (a sentence that says the event asked dates it, unless the date is said of what took place and that is
    # another thing: "The trial of Breivik, the perpetrator of the Norway attacks, took place between ...")
    if not verb or not dates or (says(sentence, verb) and not (carried and _TAKES_PLACE.search(sentence))):
        return []
    events = {v.text: dated_event(v, sentence) for v in dates}
    if carried:  # (the event asked, said in its own word)
        events = {t: "" if e and _same_key(_key(e), _key(verb)) else e for t, e in events.items()}
    same_phase = next((g for g in _PHASE_WORDS if any(_same_key(_key(phase), _key(w)) for w in g)), ()) if phase else ()
    words = sorted({e for e in events.values() if e and not any(_same_key(_key(e), _key(k)) for k in same_phase)})
    if not words:
        return []
    vectors = embed([verb, *words])
    close = {w: float(vectors[0] @ vectors[i]) for i, w in enumerate(words, start=1)}
    bar = CARRIED_UNRELATED if carried else UNRELATED
    return [v for v in dates if events[v.text] and close[events[v.text]] < bar]


# Birth and death are said in their own words: "Möngke Khan succeeded ... as Great Khan in 1251" dates no birth,
# whatever the closeness of "born" and "succeeded"; a life's span in brackets after a name ("(1209-1259)") says both.
_LIFE = {"birth": re.compile(r"\b(?:born|birth|birthday|b\.)\s|\(\s*(?:born\s+)?\d{3,4}\s*[-\u2013]", re.I),
         "death": re.compile(r"\b(?:died|dies|death|dead|killed|d\.)\s|\d{3,4}\s*[-\u2013]\s*\d{3,4}\s*\)", re.I)}


def no_life_event(event: str, sentence: str) -> bool:
    """The question asks the date of a birth or a death (``event``: its verb, as ``asked_event`` gives it) and the
    sentence does not say one."""
    pattern = _LIFE.get(_key(event)) if event else None
    return pattern is not None and pattern.search(sentence) is None


# "How old is X?" is answered by when X began (its birth, founding, building) or by its age; a date of anything
# else the sentence says X did ("Bessent announced ... by Thanksgiving 2025") tells nothing of how old X is.
_HOW_OLD = re.compile(r"\bhow old\b", re.I)
_BEGUN = "born|founded|established|built|constructed|created|formed|incorporated|launched|opened|erected"
_BEGINNING = re.compile(rf"\b(?:{_BEGUN}|birth|birthday|founding|dates? (?:back|from)|dating|since|aged?|old|oldest)\b",
                        re.I)


def not_an_age(question: str, sentence: str) -> bool:
    """The question asks how old something is and the sentence dates no beginning of anything."""
    return bool(_HOW_OLD.search(question)) and not _BEGINNING.search(sentence) and not AGE.search(sentence)


# the word of a beginning right before a date, a few words apart at most ("built in 1972", "raised between 1970 and
# 1972", "born on 3 May 1950", "dating back to 1890")
_BEGUN_BEFORE = re.compile(rf"\b(?:{_BEGUN}|inaugurated|completed|dat(?:es|ed|ing) (?:back )?(?:to|from))\b"
                           r"(?:\s+[\w,'\u2019-]+){0,4}\s+$", re.I)


def no_beginning_dated(question: str, sentence: str, date: Value) -> bool:
    """Asked how old something is, the date is not said as when anything began ("the strongest since 1996" dates a
    record; "raised between 1970 and 1972" dates a beginning): no side of how old it is."""
    return bool(_HOW_OLD.search(question)) and date.kind == "date" and \
        _BEGUN_BEFORE.search(sentence[max(0, date.start - 60):date.start]) is None


def dates_of_other_events(a: Value, sentence_a: str, b: Value, sentence_b: str) -> bool:
    """Two dates (or times) that their sentences give to different events: the verbs they are said of differ,
    and are not two words of one event or phase ("exploded on April 20, 2010" against "the spill was discovered
    on the afternoon of 22 April 2010"; "freed on 29 March" against "ran aground on March 23"). False when either
    verb says only that something happened ("took place", "was"), or without the parser."""
    verb_a, verb_b = _dated_verb(sentence_a, a.start, a.end), _dated_verb(sentence_b, b.start, b.end)
    if not verb_a or not verb_b:
        return False
    key_a, key_b = _key(verb_a), _key(verb_b)
    if _same_key(key_a, key_b):
        return False
    return not any(any(_same_key(key_a, _key(w)) for w in group) and any(_same_key(key_b, _key(w)) for w in group)
                   for group in (*_SAME_EVENT, *_PHASE_WORDS))


_UP = 8  # heads climbed from a date to its verb ("at 15:05" after a list of tugs hangs eight words below "freed")
_PARTICIPLE = ("acomp", "xcomp", "attr", "ccomp", "conj")
_OF_A_NOUN = ("compound", "nmod", "amod", "npadvmod", "poss")


@lru("dated_verbs", TEXT)
def _dated_verb(sentence: str, start: int, end: int) -> str:
    """The word of the event the span (a date in the sentence) is said of: the verb it hangs from through
    prepositions and nouns ("exploded" of "On April 20, 2010, the rig ... exploded"), the participle after a light
    one ("was partially re-floated"), or the noun it modifies ("the April 20, 2010 Macondo well blowout") or heads
    ("November 15, 2012: $4 billion criminal plea agreement"). "" when none is within reach, when the word says only
    that something happened, or without the parser."""
    nlp = model()
    if nlp is None:
        return ""
    doc = nlp(prepare(sentence))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    token = span.root
    if token.dep_ in _OF_A_NOUN and token.head.pos_ == "NOUN":
        return _event_word(token.head)
    if token.dep_ == "ROOT":
        heads = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        return _event_word(heads[0]) if heads else ""
    for _ in range(_UP):
        if token.head is token:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if token.text.lower() in _LIGHT:
                done = [c for c in token.children if c.dep_ in _PARTICIPLE and c.text.lower().endswith(("ed", "en"))]
                return _event_word(done[-1]) if done else ""
            return _event_word(token)
    return ""


def _event_word(token: Any) -> str:
    word = str(token.text).lower()
    return "" if word in _LIGHT else word
