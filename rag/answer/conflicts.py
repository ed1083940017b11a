"""Disagreement between sources: claims about what was asked, grouped, compared across articles.

Two articles giving values that do not overlap for the same kind of figure (90 days vs one year) are a
disagreement. When both say what their figure is *of* and that differs (70% of output vs 85-90% of
processing), the figures measure different things: a difference of scope, not a contradiction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.claims import Extracted, extract, kinds_asked
from rag.types import Claim, Conflict

_LABEL = {"share": "share", "duration": "duration", "money": "amount of money"}


@dataclass
class Cited:
    text: str
    citation: int
    doc_id: str


def find_conflicts(question: str, sentences: Sequence[Cited]) -> list[Conflict]:
    kinds = kinds_asked(question)
    if not kinds:
        return []
    about = question.strip().rstrip("?").strip()
    conflicts = []
    for kind in sorted(kinds):
        claims = [(s, c) for s in sentences for c in extract(s.text, {kind})]
        involved: dict[tuple[int, str], tuple[Cited, Extracted]] = {}
        scope_only = True
        for i, (sa, ca) in enumerate(claims):
            for sb, cb in claims[i + 1:]:
                if sa.doc_id == sb.doc_id or _overlap(ca, cb):
                    continue
                involved.setdefault((sa.citation, ca.value), (sa, ca))
                involved.setdefault((sb.citation, cb.value), (sb, cb))
                if not (ca.scope and cb.scope and not _same_scope(ca.scope, cb.scope)):
                    scope_only = False
        if involved:
            conflicts.append(Conflict(
                about=f"{_LABEL[kind]}: {about}", kind="scope" if scope_only else "disagreement",
                claims=[Claim(value=c.value, citation=s.citation, doc_id=s.doc_id, scope=c.scope)
                        for s, c in involved.values()]))
    return conflicts


def _overlap(a: Extracted, b: Extracted) -> bool:
    return a.low <= b.high and b.low <= a.high


def _same_scope(a: str, b: str) -> bool:
    return bool(set(a.split()) & set(b.split()))


def describe(conflict: Conflict) -> str:
    """The sentence the answer ends with, naming each side with its citation."""
    sides = "; ".join(f"[{c.citation}] {c.value}" + (f" of {c.scope}" if c.scope else "") for c in conflict.claims)
    if conflict.kind == "scope":
        return f"These figures measure different things, so they do not contradict each other: {sides}."
    return f"The sources disagree on this: {sides}."
