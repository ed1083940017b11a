"""Error codes to HTTP statuses in one table, one error body shape for every failure, and the errors that
exist only over HTTP (they join the core's tree under ``rag.errors.RagError``).

Where the response is written is the one place a provider's text is left out: the body carries our
``message``; the log line of a 5xx carries the traceback with its causes (a model SDK's exception included)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import RagError, describe_validation

log = logging.getLogger("api")


class AuthRequired(RagError):
    """No API key where one is needed."""

    code = "unauthorized"


class AuthRejected(RagError):
    """A key that is not one of ours, where a key is needed."""

    code = "forbidden"


class RateLimited(RagError):
    """Too many requests for this caller; retry after ``retry_after`` seconds."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PayloadTooLarge(RagError):
    """A body over the size cap."""

    code = "payload_too_large"


class UnsupportedMediaType(RagError):
    """A content type or file type we do not read."""

    code = "unsupported_media_type"

STATUS = {
    "invalid_input": 422,
    "url_not_allowed": 422,
    "fetch_failed": 422,
    "fetch_too_large": 413,
    "unsupported_content": 415,
    "feed_invalid": 422,
    "not_found": 404,
    "index_empty": 503,
    "index_mismatch": 503,
    "index_locked": 409,
    "index_corrupt": 500,
    "store_unavailable": 503,
    "storage_full": 507,
    "config_error": 500,
    "generator_failed": 502,
    "generator_unavailable": 503,
    "generator_timeout": 504,
    "conflict": 409,
    "collection_not_empty": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "unauthorized": 401,
    "forbidden": 403,
    "rate_limited": 429,
}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The body of every 4xx and 5xx response."""

    error: ErrorDetail


def document_errors(app: FastAPI) -> None:
    """The OpenAPI schema states the one error body for every 4xx/5xx response (FastAPI's own 422 shape is not ours)."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        error = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(error.pop("$defs", {}))
        schemas["ErrorBody"] = error
        body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for operations in spec.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if status[:1] in ("4", "5"):
                        response["content"] = body
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    document_errors(app)
    @app.exception_handler(RagError)
    async def _rag_error(request: Request, exc: RagError) -> JSONResponse:
        status = STATUS.get(exc.code, 500)
        if status >= 500 and exc.code not in ("index_empty", "index_mismatch"):
            log.error("request failed: %s: %s", exc.code, exc.message, exc_info=exc)  # with its causes
        headers = {}
        if isinstance(exc, RateLimited):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, AuthRequired):
            headers["WWW-Authenticate"] = 'Bearer realm="rag"'
        return JSONResponse(error_body(exc.code, exc.message), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type")} for e in exc.errors()]
        return JSONResponse(error_body("invalid_input", describe_validation(exc.errors()), details), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # a body the framework could not parse (not UTF-8, broken multipart)
            return JSONResponse(error_body("invalid_input", f"malformed request body: {exc.detail}"), status_code=422)
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large",
                415: "unsupported_media_type"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return JSONResponse(error_body("internal", "internal error; see the server log"), status_code=500)
