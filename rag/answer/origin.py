"""Where the one asked about is from, when the question says it: "Which Australian company ...".

A sentence may name two companies and tie each to its country ("US-based companies like MP Materials ..., and
Australia's Lynas ..."). Asked for the Australian one, a name the sentence ties to another country is not an
answer; a name it ties to no country may still be one.
"""

from __future__ import annotations

import re

from rag.claims.demonyms import COUNTRY_OF
from rag.claims.kinds import Value
from rag.claims.parse import name_key
from rag.text import UPPER

# "Which Australian company", "What U.S. state", "Which British band": the capitalized word(s) between the
# wh-word and the noun asked for.
_DEMONYM = rf"[{UPPER}][a-z]+(?:an|ese|ish|ch|i)"  # "Australian", "Chinese", "British", "French", "Israeli"
_ASKED = re.compile(rf"\b(?i:which|what)\s+({_DEMONYM}|[{UPPER}]\.?[{UPPER}]\.?)\s+(?=[a-z])")
# A country tied to a name just before it: "Australia's Lynas", "US-based companies like MP Materials",
# "the Canadian miner Neo".
_TIED = re.compile(rf"([{UPPER}][\w.]*(?:\s[{UPPER}][\w.]*)?)(?:-based\b|\s*['\u2019]s\b)|({_DEMONYM})(?=\s[a-z])")
WINDOW = 40  # characters before a name searched for its country, within its clause
# Words for one country that share no stem ("US" and "American", "UK" and "British").
_SAME = {"us": "us", "u.s": "us", "u.s.": "us", "america": "us", "american": "us", "united states": "us",
         "uk": "uk", "u.k": "uk", "u.k.": "uk", "britain": "uk", "british": "uk", "united kingdom": "uk",
         "england": "uk", "english": "uk", "french": "fran", "dutch": "neth", "netherlands": "neth",
         "swiss": "swit", "switzerland": "swit"}
# Capitalized words before a name that are no country ("While", "The").
_NOT_PLACES = frozenset("while the a an and but as when its their his her this that these those after before "
                        "in on at for from by with like including such".split())


def same_country(name: str) -> str:
    """One key for a country's names that share no stem ("US", "U.S.", "United States", "America"), or ""."""
    folded = name.lower().rstrip(".")
    return _SAME.get(folded, _SAME.get(folded + ".", ""))


# a country's people by a noun of their own, not its adjective ("Spaniards" are Spanish, "Danes" Danish)
_NATIONALS = {"spaniard": "spanish", "briton": "british", "brit": "british", "dane": "danish", "swede": "swedish",
              "finn": "finnish", "pole": "polish", "turk": "turkish", "frenchman": "french", "frenchmen": "french",
              "dutchman": "dutch", "dutchmen": "dutch", "englishman": "english", "englishmen": "english",
              "irishman": "irish", "irishmen": "irish", "scot": "scottish", "welshman": "welsh", "welshmen": "welsh"}


def country_key(name: str) -> str:
    """One key for a country however written: "UK", "Britain", "British"; "U.S.", "Americans"; "Canadian";
    "Spaniards"."""
    word = name.strip().rstrip(",")
    word = _NATIONALS.get(word.lower(), _NATIONALS.get(word.lower().removesuffix("s"), word))
    for form in (word, word[:-1] if word.endswith("s") else word):
        key = same_country(form) or name_key(COUNTRY_OF.get(form.lower(), ""))
        if key:
            return same_country(key) or key
    return same_country(name_key(word)) or (name_key(word) if name_key(word) in _COUNTRY_NAMES else "")


_COUNTRY_NAMES = frozenset(name_key(c) for c in COUNTRY_OF.values())


def names_a_country(name: str) -> bool:
    """The name is a country's own ("the United States", "Bangladesh", "UK"), not its adjective or its people."""
    folded = name.lower().removeprefix("the ").rstrip(".")
    if any(form in COUNTRY_OF or form in _NATIONALS or form in _DEMONYMS for form in (folded, folded.removesuffix("s"))):
        return False
    return bool(same_country(folded)) or name_key(name) in _COUNTRY_NAMES


_CAPITALIZED_WORD = re.compile(r"[A-Z][\w.]*")


def countries_in(text: str) -> set[str]:
    """The countries a text names, by ``country_key`` ("How many UK consumers ...?" -> {"uk"})."""
    return {country_key(w) for w in _CAPITALIZED_WORD.findall(text)} - {""}


def of_another_country(value: Value, countries: set[str]) -> bool:
    """A count of another country's people than those ``countries`` ("90,000 U.S. customers", "4,000 Canadians",
    asked how many UK customers)."""
    return bool(countries) and value.kind == "count" and bool(countries_in(value.text) - countries)


_DEMONYMS = frozenset({"american", "british", "english", "french", "dutch", "swiss"})
_CAPITALIZED_WORDS = re.compile(rf"[{UPPER}][\w.]*(?:\s[{UPPER}][\w.]*)?")


def country_said(text: str, word: str) -> bool:
    """The text names the country the adjective ``word`` names by another of its names that shares no stem:
    "American" is said by "US", "U.S." or "the United States" (capitalized, so the "us" of "let us" is none)."""
    key = same_country(word) if word.lower().rstrip(".") in _DEMONYMS else ""
    if not key:
        return False  # (only an adjective: "England" is not held by "British", a part by the whole)
    for m in _CAPITALIZED_WORDS.finditer(text):
        run = m.group(0)
        if same_country(run) == key or any(same_country(w) == key for w in run.split()):
            return True
    return False


def country(word: str) -> str:
    word = word.lower().rstrip(".")
    return _SAME.get(word, _SAME.get(word + ".", word[:4]))


def _place(words: str) -> str:
    """The country in a capitalized run, without the sentence's opening word ("While US" -> "US")."""
    kept = words.split()
    while kept and kept[0].lower() in _NOT_PLACES:
        kept = kept[1:]
    return " ".join(kept)


def asked_origin(question: str) -> str:
    """The country the question asks about by its adjective ("Which Australian company" -> "aust"), or ""."""
    m = _ASKED.search(question)
    return country(m.group(1).strip()) if m else ""


_MEMBER_OF = re.compile(r"\s*(?:including|such as|like|notably|especially|among them|in particular)?\s*", re.I)


def tied_elsewhere(value: Value, sentence: str, origin: str) -> bool:
    """The sentence ties the name to another country than the one asked, in the words just before it."""
    places = _tied_places(value, sentence)
    return bool(places) and all(country(p) != origin for p in places)


def tied_here(value: Value, sentence: str, origin: str) -> bool:
    """The sentence ties the name to the country asked ("US-based companies like MP Materials")."""
    return any(country(p) == origin for p in _tied_places(value, sentence))


def _tied_places(value: Value, sentence: str) -> list[str]:
    clauses = re.split(r"[,;:]|\band\b", sentence[max(0, value.start - 2 * WINDOW):value.start])
    before = clauses[-1][-WINDOW:]  # within its clause: "..., and Australia's Lynas"
    if len(clauses) > 1 and _MEMBER_OF.fullmatch(before):  # "Japanese strategy units, including JOGMEC": the
        before = (clauses[-2] + before)[-2 * WINDOW:]  # class named just before is the name's
    return [p for m in _TIED.finditer(before) if (p := _place(m.group(1) or m.group(2)))]
