"""A figure given as a running count: the number so far, at one moment of a story that is still moving.

News of a disaster reports its toll, the missing, the area burned day by day: "the toll rose to 31 on Sunday
night", "the blaze has scorched 52,000 acres", "by Oct. 9 the list held 410 names". Two articles giving two such
counts are not contradicting each other; they were written at different moments (``update``), and an answer says
which moment each figure is of when its sentence says (``moment``). A figure with no sign of being a count so far
("killed 64 people", "a 90-day pause") stays a side of a disagreement.
"""

from __future__ import annotations

import re

from rag.claims.kinds import Value
from rag.claims.parse import MONTH, WEEKDAYS

_DAY = "|".join(WEEKDAYS)

_HEDGE = r"(?:(?:about|around|some|nearly|almost|roughly|approximately|at least|more than|over|just over|" \
         r"fewer than|less than|an estimated)\s+)?"
# "rose to 31", "climbs to 58", "has climbed to about 1,000", "stood at 120", "was revised down to 76", and the count
# it changed from ("jumped from 120 to 306")
_CHANGE = (
    r"(?:rose|risen|rises|rising|climbed|climbs|climbing|surged|surges|surging|soared|soars|soaring|jumped|jumps|"
    r"grew|grows|grown|growing|increased|increases|swelled|swells|swollen|mounted|mounts|spiked|spikes|ticked|"
    r"dropped|drops|fell|falls|fallen|declined|declines|decreased|decreases|dipped|dips|shrank|shrunk|shrinks|"
    r"lowered|raised|revised|reduced|cut|culled|pared|whittled|brought|upped|stood|stands|standing|reached|"
    r"reaches|topped|tops|hit|hits|passed|passes|neared|nears)(?:\s+(?:up|down|back|again|sharply|slightly|further|"
    r"steadily))?")
_CHANGED_TO = re.compile(r"\b" + _CHANGE + r"\s+(?:to|at|from)\s+" + _HEDGE + r"$", re.I)
# the count it changed to from another: "jumped from 120 to 306", "from about 90 to more than 400"
_FROM_TO = re.compile(r"\b" + _CHANGE + r"\s+(?:\w+\s+){0,2}?from\s+" + _HEDGE +
                      r"\d[\d,.]*(?:\s+(?:million|billion|[a-z]+))?\s+to\s+" + _HEDGE + r"$", re.I)
# "the blaze has scorched 52,000 acres", "at least 31 people have died": a present perfect in the figure's clause
_SO_FAR_VERB = re.compile(r"\b(?:has|have)\s+(?:now\s+|already\s+|so far\s+|since\s+)?(?:been\s+)?"
                          r"(?:[a-z]+ed|[a-z]+en|burnt|lost|left|hit|found|put|kept|seen|made|brought)\b", re.I)
# "as of Sunday morning", "so far", "to date", "by Oct. 9", "still missing", "now stands"
_AT_A_MOMENT = re.compile(rf"\b(?:as of|so far|thus far|to date|as it stands|still|now|by\s+(?:(?:early|late|last)\s+)?"
                          rf"(?:{_DAY}|today|tonight|then|"
                          rf"Thanksgiving|nightfall|noon|midday|midnight|dawn|(?:{MONTH})\.?\s+\d{{1,2}}\b|"
                          rf"\d{{1,2}}\s+(?:{MONTH})\b|the\s+(?:time|end|evening|morning|afternoon|weekend)\b))",
                          re.I)
_CLAUSE_ENDS = re.compile(r"[;:\u2014]|,\s*(?:and|but|while|whereas|which|who|although|though)\b")
# the moment a sentence gives: "on Sunday night", "as of Sunday morning", "by Oct. 9", "Monday (Oct. 3)"
_MOMENT = re.compile(rf"\b(?:(?:on|by|as of|since|until|through|early|late|last)\s+)*"
                     rf"(?:(?:{_DAY})"
                     rf"(?:\s+(?:morning|afternoon|evening|night))?(?:\s*\((?:{MONTH})\.?\s+\d{{1,2}}\))?|"
                     rf"(?:{MONTH})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\b|\d{{1,2}}\s+(?:{MONTH})\b(?:\s+\d{{4}})?|"
                     rf"Thanksgiving|today|tonight|yesterday)", re.I)
_RUNNING_KINDS = ("count", "quantity", "money", "percentage")
# the event a date just after is the day of ("the fire on June 14", "since the blast on Monday")
_EVENT_DATED = re.compile(r"\b(?:fire|blaze|attack|explosion|blast|crash|collapse|disaster|tragedy|shooting|bombing|"
                          r"storm|earthquake|flood|spill|accident|incident|sinking|fires|attacks)\s+$", re.I)


def running(value: Value, sentence: str) -> bool:
    """The sentence gives the figure as a count so far: changed to it ("rose to 31"), a present perfect in its
    clause ("has scorched 52,000 acres", "31 people have died"), or a moment it holds at ("as of Sunday", "still
    missing", "by Oct. 9"). A percentage (containment, a share) only with a change or a moment: "has held 70%" is
    a standing share."""
    if value.kind not in _RUNNING_KINDS or value.vague:
        return False
    before, after = _clause(sentence, value)
    if _CHANGED_TO.search(before) or _FROM_TO.search(before):
        return True
    if _AT_A_MOMENT.search(before) or _AT_A_MOMENT.search(after[:40]) or _AT_A_MOMENT.search(value.text):
        return True
    return value.kind != "percentage" and bool(_SO_FAR_VERB.search(before) or _SO_FAR_VERB.search(after[:40]))


def moment(value: Value, sentence: str) -> str:
    """The moment the sentence gives its figure for, nearest the figure ("Sunday night", "as of Sunday
    morning", "by Oct. 9"), or ""."""
    best, gap = "", len(sentence) + 1
    for m in _MOMENT.finditer(sentence):
        if _EVENT_DATED.search(sentence[:m.start()]):
            continue  # "the toll from the blaze on May 3, now put at 40": the day of the blaze, not of the count
        far = value.start - m.end() if m.end() <= value.start else m.start() - value.end
        if 0 <= far < gap:
            best, gap = m.group(0).strip(), far
    return best


def _clause(sentence: str, value: Value) -> tuple[str, str]:
    """The words of the figure's clause before it and after it."""
    before = sentence[:value.start]
    ends = list(_CLAUSE_ENDS.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    after = sentence[value.end:]
    end = _CLAUSE_ENDS.search(after)
    return before, after[:end.start()] if end else after


# a question asking the count at the end ("How many did the fire kill in the end?", "What was the final toll?"), and a
# sentence giving it so ("which ultimately claimed 64 lives")
_FINAL = re.compile(r"\b(?:in the end|ultimately|eventually|final(?:ly)?|all told|in all|in total|by the end|when it was "
                    r"(?:all )?over)\b", re.I)
# the part of a day or the day a question asks a count at ("on the first Sunday night", "the morning after")
_DAY_PART = re.compile(rf"\b(?:morning|afternoon|evening|night|overnight|{_DAY})\b", re.I)


def moment_fit(question: str, sentence: str, values: list[Value]) -> int:
    """How well a sentence giving these figures gives them at the moment a question asks a count at: +1 where the
    question asks the count at the end and the sentence says it is ("ultimately claimed 64 lives"), or asks a part
    of a day the sentence names ("As of Sunday night ...", asked how much was contained on the night it became the
    deadliest); -1 where the question asks the count at the end and the sentence gives only a count so far ("has
    killed at least nine"); 0 otherwise."""
    figures = [v for v in values if v.kind in _RUNNING_KINDS]
    if not figures:
        return 0
    if _FINAL.search(question):
        if _FINAL.search(sentence):
            return 1
        return -1 if all(running(v, sentence) for v in figures) else 0
    asked = {m.group(0).lower() for m in _DAY_PART.finditer(question)}
    return int(bool(asked & {m.group(0).lower() for m in _DAY_PART.finditer(sentence)}))
