"""Documents: add (upload or JSON), replace, list, read and delete; each write is atomic and visible to the
next query without a restart. Writing needs an API key."""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from api.deps import ServicesDep
from api.errors import PayloadTooLarge, UnsupportedMediaType
from api.security import ReadAccess, WriteAccess
from index.documents import DOC_ID_PATTERN, document_from_bytes, validate_doc_id
from index.metadata import MetadataError, clean
from index.readers import SUPPORTED, Refused
from rag.collections import MAX_COLLECTIONS, SLUG_PATTERN, check_slugs
from rag.errors import Conflict, InvalidInput, describe_validation
from rag.services import Services
from rag.types import Document

router = APIRouter(prefix="/v1/documents", tags=["documents"])
MAX_OFFSET = 2**53  # within SQLite's and PostgreSQL's 64-bit integers (and exact as a JSON number)


_COLLECTIONS = Field(default=None, max_length=MAX_COLLECTIONS, description=(
    "Collections to put the document in (slugs [a-z0-9-]{1,64}); added to those it is already in. Default: "
    "'default' for a new document."), json_schema_extra={"items": {"type": "string", "pattern": SLUG_PATTERN}})


class _InCollections(BaseModel):
    model_config = ConfigDict(extra="forbid")
    collections: list[str] | None = _COLLECTIONS

    @field_validator("collections")
    @classmethod
    def _collections(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_slugs(value)


def _unsupported(what: str, media: bool = False) -> UnsupportedMediaType:
    if media:
        return UnsupportedMediaType(f"content-type {what!r} is not supported; send application/json or multipart/form-data")
    return UnsupportedMediaType(f"file type {what or '(none)'!r} is not supported; send one of {', '.join(SUPPORTED)}")


class DocumentIn(_InCollections):
    doc_id: str = Field(description="1-200 letters, digits, '.', '_' or '-', not '..'.",
                        json_schema_extra={"pattern": DOC_ID_PATTERN})
    title: str | None = None
    text: str
    source: str | None = None
    published_at: str | None = Field(default=None, description="YYYY-MM-DD or an ISO date-time.")


class UrlIn(_InCollections):
    """Fetch an article from a URL and index it (the doc_id is derived from the URL unless given)."""

    url: str = Field(description="An http or https URL of an article page.", max_length=4000)
    doc_id: str | None = Field(default=None, json_schema_extra={"pattern": DOC_ID_PATTERN})
    title: str | None = None
    source: str | None = None
    published_at: str | None = Field(default=None, description="YYYY-MM-DD or an ISO date-time.")


class DocumentSummary(BaseModel):
    doc_id: str
    title: str
    source: str | None = None
    published_at: str | None = None
    chunks: int
    indexed_at: str | None = None
    url: str | None = Field(default=None, description="The page it was fetched from.")
    duplicate_of: str | None = Field(default=None, description="A syndicated copy of this doc_id (no passages "
                                                               "of its own; cited through the original).")
    also_published_by: list[str] = Field(default_factory=list, description="Sites that ran a copy of this story.")
    collections: list[str] = Field(default_factory=list, description="The collections it belongs to.")


class DocumentWritten(DocumentSummary):
    status: str = Field(description="created, updated or unchanged")
    warnings: list[str] = Field(default_factory=list, description="What was read with a loss, e.g. a page date "
                                                                   "in no known format (indexed without it).")


class DocumentFull(DocumentSummary):
    text: str
    content_hash: str


class DocumentPage(BaseModel):
    documents: list[DocumentSummary]
    total: int
    limit: int
    offset: int
    next_offset: int | None


_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"oneOf": [DocumentIn.model_json_schema(), UrlIn.model_json_schema()]}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": f"One of {', '.join(SUPPORTED)}"},
        "doc_id": {"type": "string", "description": "Default: the file name without its extension"},
        "title": {"type": "string"}, "source": {"type": "string"}, "published_at": {"type": "string"},
        "collections": {"type": "string", "description": "Comma-separated collection names (or the field repeated)"}}}}}}}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key"}, 403: {"description": "The key is not valid"},
    409: {"description": "The doc_id holds other content (POST; use PUT to replace)"},
    413: {"description": "Over the upload (or fetch) size cap"},
    415: {"description": "Unsupported file type, or a URL serving a content type we do not read"},
    422: {"description": "Invalid document, or a URL refused (private address) or not fetched (timeout, 404, "
                         "redirect loop)"}, 429: {"description": "Too many requests"}}


async def _body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap + 64_000:
        raise PayloadTooLarge(f"the upload is {int(declared)} bytes; the limit is {cap}")
    data = bytearray()
    async for part in request.stream():
        data += part
        if len(data) > cap + 64_000:  # room for the multipart envelope and the JSON quoting
            raise PayloadTooLarge(f"the upload is over the limit of {cap} bytes")
    request._body = bytes(data)  # so request.form() parses what was read here
    return bytes(data)


def _metadata(fields: dict[str, Any]) -> dict[str, str]:
    try:
        return clean({k: v for k, v in fields.items() if v is not None}, "document", strict=True)
    except MetadataError as exc:
        raise InvalidInput(exc.message) from None


async def _document(request: Request, services: Services, path_doc_id: str | None) -> Document:
    cap = request.app.state.settings.api.max_upload_bytes
    data = await _body(request, cap)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        url_body = _url_body(data)
        if url_body is not None:
            doc = await run_in_threadpool(_fetch_url, services, url_body, path_doc_id)
            doc.collections = url_body.collections or []
            return doc
        try:
            body = DocumentIn.model_validate_json(data)
        except ValidationError as exc:
            raise InvalidInput(describe_validation(exc.errors())) from None
        raw, name, doc_id, collections = body.text.encode("utf-8"), "document.txt", body.doc_id, body.collections or []
        meta = _metadata({"title": body.title, "source": body.source, "published_at": body.published_at})
    elif kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidInput("multipart upload needs a 'file' part")
        name = PureWindowsPath(PurePosixPath(upload.filename or "").name).name  # never a path
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in SUPPORTED:
            raise _unsupported(suffix)
        raw = await upload.read()
        given = form.get("doc_id")
        doc_id = given if isinstance(given, str) and given else PurePosixPath(name).stem
        meta = _metadata({k: form.get(k) for k in ("title", "source", "published_at") if isinstance(form.get(k), str)})
        collections = _form_collections([v for v in form.getlist("collections") if isinstance(v, str)])
    else:
        raise _unsupported(kind or "no content-type", media=True)
    if len(raw) > cap:
        raise PayloadTooLarge(f"the document is {len(raw)} bytes; the limit is {cap}")
    if path_doc_id is not None and doc_id != path_doc_id:
        raise InvalidInput(f"doc_id {doc_id!r} in the body differs from {path_doc_id!r} in the path")
    validate_doc_id(doc_id)
    try:
        doc = document_from_bytes(doc_id, raw, name=name, metadata=meta, html=services.settings.indexing.html)
    except Refused as exc:
        raise InvalidInput(exc.message) from None
    doc.collections = collections
    return doc


def _form_collections(values: list[str]) -> list[str]:
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    try:
        return _InCollections(collections=names).collections or []
    except ValidationError as exc:
        raise InvalidInput(describe_validation(exc.errors())) from None


def _url_body(data: bytes) -> UrlIn | None:
    """The body as a UrlIn when it is a JSON object with a "url" (None: a document with its text)."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return None
    if not isinstance(parsed, dict) or "url" not in parsed:
        return None
    try:
        return UrlIn.model_validate(parsed)
    except ValidationError as exc:
        raise InvalidInput(describe_validation(exc.errors())) from None


def _fetch_url(services: Services, body: UrlIn, path_doc_id: str | None) -> Document:
    from index.fetch import ARTICLE_TYPES, Fetcher, check_url
    from index.urls import read_fetched, url_doc_id

    url = check_url(body.url)
    doc_id = body.doc_id or path_doc_id or url_doc_id(url)
    if path_doc_id is not None and doc_id != path_doc_id:
        raise InvalidInput(f"doc_id {doc_id!r} in the body differs from {path_doc_id!r} in the path")
    validate_doc_id(doc_id)
    meta = _metadata({"title": body.title, "source": body.source, "published_at": body.published_at})
    try:
        with Fetcher(services.settings.fetch) as fetcher:
            fetched = fetcher.fetch(url, ARTICLE_TYPES)
    except InvalidInput as exc:  # the same reason as the CLI reports, naming the URL
        raise type(exc)(f"{url}: {exc.message}") from exc
    try:
        return read_fetched(fetched, doc_id, meta)
    except Refused as exc:
        raise InvalidInput(f"{url}: {exc.message}") from None


def _write(services: Services, doc: Document, replace: bool) -> tuple[dict[str, Any], str, list[str]]:
    known = services.store.content_hashes()
    replace = replace or doc.url is not None  # a page fetched again is the same document, changed
    if doc.doc_id in known and known[doc.doc_id] != doc.content_hash and not replace:
        raise Conflict(f"doc_id {doc.doc_id!r} already holds other content; PUT /v1/documents/{doc.doc_id} "
                       f"replaces it")
    report = services.indexer.index_documents([doc])
    status = "unchanged" if report.skipped else ("updated" if report.updated else "created")
    info = services.store.document_info(doc.doc_id)
    return info, status, [what for _, what in report.warnings]


def _written(info: dict[str, Any], status: str, warnings: list[str], response: Response) -> DocumentWritten:
    response.status_code = 201 if status == "created" else 200
    response.headers["Location"] = f"/v1/documents/{info['doc_id']}"
    return DocumentWritten(**{k: v for k, v in info.items() if k in DocumentSummary.model_fields}, status=status,
                           warnings=warnings)


@router.post("", response_model=DocumentWritten, status_code=201, openapi_extra=_BODY,
             responses={200: {"model": DocumentWritten, "description": "The same content was already there: unchanged"},
                        **_WRITE_ERRORS})
async def add_document(request: Request, response: Response, services: ServicesDep, _: WriteAccess) -> DocumentWritten:
    """Add a document (JSON or a multipart file); the same content again is `unchanged`, other content 409."""
    doc = await _document(request, services, None)
    info, status, warnings = await run_in_threadpool(_write, services, doc, False)
    return _written(info, status, warnings, response)


@router.put("/{doc_id}", response_model=DocumentWritten, openapi_extra=_BODY,
            responses={201: {"model": DocumentWritten, "description": "Created"}, **_WRITE_ERRORS})
async def put_document(doc_id: str, request: Request, response: Response, services: ServicesDep,
                       _: WriteAccess) -> DocumentWritten:
    """Create or replace the document with this doc_id."""
    validate_doc_id(doc_id)
    doc = await _document(request, services, doc_id)
    info, status, warnings = await run_in_threadpool(_write, services, doc, True)
    return _written(info, status, warnings, response)


@router.get("", response_model=DocumentPage, responses={401: {}, 403: {}, 429: {}})
def list_documents(services: ServicesDep, _: ReadAccess, limit: int = Query(50, ge=1, le=500),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> DocumentPage:
    """Documents ordered by doc_id, one page at a time."""
    rows, total = services.store.list_documents(limit, offset)
    following = offset + len(rows)
    return DocumentPage(documents=[DocumentSummary(**r) for r in rows], total=total, limit=limit, offset=offset,
                        next_offset=following if following < total else None)


@router.get("/{doc_id}", response_model=DocumentFull, responses={404: {}, 401: {}, 403: {}})
def get_document(doc_id: str, services: ServicesDep, _: ReadAccess) -> DocumentFull:
    return DocumentFull(**services.store.document_info(doc_id))


@router.delete("/{doc_id}", status_code=204, responses={404: {}, 401: {}, 403: {}, 429: {}})
def delete_document(doc_id: str, services: ServicesDep, _: WriteAccess) -> Response:
    """Remove the document and its passages from the index."""
    services.indexer.delete(doc_id)
    return Response(status_code=204)
