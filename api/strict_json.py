"""JSON request bodies that must also be valid Unicode: a lone surrogate ("\\ud800") is legal JSON but cannot be
stored, searched or sent back, so it is malformed input (422) rather than a failure deep inside (500)."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            value = json.loads(await self.body())
            try:
                json.dumps(value, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                raise json.JSONDecodeError("a string holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode",
                                           "", 0) from None
            self._json = value
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is read by StrictJSONRequest (FastAPI's custom-route pattern)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict
