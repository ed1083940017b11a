"""Someone described in one sentence and named in the next: the naming sentence answers who it was.

News introduces a person by what happened to them and names them a sentence later, often in the next paragraph:
"An ex-Thai Navy SEAL died Friday while helping in efforts aimed at rescuing a youth soccer team ..." and then
"Retired Petty Officer First Class Saman Kunan, 38, fell unconscious ...". Asked "What was the name of the former
navy SEAL who died during the rescue?", the first sentence holds the question's words and no name; the second
holds the name and none of the question's words. When a sentence about the question opens on an indefinite
description ("An ex-Thai Navy SEAL", "A 32-year-old man") and names no one of the kind asked, and the next
sentence of the same article opens on a name of that kind (after titles only), that next sentence is scored as
the described one is, plus the typed bonus: it names whom the first describes. The next sentence may be in the
chunk after (rag/retrieval/following.py reads it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.claims import kinds as K
from rag.retrieval.following import position_of

if TYPE_CHECKING:
    from rag.answer.evidence import Candidate

# an indefinite description as the sentence's subject, after a dateline at most ("OSLO, Norway — A man ...")
_DESCRIBED = re.compile(r"^\W*(?:[A-Z][\w.,' ]{0,40}\s[\u2014\u2013-]{1,2}\s*)?(?:an?|one)\s+[\w-]", re.I)
OPENING = 60  # the name starts within this many characters of its sentence
TYPED = 0.08  # the bonus a typed answer about what is asked gets (rag/answer/evidence.py)
# the described sentence's score, its missing name's penalty taken: over the typed bar (answer.typed_min_support),
# well about the question
DESCRIBED = 0.40


def position_in_article(c: Candidate) -> tuple[int, int]:
    """Where a sentence is in its article: its chunk's position (the chunk id's middle part), its offset there (a
    quotation with its speaker: its first sentence's); -1 for either where it cannot be found."""
    return position_of(c.passage.chunk_id), c.passage.text.find(c.parts[0] if c.parts else c.text)


def _opens_on_name(c: Candidate) -> list[K.Value]:
    """The answers a sentence opens on: a name of the kind asked, with only capitalized words (titles) before."""
    return [v for v in c.answers if v.kind in K.NAMES and v.start <= OPENING
            and all(w[:1].isupper() or not w[:1].isalpha() for w in c.text[:v.start].split())]


def named_next(pool: Sequence[Candidate], kinds: tuple[str, ...]) -> None:
    """Score each sentence that names whom the sentence before it describes (module docstring) as that one."""
    if not {"person", "organization"} & set(kinds):
        return
    by_article: dict[str, list[tuple[tuple[int, int], Candidate]]] = {}
    for c in pool:
        at = position_in_article(c)
        if at[0] >= 0 and at[1] >= 0 and not c.parts:
            by_article.setdefault(c.passage.doc_id, []).append((at, c))
    for found in by_article.values():
        found.sort(key=lambda item: item[0])
        for (at, described), (after, named) in zip(found, found[1:]):
            if after[0] > at[0] + 1 or described.shape_ok or described.mismatch or described.score < DESCRIBED \
                    or not _DESCRIBED.match(described.text):
                continue
            names = _opens_on_name(named)
            if names and named.score < described.score + TYPED:
                named.score = described.score + TYPED
                named.coverage = max(named.coverage, described.coverage)
                named.on_values, named.on_scope = names, True
