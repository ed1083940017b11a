"""`rag serve`'s app with one reading route added afterwards, the way a later change would add one, declaring no
access check of its own: tests/api/test_collections_leak.py walks it with a scoped key.

    python -m tests.api.later_route --port PORT      (settings from RAG_* as for `rag serve`)
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel, ConfigDict

from api.deps import ServicesDep


class Digest(BaseModel):
    model_config = ConfigDict(extra="allow")
    question: str = "rare earth processing"


def main(port: int) -> None:
    import uvicorn

    from api.app import create_app
    from api.settings import AppSettings
    from rag.services import build_services
    from rag.types import SearchRequest

    settings = AppSettings.load()
    app = create_app(build_services(settings), settings)

    @app.post("/v1/digest")
    def digest(body: Digest, services: ServicesDep) -> dict[str, Any]:
        """Added later: the best passages, a page of documents and the collections, with no access check."""
        passages = services.engine.search(SearchRequest(query=body.question, k=20))
        documents, total = services.store.list_documents(500, 0)
        return {"passages": [p.model_dump() for p in passages], "documents": documents, "total": total,
                "collections": services.store.collections(), "counts": services.store.count()}

    app.openapi_schema = None  # the schema is built again, with the new route
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--port") + 1]))
