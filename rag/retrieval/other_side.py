"""A second retrieval for the other side of a possible disagreement, worded the way that side may say it.

An article may name the answer's slot in other words than the question does: "the Biden administration"
answers "Who is the U.S. president?" without the word "president"; "a one-year suspension" answers "How
long will it last?" without "long"; "controlling roughly 70% of global output" answers "What is China's share?"
without "share". The first retrieval, ranked by the question's words, can miss it. For a
question asking for a role-holder or a duration, a second search adds those words (the offices that name
the role, the units of time) and brings in passages the first search did not reach.
"""

from __future__ import annotations

import re

from rag.claims.kinds import ROLE_OF, asked, roles_named
from rag.retrieval.retriever import Retriever
from rag.types import Filters, Passage

_DURATION_WORDS = "days months year"
_SHARE_WORDS = "percent controls accounts holds"
EXTRA = 3  # passages added at most


def slot_words(question: str) -> str:
    """The words the other side may use for what the question asks ("" when there are none to add)."""
    kinds = asked(question)
    if "duration" in kinds:
        return _DURATION_WORDS
    if kinds == ("percentage",):  # a share and nothing else ("How much ... need?" may be a weight or a sum)
        return _SHARE_WORDS
    if "person" in kinds:
        roles = roles_named(re.findall(r"[a-z]+", question.lower()))
        # only offices that name this role alone ("administration", not "government" or "team")
        return " ".join(office for office, held in ROLE_OF.items() if len(held) == 1 and held & roles)
    return ""


def widen(retriever: Retriever, question: str, passages: list[Passage], k: int,
          filters: Filters | None = None) -> list[Passage]:
    """``passages`` plus up to ``EXTRA`` passages not among them, found by the question with its slot words."""
    words = slot_words(question)
    if not words or not passages:
        return passages
    have = {p.chunk_id for p in passages}
    found = [p for p in retriever.search(f"{question} {words}", k, filters) if p.chunk_id not in have]
    return passages + found[:EXTRA]
