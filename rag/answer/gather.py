"""Answers that gather: every holder of the role a question asks about, each from its own sentence and cited.

"Who is the U.S. president?" is answered by any sentence that names someone *in that role*: by title
("President Trump") or by the office that names it ("the Biden administration"). Such a sentence is
rarely worded like the question (it is about a trade deal, and names the president in passing), so its
meaning-and-terms score sits below the typed bar; its typed claim is the evidence instead. Every such
holder in the retrieved passages of articles that hold the question's names is gathered, one sentence per
different holder, so that when articles name different holders the reader sees each, and the conflict
check (``rag.answer.conflicts``) reports them.

A holder named somewhere else ("President Xi" in a sentence about China) never gets here: the evidence
scorer keeps only role-holders whose sentence is about the place asked (``rag.answer.counterpart``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.evidence import Candidate
from rag.claims.kinds import FIGURES, ROLES, Value, role_fits, same
from rag.text import stem

ROLE_MIN_SUPPORT = 0.2  # a sentence naming the role asked with its holder answers down to this score
SECOND_HOLDER_MIN = 0.05  # another holder, once the question is answered, down to this score


def asked_roles(question: str) -> set[str]:
    """The roles a question names ("president", "ceo"), stemmed as ``ROLES`` holds them."""
    return {stem(w) for w in re.findall(r"[a-z]+", question.lower())} & ROLES


def holders(question: str, supported: Sequence[Candidate]) -> list[Candidate]:
    """The supported sentences that name someone in the role the question asks about, best first."""
    roles = asked_roles(question)
    if not roles:
        return []
    return [c for c in supported if _held(c, roles)]


def _held(c: Candidate, roles: set[str]) -> list[Value]:
    return [v for v in c.on_values if v.kind not in FIGURES and v.scope and role_fits(v.scope, roles)]


def other_holders(question: str, found: Sequence[Candidate], chosen: Sequence[Candidate],
                  limit: int) -> list[Candidate]:
    """Sentences naming a holder of the role not yet quoted, the best of each, from articles not yet quoted
    for that holder: the other side when articles name different people for one role."""
    roles = asked_roles(question)
    given = [v for c in chosen for v in _held(c, roles) or c.on_values]
    extra: list[Candidate] = []
    for c in found:
        if len(extra) >= limit:
            break
        if c in chosen or c.score < SECOND_HOLDER_MIN:
            continue
        new = [v for v in _held(c, roles) if not any(same(v, g) for g in given)]
        if new:
            extra.append(c)
            given += new
    return extra
