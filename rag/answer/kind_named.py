"""A question for things of a kind no type covers ("Which tools might the US ease restrictions on?", "Which sectors
were affected?") asks for the members of the class its noun names. A sentence that names one, the noun with a word
of its own before it ("advanced chip design tools", "the defense, electronics, and renewable energy sectors"), has
an answer of the kind asked, where one that only shares the question's words has not: it is scored up by
``NAMED`` before the untyped bar (rag/answer/extractive.py).

A sentence that lists the class's members says so outright, and is scored up by ``LISTED`` instead: the class
noun introducing two or more items ("The suspended materials include rare earth elements, gallium, germanium,
antimony, and graphite", "Rare earth elements—including neodymium, dysprosium, and terbium—are ...", "critical
materials such as neodymium, praseodymium, or dysprosium"). Such a sentence is often worded far from the question
("Which materials were covered by the licensing requirements Beijing agreed to suspend?"), so its score alone
would not clear the bar.

Asked for things of a class in the plural ("Which future diplomatic disputes could bring back chokepoints?"), a
sentence that enumerates three or more things of its own (a series closed by "and"/"or", two items at least
holding none of the question's words) has the shape of the answer, though it names the class otherwise ("Future
diplomatic strains—whether over semiconductors, Taiwan, or global standards-setting—could ..."): it is scored up by
``ENUMERATED``, as a sentence naming one is by ``NAMED``.
"""

from __future__ import annotations

import re

from rag.caches import QUESTION, lru
from rag.text import STOPWORDS, content_terms, stem

NAMED = 0.05  # added to a sentence naming a thing of the kind asked
LISTED = 0.15  # added to a sentence listing members of the class asked
ENUMERATED = 0.05  # added to a sentence enumerating things of its own, asked for things of a class in the plural
# "Which tools might ...", "What sectors were ...", "Which two sectors ...", "Besides X, which materials did they
# cover?", "Which compounds?": the noun just before the verb (or the question's end), after a clause that opens it
_WHICH_NOUN = re.compile(r"^\s*(?:[^,?]{1,60},\s*)?(?:and\s+|so\s+)?(?:(?:do|does|did|can|could)\s+(?:[\w']+\s+){1,4}?"
                         r"(?:say|tell|know|mention|name|list)\s+(?:us\s+|me\s+)?)?(?:which|what)\s+(?:(?:[a-z][\w.'\u2019-]*)\s+){0,4}?"
                         r"([a-z][\w-]{2,})(?:\s+(?:are|is|were|was|do|does|did|might|may|could|can|will|would|should|"
                         r"have|has|had)\b|\s+(?:the|they|it|he|she|we|you|its|their)\s+\w+(?:\s+\w+)?\s+(?:on|upon|for|from|"
                         r"in|to|with|about)?\s*\?\s*$|\s*\?\s*$)", re.I)
# a class noun phrase introducing two or more members: "X such as A, B and C", "X, including A and B",
# "X—including A, B, and C", "X include A, B, and C"
_ITEM = r"[\w\u2019'.&/-]+(?:\s+[\w\u2019'.&/-]+){0,3}"
_MEMBERS = re.compile(r"([A-Za-z][\w-]*)\s*(?:,\s*|\s*[\u2014\u2013(]\s*|\s+)(?:such\s+as|including|like|notably|"
                      r"especially|particularly|e\.g\.,?)\s+(" + _ITEM + r"(?:\s*,\s*" + _ITEM + r")*,?\s+(?:and|or)\s+"
                      + _ITEM + r")|([A-Za-z][\w-]*)\s+(?:include|includes|included)\s+(" + _ITEM + r"(?:\s*,\s*" + _ITEM
                      + r")*,?\s+(?:and|or)\s+" + _ITEM + r")")
_AUXILIARIES = frozenset("is are was were be being been do does did has have had will would can could should may "
                         "might must".split())
_PREPOSITIONS = frozenset("besides except excluding other than outside beyond in of from with for among across within "
                          "at on by under over".split())
_NOT_KINDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts", "one", "ones", "way", "ways", "thing",
                        "things", "part", "parts", "else"})


# kinds in the plural ask for the members of the class ("What kinds of fuel move through the pipeline?"); one kind
# asks for a description ("What kind of deal is it?")
_KINDS_OF = re.compile(r"^\s*(?:and\s+|so\s+)?(?:which|what)\s+(?:kinds|types|sorts)\s+of\s+([a-z][\w-]{2,})\b", re.I)


@lru("asked_nouns", QUESTION)
def asked_noun(question: str) -> str:
    """The stem of the class noun a which-question asks for ("tool"), or "" when it names none."""
    kinds_of = _KINDS_OF.match(question)
    if kinds_of is not None and kinds_of.group(1).lower() not in STOPWORDS:
        return stem(kinds_of.group(1).lower())  # "What kinds of fuel move through it?": gasoline, diesel ...
    match = _WHICH_NOUN.match(question)
    if match is None or re.search(r"\b(?:kinds?|types?|sorts?)\s+of\b", match.group(0), re.I):
        return ""  # "What kind of deal is it?": a description, not a member of a class
    noun = match.group(1).lower()
    asking = re.search(r"\b(?:which|what)\b", match.group(0), re.I)  # always there: the pattern holds it
    gap = re.findall(r"[\w.'\u2019-]+",
                     match.group(0)[asking.end() if asking else 0:match.start(1) - match.start(0)].lower())
    if any(w in _AUXILIARIES for w in gap):
        return ""  # "What is being resumed?": a verb, not a class of things
    # "Which materials besides rare earths are ...": the noun before the first preposition heads the phrase
    cased = re.findall(r"[\w.'\u2019-]+", question[:match.end(1)])
    words = [w.lower() for w in cased]
    wh = max(i for i, w in enumerate(words) if w in ("which", "what"))
    # (not one inside a name: "Which earlier Gulf of Mexico spill ...?" asks a spill)
    at = next((i for i, w in enumerate(words) if i > wh + 1 and w in _PREPOSITIONS
               and not (cased[i - 1][:1].isupper() and i + 1 < len(cased) and cased[i + 1][:1].isupper())), None)
    if at is not None:
        noun = words[at - 1]
    if noun in _NOT_KINDS or noun in STOPWORDS:
        return ""
    return stem(noun)


def members(sentence: str, noun: str = "") -> set[str]:
    """The members the sentence lists of the (stemmed) class noun, lower-cased: "The suspended materials include
    rare earth elements, gallium, ..." for "material"; "Rare earth elements—including neodymium, ..." for
    "element" and for "earth" ("Which rare earths ...?"); of any class when no noun is given."""
    found: set[str] = set()
    for m in _MEMBERS.finditer(sentence):
        head = (m.group(1) or m.group(3)).lower()
        before = sentence[max(0, m.start() - 30):m.start()].lower().split()[-2:]  # the words qualifying it
        if not noun or stem(head) == noun or (noun in map(stem, before) and head not in STOPWORDS):
            items = re.split(r"\s*,\s*|\s+(?:and|or)\s+", m.group(2) or m.group(4))
            found |= {re.sub(r"^(?:and|or)\s+", "", i.strip(" .").lower()) for i in items if i.strip(" .")}
    return found


def lists_members(sentence: str, noun: str) -> bool:
    """The sentence introduces two or more members of the (stemmed) class noun (``members``)."""
    return bool(members(sentence, noun))


# an item of a series: one to eight words ("semiconductors", "one count of felony obstruction of Congress")
_ITEM_WORDS = r"[\w\u2019'.&/-]+(?:\s+[\w\u2019'.&/-]+){0,7}"
_WHOLE_ITEM = re.compile(rf"^{_ITEM_WORDS}$")
_FIRST_ITEM = re.compile(rf"^(?:and|or)\s+({_ITEM_WORDS})")  # the last item, after its "and"/"or", to any other mark
_LAST_WORDS = re.compile(rf"({_ITEM_WORDS})$")  # the first item: the words ending the clause that opens the series
_JOINED = re.compile(r"\s+(?:and|or)\s+")
SERIES_READ = 12  # items read back from a series' last


def _series(sentence: str) -> list[list[str]]:
    """The series of three or more items the sentence holds, each as its items: "A, B, or C" and "A, B and C"
    ("semiconductors, Taiwan, or global standards-setting"; "11 counts of felony manslaughter, one count of
    obstruction of Congress, and violations of the Clean Water Act"). Read part by part between the commas, so a
    sentence of many commas costs one pass."""
    parts = [p.strip() for p in sentence.split(",")]
    found: list[list[str]] = []
    for j in range(1, len(parts)):
        last = _FIRST_ITEM.match(parts[j])
        items: list[str] = []
        if last is not None:  # "..., or C"
            items.append(last.group(1))
        else:  # "..., B and C"
            joined = _JOINED.split(parts[j], maxsplit=1)
            tail = _FIRST_ITEM.match("and " + joined[1]) if len(joined) == 2 else None
            if tail is None or not _WHOLE_ITEM.match(joined[0]):
                continue
            items += [tail.group(1), joined[0]]
        for i in range(j - 1, max(-1, j - SERIES_READ - 1), -1):  # (a table's row of commas: read back so far)
            if _WHOLE_ITEM.match(parts[i]) and i > 0:
                items.append(parts[i])
                continue
            opening = _LAST_WORDS.search(parts[i])  # the first item ends the clause before the series
            if opening is not None:
                items.append(opening.group(1))
            break
        if len(items) >= 3:
            found.append(items[::-1])
    return found


def asks_plural(question: str, noun: str) -> bool:
    """The class noun asked is written in the plural ("Which disputes ...?", not "Which dispute ...?")."""
    return any(stem(w) == noun and w.endswith("s") and not w.endswith("ss") and w != noun
               for w in re.findall(r"[a-z][\w-]*", question.lower()))


def enumerates(sentence: str, question: str) -> bool:
    """The sentence enumerates three or more things (a series closed by "and"/"or") of which at least two hold
    none of the question's words: the shape of an answer to a question asking for several things of a class,
    though the sentence names the class otherwise ("Future diplomatic strains—whether over semiconductors,
    Taiwan, or global standards-setting—could ..." for "Which future diplomatic disputes could ...?")."""
    asked = set(content_terms(question))
    return any(sum(1 for i in items if content_terms(i) and not set(content_terms(i)) & asked) >= 2
               for items in _series(sentence))


def names_one(sentence: str, noun: str, question: str) -> bool:
    """The sentence holds the noun asked with a word before it that the question does not hold."""
    asked = set(content_terms(question))
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", sentence)]
    return any(stem(word) == noun and before not in STOPWORDS and not asked & set(content_terms(before))
               for before, word in zip(words, words[1:]))
