"""HTTP load generator: N concurrent clients POST questions for a fixed time, every latency and status recorded.

Each request carries a wording not sent before in the run (hundreds of benchmark questions, then the same
questions reworded), so no answer or query embedding comes from a cache.

Run: .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --path /v1/search --clients 8 --duration 20
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import questions  # noqa: E402

_FRAMES = ["{q}", "Tell me: {q}", "{q} Please answer briefly.", "I'd like to know this. {q}", "Question: {q}",
           "{q} (according to the articles)", "Quick one: {q}", "Can you find out? {q}"]
BODY_KEY = {"/v1/search": "query", "/v1/ask": "question", "/search": "query"}


def wordings(base: list[str]) -> Iterator[str]:
    """Every question in every frame, then numbered rounds: an endless stream of distinct texts."""
    round_ = 0
    while True:
        for frame in _FRAMES:
            for q in base:
                text = frame.format(q=q)
                yield text if round_ == 0 else f"{text} [{round_}]"
        round_ += 1


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[rank]


def summarize(latencies: list[float], statuses: Counter[str], elapsed: float) -> dict[str, Any]:
    ok = [lat for lat in latencies if lat >= 0]
    errors = sum(n for status, n in statuses.items() if status != "200")
    return {"requests": sum(statuses.values()), "errors": errors, "statuses": dict(statuses),
            "seconds": round(elapsed, 2), "rps": round(len(ok) / elapsed, 2) if elapsed else 0.0,
            "p50_ms": round(percentile(ok, 50) * 1000, 2), "p95_ms": round(percentile(ok, 95) * 1000, 2),
            "p99_ms": round(percentile(ok, 99) * 1000, 2),
            "mean_ms": round(sum(ok) / len(ok) * 1000, 2) if ok else float("nan")}


async def run_load(url: str, path: str, clients: int, duration: float, k: int, warmup: int = 5,
                   max_requests: int | None = None, start_at: int = 0) -> dict[str, Any]:
    texts = itertools.islice(wordings(questions()), start_at, None)
    key = BODY_KEY.get(path, "query")
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        for _ in range(warmup):  # connections and first-request work, not measured
            await client.post(path, json={key: next(texts), "k": k})
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        start = time.perf_counter()
        deadline = start + duration

        async def worker() -> None:
            while time.perf_counter() < deadline and (max_requests is None or sum(statuses.values()) < max_requests):
                body = {key: next(texts), "k": k}
                sent = time.perf_counter()
                try:
                    response = await client.post(path, json=body)
                    status = str(response.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                took = time.perf_counter() - sent
                statuses[status] += 1
                latencies.append(took if status == "200" else -1.0)

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    result = summarize(latencies, statuses, elapsed)
    result.update({"path": path, "clients": clients, "k": k, "start_at": start_at, "sent": start_at + warmup + result["requests"]})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--path", default="/v1/search", help="/v1/search, /v1/ask, or /search (the LangChain app)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds")
    parser.add_argument("--requests", type=int, default=None, help="stop after this many requests")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--start-at", type=int, default=0,
                        help="skip this many wordings (the ones earlier runs sent to the same server)")
    args = parser.parse_args()
    result = asyncio.run(run_load(args.url, args.path, args.clients, args.duration, args.k, max_requests=args.requests,
                                start_at=args.start_at))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
