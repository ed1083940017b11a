"""Small OpenAI-compatible and Anthropic Messages servers on loopback, speaking the real wire formats.

Each test scripts the replies: a text to stream, an HTTP error status, or a delay. The official SDKs are the
clients, so retries, streaming parsers and error mapping are exercised for real.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    delay: float = 0.0          # seconds before answering (timeouts)
    garbage: bool = False       # a 200 whose body is not the wire format
    pieces: int = 4             # how many stream chunks the text is cut into
    finish: str = "stop"        # OpenAI finish_reason: "length" when max_tokens cut the text
    usage_chunk: bool = False   # OpenAI: a last chunk with no choices, only usage (stream_options.include_usage)
    role_chunk: str = "openai"  # first chunk: OpenAI's {"role", "content": ""}, or llama.cpp's {"role"} alone


@dataclass
class FakeLLM:
    kind: str                                   # "openai" or "anthropic"
    replies: list[Reply] = field(default_factory=list)
    default: Reply = field(default_factory=Reply)
    requests: list[dict[str, Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}" + ("/v1" if self.kind == "openai" else "")

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else self.default

    def start(self) -> FakeLLM:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                reply = fake.next_reply()
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status != 200:
                    return self._json(reply.status, _error(fake.kind, reply.status))
                if reply.garbage:
                    return self._raw(200, "text/event-stream" if body.get("stream") else "application/json",
                                     b"data: {not json at all\n\n" if body.get("stream") else b"<html>oops</html>")
                model = str(body.get("model", "fake"))  # real servers echo the name asked for, a file path included
                if not body.get("stream"):
                    return self._json(200, _whole(fake.kind, reply.text, model))
                events = _openai_stream(reply, model) if fake.kind == "openai" else _anthropic_stream(reply)
                self._raw(200, "text/event-stream", "".join(events).encode())

            def _json(self, status: int, payload: Any) -> None:
                self._raw(status, "application/json", json.dumps(payload).encode())

            def _raw(self, status: int, content_type: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                if status == 429:
                    self.send_header("retry-after", "0")
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _cut(text: str, pieces: int) -> list[str]:
    size = max(1, -(-len(text) // max(1, pieces)))
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


def _error(kind: str, status: int) -> dict[str, Any]:
    if kind == "openai":
        return {"error": {"message": f"provider secret detail {status}", "type": "error", "code": str(status)}}
    names = {401: "authentication_error", 429: "rate_limit_error", 529: "overloaded_error", 500: "api_error"}
    return {"type": "error", "error": {"type": names.get(status, "invalid_request_error"),
                                       "message": f"provider secret detail {status}"}}


def _whole(kind: str, text: str, model: str) -> dict[str, Any]:
    if kind == "openai":
        return {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "logprobs": None,
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": "fake", "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn", "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}}


def _openai_stream(reply: Reply, model: str) -> list[str]:
    """Chunks as OpenAI sends them, or as llama-cpp-python's server does (role-only first delta)."""
    def chunk(delta: dict[str, Any] | None, finish: str | None = None, **extra: Any) -> str:
        choices = [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
        payload = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                   "choices": choices, **extra}
        return f"data: {json.dumps(payload)}\n\n"

    events = [chunk({"role": "assistant"} if reply.role_chunk == "llamacpp" else {"role": "assistant", "content": ""})]
    events += [chunk({"content": piece}) for piece in _cut(reply.text, reply.pieces)]
    events.append(chunk({}, reply.finish))
    if reply.usage_chunk:
        events.append(chunk(None, usage={"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}))
    events.append("data: [DONE]\n\n")
    return events


def _anthropic_stream(reply: Reply) -> list[str]:
    def event(name: str, payload: dict[str, Any]) -> str:
        return f"event: {name}\ndata: {json.dumps({'type': name, **payload})}\n\n"

    events = [event("message_start", {"message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "fake",
                                                  "content": [], "stop_reason": None, "stop_sequence": None,
                                                  "usage": {"input_tokens": 1, "output_tokens": 0}}}),
              event("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}})]
    events += [event("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": piece}})
               for piece in _cut(reply.text, reply.pieces)]
    events += [event("content_block_stop", {"index": 0}),
               event("message_delta", {"delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                       "usage": {"output_tokens": 5}}),
               event("message_stop", {})]
    return events
