"""GET /healthz: the index is open, with its size (of the collections the caller reads); GET /metrics:
Prometheus text format, for callers who read every collection (its figures are the whole store's)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.deps import ServicesDep
from api.errors import AuthRejected
from api.security import ReadAccess, access_of

router = APIRouter()


class Health(BaseModel):
    status: str
    documents: int
    chunks: int
    embedder: str


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz(request: Request, services: ServicesDep) -> Health:
    """Liveness, open to all; the counts are of what the caller may read, the status of the whole index."""
    documents, chunks = services.store.count()
    whole = chunks or request.app.state.services.store.count()[1]
    return Health(status="ok" if whole else "empty", documents=documents, chunks=chunks,
                  embedder=services.embedder.id)


@router.get("/metrics", tags=["health"], response_class=Response,
            responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format"},
                       401: {"description": "A key is required"}, 403: {"description": "The key is not valid"},
                       429: {"description": "Too many requests"}})
def metrics(request: Request, _: ReadAccess) -> Response:
    """Requests and latency per endpoint, time per stage (embed, retrieve, rewrite, generate, verify), index size.
    Not for a caller limited to some collections (403): the figures count every collection."""
    if access_of(request).collections is not None:
        raise AuthRejected("the metrics cover every collection: they need a key without a scope")
    body, content_type = request.app.state.metrics.render()
    return Response(body, media_type=content_type)
