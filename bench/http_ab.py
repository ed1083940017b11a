"""`/v1/search` throughput over HTTP, this checkout against another (and LangChain's app), in short interleaved
bursts: for a shared machine whose load drifts by more than the difference being measured.

All servers start once and stay up (an idle one costs nothing); each round runs one burst of ``--duration``
seconds at ``--clients`` concurrent clients (bench/load.py in its own process) against each server in turn,
the order reversed every other round, every request a wording new to that server. Per server: requests a
second and the server's CPU per request (all its threads, from /proc) over all its bursts, and per round the
ratio of this checkout's requests a second to the others' (median over rounds, and how many rounds it won).

``--workers`` and ``--before-workers`` set each server's worker processes (``RAG_WORKERS``; default as shipped); CPU
is counted over a server's process and its workers, and each server's memory at the end is reported (RSS summed,
and PSS: shared pages split between the processes).
``--before .`` compares this checkout with itself (e.g. two workers against one).

Run: PYTHONPATH=.:LANGCHAIN_PACKAGES .venv/bin/python bench/http_ab.py --size 10k --before ../before
     [--langchain] [--clients 8] [--duration 5] [--rounds 8] [--workers N] [--before-workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import CACHE, parse_size, size_label  # noqa: E402
from launch import stop  # noqa: E402
from procstat import cpu_seconds, family_memory_mb  # noqa: E402
from query import NO_LIMIT, load, start  # noqa: E402


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (each burst's bench/load.py)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000, help="a collection built by bench/build.py")
    parser.add_argument("--before", type=Path, help="the other checkout (its `rag serve`, same collection)")
    parser.add_argument("--langchain", action="store_true", help="LangChain's app too (its packages on PYTHONPATH)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per burst")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--workers", type=int, help="worker processes of this checkout's server (default: as shipped)")
    parser.add_argument("--before-workers", type=int, help="worker processes of the other's (default: as shipped)")
    args = parser.parse_args()

    logs = CACHE / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers: dict[str, tuple[Any, str, str]] = {}  # name -> (process, url, path)
    try:
        for name, code, workers in (("after", REPO, args.workers), ("before", args.before, args.before_workers)):
            if code is None:
                continue
            env = {**NO_LIMIT, "PYTHONPATH": str(Path(code).resolve())}
            process, url = start("rag", args.size, env, logs / f"ab-{name}-{size_label(args.size)}.log", workers)
            servers[name] = (process, url, "/v1/search")
        if args.langchain:
            process, url = start("langchain", args.size, {"HF_HUB_OFFLINE": "1"}, logs / "ab-langchain.log")
            servers["langchain"] = (process, url, "/search")
        sent = dict.fromkeys(servers, 0)
        cpu = dict.fromkeys(servers, 0.0)
        client_cpu = dict.fromkeys(servers, 0.0)  # bench/load.py's, on the same two cores
        done = dict.fromkeys(servers, 0)  # requests sent (CPU per request, as bench/query.py counts it)
        completed = dict.fromkeys(servers, 0)
        seconds = dict.fromkeys(servers, 0.0)
        rounds: list[dict[str, float]] = []
        loads = []
        for number in range(args.rounds):
            order = list(servers) if number % 2 == 0 else list(reversed(servers))
            rps: dict[str, float] = {}
            for name in order:
                process, url, path = servers[name]
                before, client_before = cpu_seconds(process.pid, family=True), _children_cpu()
                row = load(url, path, args.clients, args.duration, sent[name])
                cpu[name] += cpu_seconds(process.pid, family=True) - before
                client_cpu[name] += _children_cpu() - client_before
                done[name] += row["sent"] - sent[name]
                sent[name] = row["sent"]
                completed[name] += row["requests"]
                seconds[name] += row["seconds"]
                rps[name] = row["rps"]
                if row["errors"]:
                    print(f"{name}: {row['errors']} errors", file=sys.stderr)
            rounds.append(rps)
            loads.append(os.getloadavg()[0])
            print(json.dumps({"round": number + 1, "rps": rps, "load_average": round(loads[-1], 1)}), file=sys.stderr)
        memory = {name: family_memory_mb(process.pid) for name, (process, _, _) in servers.items()}
    finally:
        for process, _, _ in servers.values():
            stop(process)
    result: dict[str, Any] = {
        "clients": args.clients, "rounds": args.rounds, "burst_s": args.duration,
        "load_average": [round(min(loads), 1), round(max(loads), 1)],
        "rps": {n: round(completed[n] / seconds[n], 1) for n in servers},
        "server_cpu_ms_per_request": {n: round(cpu[n] * 1000 / max(1, done[n]), 2) for n in servers},
        "client_cpu_ms_per_request": {n: round(client_cpu[n] * 1000 / max(1, done[n]), 2) for n in servers},
        "workers": {"after": args.workers, "before": args.before_workers}, "server_memory_mb": memory}
    for other in servers:
        if other == "after":
            continue
        ratios = [r["after"] / r[other] for r in rounds if r.get(other)]
        result[f"after/{other}"] = {"median": round(statistics.median(ratios), 3), "won": sum(x > 1 for x in ratios),
                                    "of": len(ratios)}
    if "before" in servers and "langchain" in servers:
        ratios = [r["before"] / r["langchain"] for r in rounds if r.get("langchain")]
        result["before/langchain"] = {"median": round(statistics.median(ratios), 3), "of": len(ratios)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
