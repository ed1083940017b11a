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

from rag.answer.parts import pieces
from rag.answer.stance import asked_change
from rag.claims.kinds import ROLE_OF, asked, roles_named
from rag.retrieval.retriever import Retriever
from rag.types import Filters, Passage

_DURATION_WORDS = "days months year"
_SHARE_WORDS = "percent controls accounts holds"
_CHANGE_WORDS = "suspends suspended lifted eased remains in place intact"
EXTRA = 3  # passages added at most


def slot_words(question: str) -> str:
    """The words the other side may use for what the question asks ("" when there are none to add)."""
    kinds = asked(question)
    if not kinds and asked_change(question) is not None:  # "Has the council lifted the ban?": each side's words
        return _CHANGE_WORDS
    if "duration" in kinds:
        return _DURATION_WORDS
    if kinds == ("percentage",):  # a share and nothing else ("How much ... need?" may be a weight or a sum)
        return _SHARE_WORDS
    if "person" in kinds:
        roles = roles_named(re.findall(r"[a-z]+", question.lower()))
        # only offices that name this role alone ("administration", not "government" or "team")
        return " ".join(office for office, held in ROLE_OF.items() if len(held) == 1 and held & roles)
    return ""


_NAME = r"[A-Z][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*)*"


def _qualifiers(question: str, roles: set[str]) -> list[str]:
    """The names that say whose role it is: before the role word ("U.S. president") or after it ("CEO of Tesla")."""
    role = "|".join(re.escape(r) for r in sorted(roles))
    found = re.findall(rf"(?<=\s)({_NAME})\s+(?i:{role})(?:s|['\u2019]s)?\b", question)
    found += re.findall(rf"\b(?i:{role})s?\s+of\s+(?:the\s+)?({_NAME})", question)
    return found


def role_query(question: str) -> str:
    """For a question asking who holds a role: the role, the offices that name it alone and the names that say
    whose role it is ("president administration presidency white house U.S."), or "". The other holder may be
    named in a passage about something else than the question's other words (a sentence on tariff cuts that names "the
    Biden administration" in passing, for "Which U.S. president's administration secured the arrangement?"), which
    a search of the whole question ranks below the topic's passages."""
    if "person" not in asked(question):
        return ""
    roles = roles_named(re.findall(r"[a-z]+", question.lower()))
    if not roles:
        return ""
    offices = [office for office, held in ROLE_OF.items() if len(held) == 1 and held & roles]
    return " ".join([*sorted(roles), *offices, *_qualifiers(question, roles)])


def widen(retriever: Retriever, question: str, passages: list[Passage], k: int,
          filters: Filters | None = None) -> list[Passage]:
    """``passages`` plus up to ``EXTRA`` passages not among them, found by the question with its slot words (for
    a role, by the role's words and the question's names), and up to ``PART_EXTRA`` found by each part of a
    question that asks two things (``by_part``)."""
    passages = by_part(retriever, question, passages, k, filters)
    query = role_query(question)
    words = slot_words(question) if not query else ""
    if not (query or words) or not passages:
        return passages
    have = {p.chunk_id for p in passages}
    found = [p for p in retriever.search(query or f"{question} {words}", k, filters) if p.chunk_id not in have]
    return passages + found[:EXTRA]


PART_EXTRA = 2  # passages a part of a question adds at most
PART = "part"  # the key, in such a passage's ``scores``, that a part's own search found it


def by_part(retriever: Retriever, question: str, passages: list[Passage], k: int,
            filters: Filters | None = None) -> list[Passage]:
    """For a question that asks two things (rag/answer/parts.py), the passages its parts find searched alone,
    added after ``passages`` and marked ``PART``: a search of the whole question ranks by its first part's many
    words, and the passage that answers a short second part ("Which engineer warned of the cracks years before, and
    in which month did he write his report?": the report's date, in another paragraph) may rank below the first
    part's. The extractive answerer reads them only for a part the other passages leave unanswered."""
    said = pieces(question)
    if len(said) < 2 or not passages:
        return passages
    have = {p.chunk_id for p in passages}
    added: list[Passage] = []
    for part in said:
        found = [p for p in retriever.search(part, k, filters) if p.chunk_id not in have][:PART_EXTRA]
        have.update(p.chunk_id for p in found)
        added += [p.model_copy(update={"scores": {**p.scores, PART: 1.0}}) for p in found]
    return passages + added
