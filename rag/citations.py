"""Citation markers: composing cited answer text and parsing ``[n]`` markers back out."""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d{1,3})\]")
_END = re.compile(r"([.!?;:]+[\"'\u201d\u2019)]*)$")


def cite(sentence: str, numbers: int | list[int]) -> str:
    """Put the markers before the sentence's closing punctuation: 'It rose [1][2].'"""
    sentence = sentence.strip()
    marks = "".join(f"[{n}]" for n in ([numbers] if isinstance(numbers, int) else numbers))
    match = _END.search(sentence)
    if match:
        return f"{sentence[:match.start()].rstrip()} {marks}{match.group(1)}"
    return f"{sentence} {marks}."


def markers(text: str) -> list[int]:
    """The citation numbers used in a text, in order of first use."""
    return list(dict.fromkeys(int(m) for m in MARKER.findall(text)))
