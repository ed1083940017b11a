"""Follow-up questions made standalone: the query actually searched for the last user turn of a conversation.

With a model generator that can condense (``condense(history, question)``), the model rewrites the turn; its
rewrite is checked (one line, not empty, not a wall of text) and the deterministic rewrite below is used when
it fails. The deterministic rewrite handles the common shapes of a follow-up:

- "what about gallium?": the previous question with its closest phrase (by embedding) replaced by "gallium";
- "are there others?" / "who else?": the previous question, excluding the names the last answer gave;
- a turn that leans on the conversation ("and how long does it last?", "who said that?"): the turn, with the
  subject terms of the previous question (and, for "said that", the figures and names of the last answer);
- anything else is a new topic and is searched as it is, carrying nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from rag.errors import GeneratorError
from rag.protocols import Condenser, Embedder
from rag.telemetry import SILENT, Telemetry
from rag.text import QUESTION_WORDS, STOPWORDS
from rag.types import ChatMessage

log = logging.getLogger("rag.conversation")

ANAPHORA = frozenset("it its itself that this they them their theirs those these he him his she her".split())
_LEADS = ("and ", "also ", "but ", "so ", "then ", "ok ", "okay ")
_WHAT_ABOUT = re.compile(r"^(?:and|but|so|ok|okay)?[\s,]*(?:what|how)\s+about\s+(?P<x>.+?)[\s?.!]*$", re.I)
_OTHERS = re.compile(r"^(?:and|but|so)?[\s,]*(?:(?:are|were|is)\s+there\s+)?(?:any\s+)?"
                     r"(?:others?|other\s+ones|more|anything\s+else|anyone\s+else|who\s+else|what\s+else|"
                     r"which\s+others?|who\s+are\s+the\s+others)[\s?.!]*$", re.I)
_SAYING = re.compile(r"\b(?:say|said|says|claim|claimed|claims|report|reported|reports|stated|wrote)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-\.%]*[A-Za-z0-9%]|[A-Za-z0-9]")
_ABOUT = re.compile(r"\s*\(about: [^)]*\)\s*$")
_CITATION = re.compile(r"\s*\[\d+\]")
_NAME = re.compile(r"\b[A-Z][A-Za-z0-9&\-]+(?:\s+[A-Z][A-Za-z0-9&\-]+)*")
_FIGURE = re.compile(r"\d[\d.,]*(?:\s*[\u2013-]\s*\d[\d.,]*)?\s*(?:%|percent|per cent|days?|months?|years?|weeks?|tonnes?|tons?|billion|million)?")
MAX_CONTEXT_TERMS = 8
MAX_CONTENT_FOR_FOLLOW_UP = 3
SUBSTITUTE_MIN_SIMILARITY = 0.15


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_content(word: str) -> bool:
    low = word.lower()
    return low not in STOPWORDS and low not in QUESTION_WORDS and low not in ANAPHORA and len(low) > 1


def content_terms(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for word in _words(_ABOUT.sub("", text)):
        if _is_content(word):
            seen.setdefault(word.lower(), word)
    return list(seen.values())


def _about(text: str) -> list[str]:
    match = re.search(r"\(about: ([^)]*)\)\s*$", text)
    return match.group(1).split() if match else []


def _answer_text(content: str) -> str:
    """An assistant turn as plain text: citation markers and the trailing sources list removed."""
    body = re.split(r"\n\s*(?:\*\*)?Sources:?(?:\*\*)?\s*\n", content, maxsplit=1)[0]
    return _CITATION.sub("", body).strip()


def without_context(text: str) -> str:
    """A rewritten query without its "(about: ...)" context, for labels shown to people."""
    return re.sub(r"\s*\(about: [^)]*\)", "", text)


def _continuation(answer: str, asked: list[str], n: int = 4) -> list[str]:
    """What the last answer said after the terms of the question: usually the thing "it" stands for."""
    first = re.split(r"(?<=[.!?])\s+", answer.strip(), maxsplit=1)[0]
    words = _words(first)
    stems = {t.lower()[:5] for t in asked}
    last = max((i for i, w in enumerate(words) if w.lower()[:5] in stems), default=-1)
    follow = [w for w in words[last + 1:] if _is_content(w) and w.lower()[:5] not in stems]
    return follow[:n]


def _names(text: str, exclude: set[str]) -> list[str]:
    out: list[str] = []
    for match in _NAME.finditer(text):
        name = match.group(0)
        if name.lower() in exclude or name.lower() in STOPWORDS or name.lower() in QUESTION_WORDS:
            continue
        if name not in out:
            out.append(name)
    return out


class Rewriter:
    def __init__(self, embedder: Embedder | None, telemetry: Telemetry = SILENT) -> None:
        self.embedder = embedder
        self.telemetry = telemetry

    def standalone(self, messages: Sequence[ChatMessage], condenser: Condenser | None = None) -> tuple[str, str]:
        """(query, how) for the last user turn; ``how`` says which rule (or the model) made it."""
        with self.telemetry.stage("rewrite"):
            turn = messages[-1].content.strip()
            history = list(messages[:-1])
            if not any(m.role == "user" for m in history):
                return turn, "first turn"
            if condenser is not None:
                condensed = self._condense(condenser, history, turn)
                if condensed is not None:
                    return condensed, "model"
            return self.rewrite(history, turn)

    def _condense(self, condenser: Condenser, history: list[ChatMessage], turn: str) -> str | None:
        try:
            text = condenser.condense(history, turn).strip().strip('"').strip()
        except GeneratorError as exc:
            log.warning("the model could not condense the follow-up (%s); using the deterministic rewrite", exc.code)
            return None
        if not text or "\n" in text or len(text) > max(300, 4 * len(turn)):
            log.warning("the model's condensed question was unusable; using the deterministic rewrite")
            return None
        return text

    def rewrite(self, history: Sequence[ChatMessage], turn: str) -> tuple[str, str]:
        """The deterministic rewrite; previous user turns are rewritten first, in order."""
        previous = ""
        last_answer = ""
        for message in history:
            if message.role == "user":
                previous = self._one(previous, last_answer, message.content.strip())[0] if previous else message.content.strip()
                last_answer = ""
            elif message.role == "assistant":
                last_answer = _answer_text(message.content)
        return self._one(previous, last_answer, turn)

    def _one(self, previous: str, last_answer: str, turn: str) -> tuple[str, str]:
        if not previous:
            return turn, "first turn"
        base = _ABOUT.sub("", previous)
        match = _WHAT_ABOUT.match(turn)
        if match:
            return self._substitute(base, previous, match.group("x").strip()), "what about"
        if _OTHERS.match(turn):
            names = _names(last_answer, {w.lower() for w in _words(base)})[:4]
            if names:
                return f"{base.rstrip(' ?.')} other than {', '.join(names)}?", "others"
            return f"{base.rstrip(' ?.')}, others?", "others"
        low = turn.lower()
        words = [w.lower() for w in _words(turn)]
        leans = any(w in ANAPHORA for w in words) or low.startswith(_LEADS)
        own = content_terms(turn)
        if not leans or len(own) > MAX_CONTENT_FOR_FOLLOW_UP:
            return turn, "new topic"
        own_low = {w.lower() for w in own}
        asked = content_terms(base)
        said = _continuation(last_answer, asked) if last_answer else []
        context = [t for t in [*asked, *said, *_about(previous)] if t.lower() not in own_low]
        if _SAYING.search(turn) and last_answer:
            context = [*_FIGURE.findall(last_answer)[:2], *_names(last_answer, own_low)[:3], *context]
        context = list(dict.fromkeys(c.strip() for c in context if c.strip()))[:MAX_CONTEXT_TERMS]
        stripped = re.sub(r"^(?:and|also|but|so|then|ok|okay)[\s,]+", "", turn, flags=re.I)
        stripped = stripped[:1].upper() + stripped[1:]
        if not context:
            return stripped, "follow-up"
        return f"{stripped} (about: {' '.join(context)})", "follow-up"

    def _substitute(self, base: str, previous: str, new: str) -> str:
        """The previous question with the phrase closest in meaning to ``new`` replaced by it."""
        if new.lower() in base.lower():
            return base
        tokens = list(_WORD.finditer(base))
        spans: list[tuple[int, int]] = []
        run: list[int] = []
        for i, tok in enumerate([*tokens, None]):
            if tok is not None and _is_content(tok.group(0)):
                run.append(i)
                continue
            for a in range(len(run)):
                for b in range(a, min(a + 3, len(run))):
                    spans.append((tokens[run[a]].start(), tokens[run[b]].end()))
            run = []
        if not spans or self.embedder is None:
            return f"What about {new}? (about: {' '.join(content_terms(previous))})"
        phrases = [base[a:b] for a, b in spans]
        vectors = self.embedder.embed_documents([new, *phrases])
        sims: Any = np.asarray(vectors[1:]) @ np.asarray(vectors[0])
        best = int(np.argmax(sims))
        if float(sims[best]) < SUBSTITUTE_MIN_SIMILARITY:
            return f"What about {new}? (about: {' '.join(content_terms(previous))})"
        a, b = spans[best]
        return base[:a] + new + base[b:]
