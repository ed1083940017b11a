"""Questions that ask what something is called, and the sentences that give it a name.

"What nickname did the rescue get?" is answered by "the rescue mission, dubbed "Mission Impossible", begins"; "What
do some people call the struggle over rare earths?" by "in what many now call the War Over the Periodic Table". The
answer is the name given, a quotation, a capitalized phrase or a term after a verb of naming; the question's own word
for it ("nickname", "name", "term") is seldom in the sentence that gives it, so that word asks nothing of the
sentence, and a sentence that gives no name does not answer. No other answer kind covers this: the name given is no
person, organization or place (``rag.claims.kinds.asked`` leaves such a question untyped).
"""

from __future__ import annotations

import re

from rag.answer import quotes
from rag.caches import QUESTION, lru
from rag.claims.demonyms import COUNTRY_OF
from rag.text import content_terms

# "What nickname ...", "What was the operation dubbed?", "What do analysts call the dispute?", "By what name is it
# known?", "What term ...": not "What is the name of the CEO?" (a person: rag.claims.kinds reads that one), nor
# "What title did she win?" (a title won is a competition).
_ASKS = re.compile(
    r"\b(?:nick-?names?|monikers?|sobriquets?|catchphrases?|slogans?|epithets?)\b"
    r"|^\W*(?:what|which)\s+(?:name|term|label|phrase|expression)s?\s+(?!of\b)"
    r"|\bby what name\b"
    r"|^\W*what\s+(?:is|was|are|were|has|had|have)\s+(?:[\w.'\u2019-]+\s+){1,6}?"
    r"(?:been\s+)?(?:called|dubbed|nicknamed|termed|labell?ed|branded|christened|known as)\b"
    r"|^\W*what\s+(?:do|does|did|have|has|had)\s+(?:[\w.'\u2019-]+\s+){1,5}?(?:call|dub|nickname|term|label|brand)\b",
    re.IGNORECASE)

# "What do some people call ...?", "What do many call ...?": what it is called, no speaker's words
_PEOPLE_AT_LARGE = re.compile(r"^\W*what\s+(?:do|does|did)\s+(?:(?:some|many|most|other)\s+)?(?:people|many|some|"
                              r"others|everyone|locals|fans)\s+(?:now\s+|often\s+|sometimes\s+)?call\b", re.IGNORECASE)

# the words of the question that ask for the name, not for what is named: held, they count; missing, they ask
# nothing of the sentence
_ASKING = frozenset(content_terms(
    "nickname nicknames nicknamed name names named moniker sobriquet term termed label labelled labeled brand "
    "branded call called calls dub dubbed known phrase expression catchphrase slogan epithet christened give given "
    "get got"))

_QUOTED = r"[\"\u201c\u2018'][^\"\u201d\u2019]{2,80}[\"\u201d\u2019]"
_TITLED = r"(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|the|over|and|for|in|on|a|an|to)\s+)*[A-Z][\w'\u2019-]*)*"
# a term in lower case ("also called the net force"), not a particle, a preposition or a pronoun ("called back",
# "called for talks", "called it a win")
_TERM = (r"(?:the\s+|a\s+|an\s+)?(?!(?:back|up|off|in|out|on|for|to|into|upon|away|by|at|with|from|it|him|her|them|"
         r"me|us|this|that|these|those|one|what)\b)[a-z][\w-]{2,}")
# a verb of naming and the name after it: "dubbed "Mission Impossible"", "what many now call the War Over the
# Periodic Table", "known as Operation Pied Piper", "the resultant (also called the net force)"; or the noun of one
# ("earned him the nickname "Iron Boot"", "gave the ferry the moniker Old Faithful")
_GIVES = re.compile(
    r"\b(?:dubbed|nicknamed|christened|termed|branded|labell?ed|known\s+as|referred\s+to\s+as|so-called|"
    r"(?:what|which)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:call|calls|called|dub|dubs|term|terms)|"
    r"(?:is|are|was|were|been|being|be|also|often|commonly|usually|generally|sometimes|now|widely)\s+called|"
    r"(?:the|a|his|her|its|their)\s+(?:nick-?name|moniker|sobriquet|epithet)\s+)"
    r"\s*,?\s*(?:" + _QUOTED + "|" + _TITLED + "|" + _TERM + ")")


@lru("designation_asked", QUESTION)  # read by the rerank, the answerer and the keyword side of one request
def asks_designation(question: str) -> bool:
    """The question asks what something is called, by a nickname, a term or a name given to it; not what someone
    called it ("What did Chen call the deal?" asks her words: rag/answer/quotes.py)."""
    return _ASKS.search(question) is not None and (not quotes.asks_what_was_said(question)
                                                   or _PEOPLE_AT_LARGE.match(question) is not None)


def asking_terms(question: str) -> frozenset[str]:
    """The question's terms that ask for the name rather than for what is named ("nickname", "call", "get")."""
    return frozenset(t for t in content_terms(question) if t in _ASKING) if asks_designation(question) else frozenset()


# the keyword side's extra words for such a question: a sentence giving a name says one of these, seldom the
# question's "nickname" (rag/retrieval/retriever.py; the way a dimension asked adds its units)
NAMING_WORDS = ("dubbed", "nicknamed", "christened", "termed", "known", "called")


def naming_words(question: str) -> list[str]:
    """The words a sentence giving the name asked would use, for the keyword search; none for other questions."""
    return list(NAMING_WORDS) if asks_designation(question) else []


def gives_designation(sentence: str) -> bool:
    """The sentence gives something a name: a verb of naming with a quotation, a capitalized phrase or a term after
    it."""
    return _GIVES.search(sentence) is not None


# "What was the name of the tug that led the tow?", "What is the name of the ship's captain?" (a class the answer
# kinds do not type: a person's noun is typed by rag.claims.kinds): its noun
_NAME_OF = re.compile(r"^\W*what\s+(?:is|was|were|are)\s+(?:the\s+)?names?\s+of\s+(?:the|a|an|this|that|its|their|"
                      r"his|her)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*?)(?:s)?(?=\s+(?:that|which|who|whose|in|on|"
                      r"at|of|from|to|for|with|used|involved|built|sent|named)\b|\s*\?|"
                      # (a relative clause with no "that": "the vessel Sweden sent", "the tug Vardex hired")
                      r"\s+(?-i:[A-Z])[\w-]*\s+(?:[a-z]+ed|sent|built|took|gave|made|had|chose|bought|sold|led|ran)\b)",
                      re.IGNORECASE)
_NAME_RUN = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]+(?:\s+(?:of\s+|de\s+|di\s+|van\s+)?[A-Z][\w'\u2019-]+)*")


@lru("name_of_asked", QUESTION)
def name_of(question: str) -> str:
    """The lower-case noun whose name an untyped "What was the name of the <noun> ...?" asks, or ""."""
    m = _NAME_OF.match(question)
    return m.group(1).lower() if m is not None else ""


def names_the(sentence: str, noun: str, question: str) -> bool:
    """The sentence gives a name to a thing of the noun asked: a capitalized name the question does not hold, right
    after the noun ("the tug Blizzard", "a tug named Blizzard") or set beside it ("Blizzard, a tug", "the Blizzard
    tug"). "was towed by tug boats" names none."""
    asked = set(content_terms(question))
    for m in re.finditer(rf"\b{re.escape(noun)}(?:s|es|boats?)?\b", sentence, re.IGNORECASE):
        after = re.match(r"\s+(?:(?:named|called|dubbed|christened|known\s+as|of)\s+)?(?:the\s+)?[\"\u201c\u2018']?",
                         sentence[m.end():])
        name = _NAME_RUN.match(sentence, m.end() + (after.end() if after else 0))
        if name is None:  # (before it: "the Blizzard tug", "Blizzard, a tug")
            name = next((n for n in _NAME_RUN.finditer(sentence[:m.start()])
                         if re.fullmatch(r"\s*(?:,\s*(?:a|an|the)\s+(?:[A-Za-z][\w-]*\s+){0,2})?", sentence[n.end():m.start()])
                         and not all(w.lower() in COUNTRY_OF for w in n.group(0).split())), None)
        if name is not None and not set(content_terms(name.group(0))) <= asked:
            return True
    return False
