"""Slack channels answer from their own collections (SLACK_CHANNEL_COLLECTIONS, SLACK_DEFAULT_COLLECTIONS for
other channels and DMs), a thread keeps the collections it started with, /ask uses the channel's, and a thumbs-down
export for one collection carries nothing of another: the real service, requests signed as Slack signs them, the
official SDK talking to a fake Slack Web API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.collections_world import OURS, QUESTIONS, THEIRS, leaks
from tests.api.test_cli import rag
from tests.conftest import Server, copy_index, start_server, stop_server
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_bot import SECRET, TOKEN, _ts_of, block_text, final_update, mention, post_event, post_form, wait_for

CHANNELS = f"CRARE={OURS},CDECOY={THEIRS}"


@pytest.fixture(scope="module")
def routed(tmp_path_factory: pytest.TempPathFactory, two_teams_index: Path) -> Iterator[tuple[Server, FakeSlack, Path]]:
    fake = FakeSlack(TOKEN).start()
    base = tmp_path_factory.mktemp("slack-teams")
    index = copy_index(two_teams_index, base / "index")
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url,
           "SLACK_UPDATE_SECONDS": "0.1", "SLACK_CHANNEL_COLLECTIONS": CHANNELS, "SLACK_DEFAULT_COLLECTIONS": OURS}
    running = start_server(index, base / "server.log", env)
    yield running, fake, index
    stop_server(running)
    fake.stop()


def _searched(message: dict[str, Any]) -> str | None:
    blocks = message.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    lines = [e["text"] for b in blocks if b.get("type") == "context" for e in b["elements"]
             if e.get("text", "").startswith("Searched:")]
    return lines[0] if lines else None


def _sent_to(fake: FakeSlack, channel: str) -> str:
    return json.dumps([payload for _, payload in fake.calls if payload.get("channel") == channel])


def test_each_channel_answers_from_its_own_collections(routed: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = routed
    ours = mention(server, fake, QUESTIONS[1], ts="1710000000.000100", channel="CRARE")
    assert "85" in block_text(ours) and not leaks(block_text(ours))
    assert _searched(ours) == f"Searched: `{OURS}`"  # the reply says where it looked
    theirs = mention(server, fake, QUESTIONS[1], ts="1710000001.000100", channel="CDECOY")
    assert leaks(block_text(theirs)) and "85%" not in block_text(theirs)  # the other desk hears its own articles
    assert _searched(theirs) == f"Searched: `{THEIRS}`"
    for question, ts in zip(QUESTIONS, ("1710000002.000100", "1710000003.000100", "1710000004.000100", "1710000005.000100")):
        mention(server, fake, question, ts=ts, channel="CRARE")
    assert not leaks(_sent_to(fake, "CRARE"))


def test_follow_ups_in_a_thread_stay_in_its_collections(routed: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = routed
    mention(server, fake, "What did China agree to resume?", ts="1710000100.000100", channel="CRARE")
    follow = mention(server, fake, "what do analysts estimate about the share of processing?", ts="1710000101.000100",
                     thread_ts="1710000100.000100", channel="CRARE")
    assert not leaks(block_text(follow))
    assert not leaks(_sent_to(fake, "CRARE"))


def test_a_dm_uses_the_default_collections(routed: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = routed
    before = len(fake.of("chat.postMessage"))
    event = {"type": "message", "channel_type": "im", "channel": "D7", "user": "U1", "text": QUESTIONS[0],
             "ts": "1710000200.000100"}
    assert post_event(server, event, "EvDMTeams").status_code == 200
    reply = wait_for(lambda: next((m for m in fake.of("chat.postMessage")[before:] if m.get("thread_ts") == event["ts"]), None))
    final = final_update(fake, _ts_of(fake, reply))
    assert block_text(final) and not leaks(_sent_to(fake, "D7"))


def test_slash_ask_uses_the_channels_collections(routed: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = routed
    fields = {"command": "/ask", "text": QUESTIONS[0], "user_id": "U8", "team_id": "T1",
              "response_url": "http://127.0.0.1:9/unused", "trigger_id": "t1"}
    for channel in ("CRARE", "CDECOY"):
        assert post_form(server, {**fields, "channel_id": channel}).status_code == 200
    ours = wait_for(lambda: next((m for m in fake.of("chat.postMessage") if m.get("channel") == "CRARE"
                                  and "U8" in json.dumps(m.get("blocks"))), None))
    theirs = wait_for(lambda: next((m for m in fake.of("chat.postMessage") if m.get("channel") == "CDECOY"
                                    and "U8" in json.dumps(m.get("blocks"))), None))
    assert not leaks(block_text(ours)) and leaks(block_text(theirs))


def test_a_feedback_export_for_one_collection_holds_only_its_answers(routed: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, index = routed
    for channel, ts in (("CRARE", "1710000300.000100"), ("CDECOY", "1710000301.000100")):
        answered = mention(server, fake, QUESTIONS[0], ts=ts, channel=channel)
        buttons = next(b for b in answered["blocks"] if b.get("block_id") == "feedback")["elements"]
        answer_id = next(e["value"] for e in buttons if e["action_id"] == "feedback_down")
        payload = {"type": "block_actions", "user": {"id": "U9", "username": "u9", "team_id": "T1"}, "api_app_id": "A1",
                   "token": "t", "team": {"id": "T1"}, "channel": {"id": channel}, "trigger_id": "t2",
                   "container": {"type": "message", "message_ts": "1", "channel_id": channel},
                   "actions": [{"type": "button", "action_id": "feedback_down", "block_id": "feedback", "value": answer_id,
                                "action_ts": str(time.time())}]}
        assert post_form(server, {"payload": json.dumps(payload)}).status_code == 200

    def exported(*extra: str) -> list[dict[str, Any]]:
        result = rag("feedback", "export", "--down", *extra, index=index)
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    everything = wait_for(lambda: len(exported()) >= 2 and exported(), timeout=30)
    assert leaks(json.dumps(everything))
    mine = exported("--collection", OURS)
    assert mine and not leaks(json.dumps(mine))


def test_a_thread_keeps_its_collections_when_the_channel_is_mapped_again(tmp_path: Path, two_teams_index: Path,
                                                                          minilm: Any) -> None:
    """Onyx #10857: follow-ups answered from another configuration. The thread started under one mapping keeps
    it after the channel is mapped to another collection; a new thread takes the new mapping."""
    from slack_bolt import BoltRequest

    from api.settings import AppSettings, SlackSettings
    from api.slack.bot import SlackBot
    from rag.services import build_services

    fake = FakeSlack(TOKEN).start()
    try:
        services = build_services(AppSettings.load(index_dir=copy_index(two_teams_index, tmp_path / "ix")), embedder=minilm)

        def bot(mapping: str) -> SlackBot:
            return SlackBot(services, SlackSettings(bot_token=TOKEN, signing_secret=SECRET, api_url=fake.url,
                                                    update_seconds=0.1, channel_collections=mapping))

        def ask(slack: SlackBot, ts: str, text: str, thread: str | None = None) -> str:
            before = len(fake.of("chat.postMessage"))
            event = {"type": "app_mention", "user": "U1", "channel": "CX", "ts": ts, "text": f"<@UBOT> {text}",
                     **({"thread_ts": thread} if thread else {})}
            body = {"type": "event_callback", "event_id": f"Ev{ts}", "team_id": "T1", "event": event,
                    "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]}
            assert slack.app.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
            reply = wait_for(lambda: next(iter(fake.of("chat.postMessage")[before:]), None))
            return block_text(final_update(fake, _ts_of(fake, reply)))

        first = ask(bot(f"CX={OURS}"), "1710000400.000100", QUESTIONS[1])
        assert "85" in first and not leaks(first)
        remapped = bot(f"CX={THEIRS}")
        follow = ask(remapped, "1710000401.000100", QUESTIONS[0], thread="1710000400.000100")
        assert not leaks(follow)  # the thread still searches rare-earths
        fresh = ask(remapped, "1710000402.000100", QUESTIONS[0])
        assert leaks(fresh)  # a new thread in the channel searches what it is mapped to now
    finally:
        fake.stop()
