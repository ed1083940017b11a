"""POST /v1/ask, /v1/chat (JSON, or Server-Sent Events with "stream": true) and POST /v1/search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import EngineDep
from api.security import ReadAccess
from api.sse import answer_events
from api.strict_json import StrictJSONRoute
from rag.types import Answer, AskRequest, ChatRequest, SearchRequest, SearchResponse

router = APIRouter(prefix="/v1", tags=["answers"], route_class=StrictJSONRoute)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "A key is required"}, 403: {"description": "The key is not valid"},
    422: {"description": "Invalid request"}, 429: {"description": "Too many requests (see Retry-After)"},
    502: {"description": "The model failed"},
    503: {"description": "The index is empty, or the model is unavailable"}, 504: {"description": "The model timed out"}}
_SSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/event-stream": {}},
              "description": "With stream=true: events (query,) passages, token..., answer (the verified Answer), done."}}


@router.post("/ask", response_model=Answer, responses={**ERRORS, **_SSE})  # type: ignore[arg-type]
def ask(request: AskRequest, engine: EngineDep, _: ReadAccess) -> Any:
    """Answer a question from the indexed articles, with every sentence cited and checked."""
    if not request.stream:
        return engine.ask(request)
    return answer_events(engine.stream(request))


@router.post("/chat", response_model=Answer, responses={**ERRORS, **_SSE})  # type: ignore[arg-type]
def chat(request: ChatRequest, engine: EngineDep, _: ReadAccess) -> Any:
    """Answer the last user turn of a conversation; follow-ups are rewritten into the standalone `query`."""
    if not request.stream:
        return engine.chat(request)
    return answer_events(engine.chat_stream(request))


@router.post("/search", response_model=SearchResponse, responses=ERRORS)  # type: ignore[arg-type]
async def search(request: SearchRequest, engine: EngineDep, _: ReadAccess) -> SearchResponse:
    """The passages that best match the query, best first."""
    # The search on a worker thread, its response checked and encoded here: a plain ``def`` route would also
    # send the response's validation to a worker thread and back, a second hand-off per request.
    return SearchResponse(passages=await run_in_threadpool(engine.search, request))
