"""Which thing a passage is about, when the question names something that several things are called.

"When was Northern Lights released?" can be answered by two albums of that name. Each article describes
the thing it is about where it introduces it ("Northern Lights is the second studio album by the folk band
Kilbride"; "Blue Horizon, the debut album by the band Sable,"). Two sides that answer differently are
about *different things sharing a name* when both describe the named thing and their descriptions share
little, once the answers themselves are set aside; a copy of an article with one value changed keeps its
description, so it stays a disagreement. Without positive evidence of two subjects, nothing is ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.claims.parse import names, prepare
from rag.text import content_terms, split_sentences

# a stop that does not end the description: inside a word ("0.5"), or after an initial ("the U.S. state of")
_ABBREVIATION = r"\.(?=\w)|(?<=\b[A-Z])\.(?=\s+[a-z])"
_DESCRIBED = r"(?:\s*\([^)]{1,60}\))?(?:,?\s+[^.;]{0,40}?)?\s+(?:is|was|are|were)\s+(?:an?|the|one of the)\s+" \
    r"(?P<d>(?:[^.;]|" + _ABBREVIATION + r"){3,160})"
_APPOSITIVE = r"(?:\s*\([^)]{1,60}\))?,\s+(?:an?|the)\s+(?P<d>(?:[^,.;]|" + _ABBREVIATION + r"){3,120}),"
_CLAUSE = re.compile(r",\s+(?:it|he|she|they|which|who|and|but|where|whose)\b|\s+(?:and|but)\s+(?:it|he|she|they)\b")
_MAX_WORDS = 14
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december spring summer autumn fall winter""".split())
SAME_SUBJECT = 0.5  # descriptions sharing at least this share of the shorter one's terms describe one thing


@dataclass(frozen=True)
class Subject:
    text: str            # as the article words it ("the second studio album by the Irish folk band Kilbride")
    terms: frozenset[str]
    named: frozenset[str]  # names the description holds (distinguishing: "Kilbride")


def question_names(question: str) -> list[str]:
    """The names a question asks about ("Thomas Reed", "Saint Mary's College"), longest first."""
    text = prepare(question)
    found = [value for start, _, value in names(text) if start > 0 or len(value.split()) > 1]
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def subject_of(question_name: str, sentence: str, context: str) -> Subject | None:
    """How the article describes the thing the question names: its defining phrase, else the other names
    the quoted sentence gives alongside it (the band, the singer). None when it does not say."""
    pattern = name_pattern(question_name)
    if pattern is None:
        return None
    for text in [sentence, *split_sentences(prepare(context))]:
        for form in (_DESCRIBED, _APPOSITIVE):
            match = re.search(pattern + form, text)
            if match:
                return _subject(_clip(match.group("d")))
    if not re.search(pattern, sentence):
        return None
    text = prepare(sentence)
    others = [v for start, end, v in names(text) if not _overlaps(v, question_name)
              and not set(v.lower().split()) <= _TIME_WORDS and not _placed_or_source(text, start, end)]
    return _subject(" ".join(others), frozenset(others)) if others else None


# a name the sentence only places something in ("shipments to the West Coast") or cites as its source ("...,
# Bloomberg reports", "according to Reuters"): no name of the thing the sentence is about
_PLACED = re.compile(r"\b(?:in|to|from|at|on|across|throughout|near|into)\s+(?:the\s+)?$", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|told|reported by|cited by)\s+(?:the\s+)?$", re.I)
_SOURCE_AFTER = re.compile(r"^\s+(?:reports?|reported|said|says|reporting)\b")


def _placed_or_source(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 30):start], text[end:]
    return bool(_PLACED.search(before) or _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after))


def different(a: Subject, b: Subject, set_aside: set[str], a_context: str, b_context: str) -> bool:
    """The two descriptions are of different things: few shared terms (answers and the question's own terms
    set aside), and each side's distinguishing names absent from the other article."""
    ta, tb = a.terms - set_aside, b.terms - set_aside
    if not ta or not tb:
        return False
    if len(ta & tb) / min(len(ta), len(tb)) >= SAME_SUBJECT:
        return False
    return not _named_in(a, b_context, set_aside) and not _named_in(b, a_context, set_aside)


def _named_in(subject: Subject, context: str, set_aside: set[str]) -> bool:
    terms = set(content_terms(context))
    return any(set(content_terms(n)) - set_aside <= terms and set(content_terms(n)) - set_aside
               for n in subject.named)


def name_pattern(name: str) -> str | None:
    words = [w for w in re.findall(r"[\w']+", name) if len(w) > 1 or w.isupper()]
    if not words:
        return None
    # "Saint Mary's College" also matches "St Mary's College"; a possessive or plural ending is allowed
    return r"(?i:\b" + r"\W+".join(re.escape(w[:5]) + r"[\w'.]*" for w in words) + r")"


def _overlaps(value: str, name: str) -> bool:
    a, b = set(content_terms(value)), set(content_terms(name))
    return bool(a & b)


def _clip(description: str) -> str:
    description = _CLAUSE.split(description)[0]
    return " ".join(description.split()[:_MAX_WORDS]).strip(" ,")


def _subject(text: str, named: frozenset[str] | None = None) -> Subject | None:
    terms = frozenset(content_terms(text))
    if not terms:
        return None
    if named is None:
        named = frozenset(v for start, _, v in names(text) if start > 0 or len(v.split()) > 1 or v.isupper())
    return Subject(text, terms, named)
