"""A fake Slack Web API on loopback: records chat.postMessage, chat.update and chat.postEphemeral calls,
checks the bot token, answers auth.test, and fails with Slack's own errors where a test asks it to."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class FakeSlack:
    token: str
    fail_channels: dict[str, str] = field(default_factory=dict)   # channel -> Slack error, e.g. not_in_channel
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)            # methods called with a wrong token
    server: ThreadingHTTPServer | None = None
    _ts: int = 1000

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/api/"

    def of(self, method: str) -> list[dict[str, Any]]:
        return [payload for name, payload in self.calls if name == method]

    def _reply(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "T", "user": "bot", "team_id": "T1",
                    "user_id": "UBOT", "bot_id": "BBOT"}
        if method not in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            return {"ok": False, "error": "unknown_method"}
        channel = payload.get("channel", "")
        if channel in self.fail_channels:
            return {"ok": False, "error": self.fail_channels[channel]}
        self.calls.append((method, payload))
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": payload["ts"], "text": payload.get("text", "")}
        self._ts += 1
        ts = f"{self._ts}.000100"
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": payload.get("text", ""), "ts": ts}}

    def start(self) -> FakeSlack:
        fake = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
                kind = self.headers.get("content-type", "")
                payload = json.loads(raw or "{}") if kind.startswith("application/json") else dict(parse_qsl(raw))
                method = self.path.rsplit("/", 1)[-1]
                if self.headers.get("authorization") != f"Bearer {fake.token}":
                    fake.rejected.append(method)
                    reply: dict[str, Any] = {"ok": False, "error": "invalid_auth"}
                else:
                    with lock:
                        reply = fake._reply(method, payload)
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
