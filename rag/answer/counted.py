"""Which count answers a how-many question when a sentence counts the noun asked more than once.

"The explosion killed 8 people and injured at least 209 people": asked "How many people were injured?", both
figures count people, but only the one after the question's own verb counts the injured. Where some sentence
counts the noun after a word of the question, a count after another word ("killed seven people") is the count
of something else. A general rule of how a figure attaches to the word before it, not of any one data set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rag.claims.kinds import Value
from rag.claims.parse import MEMBERSHIP
from rag.text import content_terms, stem


def governing(sentence: str, start: int, names: bool = True) -> set[str]:
    """The content word just before a figure, what it is the object of ("refining over 85%" -> "refin"). With
    ``names`` False, none when that word is a name ("The Vardex, with 312 passengers ...": no verb the count is made
    after, though the question names it)."""
    words = sentence[:start].split()[-2:]
    before = content_terms(" ".join(words))
    if not before:
        return set()
    last = next((w for w in reversed(words) if content_terms(w)), "")
    if not names and last[:1].isupper() and sentence[:start].split()[:1] != [last]:
        return set()
    return {before[-1]}


# the verb said of what is counted, after its noun: "20 people being investigated", "59 people to stand trial",
# "12 workers who were hurt", "just 82 have moved"
_DONE_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:being|been|were|was|are|is|(?:have|has|had)(?:\s+been)?|(?:who|that)\s+"
                         r"(?:were|are|was|is|had been|have been|have|had)|to)\s+"
                         # (past an adverb: "three crates are still missing", "12 were later found")
                         r"(?:(?:still|also|now|yet|already|then|later|since|reportedly|believed\s+to\s+be|[a-z]+ly)\s+)*"
                         r"([a-z]{3,})\b")


def done_after(sentence: str, value: Value) -> set[str]:
    """The verb said of the things counted, after their noun ("20 people being investigated" -> "investig")."""
    match = _DONE_AFTER.match(sentence, value.end)
    found = content_terms(match.group(1)) if match else []
    return {found[0]} if found else set()


def body_counted(sentence: str, value: Value) -> set[str]:
    """The body a membership count sizes: "a ten-person commission" -> "commiss" (the people counted sit on it)."""
    if not _MEMBERSHIP.search(value.text):
        return set()
    after = content_terms(" ".join(sentence[value.end:].split()[:1]))
    return {after[0]} if after else set()


_MEMBERSHIP = re.compile(rf"-{MEMBERSHIP}$", re.IGNORECASE)


# past forms the stemmer leaves alone because they are as often another word ("found" of "founded": rag/text.py), read
# as their verb where a verb is what a count is made after ("crews found 14 crates", asked how many they found)
_PAST_OF = {stem(form): stem(verb) for form, verb in (("found", "find"), ("fed", "feed"), ("dealt", "deal"),
                                                     ("bound", "bind"))}


def of_the_verb_asked(counts: Iterable[tuple[str, Value]], asked: Callable[[str], bool]) -> set[tuple[str, Value]]:
    """Of the (sentence, count) pairs, those counting after another word than the question's (``asked`` tells a
    word of the question), when some pair counts after one of its words, or sizes a body it names ("a ten-person
    commission", asked how many sat on the commission); none otherwise."""
    words = {pair: {_PAST_OF.get(w, w) for w in governing(pair[0], pair[1].start, names=False) | body_counted(*pair)
                    | done_after(*pair) if w.isalpha()} for pair in counts}
    if not any(any(asked(w) for w in found) for found in words.values()):
        return set()
    return {pair for pair, found in words.items() if found and not any(asked(w) for w in found)}


# the words of harm a count of people is made after: a death toll, the injured, the homeless
_HARM = frozenset(h[:5] for h in ("kill", "die", "dead", "death", "injur", "wound", "hurt", "homeless", "victim",
                                   "casualti", "fatal", "toll", "slain", "drown", "murder"))  # (stems, to five letters)


# ... and the nouns that count only the harmed ("304 dead", "12 injured"; not "victims", of whom a question may ask
# anything: "How many of them were children?")
_HARM_NOUNS = frozenset(h[:5] for h in ("dead", "deaths", "injured", "wounded", "fatalities", "casualties"))


_HARM_ASKED = re.compile(r"\b(?:kill|die|died|dies|dying|dead|death|injur|wound|hurt|homeless|victim|casualt|fatal|"
                         r"toll|slain|drown|murder|perish|lost\s+their\s+lives|lose\s+their\s+lives|survivor|surviv|"
                         r"harm|evacuat|displac|missing|rescued|affected)", re.I)


def harm_unasked(question: str, sentence: str, value: Value) -> bool:
    """A count of the harmed ("killed at least 240 people"), asked no harm ("How many people were inside at the
    time?"): a toll of another event, not the number asked."""
    if value.kind != "count" or _HARM_ASKED.search(question):
        return False
    return any(w[:5] in _HARM for w in governing(sentence, value.start)) or (value.unit or "")[:5] in _HARM_NOUNS or bool(
        _TOLL_BEFORE.search(sentence[max(0, value.start - 60):value.start]))  # (or its own noun: "leaving 304 dead")


# a toll's figure after its verb ("the death toll rose to 27", "the toll stood at 30"): a count of the dead
_TOLL_BEFORE = re.compile(r"\btolls?\b(?:\s+(?:has|had|have|was|is|now|then|officially|later))*\s+(?:rose|risen|rises|"
                          r"climbed|climbs|jumped|reached|reaches|hit|hits|stood|stands|increased|fell|dropped|"
                          r"was|is)\s+(?:to|at)?\s*(?:(?:about|around|at least|nearly|almost|some)\s+)?$", re.I)

