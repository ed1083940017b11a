"""The bot's listeners, on one slack_bolt App used by both HTTP mode and Socket Mode.

- @mention in a channel, or any message in a DM: a "Searching…" reply in the thread, updated as the answer
  streams (at most every ``update_seconds``), then with the verified answer, sources, disagreement and 👍/👎.
  Earlier turns of the same thread are the conversation, so follow-ups work as in /v1/chat.
- ``/ask question`` (the command name is configurable): a visible reply; ``--private`` makes it ephemeral.
- Each channel searches its own collections (SLACK_CHANNEL_COLLECTIONS, SLACK_DEFAULT_COLLECTIONS for other
  channels and DMs: api/slack/routing.py); a thread keeps the collections it started with, and ``/ask`` uses
  the channel's. The search goes through the same scoped store as a scoped API key (rag/scope.py).
- 👍/👎 clicks are stored with the answer (rag/feedback.py).
- A redelivered event (same event_id, Slack's X-Slack-Retry-Num) is acknowledged and not answered again.
- Bots' messages, the bot's own included, are ignored. Slack API errors are logged by their code only.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from api.settings import SlackSettings
from api.slack.blocks import answer_blocks, escape, progress
from api.slack.memory import SlackMemory
from api.slack.routing import channel_collections
from rag.engine import Engine
from rag.errors import ConfigError, RagError, describe_validation
from rag.feedback import FeedbackStore
from rag.scope import scoped_services
from rag.services import Services
from rag.types import Answer, ChatMessage, ChatRequest, has_text

log = logging.getLogger("api.slack")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
HELP = "Ask me a question about the articles, e.g. `@bot What share of rare earth processing does China control?`"


def _sorry(exc: RagError | ValidationError) -> str:
    message = exc.message if isinstance(exc, RagError) else describe_validation(exc.errors())
    return f"Sorry, I couldn't answer: {escape(message)}"


def clean_question(text: str) -> str:
    """The question without mentions; empty when nothing readable is left (only control characters too)."""
    question = " ".join(_MENTION.sub(" ", text or "").split())
    return question if has_text(question) else ""


class SlackBot:
    def __init__(self, services: Services, settings: SlackSettings, state_dir: Path | None = None) -> None:
        if settings.bot_token is None or settings.signing_secret is None:
            raise ConfigError("the Slack bot needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET")
        self.services = services
        self.engine = services.engine
        self.settings = settings
        directory = state_dir or services.settings.index_dir
        self.memory = SlackMemory(directory / "slack.sqlite")
        self.feedback = FeedbackStore(directory / "feedback.sqlite")
        base_url = settings.api_url or "https://slack.com/api/"
        token = settings.bot_token.get_secret_value()
        client = WebClient(token=token, base_url=base_url if base_url.endswith("/") else base_url + "/", timeout=15)
        self.app = App(token=token, signing_secret=settings.signing_secret.get_secret_value(), client=client,
                       token_verification_enabled=False, logger=logging.getLogger("api.slack.bolt"))
        self._register()

    # -- wiring -----------------------------------------------------------------------------------

    def _register(self) -> None:
        app = self.app

        @app.middleware
        def once(body: dict[str, Any], next: Any) -> Any:  # noqa: A002 - bolt passes it by this name
            event_id = body.get("event_id")
            if isinstance(event_id, str) and not self.memory.first_time(event_id):
                log.info("event %s delivered again; already handled", event_id)
                return BoltResponse(status=200, body="")
            return next()

        @app.event("app_mention")
        def on_mention(event: dict[str, Any], client: WebClient) -> None:
            if self._allowed(event):
                self.answer_in_thread(client, event)

        @app.event("message")
        def on_message(event: dict[str, Any], client: WebClient) -> None:
            if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
                return  # channel messages come as app_mention; bots (ourselves included) and edits are ignored
            self.answer_in_thread(client, event)

        @app.command(self.settings.command)
        def on_command(ack: Any, command: dict[str, Any], client: WebClient) -> None:
            ack()
            self.answer_command(client, command)

        @app.action("feedback_up")
        def on_up(ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
            ack()
            self._vote(body, action, "up")

        @app.action("feedback_down")
        def on_down(ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
            ack()
            self._vote(body, action, "down")

    def _allowed(self, event: dict[str, Any]) -> bool:
        if event.get("bot_id"):
            return False
        if self.settings.channels and event.get("channel") not in self.settings.channels:
            log.info("ignoring a mention in channel %s: not in SLACK_CHANNELS", event.get("channel"))
            return False
        return True

    # -- answering ---------------------------------------------------------------------------------

    def _request(self, history: list[ChatMessage], question: str) -> ChatRequest:
        return ChatRequest(messages=[*history, ChatMessage(role="user", content=question)])

    def collections_of(self, channel: str) -> frozenset[str] | None:
        """The collections a new conversation in this channel searches (None: all)."""
        return channel_collections(channel, self.settings.channel_collections, self.settings.default_collections)

    def _engine(self, collections: frozenset[str] | None) -> Engine:
        return scoped_services(self.services, collections).engine

    def answer_in_thread(self, client: WebClient, event: dict[str, Any]) -> None:
        channel, thread = event["channel"], event.get("thread_ts") or event["ts"]
        question = clean_question(event.get("text", ""))
        collections = self.memory.thread_collections(channel, thread, self.collections_of(channel))
        try:
            if not question:
                client.chat_postMessage(channel=channel, thread_ts=thread, text=HELP)
                return
            text, blocks = progress("")
            ts = client.chat_postMessage(channel=channel, thread_ts=thread, text=text, blocks=blocks)["ts"]
            try:
                answer = self._stream(client, channel, ts, self._request(self.memory.history(channel, thread), question),
                                      self._engine(collections))
            except (RagError, ValidationError) as exc:
                client.chat_update(channel=channel, ts=ts, text=_sorry(exc))
                return
            answer_id = self.feedback.record_answer(answer, "slack", f"{channel}/{thread}", collections)
            text, blocks = answer_blocks(answer, answer_id, collections)
            client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            self.memory.add(channel, thread, question, answer.answer)
        except SlackApiError as exc:
            log.error("Slack API error %s while answering in %s", exc.response.get("error", "unknown"), channel)

    def _stream(self, client: WebClient, channel: str, ts: str, request: ChatRequest, engine: Engine) -> Answer:
        draft, last, answer = "", time.monotonic(), None
        for kind, value in engine.chat_stream(request):
            if kind == "token":
                draft += value
                if time.monotonic() - last >= self.settings.update_seconds:
                    text, blocks = progress(draft)
                    client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
                    last = time.monotonic()
            elif kind == "answer":
                answer = value
        assert answer is not None
        return answer

    def answer_command(self, client: WebClient, command: dict[str, Any]) -> None:
        words = (command.get("text") or "").split()
        private = "--private" in words
        question = clean_question(" ".join(w for w in words if w != "--private"))
        channel, user = command["channel_id"], command["user_id"]
        try:
            if not question:
                client.chat_postEphemeral(channel=channel, user=user, text=HELP)
                return
            try:
                collections = self.collections_of(channel)
                answer = self._engine(collections).chat(self._request([], question))
            except (RagError, ValidationError) as exc:
                client.chat_postEphemeral(channel=channel, user=user, text=_sorry(exc))
                return
            answer_id = self.feedback.record_answer(answer, "slack", channel, collections)
            text, blocks = answer_blocks(answer, answer_id, collections)
            asked = {"type": "context", "elements": [{"type": "mrkdwn", "verbatim": True,
                                                      "text": f"<@{user}> asked: {escape(question)}"}]}
            if private:
                client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=[asked, *blocks])
            else:
                client.chat_postMessage(channel=channel, text=text, blocks=[asked, *blocks])
        except SlackApiError as exc:
            log.error("Slack API error %s while answering %s in %s", exc.response.get("error", "unknown"),
                      self.settings.command, channel)

    def _vote(self, body: dict[str, Any], action: dict[str, Any], vote: str) -> None:
        user = (body.get("user") or {}).get("id", "unknown")
        if not self.feedback.vote(str(action.get("value", "")), user, vote):  # type: ignore[arg-type]
            log.warning("a %s vote for an unknown answer was ignored", vote)
