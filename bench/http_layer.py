"""Where a `/v1/search` request's wall time goes over HTTP: the HTTP layer apart from ``engine.search``.

Serves a bench collection in one process (the app `rag serve` builds, one worker) with timers around the stages:
``engine.search`` (wall and the CPU of the thread that runs it), FastAPI's dependency and body resolution, the
response's serialization, and the whole app as our outermost middleware sees it; adds ``POST /v1/noop``, the same
route (same dependencies, body and response model) answering a fixed five passages without searching. A client
in this process (urllib, a connection per request, as bench/squad_search.py's ``http_search``) sends
``--questions`` warm-up questions, then as many new ones to ``/v1/search`` and as many others to ``/v1/noop``.
Every figure is a median over the timed requests. Nothing here changes a ranking: the server is the product's.

Run: PYTHONPATH=. .venv/bin/python bench/http_layer.py --size 10k [--questions 100]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def serve(index: str, port: int) -> None:
    """The instrumented server (a child process of ``main``)."""
    import fastapi.routing as routing
    import uvicorn
    from fastapi import APIRouter

    import api.observability as observability
    from api.deps import EngineDep
    from api.security import ReadAccess
    from api.server import build
    from api.strict_json import StrictJSONRoute
    from rag.engine import Engine
    from rag.types import Passage, SearchRequest, SearchResponse

    spent: dict[str, list[float]] = defaultdict(list)

    def timed_async(name: str, function: Any) -> Any:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - start)
        return wrapper

    routing.solve_dependencies = timed_async("dependencies + request body (FastAPI)", routing.solve_dependencies)
    routing.serialize_response = timed_async("response serialization (FastAPI)", routing.serialize_response)
    search = Engine.search

    def timed_search(self: Engine, request: SearchRequest) -> list[Passage]:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return search(self, request)
        finally:
            spent["engine.search, wall"].append(time.perf_counter() - start)
            spent["engine.search, its thread's CPU"].append(time.thread_time() - cpu)

    Engine.search = timed_search  # type: ignore[method-assign]
    middleware = observability.RequestMiddleware.__call__

    async def whole(self: Any, scope: Any, receive: Any, send: Any) -> None:
        start = time.perf_counter()
        await middleware(self, scope, receive, send)
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            spent["app, as our outermost middleware sees it"].append(time.perf_counter() - start)

    observability.RequestMiddleware.__call__ = whole  # type: ignore[method-assign]
    app = build({"config": None, "index": index, "host": None, "port": None, "seed": None})
    fixed: list[Passage] = []
    router = APIRouter(route_class=StrictJSONRoute)

    @router.post("/v1/noop", response_model=SearchResponse)
    async def noop(request: SearchRequest, engine: EngineDep, _: ReadAccess) -> SearchResponse:
        if not fixed:
            fixed.extend(engine.search(request))
            spent.clear()
        return SearchResponse(passages=fixed)

    @router.get("/_spent")
    async def spent_so_far() -> dict[str, float]:
        out = {name: round(statistics.median(values) * 1000, 3) for name, values in spent.items()}
        spent.clear()
        return out

    app.include_router(router)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="a collection built by bench/build.py")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--serve", nargs=2, metavar=("INDEX", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    from build import store_dir
    from corpus import parse_size, questions
    from launch import free_port, launch, stop
    from load import wordings

    port = free_port()
    env = {**os.environ, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    log = Path(tempfile.gettempdir()) / f"http-layer-{port}.log"
    server, base = launch([sys.executable, __file__, "--serve", str(store_dir(parse_size(args.size))), str(port)],
                          env, log, port, name="the instrumented server")

    def post(path: str, query: str) -> float:
        body = json.dumps({"query": query, "k": 5}).encode()
        started = time.perf_counter()
        urllib.request.urlopen(urllib.request.Request(base + path, body, {"Content-Type": "application/json"}),
                               timeout=60).read()
        return time.perf_counter() - started

    def spent() -> dict[str, float]:
        return json.loads(urllib.request.urlopen(base + "/_spent", timeout=10).read())  # type: ignore[no-any-return]

    try:
        stream = wordings(questions())
        n = args.questions
        for _ in range(n):
            post("/v1/search", next(stream))
        spent()
        search = [post("/v1/search", next(stream)) for _ in range(n)]
        out: dict[str, Any] = {"size": args.size, "questions": n, "/v1/search": spent()}
        out["/v1/search"]["client, request to last byte"] = round(statistics.median(search) * 1000, 3)
        post("/v1/noop", next(stream))  # its fixed passages
        noop = [post("/v1/noop", next(stream)) for _ in range(n)]
        out["/v1/noop"] = spent()
        out["/v1/noop"]["client, request to last byte"] = round(statistics.median(noop) * 1000, 3)
        out["load_average"] = os.getloadavg()
        print(json.dumps(out, indent=1))
    finally:
        stop(server)


if __name__ == "__main__":
    main()
