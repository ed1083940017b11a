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
from rag.claims.kinds import FIGURES, Value, asked_roles, role_fits, same, title_words
from rag.claims.parse import prepare

ROLE_MIN_SUPPORT = 0.2  # a sentence naming the role asked with its holder answers down to this score
SECOND_HOLDER_MIN = 0.05  # another holder, once the question is answered, down to this score


def holders(question: str, supported: Sequence[Candidate]) -> list[Candidate]:
    """The supported sentences that name someone in the role the question asks about, best first."""
    roles = asked_roles(question)
    if not roles:
        return []
    return [c for c in supported if _held(c, roles)]


def _held(c: Candidate, roles: set[str]) -> list[Value]:
    """The names the sentence gives in a role asked: by their scope, or by the office written before them ("harbour
    company spokesman Tor Lunde")."""
    text = prepare(c.text)  # (the values' offsets are the prepared sentence's)
    return [v for v in c.on_values if v.kind not in FIGURES and role_fits(" ".join(title_words(v, text)), roles)]


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


SIDE_WITHIN = 0.75  # another article's answer that does not repeat the question's year or name: this close to the best
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def unanchored_sides(question: str, pool: Sequence[Candidate], chosen: Sequence[Candidate],
                     limit: int) -> list[Candidate]:
    """The other side when a copy of an article changed its answer and its snippet dropped the question's
    year or name ("Egan Bernal won the 106th edition of the Tour de France" for "Who won the 2019 Tour de
    France?"): a sentence of another article holding a value of the kind asked, close in score to the best,
    and naming no other year than the question's (which would make it about another edition; a
    snippet's own date line is not read).

    The evidence scorer asks every answer to be in an article that holds the question's years and names;
    this admits, as a second side only, one whose article is silent on them (not for a role: the question's
    names say whose role it is)."""
    if not chosen or not pool or asked_roles(question):
        return []  # whose role it is rests on the question's names: "President Xi" is no side for the U.S.
    best = chosen[0]
    years = set(_YEAR.findall(question))
    given = [v for c in chosen for v in c.on_values or c.answers]
    docs = {c.passage.doc_id for c in chosen}
    extra: list[Candidate] = []
    for c in pool:
        if len(extra) >= limit or c.score < SIDE_WITHIN * best.score:
            break
        if c in chosen or c.on_scope or not c.shape_ok or c.mismatch or c.passage.doc_id in docs:
            continue
        if set(_YEAR.findall(c.text)) - years:
            continue  # another year: another edition, season or event, not the other side
        new = [v for v in c.answers if not any(same(v, g) for g in given)]
        if new:
            extra.append(c)
            docs.add(c.passage.doc_id)
            given += new
    return extra
