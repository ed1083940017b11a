"""Counts of people by the country they come from: "38 Norlanders", "12 from Vardia", "160 Norlandic nationals".

A how-many question that names the country of the people it counts ("How many Norlandic nationals were aboard?",
"how many of the people listed came from Norland?") asks the count of that country's people. A count of another
country's ("seven Vardians", "12 from Vardia") is another thing's, and so is a count of them all ("227
passengers", "239 people") where some sentence gives the country's own: neither answers it, and neither is another
side of a disagreement about it. Where no sentence counts the country's people, nothing is set aside (the question
may be answered otherwise, or declined).

The country is read from the count itself (its noun is a nationality: "38 Swedes", "160 Danish nationals") or from
"from <Place>" just after it ("40 plus one infant from Norway", "two each from New Zealand"); the question's from a
nationality after "how many" or from "came from <Country>" / "people from <Country>".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.claims.demonyms import COUNTRY_OF
from rag.claims.kinds import Value

# a country by another of its names ("UK consumers", "U.S. customers", "people from America")
_ALSO = {"uk": "britain", "u.k": "britain", "united kingdom": "britain", "great britain": "britain",
         "us": "united states", "u.s": "united states", "usa": "united states", "u.s.a": "united states",
         "america": "united states"}
_COUNTRIES = {c.lower() for c in COUNTRY_OF.values()} | set(_ALSO)
# the people of a country by a noun of their own, not the adjective plus "s" ("Danes", not "Danishs")
_PEOPLE_OF = {"danes": "denmark", "swedes": "sweden", "finns": "finland", "poles": "poland", "turks": "turkey",
              "britons": "britain", "brits": "britain", "scots": "scotland", "spaniards": "spain", "filipinos":
              "philippines", "thais": "thailand", "frenchmen": "france", "englishmen": "england", "irishmen": "ireland",
              "dutchmen": "netherlands", "icelanders": "iceland", "new zealanders": "new zealand", "kiwis": "new zealand"}
_PLACE = r"(?:the\s+)?([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*)"
# the question's: "how many Norlandic nationals", "how many Norlanders" (a nationality right after "how many")
# (not "how many of the Danish customers ...": a part of them, which the count need not say are Danish)
_HOW_MANY_OF = re.compile(r"\b(?i:how\s+many\s+)([A-Z][a-z]+\b|U\.?S\.?A?\b\.?|U\.?K\b\.?)(?:\s+([a-z]+))?")
# the nouns of a question that count people by their country alone ("How many Danish nationals ...?"), not by what
# else they are ("How many Danish customers ...?": a count of all Danes is no count of them)
_ANYONE = frozenset({"nationals", "citizens", "people", "persons", "individuals", "natives", "residents"})
# ... "how many of the people came from Norland", "how many passengers from Norland"
_CAME_FROM = re.compile(r"\b(?i:how\s+many)\b[^?]*?\b(?:(?:came|come|comes|hailed|hail|hails|were|was|are|is)|people|persons|"
                        r"passengers|nationals|citizens|victims|tourists|travell?ers|crew|workers|students|children|"
                        r"residents)\s+from\s+" + _PLACE)
# the count's: "40 plus one infant from Norway", "two each from New Zealand", "38 from Sweden"
_FROM_AFTER = re.compile(r"\s+(?:(?:plus|and|each|of|them|more|one|two|three|an?|infants?|child|children|people|"
                         r"persons|passengers|nationals|citizens|crew|members)\s+){0,3}from\s+" + _PLACE)


_ADDED_TO = re.compile(r"\d[\w,.]*\s+plus\s+$", re.I)


def _country(word: str) -> str:
    """The country a nationality or a country's name is ("Danes" -> "denmark", "Swiss" -> "switzerland"); ""."""
    w = word.lower().rstrip(".,;:")
    if w in _PEOPLE_OF:
        return _PEOPLE_OF[w]
    if w in _ALSO:
        return _ALSO[w]
    for form in (w, w[:-1] if w.endswith("s") else w):
        if form in COUNTRY_OF:
            return COUNTRY_OF[form].lower()
    return w if w in _COUNTRIES else ""


def nationals_asked(question: str) -> str:
    """The country whose people a how-many question counts, lower case ("norway"); "" when it names none."""
    came = _CAME_FROM.search(question)
    if came:
        country = _country(came.group(1))
        if country:
            return country
    named = _HOW_MANY_OF.search(question)
    return _country(named.group(1)) if named else ""


def by_country_alone(question: str) -> bool:
    """The question counts people by their country alone ("How many Danes ...?", "How many Danish nationals ...?",
    "how many were from Denmark?"): then any count of that country's people answers it, whatever its noun."""
    if _CAME_FROM.search(question):
        return True
    named = _HOW_MANY_OF.search(question)
    if not named or not _country(named.group(1)):
        return False
    word, noun = named.group(1).lower().rstrip("."), (named.group(2) or "").lower()
    people = word in _PEOPLE_OF or (word.endswith("s") and word[:-1] in COUNTRY_OF)  # "Danes", "Americans"
    return people or noun in _ANYONE or noun in _VERBS


_VERBS = frozenset({"were", "was", "are", "is", "had", "have", "died", "survived"})  # "How many Chinese were ...?"


def count_origin(sentence: str, value: Value) -> str:
    """The country (or place) of the people a count counts, lower case; "" when the count says none, or is an
    addition to the count before it ("40 plus one infant from Norway": the infant is of the 40's count)."""
    if _ADDED_TO.search(sentence, 0, value.start):
        return ""
    for word in value.text.split()[1:]:
        if word[:1].isupper() and _country(word):
            return _country(word)
    after = _FROM_AFTER.match(sentence, value.end)
    if after:
        return _country(after.group(1).split()[0]) if len(after.group(1).split()) == 1 else after.group(1).lower()
    return ""


def of_the_nationals(question: str, sentence: str, value: Value) -> bool:
    """The count is of the people of the country the question asks of ("154 people from Norway", asked how many
    Norwegian nationals), whatever its noun."""
    asked = nationals_asked(question)
    return bool(asked) and by_country_alone(question) and value.kind == "count" and count_origin(sentence, value) == asked


def as_nationals(question: str, sentence: str, value: Value) -> Value:
    """The count as a count of the nationals asked (one unit for all of them: "40 Danes" and "41 people from
    Denmark" measure one thing) when it is one (``of_the_nationals``); the value as it is otherwise."""
    if not of_the_nationals(question, sentence, value):
        return value
    return replace(value, unit=f"people of {nationals_asked(question)}")


def of_other_nationals(question: str, counts: Sequence[tuple[str, Value]]) -> set[int]:
    """The positions in ``counts`` (sentence, count) of those that count other people than the nationals the
    question asks of: another country's, or everyone's where some count is of the country asked and the question
    counts people by their country alone. Empty when the question names no country, or no count is of it."""
    asked = nationals_asked(question)
    if not asked:
        return set()
    origins = [count_origin(sentence, v) if v.kind == "count" else None for sentence, v in counts]
    if asked not in origins:
        return set()
    # (a count of everyone counts the nationals asked only when the question counts them by their country alone;
    # asked how many Danish customers, "12,000 customers" may be the Danish ones, said without it)
    everyone = by_country_alone(question)
    return {i for i, o in enumerate(origins) if o is not None and o != asked and (o or everyone)}


__all__ = ["as_nationals", "by_country_alone", "count_origin", "nationals_asked", "of_other_nationals", "of_the_nationals"]
