"""The roots a question's term is matched by in a sentence: news says one thing in several words.

A light stem (rag/text.py ``stem``) keeps a verb and its noun apart when the noun is not the verb plus a suffix:
"colliding" stems to "collid", "collision" to "collision". And a reporter writes "the vessel" where the reader asks
about "the ship", "a 27-day journey" where the question says "trip". ``roots`` gives every root a term is held by:
its own (without a final "-ion": "located" and "location" are both "locat"), the verb of a "-sion" noun
("collision" -> "collid", "explosion" -> "explod"), and the head word of a group of words news uses for one another.
The groups are plain synonyms, each member usable wherever another is in a question about an event, not words that
are sometimes alike ("fire" the flames is not "fired" the dismissal, so the group of fire is left out).
"""

from __future__ import annotations

import functools

from rag.text import stem

# words reporters use for one another, each group's first word standing for the group
_SYNONYMS = (
    "trip journey voyage",
    "ship vessel",
    "company firm",
    "investigation probe inquiry",
    "explosion blast",
    "car automobile",
    "plane aircraft airplane airliner",
    "child kid",
    "begin start",
    "buy purchase",
    "help assist",
    "injury injure hurt",
    "death fatality",
    "country nation",
    "doctor physician",
    "lawmaker legislator",
    "film movie",
    "gunman shooter",
    "outage blackout",
    "house home dwelling residence",
    "unload offload remove",
)


def _own_root(term: str) -> str:
    """A stem without a final "-ion": the light stemmer takes "-ed" off verbs ("located" -> "locat") but leaves
    their nouns whole ("location"), and a root of five letters is too short for the six-letter heads."""
    return term[:-3] if len(term) >= 7 and term.endswith("ion") else term


def _verb_of_sion(root: str) -> str:
    """The verb a "-sion" noun is made from, where it ends in "-de": "collis" (of "collision") -> "collid", "explos"
    -> "explod", "decis" -> "decid"; "" for another root ("confus" of "confusion" is "confused" already)."""
    if len(root) >= 5 and root.endswith("s") and root[-2] in "aeiou" and root[-3] not in "aeiou":
        return root[:-1] + "d"
    return ""


_GROUP_OF = {_own_root(stem(word)): group.split()[0] for group in _SYNONYMS for word in group.split()}


@functools.lru_cache(maxsize=65536)
def roots(term: str) -> tuple[str, ...]:
    """Every root ``term`` (a light stem) is held by: its own, a "-sion" noun's verb, its synonym group's head."""
    own = _own_root(term)
    found = [own]
    if own != term and (verb := _verb_of_sion(own)):
        found.append(verb)
    group = _GROUP_OF.get(own)
    if group and group not in found:
        found.append(group)
    return tuple(found)
