"""Two near-identical texts that state different facts: a sentence of one, reworded by at most a few words
in the other, with a figure or a name changed ("born in Bristol" / "born in Leeds"). Such a pair is a
disagreement, not a copy: the syndication check and the retriever's near-duplicate check keep both."""

from __future__ import annotations

import re

from rag.claims.parse import name_key, names, prepare
from rag.text import split_sentences

TWIN = 0.6  # sentences sharing this share of their words (Jaccard) are one sentence, reworded
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _facts(sentence: str) -> set[str]:
    text = prepare(sentence)
    found = {"#" + n.replace(",", "") for n in _NUMBER.findall(text)}
    return found | {"@" + name_key(v) for _, _, v in names(text)}


def twins(a: str, b: str) -> bool:
    """Two sentences worded alike but for a few words, that differ in a figure or a name."""
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not wa or not wb or wa == wb or len(wa & wb) / len(wa | wb) < TWIN:
        return False
    return _facts(a) != _facts(b)


def changed_facts(a: str, b: str) -> bool:
    """Some sentence of ``a`` has a twin in ``b`` (same wording but for a few words) that differs from it in
    a figure or a name."""
    theirs = split_sentences(b)
    return any(twins(sentence, other) for sentence in split_sentences(a) for other in theirs)
