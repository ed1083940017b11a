"""Where a name stands in its sentence: in the clause's own place for the one who does something (its subject,
the agent of a passive verb, what the subject is said to be), or only beside what is done (an object, or after a
preposition: "brought him back to the base in Chamber 3", "For Saman, he laid the tanks").

A question asking who did something ("Who was in charge of the rescue?", "Which organisation was running the
camp?") is answered by a name of the first sort. A name of the second sort in a quoted sentence is no other answer
to it, so it takes no side in a disagreement (rag/answer/conflicts.py). Read from spaCy's dependency parse; without
the model no name is set aside.
"""

from __future__ import annotations

import re

from rag.caches import TEXT, lru
from rag.claims.extract import model
from rag.claims.kinds import Value
from rag.claims.parse import prepare
from rag.conversation.entities import parse

# the question's wh-phrase followed by an auxiliary and its own subject: the wh-word is the object ("Who did
# Thailand thank?", "Which leader did the prime minister write to?"), or the question names someone by a copula
# ("Who is the boss of Boskalis?", "Who was Thailand's prime minister?"): any place in a sentence can answer those
_NOT_SUBJECT = re.compile(
    r"^\W*(?i:(?:and\s+|so\s+|but\s+)?(?:who|whom|which|what)\b(?:\s+[\w'\u2019-]+){0,4}?\s+(?:do|does|did|will|"
    r"would|can|could|should|might|must|has|have|had|is|was|are|were|'s)\s+(?:not\s+)?)(?:(?i:the|a|an|his|her|its|"
    r"their|this|that|these|those|he|she|it|they|we|you|i)\b|[A-Z])")
_WH_SUBJECT = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?(?:who|which|what)\b", re.I)

# the links a name's words and asides have to the word whose place in the clause they share
_JOINED = ("compound", "flat", "appos", "conj", "nmod", "amod", "poss", "cc")
# places beside what is done: objects, and the object of a preposition (not "by" after a passive verb, its agent)
_BESIDE = ("dobj", "pobj", "dative", "pcomp", "npadvmod", "iobj")


_SAYING = frozenset("said says say told tells added adds stated states explained explains noted notes wrote writes "
                    "recalled recalls insisted insists warned warns".split())


def asks_subject(question: str) -> bool:
    """The question asks who (which body) does what it says: "Who led ...?", "Which group worked out ...?"."""
    return bool(_WH_SUBJECT.match(question)) and not _NOT_SUBJECT.match(question) and not re.search(
        r"\bwhom\b", question, re.I)


def beside_the_act(value: Value, sentence: str) -> bool:
    """The name stands beside what its sentence says is done (an object, after a preposition), not as the one
    doing it. ``value`` indexes ``prepare(sentence)``, as every claim does."""
    return model() is not None and _beside(prepare(sentence), value.start, value.end)


@lru("name_places", TEXT)
def _beside(text: str, start: int, end: int) -> bool:
    doc = parse(text)  # (the process's one cache of parses, shared with the conversation's reader)
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return False
    token = span.root
    for _ in range(8):  # a name's own words, its apposition and its list: the place of the word they hang from
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
            token = token.head.head  # "the governor of Chiang Rai state, Narongsak" (the parser hangs the name on
            continue                 # "state"): a noun's "of" is part of its phrase, which stands where the noun does
        if token.dep_ not in _JOINED or token.head is token:
            break
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return False  # "organised by the AUF", "headed by Alexandra Bech Gjørv"
    if token.dep_ == "nsubj" and token.head.lower_ in _SAYING and any(
            t.dep_ == "ccomp" or t.text in ("\"", "'") for t in token.head.lefts) and not any(
            t.dep_ == "appos" for t in span.root.children):
        # "'... so he brought him back to the base,' Apakorn said": who says it, not who did it (unless the
        # sentence says who the speaker is: "'We pulled it off!' said Peter Berdowski, CEO of Boskalis")
        return True
    return str(token.dep_) in _BESIDE
