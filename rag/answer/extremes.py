"""An extreme asked for is said in other words: "the shortest time" is "a minimum term of 10 years".

"What is the shortest time Breivik has to serve under his sentence?" was answered "Breivik was sentenced to 21
years of preventive detention" beside a line that gives both the 21 years and "a minimum term of 10 years". A
question asking for the lowest or the highest of something is answered by a sentence that says which figure is
the lowest or the highest, in any of the words for it.
"""

from __future__ import annotations

import re

# The words of each end ("most" and "least" left out: "most of the compounds", "do they at least say").
_LOW = ("minimum", "minimal", "shortest", "lowest", "smallest", "fewest")
_HIGH = ("maximum", "maximal", "longest", "highest", "largest", "biggest", "greatest")
_WORDS = {w: end for end, words in (("low", _LOW), ("high", _HIGH)) for w in words}
_EXTREME = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)


def asked_extreme(question: str) -> str:
    """Which end the question asks for, "low" or "high" ("the shortest time" -> "low"), or ""."""
    ends = {_WORDS[m.group(1).lower()] for m in _EXTREME.finditer(question)}
    return ends.pop() if len(ends) == 1 else ""


def says_extreme(sentence: str, end: str) -> bool:
    """The sentence says a figure is at that end, in any of its words ("a minimum term", asked the shortest)."""
    return any(_WORDS[m.group(1).lower()] == end for m in _EXTREME.finditer(sentence))


# A superlative ("the youngest", "the earliest", "the best"), not a word that only ends so ("interest", "forest")
_SUPERLATIVE = re.compile(r"\b(?:best|worst|[a-z]{2,}est)\b", re.I)
NOT_SUPERLATIVE = frozenset("""interest test west rest request forest honest guest protest quest chest nest pest contest digest
arrest harvest manifest modest suggest invest conquest priest crest vest zest lest unrest inquest southwest northwest
midwest everest budapest bucharest tempest behest attest detest infest molest wrest pretest retest earnest""".split())


def superlatives(text: str) -> list[re.Match[str]]:
    """The superlatives of the text, in order."""
    return [m for m in _SUPERLATIVE.finditer(text) if m.group(0).lower() not in NOT_SUPERLATIVE]


def asked_superlative(question: str) -> frozenset[str]:
    """The superlatives the question asks by ("Which of the miners was the youngest?" -> {"youngest"})."""
    return frozenset(m.group(0).lower() for m in superlatives(question))


def says_superlative(sentence: str, words: frozenset[str]) -> bool:
    """The sentence says one of the superlatives ("The youngest is 19-year-old Sara Mills")."""
    return bool(words) and any(m.group(0).lower() in words for m in superlatives(sentence))
