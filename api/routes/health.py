"""GET /healthz: the index is open, with its size; GET /metrics: Prometheus text format."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.deps import ServicesDep
from api.security import ReadAccess

router = APIRouter()


class Health(BaseModel):
    status: str
    documents: int
    chunks: int
    embedder: str


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz(services: ServicesDep) -> Health:
    documents, chunks = services.store.count()
    return Health(status="ok" if chunks else "empty", documents=documents, chunks=chunks,
                  embedder=services.embedder.id)


@router.get("/metrics", tags=["health"], response_class=Response,
            responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format"},
                       401: {"description": "A key is required"}, 403: {"description": "The key is not valid"},
                       429: {"description": "Too many requests"}})
def metrics(request: Request, _: ReadAccess) -> Response:
    """Requests and latency per endpoint, time per stage (embed, retrieve, rewrite, generate, verify), index size."""
    body, content_type = request.app.state.metrics.render()
    return Response(body, media_type=content_type)
