"""A government's seat stands for its country: "Beijing has agreed ..." is China agreeing, "Washington has offered
..." the United States offering. News writes the seat where a question names the country, and the reverse.

``aliases(text)`` gives the stemmed terms a text names that way: the country's for each seat it names as a
government (alone, not inside a longer name: "Washington Post", "George Washington", "University of Washington",
"Washington state" are no government), and the seat's for each country it names. ``names(text, word)`` says whether
the text names the country (or seat) ``word`` either way.
"""

from __future__ import annotations

import re

from rag.caches import TEXT, lru
from rag.text import STOPWORDS, content_terms

# seat -> its country's names (not the adjective: "Japanese agency" is no "agency in Tokyo")
_SEATS: dict[str, tuple[str, ...]] = {
    "Washington": ("US", "U.S.", "USA", "America"),
    "Beijing": ("China",),
    "Moscow": ("Russia",),
    "Kremlin": ("Russia",),
    "Tokyo": ("Japan",),
    "Brussels": ("EU", "European Union"),
    "London": ("UK", "U.K.", "Britain"),
    "Paris": ("France",),
    "Berlin": ("Germany",),
    "Ottawa": ("Canada",),
    "Canberra": ("Australia",),
    "Seoul": ("South Korea",),
    "New Delhi": ("India",),
    "Tehran": ("Iran",),
    "Kyiv": ("Ukraine",),
    "Kiev": ("Ukraine",),
    "Taipei": ("Taiwan",),
    "Ankara": ("Turkey",),
    "Riyadh": ("Saudi Arabia",),
    "Brasilia": ("Brazil",),
    "Jakarta": ("Indonesia",),
    "Hanoi": ("Vietnam",),
    "Islamabad": ("Pakistan",),
    "Pretoria": ("South Africa",),
}
_COUNTRY_OF = {seat: frozenset(t for name in names for t in content_terms(name)) for seat, names in _SEATS.items()}
# a seat alone: no capitalized word after it, not "Washington state"; "Washington's", "Beijing has" the government
_SEAT = re.compile(r"\b(" + "|".join(re.escape(s) for s in _SEATS) + r")\b(?!\s+(?:[A-Z]|[Ss]tate\b|[Cc]ounty\b))")
# before it, no part of a longer name ("George Washington", "University of Washington"); "in Paris", "of Paris"
# are the city (a sentence's first word, "While Beijing", is no name)
_BEFORE = re.compile(r"(?:\b([A-Z][\w.'’-]*)|\b(?:in|of|at|near|from))\s+$")
# in a list of other places ("Utah, Oregon, and Washington"): a state or city among others, no government; beside
# another government it is one ("between Washington and Beijing")
_LISTED_BEFORE = re.compile(r"\b([A-Z][\w.'’-]*)\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)$")
_LISTED_AFTER = re.compile(r"^\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)([A-Z][\w.'’-]*)")
_COUNTRY = re.compile(r"\b(" + "|".join(sorted({re.escape(n) for ns in _SEATS.values() for n in ns}, key=len,
                                             reverse=True)) + r")(?![\w.])")
_KNOWN = frozenset(_SEATS) | {n for ns in _SEATS.values() for n in ns}
_SEAT_OF: dict[str, frozenset[str]] = {}
for _seat, _names in _SEATS.items():
    for _name in _names:
        _SEAT_OF[_name] = _SEAT_OF.get(_name, frozenset()) | frozenset(content_terms(_seat))


@lru("seat_aliases", TEXT)
def aliases(text: str) -> frozenset[str]:
    """The stemmed terms the text names by a seat or a country: a seat's country, a country's seat."""
    out: set[str] = set()
    for match in _SEAT.finditer(text):
        before = _BEFORE.search(text[max(0, match.start() - 40):match.start()])
        if before is not None and (before.group(1) is None or before.group(1).lower() not in STOPWORDS):
            continue
        listed = [m.group(1) for m in (_LISTED_BEFORE.search(text[max(0, match.start() - 40):match.start()]),
                                       _LISTED_AFTER.match(text[match.end():match.end() + 40])) if m is not None]
        if any(w not in _KNOWN and w.lower() not in STOPWORDS for w in listed):
            continue
        out |= _COUNTRY_OF[match.group(1)]
    for match in _COUNTRY.finditer(text):
        out |= _SEAT_OF.get(match.group(1), frozenset())
    return frozenset(out)


def names(text: str, word: str) -> bool:
    """The text names the country (or seat) ``word`` of a question by the other: "Beijing" for "China"."""
    return bool(set(content_terms(word)) & aliases(text))


def is_seat(name: str) -> bool:
    """The name is a government's seat ("Beijing", "Washington"): a city, though news writes it for its country."""
    return name in _SEATS
