"""The Slack bot against the real running service: requests signed as Slack signs them, a fake Web API."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.api.test_cli import rag
from tests.conftest import Server, copy_index, start_server, stop_server
from tests.fakes.slack_api import FakeSlack

TOKEN, SECRET = "xoxb-test-token-0001", "signing-secret-0001"


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path) -> Iterator[tuple[Server, FakeSlack, Path]]:
    fake = FakeSlack(TOKEN, fail_channels={"CNOTIN": "not_in_channel"}).start()
    base = tmp_path_factory.mktemp("slack")
    index = copy_index(rare_earths_index, base / "index")
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url,
           "SLACK_UPDATE_SECONDS": "0.1", "SLACK_CHANNELS": "C1,CNOTIN"}
    running = start_server(index, base / "server.log", env)
    yield running, fake, index
    stop_server(running)
    fake.stop()


def signed(body: str, secret: str = SECRET, age: float = 0, **headers: str) -> dict[str, str]:
    ts = str(int(time.time() - age))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, **headers}


def post_event(server: Server, event: dict[str, Any], event_id: str, **headers: str) -> httpx.Response:
    body = json.dumps({"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event": event,
                       "event_id": event_id, "event_time": int(time.time()),
                       "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]})
    return httpx.post(server.url + "/slack/events", content=body,
                      headers={"content-type": "application/json", **signed(body, **headers)}, timeout=10)


def post_form(server: Server, fields: dict[str, str]) -> httpx.Response:
    body = urlencode(fields)
    return httpx.post(server.url + "/slack/events", content=body,
                      headers={"content-type": "application/x-www-form-urlencoded", **signed(body)}, timeout=10)


def wait_for(check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the bot")


def final_update(fake: FakeSlack, ts: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        for update in fake.of("chat.update"):
            if update["ts"] == ts and any(b.get("block_id") == "feedback" for b in update.get("blocks") or []):
                return update
        return None
    return wait_for(done)


def block_text(message: dict[str, Any]) -> str:
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return "\n".join(b["text"]["text"] for b in blocks if b.get("type") == "section")


def reply_to(fake: FakeSlack, thread_ts: str, before: int) -> dict[str, Any]:
    return wait_for(lambda: next((m for m in fake.of("chat.postMessage")[before:] if m.get("thread_ts") == thread_ts), None))


def mention(server: Server, fake: FakeSlack, text: str, ts: str, thread_ts: str | None = None,
            channel: str = "C1") -> dict[str, Any]:
    before = len(fake.of("chat.postMessage"))
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": ts, "channel": channel}
    if thread_ts:
        event["thread_ts"] = thread_ts
    assert post_event(server, event, f"Ev{ts}").status_code == 200
    searching = reply_to(fake, thread_ts or ts, before)
    assert searching["text"] == "Searching the articles…"
    return final_update(fake, _ts_of(fake, searching))


def _ts_of(fake: FakeSlack, message: dict[str, Any]) -> str:
    """The ts the fake gave this posted message (it numbers posts and ephemerals in order from 1001)."""
    posts = [payload for name, payload in fake.calls if name in ("chat.postMessage", "chat.postEphemeral")]
    return f"{1001 + next(i for i, p in enumerate(posts) if p is message)}.000100"


def test_url_verification_answers_the_challenge(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, _, _ = slack
    body = json.dumps({"token": "t", "challenge": "chal-123", "type": "url_verification"})
    response = httpx.post(server.url + "/slack/events", content=body, headers={"content-type": "application/json", **signed(body)})
    assert response.status_code == 200 and "chal-123" in response.text


def test_a_mention_is_answered_in_its_thread_and_a_follow_up_keeps_the_context(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    first = mention(server, fake, "What share of rare earth processing does China control?", ts="1700000000.000100")
    text = block_text(first)
    assert "85" in text and "[1]" in text and "*Sources*" in text
    follow = mention(server, fake, "what about NdFeB magnet production?", ts="1700000001.000100",
                     thread_ts="1700000000.000100")
    assert "90%" in block_text(follow)
    assert fake.rejected == []


def test_a_pronoun_in_a_thread_is_read_as_on_v1_chat(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, index = slack
    mention(server, fake, "Who wants to finalize the rare earths arrangement by Thanksgiving?", ts="1700000100.000100")
    follow = mention(server, fake, "What reports did he dispute?", ts="1700000101.000100", thread_ts="1700000100.000100")
    assert "disputed" in block_text(follow)
    with sqlite3.connect(index / "feedback.sqlite") as conn:
        queries = [q for (q,) in conn.execute("SELECT query FROM answers WHERE question = ?", ("What reports did he dispute?",))]
    assert queries == ["What reports did Scott Bessent dispute?"]


def test_a_dm_is_answered_and_bot_messages_are_ignored(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    before = len(fake.of("chat.postMessage"))
    own = {"type": "message", "channel_type": "im", "channel": "D1", "user": "UBOT", "bot_id": "BBOT",
           "text": "an answer of mine", "ts": "1700000100.000100"}
    assert post_event(server, own, "EvOwn").status_code == 200
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
             "text": "What is the capital of Peru?", "ts": "1700000101.000100"}
    assert post_event(server, event, "EvDM").status_code == 200
    reply = reply_to(fake, "1700000101.000100", before)
    update = final_update(fake, _ts_of(fake, reply))
    assert "I couldn't find this in the articles" in block_text(update)
    assert not [m for m in fake.of("chat.postMessage")[before:] if m.get("thread_ts") == "1700000100.000100"]


def test_a_retried_delivery_is_answered_once(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> Which Treasury Secretary spoke about the rare earth arrangement?",
             "ts": "1700000200.000100", "channel": "C1"}
    assert post_event(server, event, "EvRetry").status_code == 200
    assert post_event(server, event, "EvRetry", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}).status_code == 200
    reply = reply_to(fake, "1700000200.000100", 0)
    final_update(fake, _ts_of(fake, reply))
    time.sleep(1)
    assert len([m for m in fake.of("chat.postMessage") if m.get("thread_ts") == "1700000200.000100"]) == 1


def test_a_mention_of_control_characters_only_gets_the_help_like_an_empty_one(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> \u0000\ud7ff\uffff \u200b", "ts": "1700000300.000100",
             "channel": "C1"}
    assert post_event(server, event, "EvControl").status_code == 200
    reply = reply_to(fake, "1700000300.000100", 0)
    assert reply["text"].startswith("Ask me a question about the articles")


def test_slash_command_visible_or_private(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    fields = {"command": "/ask", "text": "What share of rare earth processing does China control?", "channel_id": "C1",
              "user_id": "U7", "team_id": "T1", "response_url": "http://127.0.0.1:9/unused", "trigger_id": "t1"}
    response = post_form(server, fields)
    assert response.status_code == 200
    visible = wait_for(lambda: next((m for m in fake.of("chat.postMessage") if m.get("channel") == "C1"
                                     and "U7" in json.dumps(m.get("blocks"))), None))
    assert "85" in block_text(visible)
    assert post_form(server, {**fields, "text": "--private What did China agree to resume?"}).status_code == 200
    private = wait_for(lambda: next((m for m in fake.of("chat.postEphemeral") if m.get("user") == "U7"), None))
    assert private["channel"] == "C1" and block_text(private)


def test_a_thumbs_down_is_stored_and_exported_as_an_eval_candidate(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, index = slack
    answered = mention(server, fake, "How many years does it take to build processing capacity outside China?",
                       ts="1700000300.000100")
    blocks = answered["blocks"]
    buttons = next(b for b in blocks if b.get("block_id") == "feedback")["elements"]
    answer_id = next(e["value"] for e in buttons if e["action_id"] == "feedback_down")
    payload = {"type": "block_actions", "user": {"id": "U9", "username": "u9", "team_id": "T1"}, "api_app_id": "A1",
               "token": "t", "team": {"id": "T1"}, "channel": {"id": "C1"}, "trigger_id": "t2",
               "container": {"type": "message", "message_ts": "1", "channel_id": "C1"},
               "actions": [{"type": "button", "action_id": "feedback_down", "block_id": "feedback", "value": answer_id,
                            "action_ts": str(time.time())}]}
    assert post_form(server, {"payload": json.dumps(payload)}).status_code == 200

    def exported() -> list[dict[str, Any]]:
        result = rag("feedback", "export", "--down", index=index)
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    lines = wait_for(exported, timeout=30)
    line = next(x for x in lines if x["question"].startswith("How many years"))
    assert line["tags"] == ["feedback", "vote-down"] and line["note"]
    from eval.dataset import EvalItem
    EvalItem(**line)  # a valid eval dataset line


@pytest.mark.parametrize("problem", ["bad signature", "stale timestamp", "no signature"])
def test_unsigned_or_stale_requests_get_401(slack: tuple[Server, FakeSlack, Path], problem: str) -> None:
    server, fake, _ = slack
    body = json.dumps({"type": "event_callback", "event_id": f"Ev-{problem}", "event": {
        "type": "app_mention", "user": "U1", "text": "<@UBOT> hi", "ts": "1.1", "channel": "C1"}})
    headers = {"bad signature": signed(body, secret="wrong-secret"), "stale timestamp": signed(body, age=6 * 60),
               "no signature": {}}[problem]
    before = len(fake.calls)
    response = httpx.post(server.url + "/slack/events", content=body, headers={"content-type": "application/json", **headers})
    assert response.status_code == 401
    time.sleep(0.5)
    assert len(fake.calls) == before


def test_a_slack_api_error_is_logged_and_the_service_keeps_going(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> What did China agree to resume?",
             "ts": "1700000400.000100", "channel": "CNOTIN"}
    assert post_event(server, event, "EvNotIn").status_code == 200
    wait_for(lambda: "not_in_channel" in server.log.read_text(), timeout=30)
    assert httpx.get(server.url + "/healthz").status_code == 200
    log = server.log.read_text()
    assert TOKEN not in log and SECRET not in log


def test_a_channel_outside_the_allowlist_is_ignored(slack: tuple[Server, FakeSlack, Path]) -> None:
    server, fake, _ = slack
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> What did China agree to resume?",
             "ts": "1700000500.000100", "channel": "COTHER"}
    assert post_event(server, event, "EvOther").status_code == 200
    time.sleep(1.5)
    assert not [m for m in fake.of("chat.postMessage") if m.get("channel") == "COTHER"]


def test_socket_mode_runs_the_same_listeners(tmp_path: Path, rare_earths_index: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    from slack_bolt import BoltRequest
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from api.settings import AppSettings as Settings
    from api.settings import SlackSettings
    from api.slack.bot import SlackBot
    from rag.services import build_services

    fake = FakeSlack(TOKEN).start()
    try:
        settings = Settings.load(index_dir=copy_index(rare_earths_index, tmp_path / "ix"))
        slack_settings = SlackSettings(bot_token=TOKEN, signing_secret=SECRET, app_token="xapp-1-test", api_url=fake.url)
        bot = SlackBot(build_services(settings, embedder=minilm), slack_settings)
        handler = SocketModeHandler(bot.app, "xapp-1-test")  # wired, not connected: no network here
        assert handler.app is bot.app
        body = {"type": "event_callback", "event_id": "EvSocket", "team_id": "T1",
                "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
                "event": {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1700000600.000100",
                          "text": "<@UBOT> What share of rare earth processing does China control?"}}
        response = bot.app.dispatch(BoltRequest(body=body, mode="socket_mode"))
        assert response.status == 200
        reply = wait_for(lambda: next(iter(fake.of("chat.postMessage")), None))
        assert reply["thread_ts"] == "1700000600.000100"
        assert "85" in block_text(final_update(fake, _ts_of(fake, reply)))
    finally:
        fake.stop()
