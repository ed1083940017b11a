"""What a relative clause asks of the name asked for: "the diver who died" is not every diver.

"What was the name of the diver who died?" asks for a diver of whom the articles say he died. "British divers John
Volanthen and Rick Stanton found the group alive" names divers, and shares the question's words more than "Retired
Petty Officer First Class Saman Kunan, 38, fell unconscious ...", whose paragraph says he died ("An ex-Thai Navy
SEAL died Friday ..."). The clause's verb is the relation asked: a sentence answering the question says it, or the
prose before it in its passage does (a news paragraph names what happened, then who it happened to).
"""

from __future__ import annotations

from collections.abc import Iterable

from rag.answer.events import _LIGHT, same_event_word
from rag.caches import QUESTION, lru
from rag.claims.extract import model

# The wh-words of a question asking for a name ("who", "which ...", "what was the name of ...").
_ASKING = frozenset({"who", "whom", "which", "what", "whose"})
# Verbs of a relative clause that say nothing of which one: "the company that has ...", "the person who is ...".
_SAYS_NOTHING = _LIGHT | frozenset({"can", "could", "will", "would", "may", "might", "should", "must"})


@lru("question_restricting_verbs", QUESTION)
def restricting_verbs(question: str) -> tuple[str, ...]:
    """The verbs of the relative clauses that restrict what the question asks for ("died" of "the diver who
    died", "owns" of "the company that owns the ship", "charged" of "the first person to be charged"); none for
    a clause on a name the question gives ("Lynas, which ..."), on a light verb, or without the parser."""
    nlp = model()
    if nlp is None:
        return ()
    doc = nlp(question)  # type: ignore[operator]
    if not doc or doc[0].lower_ not in _ASKING:
        return ()
    verbs = []
    for token in doc:
        if token.dep_ != "relcl" or token.pos_ not in ("VERB", "AUX") or token.lower_ in _SAYS_NOTHING:
            continue
        head = token.head
        # (what the clause restricts is a common noun the question asks about; a proper name is already one)
        if head.pos_ != "NOUN":
            continue
        # (a relative pronoun opens the clause: "who", "that", "which"; "the submarine Musk brought" has none and
        # says which submarine by its own words, held anyway)
        # (or it is an infinitive, "the first person to be charged", or says whose: "the resident whose fridge caught
        # fire")
        if not any(c.lower_ in ("who", "that", "which", "whom") or (c.dep_ == "aux" and c.lower_ == "to")
                   or any(g.lower_ == "whose" for g in c.children) for c in token.children):
            continue
        verbs.append(token.lower_)
    return tuple(verbs)


def says_relation(verbs: Iterable[str], terms: Iterable[str]) -> bool:
    """Each verb is some term (a sentence's, or of the prose before it), in any form ("died" / "death")."""
    terms = list(terms)
    return all(any(same_event_word(verb, t) for t in terms) for verb in verbs)


def relation_terms(verbs: Iterable[str], terms: Iterable[str]) -> list[str]:
    """The terms (the question's) that are one of the verbs in some form: what a sentence saying them holds."""
    verbs = list(verbs)
    return [t for t in terms if any(same_event_word(verb, t) for verb in verbs)]
