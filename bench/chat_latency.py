"""/v1/chat against /v1/ask on the same questions: p50 and p95 over HTTP, one client, one uvicorn worker.

Each question is sent to /v1/ask as it stands, to /v1/chat as a first turn, and to /v1/chat as the follow-up
of a conversation (the earlier turns name what the follow-up refers to), in rotation so that load and caches
treat the three alike.

Run: .venv/bin/python bench/chat_latency.py --index DIR [--rounds 20]   (an index of the shared rare-earth articles)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import quantiles
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from launch import free_port, launch, stop  # noqa: E402

# (standalone question, conversation whose last turn means the same)
CASES: list[tuple[str, list[dict[str, str]]]] = [
    ("What reports did Scott Bessent dispute?",
     [{"role": "user", "content": "Who wants to finalize the rare earths arrangement by Thanksgiving?"},
      {"role": "assistant", "content": "Treasury Secretary Scott Bessent [1]."},
      {"role": "user", "content": "What reports did he dispute?"}]),
    ("Why did the Mountain Pass facility close?",
     [{"role": "user", "content": "What happened at Mountain Pass in California?"},
      {"role": "assistant", "content": "It was a major rare earth facility until 2015 [1]."},
      {"role": "user", "content": "Why did it close?"}]),
    ("Which organization does Laura Chen work for?",
     [{"role": "user", "content": "What did Dr. Laura Chen say about the 90-day deal?"},
      {"role": "assistant", "content": "She called it a strategic pause, not a resolution [1]."},
      {"role": "user", "content": "Which organization does she work for?"}]),
]


def _serve(index: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "RAG_API__RATE_LIMIT_PER_MINUTE": "0", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    return launch([sys.executable, "-m", "api.cli", "serve", "--index", str(index), "--port", str(port)],
                  env, log, port)


def run(url: str, rounds: int) -> dict[str, Any]:
    timings: dict[str, list[float]] = {"ask": [], "chat first turn": [], "chat follow-up": []}
    with httpx.Client(base_url=url, timeout=60) as client:
        for question, conversation in CASES:  # warm-up: model, caches
            client.post("/v1/ask", json={"question": question})
            client.post("/v1/chat", json={"messages": conversation})
        for _ in range(rounds):
            for question, conversation in CASES:
                for name, path, body in (("ask", "/v1/ask", {"question": question}),
                                         ("chat first turn", "/v1/chat", {"messages": [{"role": "user", "content": question}]}),
                                         ("chat follow-up", "/v1/chat", {"messages": conversation})):
                    start = time.perf_counter()
                    response = client.post(path, json=body)
                    timings[name].append((time.perf_counter() - start) * 1000)
                    response.raise_for_status()
    out: dict[str, Any] = {}
    for name, values in timings.items():
        cuts = quantiles(values, n=20)
        out[name] = {"n": len(values), "p50_ms": round(cuts[9], 1), "p95_ms": round(cuts[18], 1)}
    for name in ("chat first turn", "chat follow-up"):
        out[name]["p50_minus_ask_ms"] = round(out[name]["p50_ms"] - out["ask"]["p50_ms"], 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        process, url = _serve(args.index, Path(tmp) / "server.log")
        try:
            print(json.dumps(run(url, args.rounds), indent=2))
        finally:
            stop(process)


if __name__ == "__main__":
    main()
