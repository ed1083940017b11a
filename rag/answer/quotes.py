"""A quotation that runs over two sentences, with its speaker named in only one of them.

News quotes a person in pieces: "“This is a strategic pause, not a resolution,” said Dr. Laura Chen, an economist.
“Without long-term diversification, the U.S. remains vulnerable.”" The second sentence says what was warned,
the first who warned it; neither answers "Who warned that the U.S. remains vulnerable?" alone. The same holds the
other way round, when a quote opens in one sentence and its attribution closes the next. Such a pair is weighed
as one piece of evidence, and quoted in the answer sentence by sentence, each with its citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.claims.kinds import ROLES, SPEECH_VERBS, Value
from rag.text import content_terms

_OPENS = re.compile(r"^\s*[\u201c\"\u2018]")
_CLOSES = re.compile(r"[\u201d\"\u2019](?!\w)")
# What introduces a speaker: "said Dr. Laura Chen", "Chen said", "according to the ministry"; the speaker may be
# described between commas before the verb ("H.M. King Maha Vajiralongkorn, Thailand's monarch, wrote").
_ATTRIBUTION = re.compile(rf"[\u201d\"\u2019],?\s+(?:{SPEECH_VERBS})\b|[\u201d\"\u2019],?\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
                          # (or between a comma and dashes: "Karl Holm, chief executive of Vardex \u2013 a unit of
                          # Norlant \u2013 told")
                          rf"(?:,[^,\u201c\u201d\"]{{1,60}},|,[^,\u201c\u201d\"]{{1,100}}\s[\u2013\u2014])?\s+(?:{SPEECH_VERBS})\b"
                          r"|\baccording to\b"
                          # (or named before the quotation it opens: 'Mr Holm said: "Sadly, ...')
                          rf"|\b(?:{SPEECH_VERBS})\s*[:,]\s*[\u201c\"]", re.IGNORECASE)


# "What did Laura Chen say about the deal?", "How did analysts describe it?": a question asking what someone said,
# or what they called a thing (what they said of it, in words of their own: the question's verb is rarely in the
# sentence that quotes them). Not "add", "mean", "write", "note": "What did Watt add to the steam engine?", "What
# does 'Pax Mongolica' mean?" ask what was done or what a word means.
# "think", "believe", "feel", "view", "make of" ("What do analysts think of the deal?") ask for their view, which the
# sentence quoting or reporting it rarely words with the question's verb: optional as the naming verbs are.
_NAMING = r"call|describe|characteri[sz]e|label|dub|term|think|believe|feel|view|make(?=\s+of\b)"  # (what X made of Y: their view)
_SAID = re.compile(r"^\W*(?:what|how)\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>(?:[\w.'\u2019-]+\s+){1,4}?)"
                   rf"(?:(?P<naming>{_NAMING})|say|tell|warn|argue|explain|claim|predict|advise|urge|recommend|suggest|"
                   r"testify|admit|promise|deny|insist|announce|"
                   # "How did he put it?": his words
                   r"(?:put|word)(?=\s+(?:it|that|this|(?:the|his|her|their)\s+[\w-]+)\W*$)|phrase)\b", re.IGNORECASE)


def asks_what_was_said(question: str) -> bool:
    """The question asks what someone said or called something ("What did Chen say about the deal?")."""
    return _SAID.match(question) is not None


# Words before a name that are no part of it: offices and honorifics ("Dr. Laura Chen", "Rear Adm. Apakorn").
_TITLES = ROLES | frozenset("dr mr mrs ms prof sir lord lady rev gen col sgt capt lt adm rear".split())


def speaker_asked(question: str) -> str:
    """The name of whom a question asks what they said, its titles left out ("Laura Chen" of "What did Dr. Laura
    Chen say about the deal?"), or "" when no one is named ("What did analysts say?", "What did she call it?")."""
    match = _SAID.match(question)
    if match is None:
        return ""
    names = [re.sub(r"(?:['\u2019]s?|\.)$", "", w) for w in match.group("who").split()
             if w[:1].isupper() and content_terms(w)]
    return " ".join(w for w in names if w.lower() not in _TITLES)


def short_forms(speaker: str) -> frozenset[str]:
    """The words a sentence may call a named speaker by: the last name, or the first ("Narongsak said", of
    Narongsak Osottanakorn: Thai news calls a person by the given name)."""
    words = speaker.split()
    return frozenset(content_terms(" ".join({words[0], words[-1]}))) if words else frozenset()


def naming_verbs(question: str) -> frozenset[str]:
    """The terms of a question's verb of naming ("call" of "What did Chen call the deal?"): held, it counts;
    missing, it is not asked of the sentence."""
    match = _SAID.match(question)
    return frozenset(content_terms(match.group("naming"))) if match and match.group("naming") else frozenset()


# verbs by which a sentence reports how someone spoke of a thing, beyond saying: "Beijing emphasized ...", "US
# officials have framed it as ...", "Trump's team hails the agreement as a win"
_SPEAKING = re.compile(rf"\b(?:{SPEECH_VERBS}|emphasi[sz](?:e|es|ed|ing)|stress(?:es|ed|ing)?|fram(?:e|es|ed|ing)|"
                       r"describ(?:e|es|ed|ing)|call(?:s|ed|ing)?|term(?:s|ed)|hail(?:s|ed|ing)?|"
                       r"characteri[sz](?:e|es|ed|ing)|dub(?:s|bed)|label(?:s|led|ed)|prais(?:e|es|ed|ing)|"
                       r"welcom(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|insist(?:s|ed)?|"
                       r"view(?:s|ed)? (?:it|the|this|that)|see(?:s)? (?:it|the|this|that))\b", re.IGNORECASE)


def speaking_at(sentence: str) -> int:
    """Where the sentence's first verb of saying or of naming a thing starts ("emphasized" of "Senior officials have
    emphasized that ..."), or -1."""
    match = _SPEAKING.search(sentence)
    return match.start() if match else -1


def reports_speech(sentence: str) -> bool:
    """Someone speaks in the sentence: a quotation, or a verb of saying or of naming a thing ("emphasized")."""
    return bool(re.search("[\u201c\u201d\"]", sentence) or _SPEAKING.search(sentence))


# a quotation's speaker by what follows the name: "..., Governor Narongsak Osottanakorn told reporters", "Chen, an
# economist at the center, said"; or what precedes it: '..." said Dr. Laura Chen'
_SPEAKS_AFTER = re.compile(rf"^(?:,[^,\u201c\u201d\"]{{1,60}},)?\s+(?:{SPEECH_VERBS})\b", re.IGNORECASE)
_SPEAKS_BEFORE = re.compile(rf"[\u201d\"\u2019],?\s+(?:{SPEECH_VERBS})\s+(?:[\w.'-]+\s+){{0,3}}$", re.IGNORECASE)
_QUOTATION = re.compile(r"[\u201c\u201d\"]")


def speaker_only(value: Value, sentence: str) -> bool:
    """The name is the speaker of a quotation the sentence gives, and that is all the sentence says of it."""
    return _QUOTATION.search(sentence) is not None and (
        _SPEAKS_AFTER.match(sentence[value.end:]) is not None or _SPEAKS_BEFORE.search(sentence[:value.start]) is not None)


def attributed(sentence: str) -> bool:
    """The sentence closes a quotation and names who said it ("..., said Dr. Laura Chen"), or opens one after its
    speaker ('Mr Holm said: "Sadly, ...')."""
    return bool(_ATTRIBUTION.search(sentence))


def quote_only(sentence: str) -> bool:
    """The sentence is quoted words with no speaker of their own."""
    return bool(_OPENS.match(sentence)) and not attributed(sentence)


def _left_open(sentence: str) -> bool:
    """A quotation opens and does not close within the sentence ("“This is a pause." ... said Chen.")."""
    return bool(_OPENS.match(sentence)) and not _CLOSES.search(sentence.lstrip()[1:])


_INTRODUCES = re.compile(rf"\b(?:{SPEECH_VERBS})\s*:\s*$", re.IGNORECASE)


def introduces(sentence: str) -> bool:
    """The line introduces a quotation after it, by its speaker's verb and a colon ("Lena Brandt writes:")."""
    return _INTRODUCES.search(sentence) is not None


def opens(sentence: str) -> bool:
    """The sentence opens a quotation."""
    return _OPENS.match(sentence) is not None


def closes(sentence: str) -> bool:
    """A quotation closes at the sentence's end."""
    return re.search(r"[\u201d\"]\W*$", sentence.rstrip()) is not None


def continues(before: str, sentence: str) -> bool:
    """``sentence`` and the one ``before`` it are one quotation and its speaker: a speaker named before a quote
    that goes on, or a quote left open before the sentence that names its speaker."""
    return (attributed(before) and quote_only(sentence)) or (_left_open(before) and attributed(sentence)
                                                              and not _OPENS.match(sentence))


def typed_by_parts(texts: Sequence[tuple[str, ...]], typer: Callable[[list[str]], Sequence[Sequence[Value]]]) -> list[list[Value]]:
    """The claims of each text given as its sentences: each sentence typed on its own (as the store keeps it,
    so that the opening word of the second is read as an opening word), its spans moved to where it stands in
    the sentences joined by a space."""
    typed = iter(typer([part for parts in texts for part in parts]))
    out = []
    for parts in texts:
        found: list[Value] = []
        offset = 0
        for part in parts:
            values = next(typed)
            # the first part's spans stand as they are (Values are frozen: shared, not copied)
            found += [replace(v, start=v.start + offset, end=v.end + offset) for v in values] if offset else values
            offset += len(part) + 1
        out.append(found)
    return out
