"""A length written onto a noun as its modifier is the size of that noun: "the 2-km (1.2-mile) bridge", "the
2.5-km-long Vardex Bridge", "the 300-metre-long cargo ship Rask Star".

Asked how far something was from another, such a size is no distance at all. Asked how long (tall, wide, deep) a
thing is, where some sentence writes its length onto the thing asked ("the 300-metre-long cargo ship Rask Star"), a
length another sentence writes onto another noun is that noun's size: not another side of the one asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.claims.kinds import Value
from rag.text import content_terms

# a length's form as a modifier: a number joined to its unit by a hyphen ("1.5-mile", "984-foot", "90-metre")
_MODIFIER = re.compile(r"\d-(?:miles?|kilomet(?:re|er)s?|km|met(?:re|er)s?|m|f(?:oo|ee)t|ft|yards?|inch(?:es)?)"
                       r"(?:-(?:long|high|tall|wide|deep))?$", re.I)
# what may stand between the length and its noun: "-long", "-high", a conversion in brackets ("(2.4km)")
_BETWEEN = re.compile(r"(?:-(?:long|high|tall|wide|deep|length))?\s*(?:\([^()]{1,24}\)\s*)?", re.I)
_NOUN = re.compile(r"\s*(?:[A-Za-z][\w'\u2019-]*\s*){1,3}")
_HOW_FAR = re.compile(r"\bhow far\b", re.I)
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
    if _HOW_FAR.search(question):
        return {i for i, noun in enumerate(nouns) if noun is not None}
    if not _HOW_LONG_IS.search(question):
        return set()
    asked = set(content_terms(question))
    if not any(noun is not None and noun & asked for noun in nouns):
        return set()
    return {i for i, noun in enumerate(nouns) if noun is not None and not noun & asked}
