"""The FastAPI application, built around already-wired services."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.observability import Metrics, RequestMiddleware
from api.routes import answers, documents, health, openai_compat, page
from api.security import Gate
from api.slack import http as slack_http
from rag import telemetry
from rag.services import Services

STATIC = Path(__file__).parent / "static"


def create_app(services: Services) -> FastAPI:
    app = FastAPI(title="Articles Q&A", version="0.1.0",
                  description="Answers questions from indexed articles, citing the passage behind every sentence.")
    settings = services.settings
    app.state.services = services
    app.state.gate = Gate(settings.api_keys, settings.require_key_for_read, settings.api.rate_limit_per_minute)
    app.state.metrics = metrics = Metrics(services.store.count)
    telemetry.add_sink(metrics.observe_stage)
    errors.install(app)
    for module in (health, answers, openai_compat, documents, page, slack_http):
        app.include_router(module.router)
    if settings.slack.enabled:
        from api.slack.bot import SlackBot

        app.state.slack = SlackBot(services, settings.slack)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if settings.api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.api.cors_origins, allow_methods=["GET", "POST", "PUT", "DELETE"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    app.add_middleware(RequestMiddleware, metrics=metrics)
    return app
