"""A length written onto a noun as its modifier is the size of that noun: "the 2-km (1.2-mile) bridge", "the
2.5-km-long Vardex Bridge", "the 300-metre-long cargo ship Rask Star". An age written so is that noun's age: "the
ship's 27-year-old pilot".

Asked how far something was from another, such a size is no distance at all, unless it is a journey's ("a 3-km
walk to the site"); nor is a height ("at an altitude of 900 metres"). Asked how long (tall, wide, deep) a
thing is, where some sentence writes its length onto the thing asked ("the 300-metre-long cargo ship Rask Star"), a
length another sentence writes onto another noun is that noun's size: not another side of the one asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.claims.kinds import AGE_ASKED, Value
from rag.text import content_terms

# a length's form as a modifier: a number joined to its unit by a hyphen ("1.5-mile", "984-foot", "90-metre")
_MODIFIER = re.compile(r"\d-(?:miles?|kilomet(?:re|er)s?|km|met(?:re|er)s?|m|f(?:oo|ee)t|ft|yards?|inch(?:es)?)"
                       r"(?:-(?:long|high|tall|wide|deep))?$", re.I)
# what may stand between the length and its noun: "-long", "-high", a conversion in brackets ("(2.4km)")
_BETWEEN = re.compile(r"(?:-(?:long|high|tall|wide|deep|length))?\s*(?:\([^()]{1,24}\)\s*)?", re.I)
_NOUN = re.compile(r"\s*(?:[A-Za-z][\w'\u2019-]*\s*){1,3}")
_HOW_FAR = re.compile(r"\bhow far\b", re.I)
_TRAVEL = frozenset(content_terms("walk trek hike pilgrimage journey trip voyage drive ride route march climb swim flight "
                                  "crossing tow transit commute"))
# asked how far someone went, a distance that places a thing from another ("100 km north of Nice") is where that
# thing is, not the way gone (asked how far the site is from Nice, it is the answer)
_GONE = re.compile(r"\bhow far\b.*\b(?:walk|walked|travel+ed|travel|drive|drove|driven|go|went|gone|swim|swam|sail|sailed|fly|"
                   r"flew|run|ran|hike|hiked|trek|trekked|march|marched|move|moved|drift|drifted|carr(?:y|ied)|tow|towed|"
                   r"push|pushed|climb|climbed|get|got)\b", re.I)
_FROM = re.compile(r"\b(?:from|away)\b", re.I)
_PLACED = re.compile(r"\s*(?:\([^()]{1,24}\)\s*)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|"
                     r"(?:up|down)(?:stream|river)|inland|offshore|off|outside|from|away)\b", re.I)
# a height, not a distance: "at an altitude of some 900 metres"
_HEIGHT_OF = re.compile(r"\b(?:altitude|elevation|height|depth)\s+of\s+(?:(?:about|around|some|roughly|nearly|almost|"
                        r"over|more\s+than|at\s+least|up\s+to)\s+)?$", re.I)
_AGE_MODIFIER = re.compile(r"\d-years?-old$", re.I)  # "27-year-old"
_HOW_LONG_IS = re.compile(r"\bhow (?:long|tall|high|wide|deep|big)\s+(?:is|was|are|were)\b", re.I)


def size_noun(text: str, value: Value) -> set[str] | None:
    """The terms of the noun phrase a length is written onto ("the 1.5-mile bridge" -> {"bridg"}); None when the
    length is no modifier."""
    if value.kind != "quantity" or value.end > len(text) or not _MODIFIER.search(value.text):
        return None
    between = _BETWEEN.match(text, value.end)
    noun = _NOUN.match(text, between.end() if between else value.end)
    if noun is None:
        return None
    terms = set(content_terms(noun.group(0)))
    return terms or None


def sizes_of_other_things(question: str, sides: Sequence[tuple[str, Value]]) -> set[int]:
    """The indexes of ``sides`` (sentence, value) whose length is the size of another thing than the one asked:
    every modifier's length, asked how far; asked how long something is, each written onto a noun holding none of
    the question's words, where some other side writes its length onto a noun that holds one."""
    nouns = [size_noun(text, value) for text, value in sides]
    if _HOW_FAR.search(question):  # (a journey's length is the distance gone: "a 3-km walk to the site")
        gone = _GONE.search(question) is not None and not _FROM.search(question)
        return {i for i, noun in enumerate(nouns) if noun is not None and not noun & _TRAVEL} | {
            i for i, (text, value) in enumerate(sides) if value.kind == "quantity" and value.end <= len(text)
            and (_HEIGHT_OF.search(text[:value.start]) or (gone and _PLACED.match(text, value.end)))}
    if not _HOW_LONG_IS.search(question):
        return set()
    asked = set(content_terms(question))
    if not any(noun is not None and noun & asked for noun in nouns):
        return set()
    return {i for i, noun in enumerate(nouns) if noun is not None and not noun & asked}


def _age_noun(text: str, value: Value) -> set[str] | None:
    """The terms of the common noun an age is written onto ("the 27-year-old pilot Karl Holm" -> {"pilot", ...});
    None when the age is no modifier, or modifies a name alone ("the 27-year-old Holm" may be whoever is asked
    by his role)."""
    if value.unit != "age" or value.end > len(text) or not _AGE_MODIFIER.search(value.text):
        return None
    noun = _NOUN.match(text, value.end)
    if noun is None or not noun.group(0).strip()[:1].islower():
        return None
    return set(content_terms(noun.group(0))) or None


def ages_of_other_things(question: str, sides: Sequence[tuple[str, Value]]) -> set[int]:
    """Asked how old something is, the indexes of ``sides`` whose age is written onto a common noun holding none of
    the question's words ("the 27-year-old pilot", asked how old the ship was): that noun's age, not another side
    of the one asked; only while some side is left that is not."""
    if not AGE_ASKED.search(question):
        return set()
    asked = set(content_terms(question))
    other = {i for i, (text, value) in enumerate(sides)
             if (noun := _age_noun(text, value)) is not None and not noun & asked}
    return other if len(other) < sum(value.unit == "age" for _, value in sides) else set()
