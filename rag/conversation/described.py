"""A typed follow-up answered by a description.

A follow-up typed by its wh-word as asking for a value (how long: a duration, when: a date, where: a place) is
answered only by a sentence holding a value of that kind about what it asks (rag/answer/extractive.py). In a
conversation the answer is often a description, not a value: "How long is 'long term investing'?" is answered
by what long-term investing is, "When do I have to start saving?" by the rule that says so, "Where to purchase
those?" by how to buy them. So a follow-up of one of those kinds that the typed path declines, in context too,
is judged once more as a description (rag/answer/descriptive.py, ``judge``): a passage window must clear the
descriptive bar for its form (``bar``) and hold the names and years the question gives, and the sentences quoted must hold a word of what is asked
beside those names (``describes``). Other kinds (who,
which company, how many, what share) keep the typed path alone: a description does not name a person or give
a figure. First turns and single questions are not affected (SQuAD's unanswerable "when"/"where" questions are
single questions: a description near the asked topic would otherwise answer them).

Measured on the MTRAG human subset (README, "Round seven").
"""

from __future__ import annotations

import re

from rag.answer.descriptive import describe
from rag.answer.evidence import Candidate, _prefix_match, anchors_of
from rag.answer.extractive import ExtractiveGenerator
from rag.claims.kinds import asked
from rag.conversation.reader import Reading
from rag.text import content_terms

DESCRIBED_KINDS = frozenset({"duration", "date", "place"})


# "How old was she when she took the job?" asks an age, a figure: no description gives one; nor does one say how long
# something has been so ("How long had he been in office by then?", "How long ago ...?")
_AGE = re.compile(r"\bhow old\b|\bat what age\b|\bwhat age\b|\bhow long (?:(?:has|had|have)\b[^?]*\bbeen\b|ago\b)",
                  re.I)


def described_follow_up(reading: Reading) -> bool:
    """A follow-up whose wh-word types it as asking for a duration, a date or a place (not an age)."""
    kinds = asked(reading.query)
    return bool(reading.users) and bool(kinds) and kinds[0] in DESCRIBED_KINDS and not _AGE.search(reading.query)


class DescribedGenerator(ExtractiveGenerator):
    """The extractive answerer judging every question as a description, a passage window at a time."""

    def select(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        chosen = describe(question, pool, self._vectors, self.embedder.embed_query(question), self.settings)
        return chosen if chosen and describes(question, chosen) else []


def describes(question: str, quoted: list[Candidate]) -> bool:
    """Whether the quoted sentences hold a word of what the question asks about beside the names it gives: a
    passage that only names the person asked about ("Treasury Secretary Scott Bessent expressed optimism...")
    does not describe where he went to school."""
    names = {t for word in anchors_of(question)[1] for t in content_terms(word)}
    own = [t for t in content_terms(question) if t not in names]
    held = set().union(*(c.terms | c.context for c in quoted))  # not rag/answer/compounds.py: "bessent" + "go"
    return any(_prefix_match(t, held) for t in own)
