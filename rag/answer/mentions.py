"""Questions about where something is mentioned: "Which articles mention Lynas?", "Which article discusses the
WTO?", "Where is Mountain Pass mentioned?".

Such a question asks for articles, not for a fact about the thing: every article that names it, each cited by a
sentence of its own that does. It is searched by the thing alone (the words "articles" and "mention" would only
pull in passages about articles), with more passages than a question for one fact, and answered by the best
sentence of each article holding every word of the thing; none holding it is a decline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.evidence import Candidate
from rag.caches import QUESTION, lru
from rag.text import content_terms

SEARCHED = 12  # passages searched for a mentions question: one article's passages must not crowd the others out
MOST = 6  # articles quoted at most

_COLLECTION = r"(?:articles?|sources?|reports?|stories|story|documents?|texts?|pieces?|outlets?)"
_MENTION = (r"(?:mention(?:s|ed)?|discuss(?:es|ed)?|talk(?:s|ed)? about|cover(?:s|ed)?|name(?:s|d)?|refer(?:s|red)? to|"
            r"bring(?:s)? up|brought up|quote(?:s|d)?|cite(?:s|d)?|say(?:s)? anything about|said anything about|"
            r"deal(?:s|t)? with|write(?:s)? about|wrote about|"
            # "Which article says one year?": where a figure or a claim is given
            r"say(?:s)?|said|report(?:s|ed)?|state(?:s|d)?|claim(?:s|ed)?)")
_QUESTIONS = [
    # "Which articles mention Lynas?", "What sources discussed the WTO?", "Which of the articles cite CSIS?"
    re.compile(rf"^\s*(?:which|what)\s+(?:of\s+(?:the|these|those)\s+)?{_COLLECTION}\s+(?:also\s+)?{_MENTION}\s+"
               rf"(?P<thing>.+?)\s*[?.!]*$", re.I),
    # "Where is Mountain Pass mentioned?", "In which articles is the WTO discussed?"
    re.compile(rf"^\s*(?:where|in which\s+{_COLLECTION}|in what\s+{_COLLECTION})\s+(?:is|are|was|were)\s+"
               rf"(?P<thing>.+?)\s+{_MENTION}(?:\s+in\s+(?:the|these)\s+{_COLLECTION})?\s*[?.!]*$", re.I),
]


# "Which article reports that ...?", "What source said so?", "Which article cites it?", "In which article is the WTO
# discussed?": the question asks for the article, whatever it asks about ("What reports did he dispute?" does not)
_WHICH_ARTICLE = re.compile(r"^\s*(?:and\s+|so\s+)?(?:(?:which|what)\s+(?:of\s+(?:the|these|those)\s+)?(?:articles?|"
                            r"sources?|reports?|stories|story|pieces?|papers?)\s+(?:also\s+)?(?:says?|said|reports?|"
                            r"reported|mentions?|mentioned|states?|stated|claims?|claimed|cites?|cited|covers?|covered|"
                            r"discuss(?:es|ed)?|names?|named|quotes?|quoted|gives?|gave)\b|in\s+(?:which|what)\s+"
                            r"(?:articles?|stories|story|pieces?|papers?|reports?)\b)", re.I)


def asks_which_article(question: str) -> bool:
    """The question asks which article says or names something."""
    return _WHICH_ARTICLE.match(question) is not None


def article_lead(question: str, citations: Sequence[tuple[int, str, str]]) -> str:
    """For a question asking which article says something, the lead naming each cited article that has a title
    by it, with its citation: 'Reported in "U.S. Secures 90-Day Resumption ..." [1].'; "" for any other
    question or when no cited article has a title. ``citations`` are (number, doc_id, title), in the answer's
    order."""
    if not asks_which_article(question):
        return ""
    seen: dict[str, str] = {}
    for number, doc, title in citations:
        if title.strip() and title != doc:
            seen.setdefault(doc, f"\u201c{title.strip()}\u201d [{number}]")
    named = list(seen.values())
    if not named:
        return ""
    joined = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Reported in {joined}."


@lru("things_mentioned", QUESTION)
def thing_mentioned(question: str) -> str | None:
    """What a question asking which articles mention something asks about ("Lynas"), or None for another
    question."""
    for pattern in _QUESTIONS:
        match = pattern.match(question)
        if match is not None:
            thing = match.group("thing").strip(" ,\"'\u201c\u201d")
            if re.match(r"that\s", thing, re.I):
                return None  # "Which articles say that the deal lasts 90 days?": a claim to find, not a thing named
            return thing if content_terms(thing) else None
    return None


def mentioning(thing: str, pool: Sequence[Candidate]) -> list[Candidate]:
    """The best sentence of each article that holds every word of ``thing`` (the pool comes best first), in the
    pool's order; at most ``MOST``."""
    words = set(content_terms(thing))
    chosen: list[Candidate] = []
    docs: set[str] = set()
    for sentence in pool:
        if sentence.passage.doc_id in docs or not words <= sentence.terms:
            continue
        chosen.append(sentence)
        docs.add(sentence.passage.doc_id)
        if len(chosen) >= MOST:
            break
    return chosen
