"""POST /v1/ask and POST /v1/search."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import EngineDep
from rag.types import Answer, AskRequest, SearchRequest, SearchResponse

router = APIRouter(prefix="/v1", tags=["answers"])

_ERRORS = {422: {"description": "Invalid request"}, 503: {"description": "The index is empty"}}


@router.post("/ask", response_model=Answer, responses=_ERRORS)  # type: ignore[arg-type]
def ask(request: AskRequest, engine: EngineDep) -> Answer:
    """Answer a question from the indexed articles, with every sentence cited."""
    return engine.ask(request)


@router.post("/search", response_model=SearchResponse, responses=_ERRORS)  # type: ignore[arg-type]
def search(request: SearchRequest, engine: EngineDep) -> SearchResponse:
    """The passages most similar to the query, best first."""
    return SearchResponse(passages=engine.search(request))
