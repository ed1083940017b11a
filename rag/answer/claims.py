"""Figures as verification compares them: canonical tokens that match across wordings ("85–90%" =
"85-90 percent", "one year" = "twelve months"). Typed claims (kind, range, scope) live in ``rag.claims``."""

from __future__ import annotations

import re

from rag.text import normalize

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "ninety": 90, "hundred": 100, "a dozen": 12, "a year": 1, "a month": 1, "a decade": 1, "a week": 1,
}
_WORDS = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True)) + r")\b")
_DURATION = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(day|week|month|year|decade)s?\b")
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
