"""CPU per `/v1/search` request, this checkout against another, interleaved in small batches: for a shared
machine whose load drifts by more than the difference being measured.

Two worker processes, one per checkout (``PYTHONPATH`` picks the code), each build the engine on the same bench
collection and answer the same questions in the same order; the parent hands out batches of ``--batch``
questions to them in turn (A, B, B, A, ...), so both see the same load within a second or two. Each batch's
process CPU time (all threads: the keyword side's too) is recorded; the result is each side's CPU per request
over all batches, the median of the per-batch ratios, and how many batches were cheaper on each side. The
request is parsed and serialized with the API's models, as in bench/search_stages.py; no HTTP.

Run: PYTHONPATH=. .venv/bin/python bench/search_ab.py --size 10k --before ../before [--questions 600] [--batch 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def worker(size: str, total: int, warmup: int) -> None:
    """Answer batches read from stdin ("start end"), print each batch's process CPU seconds."""
    import rag  # from PYTHONPATH (the checkout under test), before corpus.py puts this checkout on sys.path

    sys.path.append(str(HERE))
    from corpus import CACHE, parse_size, questions, size_label
    from load import wordings

    from rag.services import build_services
    from rag.settings import Settings
    from rag.types import SearchRequest, SearchResponse

    engine = build_services(Settings.load(index_dir=CACHE / f"store-{size_label(parse_size(size))}")).engine
    stream = wordings(questions())
    warm = list(itertools.islice(stream, warmup))
    timed = list(itertools.islice(stream, total))

    def request(q: str) -> None:
        search = SearchRequest.model_validate_json(json.dumps({"query": q, "k": 5}))
        SearchResponse(passages=engine.search(search)).model_dump_json()

    for q in warm:
        request(q)
    print("ready", Path(rag.__file__).parents[1], flush=True)
    for line in sys.stdin:
        start, end = map(int, line.split())
        cpu = time.process_time()
        for q in timed[start:end]:
            request(q)
        print(time.process_time() - cpu, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="a collection built by bench/build.py")
    parser.add_argument("--before", type=Path, required=True, help="the other checkout")
    parser.add_argument("--questions", type=int, default=600, help="timed, after 100 warm-up questions")
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.size, args.questions, 100)
        return
    sides = {"after": REPO, "before": args.before.resolve()}
    procs = {}
    for name, code in sides.items():
        env = {**os.environ, "PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1"}
        procs[name] = subprocess.Popen([sys.executable, __file__, "--worker", "--size", args.size,
                                        "--questions", str(args.questions), "--before", str(code)],
                                       env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for name, proc in procs.items():
        assert proc.stdout is not None
        ready = proc.stdout.readline().split()
        assert ready[:1] == ["ready"], ready
        print(f"{name}: code {ready[1]}", file=sys.stderr)
    spent: dict[str, list[float]] = {name: [] for name in sides}
    loads = []
    for number, start in enumerate(range(0, args.questions, args.batch)):
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for name in order:
            proc = procs[name]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(f"{start} {min(start + args.batch, args.questions)}\n")
            proc.stdin.flush()
            spent[name].append(float(proc.stdout.readline()))
        loads.append(os.getloadavg()[0])
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    ratios = [a / b for a, b in zip(spent["after"], spent["before"]) if b > 0]
    result = {name: round(sum(s) / args.questions * 1000, 2) for name, s in spent.items()}
    print(json.dumps({"cpu_ms_per_request": result, "median_ratio_after_before": round(statistics.median(ratios), 3),
                      "batches_after_cheaper": sum(r < 1 for r in ratios), "batches": len(ratios),
                      "questions": args.questions, "load_average": [round(min(loads), 1), round(max(loads), 1)],
                      "after": str(REPO), "before": str(sides["before"])}))


if __name__ == "__main__":
    main()
