"""How many responses carry the other team's articles, by key, over the whole OpenAPI schema; and what the scoped
view costs on /v1/search.

Two collections in one store (tests/api/collections_world.py: the shared rare-earth articles, and other text about
the same things whose every sentence names Quillmark). The walk sends every operation of the schema the requests
of the leak test, first with a key scoped to the rare-earth collection, then with a key that reads everything
(whose writes do reach the other team's articles), and counts the responses that carry the other team's text. Then it times /v1/search with each key.

    PYTHONPATH=. python bench/collections_leak.py [--shared ../shared] [--backend faiss|postgres] [--searches 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.api.collections_world import ADMIN_KEY, KEYS, OUR_KEY, QUESTIONS, build, leaks, walk  # noqa: E402
from tests.conftest import start_server, stop_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--backend", choices=["faiss", "postgres"], default="faiss")
    parser.add_argument("--searches", type=int, default=30)
    args = parser.parse_args()

    from api.settings import AppSettings
    from rag.embedders import MiniLMEmbedder
    from rag.services import build_services

    work = Path(tempfile.mkdtemp(prefix="collections-leak-"))
    env = {"RAG_API_KEYS": KEYS, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    overrides: dict[str, object] = {}
    pg = None
    if args.backend == "postgres":
        from tests.contracts.pg import PgServer

        pg = PgServer()
        url = pg.fresh_schema()
        env |= {"RAG_STORE__BACKEND": "postgres", "RAG_STORE__URL": url}
        overrides = {"store": {"backend": "postgres", "url": url}}
    services = build_services(AppSettings.load(index_dir=work / "index", **overrides), embedder=MiniLMEmbedder())
    build(services.store, services.indexer, args.shared / "corpus" / "rare-earths")
    getattr(services.store, "close", lambda: None)()
    server = start_server(work / "index", work / "server.log", env)
    result: dict[str, object] = {"backend": args.backend}
    try:
        with server.client() as client:
            # The scoped key first: the walk's writes, refused to it, would delete the other team's articles when
            # sent with a key that may.
            for name, key in (("scoped to rare-earths", OUR_KEY), ("reads everything", ADMIN_KEY)):
                seen = walk(client, {"Authorization": f"Bearer {key}"})
                responses = [text for answers in seen.values() for _, text in answers]
                carrying = sum(1 for text in responses if leaks(text))
                times = []
                for n in range(args.searches):
                    start = time.perf_counter()
                    client.post("/v1/search", json={"query": QUESTIONS[n % len(QUESTIONS)]},
                                headers={"Authorization": f"Bearer {key}"}).raise_for_status()
                    times.append((time.perf_counter() - start) * 1000)
                result[name] = {"operations": len(seen), "responses": len(responses),
                                "carrying_the_other_teams_text": carrying,
                                "search_p50_ms": round(statistics.median(times), 1)}
    finally:
        stop_server(server)
        if pg is not None:
            pg.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
