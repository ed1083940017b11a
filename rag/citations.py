"""Citation markers: composing cited answer text and parsing ``[n]`` markers back out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.types import Answer, Citation

if TYPE_CHECKING:
    from rag.answer.evidence import Candidate

MARKER = re.compile(r"\[(\d{1,3})\]")
_END = re.compile(r"([.!?;:]+[\"'\u201d\u2019)]*)$")


def cite(sentence: str, number: int) -> str:
    """Put the marker before the sentence's closing punctuation: 'It rose [1].'"""
    sentence = sentence.strip()
    match = _END.search(sentence)
    if match:
        return f"{sentence[:match.start()].rstrip()} [{number}]{match.group(1)}"
    return f"{sentence} [{number}]."


def compose(question: str, chosen: Sequence[Candidate]) -> Answer:
    citations = []
    parts = []
    for number, candidate in enumerate(chosen, start=1):
        p = candidate.passage
        citations.append(Citation(id=number, doc_id=p.doc_id, title=p.title, chunk_id=p.chunk_id,
                                  text=candidate.text))
        parts.append(cite(candidate.text, number))
    return Answer(question=question, answer=" ".join(parts), grounded=True, citations=citations)


def markers(text: str) -> list[int]:
    """The citation numbers used in a text, in order of first use."""
    return list(dict.fromkeys(int(m) for m in MARKER.findall(text)))
