"""Whether a person the conversation named is a woman or a man, as its own words say, so that "she" is not read as a
man named before her ("Who is the father of the missing worker Lena Brandt?" "Karl Holm [1]." "Where did she
work?": Lena Brandt, not Karl Holm).

The words are the text's, never a guess from a first name: a noun in apposition or before the name ("his
daughter, Lena Brandt", "Karl Holm, her husband"), a title ("Mrs Brandt"), or the noun a who-question asked that
the name answers ("Who is the father of ...?").
"""

from __future__ import annotations

import re

_FEMALE = ("mother|daughter|wife|sister|woman|girl|grandmother|granddaughter|aunt|niece|widow|bride|queen|princess|"
           "actress|businesswoman|chairwoman|spokeswoman|congresswoman|policewoman|mrs|ms|miss|lady|mum|mom|girlfriend")
_MALE = ("father|son|husband|brother|man|boy|grandfather|grandson|uncle|nephew|widower|groom|king|prince|actor|"
         "businessman|chairman|spokesman|congressman|policeman|mr|sir|lord|dad|boyfriend")
_NOUN = rf"(?P<f>{_FEMALE})|(?P<m>{_MALE})"
# the noun right after the name, in apposition ("Karl Holm, 58, her husband", "Lena Brandt, a mother of two")
_AFTER = re.compile(rf"^,?\s+(?:\d{{1,3}},\s+)?(?:(?:a|an|the|his|her|their)\s+)?"
                    rf"(?:(?!(?:whose|who|with|of|and|for|to|by|his|her|their)\b)[\w-]+\s+){{0,2}}?(?:{_NOUN})\b", re.I)
# ... or right before it ("his 25-year-old daughter, Lena Brandt", "Mrs Brandt")
_BEFORE = re.compile(rf"\b(?:{_NOUN})\.?,?\s+$", re.I)
# the noun a who-question asks ("Who is the father of ...?", "Who was Lena's husband?")
_ASKED = re.compile(rf"^\W*who\s+(?:is|was|are|were)\s+(?:the\s+|[\w'\u2019-]+['\u2019]s\s+)?(?:{_NOUN})\b", re.I)
SHE = frozenset({"she", "her", "hers", "herself"})
HE = frozenset({"he", "him", "his", "himself"})


def _of(match: re.Match[str] | None) -> str:
    return "" if match is None else "f" if match.group("f") else "m"


def said_of(text: str, start: int, end: int) -> str:
    """"f" or "m" as the words beside the name at ``text[start:end]`` say, else ""."""
    return _of(_AFTER.match(text, end)) or _of(_BEFORE.search(text[max(0, start - 60):start]))


def asked_of(question: str) -> str:
    """"f" or "m" when the who-question asks a gendered noun ("Who is the father of ...?"), else ""."""
    return _of(_ASKED.match(question))


def of_pronoun(word: str) -> str:
    word = word.lower()
    return "f" if word in SHE else "m" if word in HE else ""
