"""A question's qualifier: "How can I get a restraining order *without notifying the other person of my
address*?" asks how to do something under a condition, and a passage that never speaks of the condition does
not answer it, however well it answers the rest ("steps that need to be taken to get a restraining order").

The qualifier is the clause after "without", up to the clause's end ("except X" and "other than X" set X
aside: the answer need not speak of it, rag/answer/evidence.py, ``anchors_of``). Its words that the rest of the
question does not say are what it adds, each weighed as the answerer weighs a question's words (the rarer among
the retrieved sentences, the heavier); the passage that answers must hold at least half of that weight
("address", not only "person"). A passage that speaks of the condition may still say it cannot be met: that is
an answer.

Measured on the MTRAG human subset (README, conversation section, "Round ten").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.answer.evidence import _prefix_match
from rag.text import content_terms

SHARE = 0.5  # of the qualifier's weight a passage must hold
_QUALIFIER = re.compile(r"\bwithout\s+([^,.;:?!()]+)", re.I)


def qualifier_terms(question: str) -> list[str]:
    """The terms the question's qualifier clauses add to the rest of it; empty when it has none."""
    clauses = [m.group(1) for m in _QUALIFIER.finditer(question)]
    if not clauses:
        return []
    rest = set(content_terms(_QUALIFIER.sub(" ", question)))
    return [t for t in dict.fromkeys(content_terms(" ".join(clauses))) if t not in rest]


def wanted(question: str, weights: Mapping[str, float]) -> dict[str, float]:
    """The qualifier's terms with their weights (rarer among the retrieved sentences, heavier); empty when the
    question has no qualifier."""
    return {t: weights[t] for t in qualifier_terms(question) if t in weights}


def speaks_of(qualifier: Mapping[str, float], held: set[str]) -> bool:
    """Whether a passage holding the terms ``held`` speaks of the qualifier: it holds at least ``SHARE`` of the
    qualifier's weight."""
    total = sum(qualifier.values())
    return not total or sum(w for t, w in qualifier.items() if _prefix_match(t, held)) >= SHARE * total
