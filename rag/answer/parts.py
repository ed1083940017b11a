"""A question that asks two things, told apart so that each is answered.

"Where did Musk meet Thailand's junta leader, and how long did they talk?" is one sentence and two questions; the
sentence that best answers it as a whole often answers only one of them (the talk's 30 minutes, not the airport).
So is a turn of two questions ("How old was he when he died? Where is he buried?") and a question offering two
readings ("Did China lift its licensing requirements, or is its licensing system still operating?"). Each part is
read as a question of its own, its references to the part before resolved as a follow-up's are
(``rag.conversation.resolve``: "they" -> "Musk"), or, where the parts name no one, in what the part before was
answered ("Who was the first miner brought up, and how old was he?": "he" is the miner that answer names), and
answered over the same passages; the answer quotes what the whole question's reading found, then what a part found
that it left out (``rag.answer.extractive``), and states the disagreements of each part (``rag.answer.finalize``):
two miners' ages are no disagreement about the first one's.

A part is a clause of its own: it opens with a question word or an auxiliary and has a verb. "Where and when did the
talks take place?" and "What level of investment, and how many years, does it take ...?" are one question each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rag.caches import QUESTION, lru
from rag.claims.kinds import NAMES, asked
from rag.conversation.entities import parse
from rag.conversation.resolve import garbled, resolve, salient

_OPENS = (r"(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|has|have|had|can|could|"
          r"will|would|should|isn't|aren't|wasn't|didn't|doesn't|don't|hasn't|haven't)\b")
# a preposition a question word may follow ("on what date", "in which month", "for whom")
_PREPOSITION = r"(?:in|on|at|for|by|from|to|with|since|until|during|of|after|before)"
# where a second question starts: after a question mark, or after ", and" / ", or" / " and" before a question word
# ("..., and how long did they talk?"; "... or is it still operating?": an auxiliary only after a comma), its
# preposition maybe first (", and on what date did she write?")
_BREAK = re.compile(r"(?<=\?)\s+(?=" + _OPENS + r")"
                    # (an approximation may come first: "..., and roughly how many workers took part?")
                    r"|,\s*(?:and|or|but)\s+(?:then\s+|also\s+|roughly\s+|about\s+|approximately\s+|around\s+|"
                    r"exactly\s+|precisely\s+)?(?=" + _OPENS + r")"
                    # (a question word after its preposition: "..., and in which month did he write it?")
                    r"|,\s*(?:and|or|but)\s+(?=" + _PREPOSITION + r"\s+(?:which|what|whom|whose|how)\b)"
                    r"|\s+and\s+(?=(?:who|whom|whose|what|which|when|where|why|how)\b)", re.I)
MAX_PARTS = 3
_BETWEEN = re.compile(r"\bbetween\b(?!.*\band\b)", re.I)  # "the difference between A and how it works": one question


@lru("question_pieces", QUESTION)
def pieces(question: str) -> tuple[str, ...]:
    """The questions the question asks, as said (each a question of its own, its references not yet resolved); the
    question alone when it asks one thing. A phrase setting the scene in time before the first question word ("By
    mid-September, how many documents ..., and how many witnesses ...?") is said of every part."""
    text = " ".join(question.split())
    frame = _FRAME.match(text)
    if frame is not None:
        found = _pieces(text[frame.end():])
        if len(found) > 1:  # (a scene of time is said of each part; another, "Under the 2019 deal", of its first)
            timed = _TIMED.match(frame.group("frame")) is not None
            return tuple(f"{frame.group('frame')}, {p[:1].lower()}{p[1:]}" if timed or not i else p
                         for i, p in enumerate(found))
    joined = _JOINED_ASKING.match(text)
    if joined is not None and re.search(r"\b(?:which|what|how)\b", joined.group("a") + joined.group("b"), re.I):
        # "On which day and at what hour did they pause?": one clause asking two things
        rest = joined.group("rest")
        return _as_question(f"{joined.group('a')} {rest}"), _as_question(f"{joined.group('b')} {rest}")
    return _pieces(question)


# the scene a question is set in, before its first question word: "By mid-September, how many ...", "On the
# Thursday after the fire, how many ..." (not a question word's own phrase: "In which year, ...")
_FRAME = re.compile(r"^(?P<frame>(?!" + _OPENS + r")(?!(?:" + _PREPOSITION + r")\s+(?:which|what|whom|whose|how)\b)"
                    r"[A-Z][^,?]{2,80}?),\s+(?=" + _OPENS + r")", re.I)
# a scene of time: "By mid-September", "On the Thursday after the fire", "Roughly a hundred days after the fire"
_TIMED = re.compile(r"^(?:(?:roughly|about|around|some|nearly|almost|just)\s+)?(?:(?:by|on|in|at|as\s+of|during|after|"
                    r"before|until|since|within)\b|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|"
                    r"several|\d+|a\s+hundred)\s+(?:days?|weeks?|months?|years?|hours?)\s+(?:after|later|on|before))", re.I)
# two question phrases joined before the one clause they both ask of, at least one naming its own noun ("On which
# day and at what hour did ...?"; not "Where and when did the talks take place?", asked as one)
_WH_PHRASE = (r"(?:(?:" + _PREPOSITION + r")\s+)?(?:(?:which|what)\s+[a-z]+|how\s+(?:many|much|long|far|old)"
              r"(?:\s+[a-z]+)?|when|where|who|why)")
_JOINED_ASKING = re.compile(r"^(?P<a>" + _WH_PHRASE + r")\s+and\s+(?P<b>" + _WH_PHRASE + r")\s+"
                            r"(?P<rest>(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b[^?]+)\?*$",
                            re.I)


def _pieces(question: str) -> tuple[str, ...]:
    text = " ".join(question.split())
    found = [p.strip(" ,;") for p in _BREAK.split(text) if p.strip(" ,;?")]
    # (", and for how many years?" is no clause of its own, though a preposition and a question word open it)
    short = _ELLIPTICAL.search(text) if len(found) == 1 or (len(found) == 2 and not _a_clause(found[1])) else None
    if short is not None and (full := _filled(text[:short.start()].strip(" ,;"), short.group("wh"))):
        return _as_question(text[:short.start()]), full  # "..., and for how many years?": asked of the part before
    which = _ELLIPTICAL_WHICH.search(text) if len(found) == 1 or (len(found) == 2 and not _a_clause(found[1])) else None
    if which is not None and (full := _of_the_subject(text[:which.start()].strip(" ,;"), which.group("wh"))):
        return _as_question(text[:which.start()]), full  # "Which minister spoke up ..., and on which radio station?"
    again = _VERB_LEFT_OUT.search(text) if len(found) == 1 or len(found) == 2 and not _a_clause(found[1]) else None
    if again is not None:  # "who spoke for Russia and who for the United States?": the verb of the part before
        first = text[:again.start()].strip(" ,;")
        said = re.search(rf"\b(?P<wh>{again.group('wh')})\s+(?P<verb>[a-z]+)\s+{again.group('prep')}\s", first, re.I)
        if said is not None:
            return _as_question(first), _as_question(
                f"{first[:said.start()]}{said.group('wh')} {said.group('verb')} {again.group('prep')} {again.group('rest')}")
    if not 2 <= len(found) <= MAX_PARTS or not all(_a_clause(p) for p in found) or _BETWEEN.search(found[0]):
        return (question,)
    return tuple(_as_question(p) for p in found)


# a last part of a question word alone, the rest left to the part before: ", and for how many years?", ", and since
# when?", ", and where?"
_ELLIPTICAL = re.compile(r",\s*(?:and|or)\s+(?P<wh>(?:(?:for|since|until|by|in|at|from|to|on)\s+)?(?:how\s+(?:many|much|"
                         r"long|far|old|often)(?:\s+[a-z]+)?|when|where|why|what\s+(?:year|date|day|time)))\s*\?*\s*$",
                         re.I)
# a last part of a question word and what follows its verb, the verb left to the part before: "..., and who for the
# United States?"
_VERB_LEFT_OUT = re.compile(r",?\s+(?:and|or)\s+(?P<wh>who|what|which|where)\s+(?P<prep>for|in|at|on|from|of|by|to|with)"
                            r"\s+(?P<rest>[^?]+?)\s*\?*\s*$", re.I)
# the auxiliary that opens the rest of a question after its question phrase ("how many reports a year | will ...")
_AUXILIARY = re.compile(r"\b(?:will|would|did|does|do|is|was|were|are|has|have|had|can|could|should|might|must)\b",
                        re.I)


# ... or a preposition and a question phrase of its own noun: ", and on which radio station?", ", and in what year?"
_ELLIPTICAL_WHICH = re.compile(r",\s*(?:and|or)\s+(?P<wh>" + _PREPOSITION + r"\s+(?:which|what)\s+[a-z]+(?:\s+[a-z]+)?)"
                               r"\s*\?*\s*$", re.I)
# the subject a question phrase asks for, its class noun after "which" ("Which culture minister spoke up ...")
_WHICH_SUBJECT = re.compile(r"^\s*(?:which\s+|what\s+|who\b)", re.I)
_DO_SUPPORT = frozenset("did does do will would can could should might must".split())


def _of_the_subject(first: str, wh: str) -> str:
    """A question phrase asked of the part before whose question phrase is its subject: that subject as "the" one
    and the rest of its clause as said ("Which culture minister spoke up for X" + "on which radio station": "On
    which radio station the culture minister spoke up for X?", a question's words in a statement's order, as a
    reader asks it in one breath); "" where the part before is no such clause."""
    opening = _WHICH_SUBJECT.match(first)
    doc = parse(first) if opening is not None else None
    if opening is None or doc is None:
        return ""
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None:
        return ""
    subject = [t for t in doc if t.head == verb and t.i != verb.i and t.dep_ in ("nsubj", "nsubjpass")]
    if not subject or min(t.i for t in subject[0].subtree) != 0 or verb.i < subject[0].i:
        return ""
    end = max(t.idx + len(t.text) for t in subject[0].subtree)
    noun, rest = first[opening.end():end].strip(), first[end:].strip()
    if any(t.lower_ in _DO_SUPPORT and t.i < verb.i for t in doc):
        return ""  # (not "What company did Lena Brandt found": the question phrase is its object)
    if opening.group(0).strip().lower() == "who":  # "Who replaced Holm, and in which month?": "he", whom the
        return _as_question(f"{wh} he {rest}") if rest else ""  # first part's answer names (``read``)
    return _as_question(f"{wh} the {noun} {rest}") if noun and rest else ""


def _filled(first: str, wh: str) -> str:
    """A question word asked of the part before: its phrase, then that part's clause after its own question phrase
    ("for how many years" + "will the clinic give its members"); "" where the part before has no such clause."""
    opening = re.search(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b", first, re.I)
    aux = _AUXILIARY.search(first, opening.end()) if opening is not None else None
    if aux is None:
        return ""
    doc = parse(first[aux.start():])
    # (the part before asks of a subject after its auxiliary: not "Which materials were suspended", whose question
    # phrase is its subject, nor a part that is no clause)
    if doc is None or len(doc) < 3 or doc[1].pos_ in ("VERB", "AUX") or not any(t.pos_ == "VERB" for t in doc):
        return ""
    return _as_question(f"{wh} {first[aux.start():]}")


def answered_parts(question: str, answer: str = "") -> tuple[str, ...]:
    """The questions the question asks, each standalone (the question alone when it asks one thing): a later part's
    references read in the parts before it, or else in ``answer``, what the whole question was answered (its first
    part's answer leads it). The questions whose disagreements are stated."""
    out: list[str] = []
    for piece in pieces(question):
        out.append(standalone(piece, out, [answer, *[""] * (len(out) - 1)]) if out else piece)
    return tuple(out)


def standalone(piece: str, before: Sequence[str], answers: Sequence[str]) -> str:
    """``read`` without what it inserted."""
    return read(piece, before, answers)[0]


def read(piece: str, before: Sequence[str], answers: Sequence[str]) -> tuple[str, list[str]]:
    """A later part with its references to the parts ``before`` it resolved ("how long did they talk?" after "Where
    did Musk meet Thailand's junta leader?"). ``answers``: what each of those parts was answered, or "": a reference
    the parts alone leave open is read in their answers, as a follow-up's is in the answer before it ("Who was the
    first miner brought up, and how old was he?": "he" is the miner the first part's answer names). Also what the
    references were read as: the part's topic, not what it asks (rag/answer/guessed.py)."""
    # (a part before asking who or which one does something is answered by that one: "Which developer bought the
    # site, and how much did it pay?" asks what the developer paid, not the site; read in the answers first)
    answered_first = any(answers) and bool(before) and _asks_its_subject(before[-1])
    words = _asked_class(before[-1]) if answered_first else []
    said_again = next((m for n in range(len(words), 0, -1)
                       if (m := re.search(rf"\bthe\s+{re.escape(' '.join(words[:n]))}\b", piece, re.I))), None)
    if said_again is not None:  # "..., and on which radio station?": the culture minister asked first is the one
        # its answer names ("On which radio station the culture minister spoke ...", read as "he" would be)
        pronoun = "he" if "person" in asked(before[-1]) else "it"
        as_one = resolve(piece[:said_again.start()] + pronoun + piece[said_again.end():], _answering(before, answers),
                         before)
        if as_one.resolved and not as_one.unresolved:
            return as_one.text, [new for _, new in as_one.resolved]
    resolution = resolve(piece, _answering(before, answers) if answered_first else
                         salient(before, [""] * len(before)), before)
    if resolution.unresolved and any(answers):  # (what the parts before name, the answers' names too)
        resolution = resolve(piece, salient(before, answers), before)
    inserted = [new for _, new in resolution.resolved]
    replaced = [old for old, _ in resolution.resolved]
    if resolution.resolved and garbled(piece, resolution.text, inserted, replaced) is None:
        return resolution.text, inserted
    return piece, []


def _answering(before: Sequence[str], answers: Sequence[str]) -> list[Any]:
    """What the parts before and their answers name, by salience, but the names the part asking its subject gives:
    asked who replaced Karl Holm, "he" of the next part is whom the answer names beside him, not Karl Holm."""
    given = before[-1].lower()
    found = salient(before, answers)
    return [e for e in found if e.mention.text.lower() not in given] or found


def _asked_class(part: str) -> list[str]:
    """The words of the class noun of the one a question asks for ("culture minister" of "Which culture minister
    spoke up ...?"), by the parser; none without it."""
    doc = parse(part) if re.match(r"^\W*(?:which|what)\s", part, re.I) else None
    words: list[str] = []
    for t in list(doc)[1:] if doc is not None else []:
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or len(words) == 3:
            break
        words.append(t.text)
    return words


# a question word, maybe its class noun, then the auxiliary of a question asking about someone else: "Which company
# did Rask buy?" asks for what Rask acted on
_OBJECT_ASKED = re.compile(r"^\W*(?:who|whom|which|what)\b(?:\s+[\w'\u2019-]+){0,3}?\s+(?:did|does|do|will|would|can|"
                           r"could|should|might|must|has|have|had)\s+(?!been\b)", re.I)


def _asks_its_subject(part: str) -> bool:
    """The part asks for a name as its subject: who or which one did something ("Which developer bought the
    site?", "Who was the president of the board?"), not whom another acted on."""
    return bool(set(asked(part)) & set(NAMES)) and _OBJECT_ASKED.match(part) is None


def _as_question(piece: str) -> str:
    piece = piece.strip().rstrip(" ?.!,")
    return piece[:1].upper() + piece[1:] + "?"


def _a_clause(piece: str) -> bool:
    """It opens as a question (its question word maybe after a preposition: "on what date did she write") and has
    a verb of its own ("how long did they talk": yes; "Where": no)."""
    if not re.match(r"(?:" + _PREPOSITION + r"\s+)?" + _OPENS, piece.strip(), re.I):
        return False
    doc = parse(piece)
    if doc is None:  # no parser: a question word and at least three more words
        return len(piece.split()) >= 4
    return any(t.pos_ in ("VERB", "AUX") and t.i > 0 for t in doc)
