"""A question for things of a kind no type covers ("Which tools might the US ease restrictions on?", "Which sectors
were affected?") asks for the members of the class its noun names. A sentence that names one, the noun with a word
of its own before it ("advanced chip design tools", "the defense, electronics, and renewable energy sectors"), has
an answer of the kind asked, where one that only shares the question's words has not: it is scored up by
``NAMED`` before the untyped bar (rag/answer/extractive.py).
"""

from __future__ import annotations

import functools
import re

from rag.text import STOPWORDS, content_terms, stem

NAMED = 0.05  # added to a sentence naming a thing of the kind asked
# "Which tools might ...", "What sectors were ...", "Which two sectors ...": the noun just before the verb
_WHICH_NOUN = re.compile(r"^\s*(?:which|what)\s+(?:(?:[a-z][\w-]*)\s+){0,2}?([a-z][\w-]{2,})\s+(?:are|is|were|was|do|"
                         r"does|did|might|may|could|can|will|would|should|have|has|had)\b", re.I)
_NOT_KINDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts", "one", "ones", "way", "ways", "thing",
                        "things", "part", "parts", "else"})


@functools.lru_cache(maxsize=1024)
def asked_noun(question: str) -> str:
    """The stem of the class noun a which-question asks for ("tool"), or "" when it names none."""
    match = _WHICH_NOUN.match(question)
    if match is None or re.search(r"\b(?:kinds?|types?|sorts?)\s+of\b", match.group(0), re.I):
        return ""  # "What kind of deal is it?": a description, not a member of a class
    noun = match.group(1).lower()
    if noun in _NOT_KINDS or noun in STOPWORDS:
        return ""
    return stem(noun)


def names_one(sentence: str, noun: str, question: str) -> bool:
    """The sentence holds the noun asked with a word before it that the question does not hold."""
    asked = set(content_terms(question))
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", sentence)]
    return any(stem(word) == noun and before not in STOPWORDS and not asked & set(content_terms(before))
               for before, word in zip(words, words[1:]))
