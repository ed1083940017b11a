"""Query load over HTTP: our real service (`rag serve` as shipped: one worker process per core, at most 4) and the
LangChain app (one uvicorn worker), driven by bench/load.py in a separate process at 1, 8 and 32 concurrent clients;
each server's CPU and peak RSS from /proc, its worker processes summed in (``server_workers``: how many).

Run: .venv/bin/python bench/query.py --size 100k --clients 1,8,32 --duration 15 [--targets ours,ours-dense,langchain]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from build import langchain_dir, store_dir  # noqa: E402
from corpus import CACHE, parse_size, size_label  # noqa: E402
from launch import free_port, launch, stop  # noqa: E402
from procstat import cpu_seconds, memory_mb, worker_processes  # noqa: E402

NO_LIMIT = {"RAG_API__RATE_LIMIT_PER_MINUTE": "0", "HF_HUB_OFFLINE": "1"}
# What each target serves: the command, extra environment, and the paths the load hits.
TARGETS: dict[str, tuple[str, dict[str, str], list[str]]] = {
    "ours": ("rag", NO_LIMIT, ["/v1/search", "/v1/ask"]),
    # like for like with LangChain's similarity search: vectors only, no keyword side, no rerank
    "ours-dense": ("rag", {**NO_LIMIT, "RAG_RETRIEVAL__MODE": "dense", "RAG_RETRIEVAL__RERANK": "none"}, ["/v1/search"]),
    "ours-search": ("rag", NO_LIMIT, ["/v1/search"]),
    "ours-no-rerank": ("rag", {**NO_LIMIT, "RAG_RETRIEVAL__RERANK": "none"}, ["/v1/search"]),  # hybrid, no rerank
    "langchain": ("langchain", {"HF_HUB_OFFLINE": "1"}, ["/search"]),
}


def start(kind: str, size: int, env: dict[str, str], log: Path,
          workers: int | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """``workers``: our server's worker processes (``RAG_WORKERS``, which a checkout without the setting ignores);
    None: as shipped."""
    port = free_port()
    if kind == "rag":
        command = [str(Path(sys.executable).parent / "rag"), "serve", "--port", str(port)]
        workers_env = {} if workers is None else {"RAG_WORKERS": str(workers)}
        env = {**os.environ, "RAG_INDEX_DIR": str(store_dir(size)), **workers_env, **env}
    else:
        command = [sys.executable, str(HERE / "langchain_app.py"), "--index", str(langchain_dir(size)), "--port", str(port)]
        env = {**os.environ, **env}
    return launch(command, env, log, port, f"{kind} server")


def load(url: str, path: str, clients: int, duration: float, start_at: int) -> dict[str, Any]:
    """bench/load.py in its own process, so the client's CPU work is not the server's; ``start_at`` skips the
    wordings earlier runs sent to this server, so its caches never answer."""
    proc = subprocess.run([sys.executable, str(HERE / "load.py"), "--url", url, "--path", path, "--clients", str(clients),
                           "--duration", str(duration), "--start-at", str(start_at)], check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(size: int, targets: list[str], clients: list[int], duration: float) -> list[dict[str, Any]]:
    results = []
    logs = CACHE / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for target in targets:
        kind, env, paths = TARGETS[target]
        started = time.perf_counter()
        process, url = start(kind, size, env, logs / f"{target}-{size_label(size)}.log")
        ready_s = time.perf_counter() - started
        sent = 0
        try:
            for path in paths:
                for n in clients:
                    cpu = cpu_seconds(process.pid)
                    row = {"target": target, "size": size_label(size), **load(url, path, n, duration, sent)}
                    # the server's CPU per request (warm-up requests counted in, a handful): what a shared
                    # machine distorts least, and what caps throughput when the cores are the limit
                    row["server_cpu_ms_per_request"] = round((cpu_seconds(process.pid) - cpu) * 1000
                                                             / max(1, row["sent"] - sent), 2)
                    row["load_average"] = round(os.getloadavg()[0], 1)
                    sent = row["sent"]
                    row.update({f"server_{k}": v for k, v in memory_mb(process.pid).items()})  # workers summed
                    row["server_workers"] = worker_processes(process.pid)
                    row["server_ready_s"] = round(ready_s, 1)
                    results.append(row)
                    print(json.dumps(row), file=sys.stderr)
        finally:
            stop(process)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=100_000, help="a collection built by bench/build.py")
    parser.add_argument("--clients", default="1,8,32", help="comma-separated concurrency levels")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per level")
    parser.add_argument("--targets", default="ours,ours-dense,langchain")
    args = parser.parse_args()
    results = run(args.size, args.targets.split(","), [int(c) for c in args.clients.split(",")], args.duration)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
