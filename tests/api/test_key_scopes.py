"""RAG_API_KEYS entries scoped to collections (KEY@energy+markets), SLACK_CHANNEL_COLLECTIONS, and what an
anonymous caller reads: read from the environment as the service reads them; bad entries fail at start-up."""

from __future__ import annotations

import hashlib

import pytest

from api.security import Gate
from api.settings import AppSettings
from rag.errors import ConfigError

KEY = "energy-team-key-0123456789"


def _load(monkeypatch: pytest.MonkeyPatch, **env: str) -> AppSettings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AppSettings.load()


def test_a_scope_follows_the_key_and_a_key_without_one_keeps_todays_meaning(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _load(monkeypatch, RAG_API_KEYS=f"{KEY}@markets+energy, plain-key-0123456789abc, sha256:{'a' * 64}@sports")
    digest = hashlib.sha256(KEY.encode()).hexdigest()
    assert settings.api_keys == [f"{digest}@energy+markets", hashlib.sha256(b"plain-key-0123456789abc").hexdigest(),
                                 f"{'a' * 64}@sports"]
    gate = Gate(settings.api_keys, False, 0)
    assert [scope for _, scope in gate.keys] == [frozenset({"energy", "markets"}), None, frozenset({"sports"})]
    assert gate.public == frozenset()  # once a key is scoped, an anonymous caller reads nothing unless told
    assert Gate(settings.api_keys, False, 0, ["energy"]).public == frozenset({"energy"})
    assert Gate([hashlib.sha256(b"plain-key-0123456789abc").hexdigest()], False, 0).public is None  # no scopes: all
    assert Gate([], True, 0, ["energy"]).public == frozenset()  # reading needs a key: anonymous reads nothing


@pytest.mark.parametrize("entry", [f"{KEY}@Energy", f"{KEY}@energy+", f"{KEY}@", f"{KEY}@{'x' * 65}", f"{KEY}@a b"])
def test_a_malformed_scope_stops_the_start(monkeypatch: pytest.MonkeyPatch, entry: str) -> None:
    with pytest.raises(ConfigError) as refused:
        _load(monkeypatch, RAG_API_KEYS=entry)
    assert "api_keys" in refused.value.message and KEY not in refused.value.message


def test_slack_channels_map_to_collections_and_bad_entries_stop_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.slack.routing import channel_collections

    slack = _load(monkeypatch, SLACK_CHANNEL_COLLECTIONS="C0123=energy+markets, C0456=sports",
                  SLACK_DEFAULT_COLLECTIONS="energy").slack
    assert slack.channel_collections == {"C0123": ["energy", "markets"], "C0456": ["sports"]}
    assert channel_collections("C0123", slack.channel_collections, slack.default_collections) == {"energy", "markets"}
    assert channel_collections("D999", slack.channel_collections, slack.default_collections) == {"energy"}
    assert channel_collections("C777", slack.channel_collections, None) == frozenset()  # mapped elsewhere: nothing
    assert channel_collections("C777", {}, None) is None  # no mapping at all: every collection, as before
    for bad in ("C0123", "general=energy", "C0123=Energy", "C0123="):
        monkeypatch.setenv("SLACK_CHANNEL_COLLECTIONS", bad)
        with pytest.raises(ConfigError):
            AppSettings.load()
