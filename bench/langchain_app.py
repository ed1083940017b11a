"""LangChain served the way we are: one uvicorn worker, FastAPI, POST /search -> similarity_search_with_score.

Run: .venv/bin/python bench/langchain_app.py --index data/bench/langchain-100k --port 8100
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, Field

sys.path.insert(0, str(Path(__file__).resolve().parent))

import langchain_pipeline  # noqa: E402


class SearchBody(BaseModel):
    query: str = Field(min_length=1, max_length=2000)
    k: int = Field(default=5, ge=1, le=50)


def make_app(index: Path) -> FastAPI:
    store = langchain_pipeline.load(index, langchain_pipeline.embeddings())
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "chunks": store.index.ntotal}

    @app.post("/search")
    def search(body: SearchBody) -> dict[str, Any]:  # sync, like a typical tutorial app: runs in the thread pool
        hits = store.similarity_search_with_score(body.query, k=body.k)
        return {"passages": [{"text": doc.page_content, "metadata": doc.metadata, "score": float(score)}
                             for doc, score in hits]}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    uvicorn.run(make_app(args.index), host="127.0.0.1", port=args.port, workers=1, log_level="warning")


if __name__ == "__main__":
    main()
