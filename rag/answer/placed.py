"""Which place answers a where-question when the sentences place things by different relations.

"The line runs from a depot outside Leeds, and the firm that owns it keeps its offices in York": asked where the line
begins, both towns are places the sentences hold, but only one follows a word of the question's relation. Where
some sentence places something after a word of the relation asked ("begins in", "starting at", "head office in"),
a place after another word ("offices in") is the place of something else. The word just before a place is its
relation, as the word before a count is what it counts (rag/answer/counted.py). A few relations are worded two ways
that share no root ("head office" and "headquarters", "start" and "originate"): each stands for the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rag.claims.kinds import Value
from rag.text import content_terms

# relations of place worded apart (stems, as content_terms gives them)
_SAME_RELATION = (
    frozenset({"headquarter", "head-offic", "bas"}),
    frozenset({"start", "begin", "originat", "from"}),
    frozenset({"finish", "end", "terminat", "to"}),
)
_HEAD_OFFICE = re.compile(r"\bhead[\s-]+offices?\b", re.I)


def relation_terms(question: str, terms: set[str]) -> set[str]:
    """The wordings of the relations of place the question names (its terms in a group of ``_SAME_RELATION``): where
    a thing is based, where a line begins or ends; none for another question (where something happened is said
    after any verb)."""
    found = set(terms) | ({"head-offic"} if _HEAD_OFFICE.search(question) else set())
    return set().union(*(group for group in _SAME_RELATION if found & group))


def of_another_relation(placed: Iterable[tuple[str, Value]], asked: Callable[[str], bool]) -> set[tuple[str, Value]]:
    """Of the (sentence, place) pairs, those placed after a word of another relation than the question's, when
    some pair is placed after one of its words; none otherwise. A place after no word of content ("in York") is
    of no relation and stays."""
    words = {pair: _relation(*pair) for pair in placed}
    if not any(any(asked(w) for w in found) for found in words.values()):
        return set()
    return {pair for pair, found in words.items() if found and not any(asked(w) for w in found)}


def _relation(sentence: str, value: Value) -> set[str]:
    """The content word a place follows within three words, past its preposition and article ("ending at the port
    of ..." -> "end"); none where a comma or a name comes between ("York, England")."""
    words = sentence[:value.start].split()
    if words and words[-1].lower() in ("from", "to"):  # "runs from Leeds to York": the ends of a line
        return {words[-1].lower()}
    tail: list[str] = []
    for word in reversed(words[-3:]):
        if not word.isalpha() or word[:1].isupper():
            break
        tail.insert(0, word)
    terms = content_terms(" ".join(tail))
    return {terms[-1]} if terms else set()


def relation_asked(question: str, focus: set[str]) -> Callable[[str], bool] | None:
    """A test of whether a word is of the relation of place the question asks (by its own words or another wording),
    or None when it names no such relation."""
    terms = relation_terms(question, set(focus) | set(content_terms(question)))
    if not terms:
        return None
    return lambda w: w in terms or any(len(w) >= 5 and len(t) >= 5 and w[:5] == t[:5] for t in terms)
