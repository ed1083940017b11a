"""Two follow-up shapes that rewrite the previous question: "what about X?" and "are there others?".

- "what about gallium?": the previous question with its phrase closest to "gallium" replaced (an entity of
  the same kind when spaCy typed both, otherwise the closest phrase by embedding);
- "are there others?" / "who else?": the previous question, excluding the names the last answer gave.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from rag.claims.demonyms import COUNTRY_OF, opens_with_adjective
from rag.conversation.entities import Mention, Reference, mentions, parse
from rag.embedders import scoring_vectors
from rag.protocols import Embedder
from rag.text import QUESTION_WORDS, STOPWORDS, split_sentences, stem

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
_PREPOSITION = re.compile(r"^(?:in|at|on|for|with|during|from|of|to|under|by|off|near|outside|inside|across|around|"
                          r"along|over|within|behind|beyond|against|among|between|toward|towards)\s+", re.I)
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
    # a clause is no phrase ("And BP paid?"); a noun whose relative clause says which one is ("And the team that
    # looked at the underwater video?": "team" heads it, "looked" only says which team)
    return None if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl") and not _in_clause(t)
                       for t in doc) else phrase


def _in_clause(token: Any) -> bool:
    """The token is inside a relative or participial clause of a noun ("that looked at the video")."""
    return any(a.dep_ in ("relcl", "acl") for a in token.ancestors)


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


# "And just before the well was capped?", "And after the ship was freed?": a time clause alone asks the previous
# question at that time
# ("how" and "what" only before "about": "How long after that did it stop?" is a question of its own)
_AND_WHEN = re.compile(r"^\s*(?:(?:and|but|so|or)\s+(?:about\s+)?|(?:what|how)\s+about\s+)?(?P<x>(?:(?:just|right|shortly|immediately|"
                       r"long|soon|well)\s+)?(?:before|after|when|while|once|until|during)\s+[^?,;]{2,80}?)[\s?.!]*$",
                       re.I)
_SUBORDINATORS = frozenset("before after when while once until during".split())
_WH_OPENING = re.compile(r"^\s*(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)
_ASKS_AGAIN = re.compile(r"^\s*(?:(?:just|right|shortly|immediately|long|soon|well)\s+)?\w+\s+(?:what|which|who|whom|"
                         r"whose|when|where|why|how|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|"
                         r"must)\b", re.I)
# "the first estimate" asked again at a later time is the estimate then: the word that fixed the time goes
_WHEN_OF_NOUN = re.compile(r"\b(the|its|their)\s+(?:first|initial|earliest|original|latest|last|final|current|"
                           r"newest|most\s+recent)\s+", re.I)


def at_time(turn: str, previous: str) -> str | None:
    """"And just before the well was capped?" after "What was the first official estimate of the flow?": the
    previous question asked at that time ("What was the official estimate of the flow just before the well was
    capped?"); None for any other turn, or a previous turn that is no wh-question."""
    match = _AND_WHEN.match(turn)
    if match is None or _WH_OPENING.match(previous) is None or _ASKS_AGAIN.match(match.group("x")):
        return None  # "And after which event?", "before was it ...": a question of its own
    doc = parse(match.group("x"))
    opener = next((t for t in doc if t.lower_ in _SUBORDINATORS), None) if doc is not None else None
    if opener is not None and "ROOT" not in (opener.dep_, opener.head.dep_):
        return None  # "when I log in it says error": a main clause of its own after the time, no time alone
    asked = _WHEN_OF_NOUN.sub(lambda m: m.group(1) + " ", previous.rstrip(" ?.!"))
    return f"{asked} {match.group('x').strip()}?"


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
    if typed & _PROPER and _THE.sub("", bare)[:1].isupper() and len(named) == 1:
        _, start, end = named[0]
        family = _FAMILY_AFTER.match(previous, end) if _FAMILY.fullmatch(_THE.sub("", bare)) else None
        if family is not None:  # "What about the Holms?" after "the Lunde family": the family, as one name
            end = family.end()
        if previous[:start].lower().endswith("the "):
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
    determined = _DETERMINED.match(bare) is not None
    preposition = _PREPOSITION.match(new)
    if determined and not preposition:  # "the natural resource damages" for "Clean Water Act penalty"
        spans += _owned_phrases(previous)
    if not spans or embedder is None:
        return None
    if preposition:  # "And in the rail crash?": what followed "in" before ("in the harbour fire")
        after = re.compile(rf"\b{preposition.group(0).strip()}\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)
        following = [(a, b) for a, b in spans if after.search(previous[:a])]
        if not following and preposition.group(0).strip().lower() in ("for", "of", "on") \
                and not _names_a_noun_of(bare, previous):
            # "And for natural resource damages?" after "How large is BP's Clean Water Act penalty?": the penalty
            # for them, in place of the kind the question named
            return _qualified_instead(previous, bare, new.strip(), embedder)
        if not following and preposition.group(0).strip().lower() in _ADDED_PLACE:
            # "What about off Dunmore?" after "How many were off Fairhaven?": the name after the same word, replaced
            placed = re.search(rf"\b(?i:{preposition.group(0).strip()})\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*",
                               previous)
            if placed is not None:
                return previous[:placed.start()] + new.strip().rstrip(" ?.!") + previous[placed.end():], []
            # "What about in Washington?" after a question placed nowhere: the same question, asked there (no
            # word of it stands for a place)
            return previous.rstrip(" ?.!") + " " + new.rstrip(" ?.!") + "?", []
        spans = following or spans
    vectors = scoring_vectors(embedder, [bare, *(previous[a:b] for a, b in spans)])
    sims: Any = np.asarray(vectors[1:]) @ np.asarray(vectors[0])
    best = int(np.argmax(sims))
    if float(sims[best]) < SUBSTITUTE_MIN_SIMILARITY:
        return None
    a, b = spans[best]
    kept = carried(previous, a, b)
    if determined:  # "in the Oslo blast" for "in the island attack": a whole noun phrase of its own
        b = _phrase_end(previous, b)  # (for "encyclopedia" of "the encyclopedia overview", the overview too)
        head = previous[:a]
        for words in kept:
            head = head[:-len(words) - 1] if head.endswith(words + " ") else head
        determiner = _DETERMINER_BEFORE.search(head)
        if determiner is not None:
            start = determiner.start()
            part = _PART_OF.search(previous[:start])
            if part is not None and not _plural(bare):  # "any of the rescued boys" -> "the coach", not "any of"
                start = part.start()
            return previous[:start] + bare + previous[b:], []
        owner = _COUNTRY_OWNER.search(head)
        if owner is not None and opens_with_adjective(_THE.sub("", bare)):
            # "Norway's police inquiry" + "the Danish inquiry": the Danish one, not Norway's
            return head[:owner.start()] + bare + previous[b:], []
        if head.endswith(("'s ", "' ")):  # "BP's" + "the natural resource damages": "BP's natural resource damages"
            return head + _THE.sub("", bare) + previous[b:], []
    if re.search(r"['\u2019]s?\s+(?:[a-z]+\s+){0,2}$", previous[:a]):  # "the governor's first estimate" + "his estimate later that
        bare = _OWNER_WORD.sub("", bare)  # day": the governor's, not "the governor's his estimate"
    return previous[:a] + bare + previous[b:], kept


_OWNER_WORD = re.compile(r"^(?:his|her|its|their)\s+", re.I)


_PART_OF = re.compile(r"\b(?:any|all|some|none|each|either|neither|most|both)\s+of\s+$", re.I)
# a country owning the phrase replaced (the new phrase opening with another's adjective: ``opens_with_adjective``)
_COUNTRY_OWNER = re.compile(r"\b(?:the\s+)?(?:" + "|".join(sorted({re.escape(c) for c in COUNTRY_OF.values()}, key=len,
                                                                 reverse=True)) + r")['\u2019]s?\s+$")
# prepositions that place the previous question somewhere else
_ADDED_PLACE = frozenset({"in", "at", "off", "near", "outside", "inside", "across", "around", "along", "within"})


def _plural(phrase: str) -> bool:
    """The phrase's head is plural ("the coaches"); without spaCy, it ends in "s"."""
    doc = parse(phrase)
    if doc is None:
        return phrase.rstrip().endswith("s")
    return any(t.dep_ == "ROOT" and t.tag_ in ("NNS", "NNPS") for t in doc)


def _phrase_end(text: str, end: int) -> int:
    """Where the noun phrase ends that the words up to ``end`` modify ("encyclopedia" of "the encyclopedia
    overview": after "overview"); ``end`` itself when they end one. Without spaCy: ``end``."""
    doc = parse(text)
    if doc is None:
        return end
    last = next((t for t in doc if t.idx < end <= t.idx + len(t.text)), None)
    while last is not None and last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i:
        last = last.head
    return end if last is None else max(end, last.idx + len(last.text))


def _owned_phrases(text: str) -> list[tuple[int, int]]:
    """The whole noun phrases after a possessor ("Clean Water Act penalty" of "BP's Clean Water Act penalty"), names
    inside them included: what a new noun phrase of its own may stand in for. Without spaCy: none."""
    doc = parse(text)
    if doc is None:
        return []
    out = []
    for t in doc:
        owned = t.head.head  # ("'s" hangs on its possessor, which hangs on what it owns)
        if t.tag_ == "POS" and t.head.dep_ == "poss" and owned.pos_ == "NOUN" and owned.i > t.i:
            out.append((doc[t.i + 1].idx, owned.idx + len(owned.text)))
    return out


def _names_a_noun_of(phrase: str, text: str) -> bool:
    """The phrase's last word is a noun of the text ("for the women's team" after "the men's national team"): the
    phrase stands in for that noun's phrase rather than qualifying it."""
    words = phrase.split()
    return bool(words) and any(stem(w) == stem(words[-1]) for w in _WORD.findall(text.lower()))


def _qualified_instead(previous: str, bare: str, new: str, embedder: Embedder) -> tuple[str, list[str]] | None:
    """The previous question with the modifiers of one of its nouns replaced by the new phrase after that noun
    ("How large is BP's Clean Water Act penalty?" + "for natural resource damages": "How large is BP's penalty for
    natural resource damages?"): the noun whose modifiers read closest to the phrase (``bare``: it without its
    preposition). None without spaCy or such a noun."""
    doc = parse(previous)
    if doc is None:
        return None
    options = []
    for t in doc:
        modifiers = [c for c in t.lefts if c.dep_ in ("compound", "amod", "nmod")]
        if t.pos_ == "NOUN" and modifiers:
            first = min(m.left_edge.i for m in modifiers)
            options.append((doc[first].idx, t.idx, t.idx + len(t.text)))
    if not options:
        return None
    vectors = scoring_vectors(embedder, [bare, *(previous[a:b] for a, b, _ in options)])
    sims: Any = np.asarray(vectors[1:]) @ np.asarray(vectors[0])
    a, noun, end = options[int(np.argmax(sims))]
    return previous[:a] + previous[noun:end] + " " + new + previous[end:], []


# people named by what befell them ("the injured", "the missing"), and a how-many question of what befell whom
_PEOPLE_IN_STATE = re.compile(r"^the\s+(injured|wounded|dead|killed|missing|hurt|arrested|detained|displaced|"
                              r"evacuated|rescued|hospitali[sz]ed|infected|sickened)$", re.I)
_COUNTED_STATE = re.compile(r"^.*?\bhow many\s+(?:[\w-]+\s+){0,3}?(?P<verb>(?:(?:were|was|have been|had been|got)\s+)?"
                            r"(?:died|killed|injured|wounded|hurt|missing|arrested|detained|displaced|evacuated|"
                            r"rescued|hospitali[sz]ed|infected|sickened|dead|survived))\b", re.I)
_DETERMINED = re.compile(r"^(?:the|a|an|this|that|these|those|its|their)\s", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their)\s+$", re.I)


_THE = re.compile(r"^the\s+", re.I)
# a family by its name in the plural ("the Holms", "the Lundes"), and the word after a name that makes it one
_FAMILY = re.compile(r"[A-Z][\w'-]*s")
_FAMILY_AFTER = re.compile(r"\s+famil(?:y|ies)\b", re.I)
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


# "Going back to her, what does she say ...?", "Back to those elements: what are the magnets made from them used
# in?": the turn names its topic first, then asks of it with a pronoun
_TOPIC_LEAD = re.compile(r"^\s*(?:(?:and|so|ok|okay|now|fine|right)\s*[,.]?\s*)?(?P<lead>(?:going|coming|getting)\s+back\s+to|"
                         r"back\s+to|returning\s+to|regarding|as\s+for|as\s+to|on\s+the\s+subject\s+of|speaking\s+of|"
                         r"concerning)\s+(?P<topic>[^,:;?]{2,80}?)\s*[,:;]\s*(?P<asked>\S.+)$", re.I)
_REFLEXIVE_END = re.compile(r"\s+(?:itself|themselves|himself|herself)$", re.I)


def topic_lead(turn: str) -> tuple[str, str, str] | None:
    """The lead-in's words, the topic it names and the question asked of it, when the turn opens by naming what
    it goes on to ask about ("Going back to the framework itself, how long is it supposed to run?")."""
    match = _TOPIC_LEAD.match(turn.strip())
    if match is None:
        return None
    topic = _REFLEXIVE_END.sub("", match.group("topic").strip())
    return match.group("lead"), topic, match.group("asked").strip()


def pointed(asked: str, topic: str, references: Sequence[Reference]) -> str | None:
    """The question with its first pronoun that can mean the topic written as the topic; None when it has none."""
    plural = _plural(topic)
    for ref in references:
        if ref.noun is not None or ref.plural != plural:
            continue
        new = topic + ("'" if topic.endswith("s") else "'s") if ref.possessive else topic
        if ref.start == 0:
            new = new[:1].upper() + new[1:]
        return asked[:ref.start] + new + asked[ref.end:]
    return None
