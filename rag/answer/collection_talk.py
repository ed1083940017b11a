"""What a question asks of the world, without what it says about the collection it is asked of.

Readers ask about the articles as well as through them: "How long does the deal last, and do the articles
agree?", "Who is the US president mentioned in the articles?", "According to these sources, ...". Those words
say how to answer (from the articles; show where they disagree: the service always does both), not what:
left in, "articles", "sources" and "agree" are the rarest terms of the question, so every sentence that
answers it seems to miss half of it, and the question is declined. They are read off before the question is
searched and answered; the answer keeps the question as it was asked.
"""

from __future__ import annotations

import functools
import re

# the collection in the plural (and "the article"): "the report", "the source", "the document" in the singular
# are usually one the articles speak of ("According to the report, how many ...?"), so they stay
_COLLECTION = r"(?:articles?|sources|reports|stories|documents|texts|outlets|news coverage)"
_THE = r"(?:the|these|those|this|your|our|all (?:the|these|of the))"
_TALK = [
    # "..., and do the articles agree?", "... and do the reports agree on that?"
    re.compile(rf",?\s*(?:and|but)\s+(?:do|does|did|are|is)\s+(?:{_THE}\s+)?{_COLLECTION}\s+(?:all\s+)?"
               rf"(?:agree|disagree|differ|concur|consistent|in agreement)\b[^?.!]*", re.I),
    # "According to the articles, how long ...", "... does China control, according to these articles?"
    re.compile(rf",?\s*\baccording to\s+{_THE}\s+{_COLLECTION}\b,?", re.I),
    # "Who is the US president mentioned in the articles?" (only at the end: "mentioned in the articles as X"
    # says what X is)
    re.compile(rf"\s+(?:(?:that|who|which) (?:is|are|was|were)\s+)?(?:mentioned|named|cited|discussed|quoted|"
               rf"reported|described|listed|referred to)\s+(?:in|by)\s+{_THE}\s+{_COLLECTION}(?=\s*[?.!]*\s*$)", re.I),
    # "What share does China control in these articles?"
    re.compile(rf",?\s+(?:in|from|across)\s+{_THE}\s+{_COLLECTION}(?=\s*[?.!]*\s*$)", re.I),
]


@functools.lru_cache(maxsize=4096)
def without_collection_talk(question: str) -> str:
    """The question without its clauses about the collection; the question itself when that would leave
    too little to ask ("What do the articles say?")."""
    text = question
    for pattern in _TALK:
        text = pattern.sub("", text)
    if text == question:
        return question
    text = re.sub(r"\s{2,}", " ", text).strip(" ,")
    if len(re.findall(r"[A-Za-z]{3,}", text)) < 3:
        return question
    if not text.endswith(("?", ".", "!")) and question.rstrip().endswith("?"):
        text += "?"
    return text[0].upper() + text[1:]
