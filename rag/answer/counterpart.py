"""Whether another place a sentence names is its subject's own, or only the other party it acts on.

"Who is the U.S. president?" must not be answered by "President Xi's remarks reflect a doctrine: China
must tighten ..." (China is the subject of what is said: Xi is China's). But "In response to China's
agreement, the Biden administration implemented tariff rollbacks on Chinese goods" names China only as the
counterpart of what the administration does: the object of a preposition of relation (to, on, with,
against, toward, over), or a possessive or modifier of such an object. There, the sentence's role-holder
is not China's, and it stays a candidate.

Read from spaCy's dependency parse (``rag.claims.extract``'s one model); without the model nothing is a
counterpart (the caller keeps its stricter rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rag.caches import TEXT, lru
from rag.claims.extract import model
from rag.claims.kinds import Value
from rag.claims.parse import prepare

# prepositions that introduce the other party of an action, not where or whose it is ("in", "of", "from")
_RELATION = frozenset({"to", "on", "with", "against", "toward", "towards", "over", "upon"})
_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod", "case"})


def only_counterparts(sentence: str, others: Sequence[Value]) -> bool:
    """Every one of ``others`` (values in ``sentence``) is the object of a preposition of relation, or
    modifies one ("to China's agreement", "on select Chinese goods"). False when any cannot be read so."""
    if model() is None or not others:
        return False
    return _all_counterparts(sentence, tuple((v.start, v.end) for v in others))


@lru("counterpart_parses", TEXT)
def _all_counterparts(sentence: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Cached: a spaCy parse costs milliseconds, and the rerank asks again whenever the sentence is retrieved."""
    nlp = model()
    assert nlp is not None
    doc = nlp(prepare(sentence))
    return all(_counterpart(doc, start, end) for start, end in spans)


def _counterpart(doc: Any, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in _MODIFIERS and token.head is not token:
        token = token.head  # "China's" -> "agreement"
    if token.dep_ != "pobj":
        return False
    return bool(token.head.lower_ in _RELATION)
