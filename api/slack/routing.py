"""Which collections the bot searches for a Slack channel.

``SLACK_CHANNEL_COLLECTIONS="C0123=energy+markets,C0456=sports"`` maps channel IDs (names change, IDs do
not) to collections; ``SLACK_DEFAULT_COLLECTIONS="energy"`` (names joined by '+' or ',') is for every other
channel and for DMs. Unset, the default is every collection while no channel is mapped, and none once one
is (so a channel nobody configured never reads a team's articles). A thread keeps the collections it started
with (api/slack/memory.py), whatever the settings say later.
"""

from __future__ import annotations

import re
from typing import Any

from rag.collections import check_slugs

_CHANNEL = re.compile(r"[A-Z0-9]{2,32}")


def _names(text: str) -> list[str]:
    return check_slugs(n.strip() for n in re.split(r"[+,]", text) if n.strip())


def parse_channel_collections(value: Any) -> Any:
    """'C0123=energy+markets,C0456=sports' -> {'C0123': ['energy', 'markets'], 'C0456': ['sports']}."""
    if not isinstance(value, str):
        return value
    mapping: dict[str, list[str]] = {}
    for entry in value.split(","):
        if not entry.strip():
            continue
        channel, eq, names = entry.partition("=")
        channel = channel.strip()
        if not eq or not _CHANNEL.fullmatch(channel):
            raise ValueError(f"SLACK_CHANNEL_COLLECTIONS entries are CHANNEL_ID=name+name (got {entry.strip()!r})")
        mapping[channel] = _names(names)
        if not mapping[channel]:
            raise ValueError(f"SLACK_CHANNEL_COLLECTIONS: no collection named for {channel}")
    return mapping


def parse_default_collections(value: Any) -> Any:
    return _names(value) if isinstance(value, str) else value


def channel_collections(channel: str, mapping: dict[str, list[str]], default: list[str] | None) -> frozenset[str] | None:
    """The collections a new conversation in ``channel`` searches (None: all)."""
    if channel in mapping:
        return frozenset(mapping[channel])
    if default is not None:
        return frozenset(default)
    return frozenset() if mapping else None
