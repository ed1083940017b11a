"""`/v1/search` as shipped over HTTP on a bench collection, this checkout against another (``--before``), back to
back in one run, with the floor measured in the same run: for a shared machine, where only ratios inside one run
mean anything.

Each server (`rag serve` with its defaults: hybrid + evidence rerank reading the stored sentence rows; one worker
process per core since 2026-12-01) answers ``--questions`` warm-up questions, then is timed over as many others,
one client, each request a wording new to it; the server's CPU seconds per timed request and its peak RSS are read
from /proc (its worker processes summed in). The servers
alternate (after, before, after, before, ...) for ``--rounds`` rounds, each round on new questions, the same for
both servers (each a new process: none has seen them; /v1/ask's time depends on the question far more than
/v1/search's). The floor is
bench/squad_search.py's: one ONNX query embedding on one thread without padding plus one exact FAISS search over
the same chunk vectors, in this process.

Run: .venv/bin/python bench/search_compare.py --size 10k --before /work/main [--questions 100] [--rounds 2]
     [--path /v1/ask]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from build import store_dir  # noqa: E402
from corpus import parse_size, questions, size_label  # noqa: E402
from load import wordings  # noqa: E402
from squad_search import REPO, floor, http_search  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=10_000, help="a collection built by bench/build.py")
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (e.g. /work/main)")
    parser.add_argument("--questions", type=int, default=100, help="timed (and as many warm-up) per server and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both servers (repeatable)")
    parser.add_argument("--path", default="/v1/search", choices=["/v1/search", "/v1/ask"],
                        help="the endpoint timed (/v1/ask: each question asked; the floor stays the search's)")
    args = parser.parse_args()
    from rag.services import build_services
    from rag.settings import Settings

    index = store_dir(args.size)
    env = dict(e.split("=", 1) for e in args.env)
    stream = wordings(questions())
    texts = [next(stream) for _ in range(2 * args.questions * args.rounds + args.questions)]
    chunks = iter(texts[i:i + args.questions] for i in range(0, len(texts), args.questions))
    runs: dict[str, list[dict[str, Any]]] = {"after": [], "before": []}
    for _ in range(args.rounds):
        warmup, timed = next(chunks), next(chunks)  # the same for both (each server is a new process, caches empty)
        for name, code in (("after", REPO), ("before", args.before)):
            runs[name].append(http_search(index, timed, env, code, warmup, args.path))
            print(name, json.dumps(runs[name][-1]), file=sys.stderr)
    services = build_services(Settings.load(index_dir=index))
    out: dict[str, Any] = {"size": size_label(args.size), "path": args.path, "questions": args.questions, "rounds": args.rounds,
                           "env": env, "floor_p50_ms": floor(services, next(chunks))}
    for name, rows in runs.items():
        out[name] = {key: round(statistics.median(r[key] for r in rows), 2) for key in rows[0]}
        out[name]["ratio_p50_to_floor"] = round(out[name]["p50_ms"] / out["floor_p50_ms"], 2)
    out["load_average"] = Path("/proc/loadavg").read_text().split()[:3]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
