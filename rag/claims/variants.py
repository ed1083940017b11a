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
    return found | {"@" + name_key(v) for start, _, v in names(text) if start > 0}


def changed_facts(a: str, b: str) -> bool:
    """Some sentence of ``a`` has a twin in ``b`` (same wording but for a few words) that differs from it in
    a figure or a name."""
    theirs = [(set(_WORD.findall(s.lower())), s) for s in split_sentences(b)]
    for sentence in split_sentences(a):
        words = set(_WORD.findall(sentence.lower()))
        if not words:
            continue
        for other_words, other in theirs:
            if other_words == words or len(words & other_words) / len(words | other_words) < TWIN:
                continue
            if _facts(sentence) != _facts(other):
                return True
    return False
