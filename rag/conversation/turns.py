"""The turns of a conversation as evidence of its topic: which user turns count, what an answer may contribute.

Assistant turns that apologise, decline or only make conversation contribute nothing; the others contribute
the sentences they cited (the ones with ``[n]`` markers, or all of them when the answer has no markers), with
markers and the trailing sources list removed. Statements and clarifications ("I heard X", "I meant the 2019
one") are recognised here and turned into questions by the reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.text import split_sentences
from rag.types import ChatMessage

MAX_USER_TURNS = 8  # earlier than this, a turn no longer decides what "it" means (and 200-turn chats stay cheap)

_MARKER = re.compile(r"\s*\[\d+\]")
_MARKER_AFTER = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_SOURCES = re.compile(r"\n\s*(?:\*\*)?Sources:?(?:\*\*)?\s*\n", re.I)
_NOT_AN_ANSWER = re.compile(
    r"\b(?:sorry|apologi[sz]e|unfortunately|i (?:do not|don't|cannot|can't|couldn't|could not|am unable|'m unable|am not able)"
    r"|(?:no|not enough|any) (?:specific )?information|(?:do|does|did) not (?:provide|contain|mention|include|say|answer)"
    r"|not (?:mentioned|covered|stated|found) in|nothing (?:relevant|to answer)|you(?:'re| are) welcome"
    r"|anything else (?:i can|to help)|glad (?:i|to) (?:could )?help|try rephrasing|no indexed article)\b", re.I)
_STATEMENT = re.compile(
    r"^(?:(?:no|oh|ok|okay|well|actually|but|so|hmm|right)[\s,.!]+)*(?:i|we)(?:'ve)?\s+(?:have\s+)?"
    r"(?:heard|read|think|thought|believe|was told|were told|saw|understand|understood|remember|recall)"
    r"\s+(?:that\s+)?(?P<x>.+?)[\s.!?]*$", re.I)
_MEANT = re.compile(
    r"^(?:(?:no|sorry|actually|oh|ok|okay|well|i mean)[\s,.!]+)*(?:i|we)(?:'m|\s+am|\s+was|\s+were)?\s*"
    r"(?:meant|mean|asking about|asked about|talking about|want(?:ed)? to know about|was referring to|am referring to|"
    r"'m referring to)\s+(?P<x>.+?)[\s.!?]*$", re.I)


@dataclass(frozen=True)
class Turns:
    """A conversation read for its topic: the last user turn and the turns before it that count."""

    turn: str
    users: list[str]  # earlier user turns, oldest first (at most MAX_USER_TURNS)
    answers: list[str]  # the useful part of each answer that followed one of ``users`` ("" when it contributed nothing)
    notes: list[str]  # what was skipped, for the trace


def read_turns(messages: Sequence[ChatMessage]) -> Turns:
    """Two user turns in a row, empty or apologising answers and very long chats are all read the same way."""
    notes: list[str] = []
    users: list[str] = []
    answers: list[str] = []
    for message in messages[:-1]:
        text = message.content.strip()
        if message.role == "user":
            if text:
                users.append(text)
                answers.append("")
            continue
        if not text:
            notes.append("an empty assistant turn was skipped")
        elif not users:
            notes.append("an assistant turn before any question was skipped")
        elif not is_answer(text):
            notes.append("an assistant turn that declined or apologised contributed nothing")
        else:
            answers[-1] = (answers[-1] + " " + cited_text(text)).strip()
    if len(users) > MAX_USER_TURNS:
        notes.append(f"only the last {MAX_USER_TURNS} of {len(users)} earlier user turns were read")
        users, answers = users[-MAX_USER_TURNS:], answers[-MAX_USER_TURNS:]
    return Turns(messages[-1].content.strip(), users, answers, notes)


def is_answer(text: str) -> bool:
    """False for apologies, declines and pleasantries: they say nothing about the topic."""
    body = _SOURCES.split(text, maxsplit=1)[0]
    first = next(iter(split_sentences(body.strip())), "")
    return not _NOT_AN_ANSWER.search(first) and bool(re.search(r"[A-Za-z]{3}", body))


def cited_text(text: str) -> str:
    """The sentences of an answer that carry a citation marker (all of them when none does), markers removed."""
    body = _SOURCES.split(text, maxsplit=1)[0]
    body = _MARKER_AFTER.sub(lambda m: m.group(2) + m.group(1), body)  # "chips. [1]" -> "chips [1].": one sentence
    sentences = [s for s in split_sentences(body.strip()) if s.strip()]  # "U.S. Secures ..." is one sentence
    cited = [s for s in sentences if _MARKER.search(s)] or sentences
    return " ".join(_MARKER.sub("", s).strip() for s in cited if not _NOT_AN_ANSWER.search(s))


def statement(turn: str) -> str | None:
    """The content of "I heard X" / "I think X", or None."""
    match = _STATEMENT.match(turn.strip())
    return match.group("x").strip() if match and len(match.group("x").split()) >= 2 else None


# "No, the processing share.", "Not that, the 2019 one": a correction that only names what was meant
_NO_THE = re.compile(r"^(?:no|nope|not\s+(?:that|this)(?:\s+one)?)[\s,.!;:\u2014-]+(?P<x>(?:the|that|this|those|these|its|"
                     r"their|his|her)\s+[^.?!,;]{2,50}?)[\s.!?]*$", re.I)


def clarification(turn: str) -> str | None:
    """The content of "I meant X" / "I was asking about X" / "No, the X", or None."""
    match = _MEANT.match(turn.strip()) or _NO_THE.match(turn.strip())
    return match.group("x").strip() if match else None


# "the big offshore wind turbines, not cars", "processing rather than mining": what is meant and what is not
_CONTRAST = re.compile(r"[,;]?\s+(?:and\s+)?(?:not|rather\s+than|instead\s+of)\s+(?!only\b|just\b)", re.I)


def contrast(meant: str) -> tuple[str, str]:
    """A clarification's content split into what was meant and what was not ("" when it sets nothing aside)."""
    parts = _CONTRAST.split(meant, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip(" .!?")
    return meant, ""

