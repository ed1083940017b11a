"""A typed follow-up answered by a description.

A follow-up typed by its wh-word as asking for a value (how long: a duration, when: a date, where: a place) is
answered only by a sentence holding a value of that kind about what it asks (rag/answer/extractive.py). In a
conversation the answer is often a description, not a value: "How long is 'long term investing'?" is answered
by what long-term investing is, "When do I have to start saving?" by the rule that says so, "Where to purchase
those?" by how to buy them. So a follow-up of one of those kinds that the typed path declines, in context too,
is judged once more as a description (rag/answer/descriptive.py, ``judge``): a passage window must clear the
descriptive bar for its form (``bar``) and hold the names and years the question gives. Other kinds (who,
which company, how many, what share) keep the typed path alone: a description does not name a person or give
a figure. First turns and single questions are not affected (SQuAD's unanswerable "when"/"where" questions are
single questions: a description near the asked topic would otherwise answer them).

Measured on the MTRAG human subset (README, "Round seven").
"""

from __future__ import annotations

from rag.answer.descriptive import describe
from rag.answer.evidence import Candidate
from rag.answer.extractive import ExtractiveGenerator
from rag.claims.kinds import asked
from rag.conversation.reader import Reading

DESCRIBED_KINDS = frozenset({"duration", "date", "place"})


def described_follow_up(reading: Reading) -> bool:
    """A follow-up whose wh-word types it as asking for a duration, a date or a place."""
    kinds = asked(reading.query)
    return bool(reading.users) and bool(kinds) and kinds[0] in DESCRIBED_KINDS


class DescribedGenerator(ExtractiveGenerator):
    """The extractive answerer judging every question as a description, a passage window at a time."""

    def select(self, question: str, pool: list[Candidate]) -> list[Candidate]:
        return describe(question, pool, self._vectors, self.embedder.embed_query(question), self.settings)
