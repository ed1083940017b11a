"""What a question asks of the world, without what it says about the collection it is asked of.

Readers ask about the articles as well as through them: "How long does the deal last, and do the articles
agree?", "Who is the US president mentioned in the articles?", "According to these sources, ...". Those words
say how to answer (from the articles; show where they disagree: the service always does both), not what:
left in, "articles", "sources" and "agree" are the rarest terms of the question, so every sentence that
answers it seems to miss half of it, and the question is declined. They are read off before the question is
searched and answered; the answer keeps the question as it was asked.

A question may be only about agreement: "Do the articles agree on China's share?", "Is there any disagreement
among the sources about how long the deal lasts?". What it asks of the world is then its object: a question
word's clause asks itself ("How long the deal lasts?"), and a thing asks what it is ("What is China's share?").
"""

from __future__ import annotations

import re

from rag.answer.inventory import listed
from rag.answer.mentions import thing_mentioned
from rag.answer.support_checks import CREDITED_REPORT
from rag.caches import QUESTION, lru

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

_ABOUT = r"(?:on|about|over|regarding|as to|concerning|with regard to)"
# "Do the articles agree on X?", "Are the sources consistent about X?", "Is there any disagreement among the
# reports about X?", "Do the articles give the same figure for X?"
_WHOLE = [
    re.compile(rf"^(?:do|does|did)\s+(?:{_THE}\s+|all\s+)?{_COLLECTION}\s+(?:all\s+|really\s+|actually\s+)?"
               rf"(?:agree|disagree|differ|concur|conflict)\s+{_ABOUT}\s+(?P<object>.+?)\s*[?.!]*$", re.I),
    re.compile(rf"^(?:are|were)\s+(?:{_THE}\s+)?{_COLLECTION}\s+(?:all\s+)?(?:consistent|in agreement|"
               rf"at odds|in conflict|divided)\s+{_ABOUT}\s+(?P<object>.+?)\s*[?.!]*$", re.I),
    re.compile(rf"^(?:is|was)\s+there\s+(?:any\s+|a\s+|some\s+)?(?:dis)?agreement\s+(?:(?:among|between|"
               rf"in|across)\s+(?:{_THE}\s+)?{_COLLECTION}\s+)?{_ABOUT}\s+(?P<object>.+?)\s*[?.!]*$", re.I),
    re.compile(rf"^(?:do|does|did)\s+(?:{_THE}\s+)?{_COLLECTION}\s+(?:all\s+)?(?:give|report|cite|state|use)\s+"
               rf"the same\s+(?:figure|number|date|name|answer|account|value)s?\s+(?:for|on|about|of)\s+"
               rf"(?P<object>.+?)\s*[?.!]*$", re.I),
]
_QUESTION_WORD = re.compile(r"^(?:how|what|who|whom|whose|when|where|which|why)\b", re.I)


def _asked_by_agreement(question: str) -> str | None:
    """What a question only about agreement asks of the world: its object as a question ("Do the articles
    agree on how long the deal lasts?" -> "How long the deal lasts?", "... on China's share?" -> "What is
    China's share?"); None for another question, or one of whether ("agree on whether ..." asks yes or no)."""
    for pattern in _WHOLE:
        match = pattern.match(question.strip())
        if match is None:
            continue
        thing = match.group("object").strip(" ,")
        if re.match(r"(?:whether|if|that)\b", thing, re.I):
            return None
        return (thing if _QUESTION_WORD.match(thing) else f"what is {thing}") + "?"
    return None


@lru("without_collection_talk", QUESTION)
def without_collection_talk(question: str) -> str:
    """The question without its clauses about the collection; the question itself when that would leave
    too little to ask ("What do the articles say?")."""
    if thing_mentioned(question) is not None or listed(question) is not None:
        return question  # "Where is X mentioned in the articles?", "Which companies are named in the articles?"
    asked = _asked_by_agreement(question)
    text = asked or question
    for pattern in _TALK:
        text = pattern.sub("", text)
    # (and the outlet it credits, which an article seldom names in its own text: "..., according to the Lunde Post's
    # update of 4 May?", "How many were hurt in the Lunde Post's first-day story, and ...?")
    # (unless little would be left: "What was said in the Lunde Post's report?" asks of the report)
    framed = re.sub(r"\s+([?,.!])", r"\1", CREDITED_REPORT.sub(" ", text))
    text = framed if len(re.findall(r"[A-Za-z]{3,}", framed)) >= 4 else text
    if text == question:
        return question
    text = re.sub(r"\s{2,}", " ", text).strip(" ,")
    if len(re.findall(r"[A-Za-z]{3,}", text)) < (2 if asked else 3) or re.fullmatch(r"what is (?:that|this|it)\W*", text, re.I):
        return question
    if not text.endswith(("?", ".", "!")) and question.rstrip().endswith("?"):
        text += "?"
    return text[0].upper() + text[1:]
