"""Who did something, answered by a group rather than a name: "Who is waiting for clear signals?" -> "domestic
producers in the U.S., Australia, and Africa wait for clear signals"; "Who is urging caution?" -> "industry analysts
and geopolitical observers are urging caution".

A who-question is typed as asking for a person or an organization, and the typed path answers it only with a
sentence naming one. News often says who acts by what they are (producers, analysts, skeptics, buyers), and then
the question was declined though a sentence says exactly what it asks. So when the typed path finds no name, a
sentence is the answer when it holds every term of the question and the words just before the first of them,
in the same clause, end on a plural noun for people or bodies (``GROUPS``), with at most a phrase of place
("in the U.S., Australia, and Africa") and an auxiliary between: that noun is the subject of what is asked.
Every term must be there: a question worded like a sentence but for one changed word (SQuAD 2.0's unanswerable
questions are made so) is not answered by it. Such a sentence is also preferred to a typed answer that misses a
term of the question ("Who is quietly positioning themselves for continued supply risk?": "sovereign buyers and
defense agencies quietly position themselves ...", not a sentence about China's "continued dominance").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.evidence import Candidate, _prefix_match
from rag.answer.quotes import speaking_at
from rag.claims.kinds import asked
from rag.text import content_terms

LOOKED_AT = 8  # the best sentences looked at
GROUPS = ("producers|analysts|observers|officials|skeptics|sceptics|critics|investors|buyers|sellers|manufacturers|"
          "makers|automakers|agencies|companies|firms|governments|experts|economists|traders|consumers|workers|"
          "farmers|industries|lawmakers|legislators|regulators|miners|exporters|importers|planners|executives|"
          "leaders|negotiators|diplomats|allies|partners|nations|countries|authorities|customers|users|residents|"
          "citizens|people|scientists|researchers|students|voters|protesters|employees|suppliers|refiners|"
          "processors|banks|lenders|shareholders|owners|developers|operators|utilities|states|cities|"
          "communities|groups|organizations|organisations|militaries|forces|troops|buyers|importers|customers|"
          "businesses|startups|manufacturers|officers|ministers|senators|members|parties|unions|bodies|sectors")
_SUBJECT = re.compile(rf"\b(?:{GROUPS})(?:\s+(?:in|of|from|at|across|around|outside|inside)\s+[^;:]{{1,60}}?)?"
                      r",?\s+(?:(?:have|has|had|are|is|were|was|will|would|could|may|might|must|should|also|now|"
                      r"still|quietly|already|increasingly|reportedly|all|both|themselves|been|being|not|meanwhile|"
                      r"however|though|too|instead|likewise),?\s+){0,4}$", re.I)
_WHO = re.compile(r"^\W*who\b", re.I)
_SAID = re.compile(r"^\W*who\s+(?:has\s+|have\s+|had\s+)?(?:said|says|say|told|tells)\b", re.I)  # asked who said it


def holds_every_term(question: str, candidate: Candidate) -> bool:
    """The sentence holds every term of the who-question (the question word aside)."""
    return all(_prefix_match(t, set(candidate.terms)) for t in content_terms(question) if t != "who")


def group_answer(question: str, pool: Sequence[Candidate]) -> list[Candidate]:
    """The best sentence saying a group does what a who-question asks, as a one-sentence answer; none when no
    sentence holds every term of the question with such a subject."""
    if not _WHO.match(question) or "person" not in asked(question):
        return []
    wanted = [t for t in content_terms(question) if t != "who"]
    if not wanted:
        return []
    said = _SAID.search(question) is not None
    for c in list(pool)[:LOOKED_AT]:
        if c.mismatch or not holds_every_term(question, c):
            continue
        lowered = c.text.lower()
        first = min((m.start() for t in wanted for m in re.finditer(rf"\b{re.escape(t[:6])}", lowered)), default=-1)
        # "Who said that ...?": the group is the subject of the sentence's verb of saying ("Senior administration
        # officials have emphasized that the accord ... should not be interpreted as a broader thaw")
        speaking = speaking_at(c.text) if said else -1
        if 0 < speaking < first:
            first = speaking
        if first > 0 and _SUBJECT.search(c.text[:first]):
            return [c]
    return []
