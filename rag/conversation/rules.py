"""Two follow-up shapes that rewrite the previous question: "what about X?" and "are there others?".

- "what about gallium?": the previous question with its phrase closest to "gallium" replaced (an entity of
  the same kind when spaCy typed both, otherwise the closest phrase by embedding);
- "are there others?" / "who else?": the previous question, excluding the names the last answer gave.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from rag.conversation.entities import Mention, mentions, parse
from rag.protocols import Embedder
from rag.text import QUESTION_WORDS, STOPWORDS, split_sentences

WHAT_ABOUT = re.compile(r"^(?:and|but|so|ok|okay)?[\s,]*(?:what|how)\s+about\s+(?P<x>.+?)[\s?.!]*$", re.I)
OTHERS = re.compile(r"^(?:and|but|so)?[\s,]*(?:(?:are|were|is)\s+there\s+)?(?:any\s+)?"
                    r"(?:others?|other\s+ones|more|anything\s+else|anyone\s+else|who\s+else|what\s+else|"
                    r"which\s+others?|who\s+are\s+the\s+others)[\s?.!]*$", re.I)
# "And of magnet production?", "And Australia?": a phrase without a verb after "and" asks the previous question of it
_AND_PHRASE = re.compile(r"^\s*(?:and|or)\s+(?P<x>[^?.!]{1,80}?)[\s?.!]*$", re.I)
_COMPARED = re.compile(r"^\s*(?:and\s+)?(?:how\s+(?:does|do|did|is|are|was|were)\s+(?:that|this|it|they|those|these)\s+"
                       r"compare|compared|comparing|by\s+comparison)\s+(?:with|to|against)\s+(?P<x>[^?.!]{1,80}?)[\s?.!]*$", re.I)
_AGREEMENT = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:(?:do|does|did)\s+(?:the\s+|any\s+)?(?:other\s+)?(?:articles?|sources?|reports?|outlets?|"
    r"papers?|stories|everyone|they\s+all)\s+(?:all\s+)?(?:agree|concur|say\s+the\s+same|disagree|differ|say\s+otherwise)"
    r"(?:\s+(?:on|with|about)\s+(?:that|this|it))?|(?:is|are)\s+(?:that|this|it|they)\s+(?:consistent|the\s+same)\s+"
    r"(?:across|in)\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?(?:articles|sources|reports)|(?:is\s+there\s+)?any\s+disagreement)"
    r"[\s?.!]*$", re.I)
_SOURCE = re.compile(r"^\s*(?:and\s+|so\s+)?(?P<ask>(?:which|what)\s+(?:articles?|sources?|reports?|outlets?|papers?|stories)\s+"
                     r"(?:says?|said|reports?|reported|mentions?|mentioned|states?|stated|claims?|claimed)|who\s+(?:says|said|"
                     r"reported|reports|claimed|claims))\s+(?:that|this|it|so)[\s?.!]*$", re.I)
# "Whose words were those?", "Whose remarks are these?", "Who made that remark?": who said what was just answered
_WHOSE_WORDS = re.compile(r"^\s*(?:and\s+|so\s+)?(?:whose\s+(?:words|remarks?|quotes?|quotation|statements?|comments?|"
                          r"claims?|view|views|argument|warning)\s+(?:were|was|are|is)\s+(?:those|that|these|this|they|it)"
                          r"(?:\s+originally)?|who\s+(?:made|wrote|gave|voiced)\s+(?:that|this|those|these)\s+"
                          r"(?:remarks?|statements?|comments?|claims?|points?|warnings?))[\s?.!]*$", re.I)
_ANSWER_PARTICLE = re.compile(r"^(?:(?:yes|no|yeah|right|indeed|correct|exactly)\b[\s,.;:!\u2014-]+)+", re.I)
_PREPOSITION = re.compile(r"^(?:in|at|on|for|with|during|from|of|to|under|by)\s+", re.I)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-\.%]*[A-Za-z0-9%]|[A-Za-z0-9]")
_NAME = re.compile(r"\b[A-Z][A-Za-z0-9&\-]+(?:\s+[A-Z][A-Za-z0-9&\-]+)*")
SUBSTITUTE_MIN_SIMILARITY = 0.15


def _is_content(word: str) -> bool:
    low = word.lower()
    return low not in STOPWORDS and low not in QUESTION_WORDS and len(low) > 1


def compared_phrase(turn: str) -> str | None:
    """What a comparison follow-up compares the last answer with ("How does that compare with processing?",
    "Compared to magnets?"): the previous question asked of it gives the other side; None for any other turn."""
    match = _COMPARED.match(turn)
    return match.group("x").strip() if match else None


def agreement(turn: str) -> bool:
    """The turn asks whether the other articles say the same ("Do the other articles agree?")."""
    return _AGREEMENT.match(turn) is not None


def source_of(turn: str, last_answer: str) -> str | None:
    """"Which article reports that?", "Who said that?": the question of who reports what the last answer said,
    with that said ("Which article reports that China must tighten ...?"); None for any other turn or when the
    last answer said nothing."""
    match = _SOURCE.match(turn)
    ask = match.group("ask") if match is not None else "who said" if _WHOSE_WORDS.match(turn) else ""
    if not ask:
        return None
    # "Yes, Scott Bessent expressed ...", "Yes. 2020 remarks said ...": what was said, not the reply to it
    said = next((s for s in (_ANSWER_PARTICLE.sub("", s.strip().rstrip(" .!?") + " ").strip()
                             for s in split_sentences(last_answer.strip())) if s), "")
    if not said:
        return None
    if said.split()[0].lower() in STOPWORDS:  # "The deal ..." -> "that the deal ...", not "that China" -> "china"
        said = said[:1].lower() + said[1:]
    return f"{ask[:1].upper() + ask[1:]} that {said}?"


def and_phrase(turn: str) -> str | None:
    """The phrase of a turn that is "and" and a phrase with no verb ("And of magnet production?"), or None."""
    match = _AND_PHRASE.match(turn)
    if match is None:
        return None
    phrase = match.group("x").strip()
    if phrase.split()[0].lower() in QUESTION_WORDS:
        return None  # "and who announced it?": a question of its own
    doc = parse(phrase)
    if doc is None:
        return phrase if len(phrase.split()) <= 4 else None
    return None if any(t.pos_ in ("VERB", "AUX") for t in doc) else phrase


# "And which people?", "What about which countries?": a question word and a phrase, no verb
_WH_PHRASE = re.compile(r"^\s*(?:(?:and|or|but|so)[\s,]+(?:(?:what|how)\s+about\s+)?|(?:what|how)\s+about\s+)(?P<wh>which|what)\s+"
                        r"(?P<x>[^?.!]{1,60}?)[\s?.!]*$", re.I)
_WH_START = re.compile(r"^\s*(?P<wh>which|what)\s+", re.I)
_AUX = re.compile(r"\b(?:are|is|were|was|do|does|did|have|has|had|will|would|can|could|should|may|might|must)\b", re.I)


def wh_phrase(turn: str, previous: str) -> str | None:
    """"And which people?" after "Which companies are mentioned in the articles?": the previous question asked of
    the new phrase ("Which people are mentioned in the articles?"); None for another turn, or a previous question
    that does not open with "which"/"what" and a phrase."""
    match = _WH_PHRASE.match(turn)
    opening = _WH_START.match(previous)
    if match is None or opening is None or len(match.group("x").split()) > 4:
        return None
    phrase = match.group("x").strip()
    doc = parse(phrase)
    if doc is not None and any(t.pos_ in ("VERB", "AUX") for t in doc):
        return None  # "and which one leads it?": a question of its own
    rest = previous[opening.end():]
    whole = parse(previous)
    ends = [t.idx - opening.end() for t in whole if t.idx > opening.end() and t.pos_ in ("VERB", "AUX")] \
        if whole is not None else []
    aux = _AUX.search(rest)
    end = ends[0] if ends else aux.start() if aux else -1
    if end <= 0 or not rest[:end].strip():
        return None
    return f"{opening.group('wh')[:1].upper()}{opening.group('wh')[1:].lower()} {phrase} {rest[end:].strip()}"


def others(previous: str, last_answer: str) -> str:
    known = {w.lower() for w in _WORD.findall(previous)}
    names = [n for n in dict.fromkeys(_NAME.findall(last_answer))
             if n.lower() not in known and n.lower() not in STOPWORDS and n.lower() not in QUESTION_WORDS][:4]
    if names:
        return f"{previous.rstrip(' ?.')} other than {', '.join(names)}?"
    return f"{previous.rstrip(' ?.')}, others?"


def what_about(previous: str, new: str, embedder: Embedder | None) -> tuple[str, list[str]] | None:
    """The previous question with the phrase closest to ``new`` replaced by it, and the modifiers of the replaced
    phrase that stay before it (``carried``); None when nothing is close."""
    new = new.strip()
    bare = _PREPOSITION.sub("", new)
    if bare.lower() in previous.lower():
        return previous, []
    state = _PEOPLE_IN_STATE.match(bare)
    counted = _COUNTED_STATE.match(previous) if state else None
    if state and counted:  # "How many workers died ...?" "What about the injured?": how many were injured
        word = state.group(1).lower()
        return previous[:counted.start("verb")] + f"were {word}" + previous[counted.end("verb"):], []
    typed = {m.kind for m in mentions(bare, things=False) if m.text in (bare, _THE.sub("", bare))}
    named = [(m, *_span(previous, m)) for m in mentions(previous, things=False)]
    for m, start, end in named:
        if m.kind in typed:
            said = _THE.sub("", bare) if previous[:start].lower().endswith("the ") else bare
            return previous[:start] + said + previous[end:], []
    # a name for the one name asked about, of another kind ("What is the Defense Logistics Agency doing?" "And
    # Japan?": what Japan is doing)
    if typed & _PROPER and bare[:1].isupper() and len(named) == 1:
        _, start, end = named[0]
        if previous[:start].lower().endswith("the ") and not bare.lower().startswith("the "):
            start -= 4
        return previous[:start] + bare + previous[end:], []
    tokens = list(_WORD.finditer(previous))
    modifiers = _modifier_ends(previous)
    spans: list[tuple[int, int]] = []
    run: list[int] = []
    for i, tok in enumerate([*tokens, None]):
        if tok is not None and _is_content(tok.group(0)):
            run.append(i)
            continue
        for a in range(len(run)):
            for b in range(a, min(a + 3, len(run))):
                start, end = tokens[run[a]].start(), tokens[run[b]].end()
                # no name, nor part of one ("Agency" of "Defense Logistics Agency"): a phrase that is no name does
                # not stand in for one
                if end not in modifiers and not any(m_start < end and start < m_end for _, m_start, m_end in named):
                    spans.append((start, end))
        run = []
    if not spans or embedder is None:
        return None
    preposition = _PREPOSITION.match(new)
    if preposition:  # "And in the rail crash?": what followed "in" before ("in the harbour fire")
        after = re.compile(rf"\b{preposition.group(0).strip()}\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)
        spans = [(a, b) for a, b in spans if after.search(previous[:a])] or spans
    vectors = embedder.embed_documents([bare, *(previous[a:b] for a, b in spans)])
    sims: Any = np.asarray(vectors[1:]) @ np.asarray(vectors[0])
    best = int(np.argmax(sims))
    if float(sims[best]) < SUBSTITUTE_MIN_SIMILARITY:
        return None
    a, b = spans[best]
    kept = carried(previous, a, b)
    if _DETERMINED.match(bare):  # "in the Oslo blast" for "in the island attack": a whole noun phrase of its own
        head = previous[:a]
        for words in kept:
            head = head[:-len(words) - 1] if head.endswith(words + " ") else head
        determiner = _DETERMINER_BEFORE.search(head)
        if determiner is not None:
            return previous[:determiner.start()] + bare + previous[b:], []
    return previous[:a] + bare + previous[b:], kept


# people named by what befell them ("the injured", "the missing"), and a how-many question of what befell whom
_PEOPLE_IN_STATE = re.compile(r"^the\s+(injured|wounded|dead|killed|missing|hurt|arrested|detained|displaced|"
                              r"evacuated|rescued|hospitali[sz]ed|infected|sickened)$", re.I)
_COUNTED_STATE = re.compile(r"^.*?\bhow many\s+(?:[\w-]+\s+){0,3}?(?P<verb>(?:(?:were|was|have been|had been|got)\s+)?"
                            r"(?:died|killed|injured|wounded|hurt|missing|arrested|detained|displaced|evacuated|"
                            r"rescued|hospitali[sz]ed|infected|sickened|dead|survived))\b", re.I)
_DETERMINED = re.compile(r"^(?:the|a|an|this|that|these|those|its|their)\s", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their)\s+$", re.I)


_THE = re.compile(r"^the\s+", re.I)
_PROPER = {"person", "org", "place", "work", "name"}


def _span(text: str, mention: Mention) -> tuple[int, int]:
    """Where the mention's own words are in the text (its ``start`` is its phrase's, "the" included)."""
    at = text.find(mention.text, mention.start)
    start = at if at >= 0 else mention.start
    return start, start + len(mention.text)


def carried(text: str, start: int, end: int) -> list[str]:
    """The words right before ``text[start:end]`` that modify a word of it ("NdFeB magnet" of "NdFeB magnet
    production"): replaced by "processing", the phrase keeps them ("NdFeB magnet processing"), a guess of the
    rewrite's, not the user's words ("How does that compare with processing?" may mean processing at large).
    Without spaCy: none."""
    doc = parse(text)
    if doc is None:
        return []
    inside = {t.i for t in doc if start <= t.idx < end}
    words: list[str] = []
    for t in reversed([t for t in doc if t.idx + len(t.text) <= start]):
        if t.dep_ not in ("compound", "amod", "nmod") or not (t.head.i in inside or t.head.i > t.i and t.head.idx < end):
            break
        words.insert(0, t.text)
    return [" ".join(words)] if words else []


def _modifier_ends(text: str) -> set[int]:
    """Where the adjectives and numbers that modify a later word end ("electric" of "each electric vehicle"): a
    phrase ending there is cut from its noun, and a noun phrase does not stand in for an adjective, so "what about
    wind turbines?" replaces "electric vehicle", not "electric". A noun modifier may be replaced ("rare earth" of
    "rare earth processing": "what about gallium?"). Without spaCy: none."""
    doc = parse(text)
    if doc is None:
        return set()
    return {t.idx + len(t.text) for t in doc if t.dep_ in ("amod", "nummod") and t.head.i > t.i}
