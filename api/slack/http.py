"""POST /slack/events: Slack's events, slash commands and button clicks, in HTTP mode.

Bolt checks every request's signature (``v0:`` + timestamp + body, HMAC-SHA256 with the signing secret) and
refuses timestamps more than 5 minutes old: both 401. Listeners run after the acknowledgement, so Slack's
3-second limit is met whatever the answer costs.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from slack_bolt import BoltRequest

from api.errors import PayloadTooLarge, error_body
from rag.errors import NotFound

router = APIRouter(tags=["slack"])
MAX_BODY = 1_000_000


@router.post("/slack/events", responses={401: {"description": "Bad or stale signature"},
                                         404: {"description": "The Slack bot is not configured"},
                                         413: {"description": "Over 1 MB"}})
async def slack_events(request: Request) -> Response:
    bot = getattr(request.app.state, "slack", None)
    if bot is None:
        raise NotFound("the Slack bot is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise PayloadTooLarge(f"a Slack request over {MAX_BODY} bytes")
    bolt_request = BoltRequest(body=body.decode("utf-8", "replace"), query=str(request.query_params),
                               headers={k: v for k, v in request.headers.items()})
    response = await run_in_threadpool(bot.app.dispatch, bolt_request)
    if response.status == 401:
        import json

        return Response(json.dumps(error_body("unauthorized", "invalid or stale Slack signature")), status_code=401,
                        media_type="application/json")
    return Response(content=response.body, status_code=response.status,
                    headers=response.first_headers_without_set_cookie())
