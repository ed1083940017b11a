"""Whether a sentence tells what another named thing did, rather than what the question's subject did.

"When was the Peace of Westphalia established?" is asked of a passage that names the Peace of Westphalia in one
sentence and says in the next "The Confederation of the Rhine was established by Napoleon ... in 1806". The
second sentence has the relation asked (established) and a date, and shares the passage's topic, so meaning and
shared terms score it high; but its subject is another name, and it never names the question's: the date is of
that other thing. A question whose own subject is a name (the name right after its auxiliary: "When was X
founded?", "Where did X die?") is answered only by a sentence that names X somewhere, refers back to it ("It
was founded..."), or whose subject is no name at all ("The treaty was signed...").

A general rule of how questions and sentences name their subjects, not of any one data set.
"""

from __future__ import annotations

import re

from rag.answer.support_checks import ArticleText, names_asked
from rag.caches import QUESTION, lru
from rag.claims.parse import names as parse_names

# The question's subject is the name right after its auxiliary: "When was (the) X founded?", "Where did X die?"
_ASKS_OF_NAME = re.compile(r"^\W*(?:when|where|in (?:what|which) year|what year|how)\s+(?:was|were|is|are|did|"
                           r"does|do|has|have|had)\s+(?:the\s+)?([A-Z][\w'.-]*)", re.IGNORECASE)
# Where a sentence's subject ends: its first finite verb (a passive's auxiliary, a past form, a present one).
_FINITE = re.compile(r"\s(?:is|was|are|were|has|have|had|will|would|can|could|did|does|became|began|won|"
                     r"\w+ed|\w+s)\b")
SUBJECT_WORDS = 10
_CAPITALIZED = re.compile(r"\b[A-Z][\w'-]*")
# A subject or object that refers to something named before the sentence ("Born in Dayton, he was ...",
# "Napoleon established it in 1806") may be what is asked.
_REFERS = re.compile(r"\b(?:it|its|he|she|his|her|him|they|them|their|this|these|those)\b", re.IGNORECASE)


@lru("asked_subjects", QUESTION)
def _asked_subject(question: str) -> tuple[str, ...]:
    """The words of the name the question asks about as its subject, or () when its subject is no name."""
    m = _ASKS_OF_NAME.match(question)
    if m is None or not m.group(1)[0].isupper():
        return ()
    first = m.group(1).strip(".").lower()
    for words in names_asked(question):
        if first in (w.lower() for w in words):
            return tuple(words)
    return ()


def other_subject(question: str, sentence: str) -> str:
    """The other name a sentence has as its subject, when the question asks about a named subject the sentence
    never names; "" otherwise (the sentence names it, refers back to it, or has no name for a subject)."""
    if not _asked_subject(question):
        return ""
    # its names' words ("the treaty powers": none); folded apart from ``article_text``'s cache of whole articles
    held = ArticleText(" ".join(_CAPITALIZED.findall(sentence)))
    if any(held.has_word(w) for words in names_asked(question) for w in words):
        return ""  # it names what is asked ("Nintendo has revealed that Breath of the Wild will release ...")
    verb = _FINITE.search(sentence)
    if verb is None:
        return ""
    head = sentence[:verb.start()]
    if _REFERS.search(head + " " + " ".join(sentence[verb.start():].split()[:5])):
        return ""  # its subject or object refers back ("Born in Dayton, he was", "Napoleon established it")
    if len(head.split()) > SUBJECT_WORDS:
        return ""
    # a name opening the subject, after "The" at most ("The Confederation of the Rhine", "Napoleon")
    for start, _, value in parse_names(head):
        if head[:start].strip().lower() in ("", "the"):
            return value
        break
    return ""
