"""What the asker already states: a question's premise is not its answer.

"What if I want to create encrypted image *since Vulnerability Advisor can not scan it*?" gives a reason the
asker knows ("since ...", "because ...", "given that ...", "now that ...") and asks something else. The
sentence that says the premise again ("Encrypted images aren't scanned by Vulnerability Advisor.") shares the
question's words and meaning and scores best, but tells the asker nothing: a passage whose best sentence says
no more than the premise does not answer, and the names the premise gives need not be in the passage that
does. "since" opens a premise only when a clause with a verb follows ("since its foundation", "since 2007"
date the question); a yes/no question asks about its "because" clause and has no premise
(rag/answer/descriptive.py, ``judge``).

Measured on the MTRAG human subset (README, conversation section, "Round ten").
"""

from __future__ import annotations

import re
from collections.abc import Set

from rag.answer.evidence import _prefix_match
from rag.text import content_terms

_AUX = (r"(?:is|are|was|were|am|be|been|can|cannot|can't|could|couldn't|do|does|doesn't|don't|did|didn't|has|have|"
        r"had|hasn't|haven't|will|won't|would|wouldn't|should|must|may|might|isn't|aren't|wasn't|weren't)")
_PREMISE = re.compile(r"\b(?:because|given that|now that|seeing that|since(?=\s+[^,.;:?!]*?\b" + _AUX + r"\b))\s+"
                      r"([^,.;:?!()]+)", re.I)
MIN_TERMS = 2  # a sentence of one word says too little to be a restatement
# What is left of a negated auxiliary ("aren't" -> "aren"): not a word of what the sentence says.
_FRAGMENTS = frozenset("aren isn wasn weren doesn don didn hasn haven hadn won wouldn couldn shouldn can cannot".split())


def premise_terms(question: str) -> set[str]:
    """The terms of the question's premise clauses; empty when it states none. (A yes/no question asks about
    its "because" clause, "Did it fail because it lost its license?": its caller reads no premise in it.)"""
    return {t for m in _PREMISE.finditer(question.replace("\u2019", "'")) for t in content_terms(m.group(1))}


def asked_part(question: str) -> str:
    """The question without its premise clauses: the names the answer must hold are those of what is asked
    ("What if I want to create encrypted image since Vulnerability Advisor can not scan it?" names nothing the
    answer must be about; the page on encrypting images need not name the scanner)."""
    return _PREMISE.sub(" ", question.replace("\u2019", "'"))


def _same(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))) or _prefix_match(a, {b})


def restates(question: str, premise: Set[str], sentence_terms: Set[str]) -> bool:
    """Whether a sentence of these terms says the premise and no more than the question does: every term of
    the premise is in it, and every term of it is one of the question's ("scanned" ~ "scan")."""
    said = [t for t in sentence_terms if t not in _FRAGMENTS]
    if not premise or len(said) < MIN_TERMS:
        return False
    asked = content_terms(question)
    return all(any(_same(p, t) for t in said) for p in premise) and all(any(_same(t, q) for q in asked) for t in said)
