"""Answers as Slack Block Kit: the answer with [n] markers, sources with snippets, disagreement, feedback buttons.

All text from articles and answers is escaped for mrkdwn (&, <, >), so no article can mention @channel, make a
link or break out of its block. Long answers are split between sentences into sections under Slack's limits,
never inside a sentence (so never inside a citation).
"""

from __future__ import annotations

import re
from typing import Any

from rag.types import Answer

SECTION_LIMIT = 3000   # characters of one section's text
MAX_BLOCKS = 50
TEXT_LIMIT = 3500      # the notification/fallback text
DECLINED = "I couldn't find this in the articles."
SEARCHING = "Searching the articles…"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_target(url: str | None) -> str | None:
    """An http(s) URL made safe inside Slack's <url|label> ('|' percent-encoded, & < > escaped as Slack asks);
    None for anything else (a javascript: URL is never a link)."""
    if not url or not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return None
    return escape(url.replace("|", "%7C"))


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut between sentences (a sentence over the limit between words)."""
    sentences = re.split(r"(?<=[.!?\]])\s+", text.strip())
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # only a single enormous sentence is cut, between words
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        candidate = f"{current} {sentence}".strip()
        if len(candidate) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def progress(draft: str) -> tuple[str, list[dict[str, Any]]]:
    """What the reply shows while the answer is being written."""
    text = escape(draft.strip()) or SEARCHING
    pieces = split_text(text)[:MAX_BLOCKS - 1]
    return SEARCHING, [*(_section(p) for p in pieces), {"type": "context", "elements": [_mrkdwn("_writing…_")]}]


def searched_line(collections: frozenset[str] | None) -> dict[str, Any] | None:
    """A context line naming the collections the answer searched (None: the channel searches everything)."""
    if collections is None:
        return None
    names = ", ".join(f"`{escape(name)}`" for name in sorted(collections)) or "_none_"
    return {"type": "context", "elements": [_mrkdwn(f"Searched: {names}")]}


def answer_blocks(answer: Answer, answer_id: str | None,
                  collections: frozenset[str] | None = None) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for the verified answer; ``collections`` are named under it when the channel
    or thread is limited to some."""
    blocks: list[dict[str, Any]] = []
    if not answer.grounded:
        blocks.append(_section(f":mag: *{DECLINED}*\n{escape(answer.answer)}"))
        fallback = DECLINED
    else:
        blocks += [_section(piece) for piece in split_text(escape(answer.answer))]
        if answer.conflicts:
            lines = []
            for conflict in answer.conflicts:
                sides = " vs ".join(f"*{escape(c.value)}* [{c.citation}]" for c in conflict.claims)
                label = "different measures" if conflict.kind == "scope" else "disagree"
                lines.append(f"• {escape(conflict.about)} ({label}): {sides}")
            blocks += [_section(piece) for piece in split_text(":warning: *Sources disagree*\n" + "\n".join(lines))]
        sources = []
        for c in answer.citations:
            meta = ", ".join(x for x in (c.source, c.published_at, f"p. {c.page}" if c.page else None) if x)
            snippet = c.text if len(c.text) <= 200 else c.text[:197].rsplit(" ", 1)[0] + "…"
            target = link_target(c.url)
            title = f"*<{target}|{escape(c.title)}>*" if target else f"*{escape(c.title)}*"
            also = f"\n_also published by {escape(', '.join(c.also_published_by))}_" if c.also_published_by else ""
            sources.append(f"[{c.id}] {title}{f' ({escape(meta)})' if meta else ''}\n> {escape(snippet)}{also}")
        if sources:
            blocks.append({"type": "divider"})
            blocks += [_section(piece) for piece in _join_within("*Sources*", sources)]
        fallback = answer.answer
    if answer.degraded:
        blocks.append({"type": "context", "elements": [_mrkdwn("_The model's answer could not be verified; "
                                                               "this is the extractive answer._")]})
    tail: list[dict[str, Any]] = []
    searched = searched_line(collections)
    if searched is not None:
        tail.append(searched)
    if answer_id is not None:
        tail.append({"type": "actions", "block_id": "feedback", "elements": [
            {"type": "button", "action_id": "feedback_up", "value": answer_id,
             "text": {"type": "plain_text", "text": "👍", "emoji": True}},
            {"type": "button", "action_id": "feedback_down", "value": answer_id,
             "text": {"type": "plain_text", "text": "👎", "emoji": True}}]})
    if len(blocks) + len(tail) > MAX_BLOCKS:  # keep the answer's start, the sources' start, the line and buttons
        blocks = [*blocks[:MAX_BLOCKS - 1 - len(tail)], _section("_(more sources in the web page)_")]
    blocks += tail
    return escape(fallback)[:TEXT_LIMIT], blocks


def _join_within(title: str, items: list[str]) -> list[str]:
    pieces, current = [], title
    for item in items:
        item = item[:SECTION_LIMIT - 10]
        if len(current) + 1 + len(item) > SECTION_LIMIT:
            pieces.append(current)
            current = item
        else:
            current = f"{current}\n{item}"
    pieces.append(current)
    return pieces
