"""GET /healthz: the index is open, with its size."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import ServicesDep

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
