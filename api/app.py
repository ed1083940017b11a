"""The FastAPI application, built around already-wired services."""

from __future__ import annotations

from fastapi import FastAPI

from api import errors
from api.routes import answers, health
from rag.services import Services


def create_app(services: Services) -> FastAPI:
    app = FastAPI(title="Articles Q&A", version="0.1.0",
                  description="Answers questions from indexed articles, citing the passage behind every sentence.")
    app.state.services = services
    errors.install(app)
    app.include_router(health.router)
    app.include_router(answers.router)
    return app
