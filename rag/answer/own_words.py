"""Asked what someone said or made of something, their own words after the sentence that reports them.

News reports a view in prose and quotes it in the next sentence: "..., Narongsak Osottanakorn said it wouldn't
work." then "“The equipment he gave us is not practical for our mission,” Narongsak said Tuesday morning." The
report shares the question's words and answers best; the quotation holds what was said, in words of its own, and
often opens the next chunk, where nothing in it brings it to the question. When the best sentence names the
speaker asked about and speaks, the sentence after it in its article is quoted too when it is a quotation of that
speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import quotes
from rag.answer.evidence import NOT_THE_SPEAKER, Candidate
from rag.answer.named_next import position_in_article
from rag.text import content_terms


def _next(best: Candidate, pool: Sequence[Candidate]) -> Candidate | None:
    """The candidate that follows ``best`` in its article: the next in its chunk, else the first of the next chunk
    (a sentence the chunks' overlap repeats is a candidate once, in the chunk that holds it first)."""
    at = position_in_article(best)
    if at[0] < 0 or at[1] < 0:
        return None
    after = [(position_in_article(c), c) for c in pool if c.passage.doc_id == best.passage.doc_id and c is not best]
    later = [(w, c) for w, c in after if w[1] >= 0 and (w[0] == at[0] and w[1] > at[1] or w[0] == at[0] + 1)]
    return min(later, key=lambda item: item[0])[1] if later else None


def own_words(question: str, chosen: Sequence[Candidate], pool: Sequence[Candidate]) -> list[Candidate]:
    """The speaker's quotation after the best chosen sentence that reports them (module docstring), or none."""
    speaker = quotes.short_forms(quotes.speaker_asked(question))
    if not speaker or not chosen:
        return []
    best = chosen[0]
    if best.parts or not speaker & best.terms or not quotes.reports_speech(best.text):
        return []
    following = _next(best, pool)
    if following is None or following in chosen:
        return []
    if quotes.quote_only(following.text) and not following.parts:
        # the reported speaker's words go on, unattributed (not naming the speaker is no mismatch here)
        return [following] if following.mismatch in ("", NOT_THE_SPEAKER) else []
    said = following.parts[-1] if following.parts else following.text
    named = speaker & set(content_terms(" ".join(following.parts or (following.text,))))
    # ('"Those responsible have a name," he said.': the report before it named him)
    named_before = _BY_PRONOUN.search(said) is not None
    return [following] if quotes.attributed(said) and (named or named_before) and not following.mismatch else []


# a quotation attributed by a pronoun: '..., he said.', '..." she added'
_BY_PRONOUN = re.compile(r"[\u201d\"],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|wrote|declared|insisted)\b",
                         re.I)
