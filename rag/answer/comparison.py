"""Comparisons: a question that asks how two or more things differ is answered by a passage that describes
each of them, not by one sentence that names them all.

"Can you tell me the difference among Fixed, Metered, Tiered, and Reserved?" is answered by a passage with a
sentence or two on each pricing model; "How does version 6.15.0 differ from 6.14.0?" by release notes with a
paragraph per version. The best window of such a passage (its best sentence and the neighbours,
rag/answer/descriptive.py) holds one or two of the compared names, so it covers little of the question and
the question is declined although the passage answers it. For a comparison, the question's terms a window
holds are counted over the whole passage the window is taken from (its meaning is still judged on the
window), so the passage that speaks of every compared thing covers the question. The names and years the
question gives must still be in the passage (``judge``).

Measured on the MTRAG human subset (README, conversation section, "Round six").
"""

from __future__ import annotations

import re

_COMPARISON = re.compile(r"\b(?:differences?\b|different\s+(?:between|among|amongst|from)|differ(?:s|ed)?\s+(?:from|between|among)"
                         r"|(?:how|what)\s+(?:does|do|did|is|are)\b.{1,80}\bdiffer\b|compar(?:e|ed|ing|ison)\b"
                         r"|\b(?:vs\.?|versus)\s)", re.I)


def comparison(question: str) -> bool:
    """Whether the question asks how things differ or compare ("difference between A and B", "How does A
    differ from B?", "compare A with B", "A vs B")."""
    return bool(_COMPARISON.search(question))


_FORM = re.compile(r"^(?:differ\w*|compar\w*|among\w*|between|versus|vs|contrast\w*|distinguish\w*)$", re.I)


def compared(weights: dict[str, float]) -> dict[str, float]:
    """A comparison's term weights without the words of its form ("difference", "among", "differ"): the
    passage that compares need not say "difference", and those words, held by no passage, would outweigh
    the names of the things compared."""
    kept = {t: w for t, w in weights.items() if not _FORM.match(t)}
    return kept or weights
