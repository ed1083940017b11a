"""Dependencies that routes declare with Annotated aliases.

The services a route receives are the caller's view (rag/scope.py): a key scoped to collections, or an
anonymous caller limited to ``api.public_collections``, gets a store, retriever, engine and indexer that see
only those collections. Routes take their data from here, so a route added later is scoped without a line
of its own (tests/api/test_collections_leak.py adds one and checks).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.security import access_of
from rag.engine import Engine
from rag.scope import scoped_services
from rag.services import Services


async def _services(request: Request) -> Services:  # async: no worker-thread hop (api/security.py)
    return scoped_services(request.app.state.services, access_of(request).collections)


async def _engine(services: Annotated[Services, Depends(_services)]) -> Engine:
    return services.engine


ServicesDep = Annotated[Services, Depends(_services)]
EngineDep = Annotated[Engine, Depends(_engine)]
