"""The FastAPI application, built around already-wired services and the app's settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.observability import Metrics, RequestMiddleware
from api.routes import answers, collections, documents, health, openai_compat, page
from api.security import Gate, Limiter, identify
from api.settings import AppSettings
from api.slack import http as slack_http
from rag.services import Services

STATIC = Path(__file__).parent / "static"


def create_app(services: Services, settings: AppSettings, metrics: Metrics | None = None,
               limiter: Limiter | None = None) -> FastAPI:
    """``metrics``: the ones whose ``observe_stage`` the services were built to report to
    (``build_services(..., telemetry=Telemetry(metrics.observe_stage))``); without, only requests are counted.
    ``limiter``: the rate limit's buckets when shared with other worker processes (api/server.py)."""
    app = FastAPI(title="Articles Q&A", version="0.1.0", dependencies=[Depends(identify)],
                  description="Answers questions from indexed articles, citing the passage behind every sentence.")
    app.state.services = services
    app.state.settings = settings
    app.state.gate = Gate(settings.api_keys, settings.require_key_for_read, settings.api.rate_limit_per_minute,
                          settings.api.public_collections, limiter)
    app.state.metrics = metrics = metrics or Metrics()
    metrics.count_documents(services.store.count)
    errors.install(app)
    for module in (health, answers, openai_compat, documents, collections, page, slack_http):
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
