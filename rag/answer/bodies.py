"""Public bodies and institutes are no companies, though the tagger calls both organizations: "the Norwegian
Police Security Service", "the U.S. Geological Survey", "the Center for Strategic and International Studies
(CSIS)". Asked which company did something, or for every company the articles name, such a name is none."""

from __future__ import annotations

import re

# the words of a public body's or an institute's name
_PUBLIC = re.compile(r"\b(?:Department|Ministry|Agency|Administration|Commission|Survey|Bureau|Office|Council|"
                     r"Center|Centre|Institute|University|Organi[sz]ation|Union|Court|Parliament|Congress|Senate|"
                     r"Government|Committee|Authority|Representative|Treasury|Reserve|Fund|Forum|Alliance|"
                     r"Association|Federation|Foundation|Academy|School|Party|Army|Navy|Force|Police|Service|"
                     r"Nations|Assembly|Cabinet|Embassy|Consulate|Secretariat|Board)\b")
# the nouns that ask for businesses: "Which company ...?", "Which Australian producers ...?"
BUSINESSES = re.compile(r"(?:compan(?:y|ies)|firms?|producers?|processors?|manufacturers?|miners?|suppliers?|"
                        r"automakers?|businesses|corporations?|refiners?|makers?)", re.I)


def public(name: str, text: str) -> bool:
    """A public body or an institute by its name, or by the long form an acronym stands for in the sentence
    ("the Center for Strategic and International Studies (CSIS)")."""
    if _PUBLIC.search(name):
        return True
    spelled = re.search(rf"([A-Z][\w.&'\u2019 -]{{3,90}})\s+\({re.escape(name)}\)", text)
    return spelled is not None and _PUBLIC.search(spelled.group(1)) is not None
