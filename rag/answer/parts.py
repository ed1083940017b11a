"""A question that asks two things, told apart so that each is answered.

"Where did Musk meet Thailand's junta leader, and how long did they talk?" is one sentence and two questions; the
sentence that best answers it as a whole often answers only one of them (the talk's 30 minutes, not the airport).
So is a turn of two questions ("How old was he when he died? Where is he buried?") and a question offering two
readings ("Did China lift its licensing requirements, or is its licensing system still operating?"). Each part is
read as a question of its own, its references to the part before resolved as a follow-up's are
(``rag.conversation.resolve``: "they" -> "Musk"), and answered over the same passages; the answer quotes what the
whole question's reading found, then what a part found that it left out (``rag.answer.extractive``).

A part is a clause of its own: it opens with a question word or an auxiliary and has a verb. "Where and when did the
talks take place?" and "What level of investment, and how many years, does it take ...?" are one question each.
"""

from __future__ import annotations

import re

from rag.caches import QUESTION, lru
from rag.conversation.entities import parse
from rag.conversation.resolve import garbled, resolve, salient

_OPENS = (r"(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|has|have|had|can|could|"
          r"will|would|should|isn't|aren't|wasn't|didn't|doesn't|don't|hasn't|haven't)\b")
# where a second question starts: after a question mark, or after ", and" / ", or" / " and" before a question word
# ("..., and how long did they talk?"; "... or is it still operating?": an auxiliary only after a comma)
_BREAK = re.compile(r"(?<=\?)\s+(?=" + _OPENS + r")"
                    r"|,\s*(?:and|or|but)\s+(?:then\s+|also\s+)?(?=" + _OPENS + r")"
                    r"|\s+and\s+(?=(?:who|whom|whose|what|which|when|where|why|how)\b)", re.I)
MAX_PARTS = 3
_BETWEEN = re.compile(r"\bbetween\b(?!.*\band\b)", re.I)  # "the difference between A and how it works": one question


@lru("question_parts", QUESTION)
def parts(question: str) -> tuple[str, ...]:
    """The questions the question asks, each standalone; the question alone when it asks one thing."""
    text = " ".join(question.split())
    pieces = [p.strip(" ,;") for p in _BREAK.split(text) if p.strip(" ,;?")]
    if not 2 <= len(pieces) <= MAX_PARTS or not all(_a_clause(p) for p in pieces) or _BETWEEN.search(pieces[0]):
        return (question,)
    out: list[str] = []
    for piece in pieces:
        asked = _as_question(piece)
        if out:  # "how long did they talk?" after "Where did Musk meet Thailand's junta leader?"
            resolution = resolve(asked, salient(out, [""] * len(out)), out)
            inserted = [new for _, new in resolution.resolved]
            replaced = [old for old, _ in resolution.resolved]
            if resolution.resolved and garbled(asked, resolution.text, inserted, replaced) is None:
                asked = resolution.text
        out.append(asked)
    return tuple(out)


def _as_question(piece: str) -> str:
    piece = piece.strip().rstrip(" ?.!,")
    return piece[:1].upper() + piece[1:] + "?"


def _a_clause(piece: str) -> bool:
    """It opens as a question and has a verb of its own ("how long did they talk": yes; "Where": no)."""
    if not re.match(_OPENS, piece.strip(), re.I):
        return False
    doc = parse(piece)
    if doc is None:  # no parser: a question word and at least three more words
        return len(piece.split()) >= 4
    return any(t.pos_ in ("VERB", "AUX") and t.i > 0 for t in doc)
