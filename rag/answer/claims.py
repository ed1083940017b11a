"""Figures in text, compared across wordings ("85–90%" = "85-90 percent", "one year" = "twelve months"),
and the claims a sentence makes about what was asked: a share, a duration, an amount of money."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.text import STOPWORDS, normalize

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "ninety": 90, "hundred": 100, "a dozen": 12, "a year": 1, "a month": 1, "a decade": 1, "a week": 1,
}
_WORDS = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True)) + r")\b")
_DURATION = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(day|week|month|year|decade)s?\b")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?%")
_MONEY = re.compile(r"\$\s?(\d+(?:\.\d+)?)\s*(million|billion|trillion|m|bn)?\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
_UNIT_MONTHS = {"year": 12, "decade": 120, "month": 1}
_UNIT_DAYS = {"week": 7, "day": 1}


def numeric_form(text: str) -> str:
    """Normalized text with number words as digits: "one-year" -> "1-year", "a dozen" -> "12"."""
    def digits(match: re.Match[str]) -> str:
        words = match.group(1)
        unit = words[1:] if words.startswith("a ") and words != "a dozen" else ""  # "a year" -> "1 year"
        return str(_WORD_NUMBERS[words]) + unit

    return _WORDS.sub(digits, normalize(text))


def _duration(value: str, unit: str) -> str:
    number = float(value)
    if unit in _UNIT_MONTHS:
        return f"dur:{number * _UNIT_MONTHS[unit]:g}mo"
    return f"dur:{number * _UNIT_DAYS[unit]:g}d"


def figures(text: str) -> set[str]:
    """Canonical figures of a text: durations (in months or days), other numbers, month names."""
    form = numeric_form(text)
    found = {_duration(m.group(1), m.group(2)) for m in _DURATION.finditer(form)}
    rest = _DURATION.sub(" ", form)
    found |= {"num:" + f"{float(n):g}" for n in _NUMBER.findall(rest.replace(",", ""))}
    found |= {"month:" + m for m in _MONTHS.findall(rest)}
    return found


@dataclass(frozen=True)
class Extracted:
    kind: str      # "share", "duration", "money"
    value: str     # as a reader would write it: "85-90%", "90 days", "$510 million"
    low: float     # comparable value range (percent, days, dollars)
    high: float
    scope: str | None


def _scope(form: str, end: int) -> str | None:
    """The words after "of" following a figure: "70% of global output" -> "global output"."""
    match = re.match(r"\s+of\s+((?:the\s+)?[a-z][a-z\- ]{2,60})", form[end:])
    if not match:
        return None
    words = [w for w in re.split(r"[\s]+", match.group(1)) if w and w not in STOPWORDS][:3]
    return " ".join(words) or None


def extract(text: str, kinds: set[str]) -> list[Extracted]:
    form = numeric_form(text)
    out: list[Extracted] = []
    if "share" in kinds:
        for m in _PERCENT.finditer(form):
            low, high = float(m.group(1)), float(m.group(2) or m.group(1))
            out.append(Extracted("share", m.group(0), low, high, _scope(form, m.end())))
    if "duration" in kinds:
        for m in _DURATION.finditer(form):
            n, unit = float(m.group(1)), m.group(2)
            days = n * (365 if unit == "year" else 3650 if unit == "decade" else 30.4 if unit == "month" else _UNIT_DAYS[unit])
            out.append(Extracted("duration", f"{m.group(1)} {unit}{'s' if n != 1 else ''}", days, days, None))
    if "money" in kinds:
        scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
        for m in _MONEY.finditer(form):
            amount = float(m.group(1)) * scale.get(m.group(2) or "", 1)
            out.append(Extracted("money", m.group(0).replace("$ ", "$"), amount, amount, _scope(form, m.end())))
    return out


_ASKS = [
    (re.compile(r"^\s*how long\b|\bhow many (?:days|weeks|months|years)\b|\bduration\b", re.I), {"duration"}),
    (re.compile(r"\b(?:share|percent(?:age)?|proportion|fraction|portion|what %|how much of)\b", re.I), {"share"}),
    (re.compile(r"\b(?:cost|price|worth|spend|spent|budget|invest(?:ment)?|funding|how much money)\b", re.I), {"money"}),
]


def kinds_asked(question: str) -> set[str]:
    """Which kinds of figure the question asks for (empty: not a figure question)."""
    kinds: set[str] = set()
    for pattern, found in _ASKS:
        if pattern.search(question):
            kinds |= found
    return kinds
