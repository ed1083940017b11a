"""OpenAI-compatible chat: POST /v1/chat/completions and GET /v1/models.

Any OpenAI client (the official SDK, Open WebUI, LibreChat) works against ``base_url=http://HOST:PORT/v1``.
The reply text keeps its ``[n]`` markers and ends with a sources list; the whole verified Answer (citations
with passages, conflicts, grounded) travels in the extra field ``rag`` of the response, or of the final stream
chunk, so nothing is lost on the way. Streams carry the verified text only: a model's draft may lose sentences
in verification, and a chat client cannot take back what it has shown. System messages are ignored: our own
prompt decides how answers are written. Sampling and client options (temperature, max_tokens, top_p, seed,
user, tools, ...) are accepted and ignored. ``stream_options.include_usage`` adds the usage chunk of the
OpenAI wire format (empty ``choices``) before ``[DONE]``; usage counts word pieces (words and punctuation),
not a model tokenizer's tokens, since the reply may come from no model at all.
Conversations longer than /v1/chat accepts keep their most recent turns; the follow-up is read the same
way as on /v1/chat (rag.conversation).

``model`` names a collection: ``GET /v1/models`` lists ``articles`` (every collection the caller may read)
and each collection the caller may read. A model that is not one of those, because the collection does not
exist or because the caller's key is not scoped to it, is the same 404 ``model_not_found``, word for word.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api.deps import ServicesDep
from api.errors import STATUS
from api.routes.answers import ERRORS
from api.security import ReadAccess
from api.sse import HEADERS
from api.strict_json import StrictJSONRoute
from rag.errors import InvalidInput, NotFound, RagError, describe_validation
from rag.types import MAX_TURNS, Answer, ChatRequest, Filters

router = APIRouter(prefix="/v1", tags=["openai-compatible"], route_class=StrictJSONRoute)

MODEL_ID = "articles"
CREATED = 1_767_225_600  # 2026-01-01: a fixed "created" for our one model
_IGNORED_ROLES = {"system", "developer"}


class OpenAIMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class OpenAIChatRequest(BaseModel):
    """The OpenAI chat request; sampling options (temperature, max_tokens...) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str
    messages: list[OpenAIMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = Field(default=None, description="include_usage: a last chunk with usage.")
    filters: Filters | None = Field(default=None, description="Extension: restrict the articles searched.")
    debug: bool = Field(default=False, description="Extension: add the trace to the `rag` field.")


def _text(message: OpenAIMessage, n: int) -> str:
    if message.content is None:
        return ""
    if isinstance(message.content, str):
        return message.content
    parts = []
    for part in message.content:
        if part.get("type") != "text" or not isinstance(part.get("text"), str):
            raise InvalidInput(f"messages.{n}.content: only text parts are supported")
        parts.append(part["text"])
    return "\n".join(parts)


class ModelNotFound(NotFound):
    code = "model_not_found"


def model_filters(model: str, filters: Filters | None, readable: dict[str, int]) -> Filters | None:
    """The filters for a model: ``articles`` leaves them as they are; a collection the caller reads narrows
    them to it; anything else is ModelNotFound (the same for a collection outside the caller's scope)."""
    if model == MODEL_ID:
        return filters
    if model not in readable:
        raise ModelNotFound(f"model {model[:100]!r} does not exist; GET /v1/models lists the models you may use")
    base = filters or Filters()
    named = [model] if base.collections is None else [c for c in base.collections if c == model]
    return base.model_copy(update={"collections": named})


def to_chat_request(body: OpenAIChatRequest, readable: dict[str, int] | None = None) -> ChatRequest:
    filters = model_filters(body.model, body.filters, readable or {})
    turns = []
    for n, message in enumerate(body.messages):
        if message.role in _IGNORED_ROLES:
            continue
        if message.role not in ("user", "assistant"):
            raise InvalidInput(f"messages.{n}.role: {message.role!r} is not supported; use user, assistant or system")
        turns.append({"role": message.role, "content": _text(message, n)})
    if len(turns) > MAX_TURNS:  # a long chat client history: the reading only looks at the recent turns anyway
        turns = turns[-MAX_TURNS:]
        while len(turns) > 1 and turns[0]["role"] != "user":
            turns = turns[1:]
    try:
        return ChatRequest.model_validate({"messages": turns, "filters": filters, "debug": body.debug})
    except ValidationError as exc:
        raise InvalidInput(describe_validation(exc.errors())) from None


_PIECE = re.compile(r"\w+|[^\w\s]")


def usage(request: ChatRequest, reply: str) -> dict[str, int]:
    """Word pieces in, word pieces out (not a model tokenizer's count)."""
    prompt = sum(len(_PIECE.findall(m.content)) for m in request.messages)
    completion = len(_PIECE.findall(reply))
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def reply_text(answer: Answer) -> str:
    """The answer with its [n] markers, then one line per source (with its URL when it has one)."""
    if not answer.citations:
        return answer.answer
    lines = []
    for c in answer.citations:
        date = f", {c.published_at}" if c.published_at else ""
        source = f" ({c.source}{date})" if c.source else (f" ({c.published_at})" if c.published_at else "")
        link = f" <{c.url}>" if c.url else ""  # the original article, when it was indexed from a URL
        lines.append(f"[{c.id}] {c.title}{source}{link}")
    return answer.answer + "\n\nSources:\n" + "\n".join(lines)


@router.get("/models", responses={401: {"description": "A key is required"}, 403: {"description": "The key is not valid"},
                                  429: {"description": "Too many requests"}})
def models(services: ServicesDep, _: ReadAccess) -> dict[str, Any]:
    """`articles` (every collection you may read), then each collection you may read."""
    names = [MODEL_ID, *sorted(services.store.collections())]
    return {"object": "list", "data": [{"id": name, "object": "model", "created": CREATED, "owned_by": "rag"}
                                       for name in dict.fromkeys(names)]}


@router.post("/chat/completions", responses={**ERRORS, 404: {"description": "No such model (GET /v1/models)"}})  # type: ignore[arg-type]
def chat_completions(body: OpenAIChatRequest, services: ServicesDep, _: ReadAccess) -> Any:
    """An OpenAI chat completion whose reply comes from the articles, with the Answer in `rag`."""
    engine = services.engine
    request = to_chat_request(body, services.store.collections() if body.model != MODEL_ID else None)
    model = body.model
    completion_id = "chatcmpl-" + uuid.uuid4().hex
    created = int(time.time())
    if not body.stream:
        answer = engine.chat(request)
        text = reply_text(answer)
        return {"id": completion_id, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": usage(request, text), "rag": answer.model_dump()}
    events = engine.chat_stream(request)
    first = next(events)  # errors before anything is sent keep their HTTP status
    with_usage = body.stream_options is not None and body.stream_options.include_usage
    return StreamingResponse(_chunks(first, events, completion_id, created, request if with_usage else None, model),
                             media_type="text/event-stream", headers=HEADERS)


def _chunks(first: tuple[str, Any], rest: Iterator[tuple[str, Any]], cid: str,
            created: int, usage_of: ChatRequest | None, model: str = MODEL_ID) -> Iterator[str]:
    """OpenAI's chunks; with include_usage every chunk has ``usage: null`` and a last one, with no choices,
    carries the counts."""
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        payload = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        if usage_of is not None:
            payload["usage"] = None
        return "data: " + json.dumps(payload, ensure_ascii=False) + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        answer: Answer | None = first[1] if first[0] == "answer" else None
        for kind, value in rest:
            if kind == "answer":
                answer = value
        assert answer is not None
        text = reply_text(answer)
        for piece in _pieces(text):
            yield chunk({"content": piece})
        yield chunk({}, "stop", rag=answer.model_dump())
        if usage_of is not None:
            last = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [], "usage": usage(usage_of, text)}
            yield "data: " + json.dumps(last) + "\n\n"
    except RagError as exc:
        yield "data: " + json.dumps({"error": {"code": exc.code, "message": exc.message,
                                               "status": STATUS.get(exc.code, 500)}}) + "\n\n"
    yield "data: [DONE]\n\n"


def _pieces(text: str, words: int = 4) -> Iterator[str]:
    """The text in pieces of a few words, whitespace kept, so clients render it as it arrives."""
    tokens = text.split(" ")
    for start in range(0, len(tokens), words):
        piece = " ".join(tokens[start:start + words])
        yield piece if start + words >= len(tokens) else piece + " "
