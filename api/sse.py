"""Server-Sent Events for answers: the engine's events as `event:`/`data:` frames, errors after the 200 as an event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse

from api.errors import STATUS
from rag.errors import RagError

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def frame(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(events: Iterator[tuple[str, Any]]) -> StreamingResponse:
    """Start the stream: the first event is taken before the 200, so retrieval errors keep their HTTP status."""
    first = next(events)
    return StreamingResponse(_frames(first, events), media_type="text/event-stream", headers=HEADERS)


def _frames(first: tuple[str, Any], rest: Iterator[tuple[str, Any]]) -> Iterator[str]:
    try:
        for kind, value in _chain(first, rest):
            if kind == "query":
                yield frame("query", {"query": value})
            elif kind == "passages":
                yield frame("passages", [p.model_dump() for p in value])
            elif kind == "token":
                yield frame("token", {"text": value})
            elif kind == "answer":
                yield frame("answer", value.model_dump())
    except RagError as exc:  # after the 200 went out: the error travels as an event
        yield frame("error", {"error": {"code": exc.code, "message": exc.message, "status": STATUS.get(exc.code, 500)}})
    yield frame("done", {})


def _chain(first: tuple[str, Any], rest: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    yield first
    yield from rest
