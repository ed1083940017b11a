"""Collections: GET /v1/collections (with document counts), POST /v1/collections, DELETE /v1/collections/{name}.

A caller sees and changes only the collections its key is scoped to (rag/scope.py): one outside the scope is
listed nowhere and deleting it is the same 404 as deleting one that does not exist. Creating needs a key whose
scope names the collection (or no scope).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.deps import ServicesDep
from api.security import ReadAccess, WriteAccess
from rag.collections import SLUG_PATTERN, check_slug

router = APIRouter(prefix="/v1/collections", tags=["collections"])


class CollectionInfo(BaseModel):
    name: str
    documents: int = Field(description="Documents that belong to it.")


class CollectionList(BaseModel):
    collections: list[CollectionInfo]


class CollectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="1-64 lowercase letters, digits or '-'.", json_schema_extra={"pattern": SLUG_PATTERN})

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value)


_READ: dict[int | str, dict[str, Any]] = {401: {"description": "A key is required"},
                                          403: {"description": "The key is not valid"},
                                          429: {"description": "Too many requests"}}
_WRITE: dict[int | str, dict[str, Any]] = {**_READ, 401: {"description": "No API key"},
                                           422: {"description": "A malformed name"}}


@router.get("", response_model=CollectionList, responses=_READ)
def list_collections(services: ServicesDep, _: ReadAccess) -> CollectionList:
    """The collections you may read, with how many documents belong to each."""
    counts = services.store.collections()
    return CollectionList(collections=[CollectionInfo(name=n, documents=c) for n, c in sorted(counts.items())])


@router.post("", response_model=CollectionInfo, status_code=201,
             responses={**_WRITE, 403: {"description": "The key is not valid, or not scoped to this collection"}})
def create_collection(body: CollectionIn, services: ServicesDep, _: WriteAccess) -> CollectionInfo:
    """Create an empty collection (nothing changes if it exists)."""
    services.store.create_collection(body.name)
    return CollectionInfo(name=body.name, documents=services.store.collections().get(body.name, 0))


@router.delete("/{name}", status_code=204,
               responses={**_WRITE, 404: {"description": "No such collection (or not one your key may write)"},
                          409: {"description": "Documents still belong to it: say documents=delete or keep"}})
def delete_collection(services: ServicesDep, _: WriteAccess,
                      name: str = Path(pattern=SLUG_PATTERN, description="The collection's name."),
                      documents: Literal["delete", "keep"] | None = Query(
                          None, description="What happens to its documents: delete (those in no other collection) "
                                            "or keep; without it, a collection that holds documents is not deleted.")
                      ) -> Response:
    """Delete a collection."""
    services.store.delete_collection(name, documents or "refuse")
    return Response(status_code=204)
