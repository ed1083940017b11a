"""POST /v1/ask (JSON, or Server-Sent Events with "stream": true) and POST /v1/search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.deps import EngineDep
from api.errors import STATUS
from rag.engine import Engine
from rag.errors import RagError
from rag.types import Answer, AskRequest, SearchRequest, SearchResponse

router = APIRouter(prefix="/v1", tags=["answers"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"description": "Invalid request"}, 502: {"description": "The model failed"},
    503: {"description": "The index is empty, or the model is unavailable"}, 504: {"description": "The model timed out"}}
_SSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/event-stream": {}},
              "description": "With stream=true: events passages, token..., answer (the verified Answer), done."}}


@router.post("/ask", response_model=Answer, responses={**_ERRORS, **_SSE})  # type: ignore[arg-type]
def ask(request: AskRequest, engine: EngineDep) -> Any:
    """Answer a question from the indexed articles, with every sentence cited and checked."""
    if not request.stream:
        return engine.ask(request)
    events = engine.stream(request)
    first = next(events)  # retrieval errors (empty index...) still get their HTTP status
    return StreamingResponse(_sse(first, events), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _sse(first: tuple[str, Any], rest: Iterator[tuple[str, Any]]) -> Iterator[str]:
    def event(name: str, data: Any) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    try:
        for kind, value in _chain(first, rest):
            if kind == "passages":
                yield event("passages", [p.model_dump() for p in value])
            elif kind == "token":
                yield event("token", {"text": value})
            elif kind == "answer":
                yield event("answer", value.model_dump())
    except RagError as exc:  # after the 200 went out: the error travels as an event
        yield event("error", {"error": {"code": exc.code, "message": exc.message, "status": STATUS.get(exc.code, 500)}})
    yield event("done", {})


def _chain(first: tuple[str, Any], rest: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    yield first
    yield from rest


@router.post("/search", response_model=SearchResponse, responses=_ERRORS)  # type: ignore[arg-type]
def search(request: SearchRequest, engine: EngineDep) -> SearchResponse:
    """The passages that best match the query, best first."""
    return SearchResponse(passages=engine.search(request))


__all__ = ["Engine", "router"]
