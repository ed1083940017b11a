"""Dependencies that routes declare with Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rag.engine import Engine
from rag.services import Services


def _services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def _engine(request: Request) -> Engine:
    return _services(request).engine


ServicesDep = Annotated[Services, Depends(_services)]
EngineDep = Annotated[Engine, Depends(_engine)]
