"""The time of /v1/ask's code path (``Engine.ask``) per question, in process, over the questions of eval datasets
against an index: each question once to warm the caches, then ``--rounds`` timed passes. Prints p50 and p90.

Run: PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/ask_time.py --index DIR \
         eval/datasets/rare-earths-asked.jsonl eval/datasets/rare-earths-typed.jsonl
(DIR an index of ../shared/corpus/rare-earths: `rag index ../shared/corpus/rare-earths --index DIR`)
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from api.settings import AppSettings
from rag.services import build_services
from rag.types import AskRequest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("datasets", type=Path, nargs="+")
    args = parser.parse_args()
    engine = build_services(AppSettings.load(None, index_dir=args.index)).engine
    questions = [json.loads(line)["question"] for path in args.datasets for line in path.read_text().splitlines()
                 if line.strip()]
    for question in questions:
        engine.ask(AskRequest(question=question))
    times = []
    for _ in range(args.rounds):
        for question in questions:
            start = time.perf_counter()
            engine.ask(AskRequest(question=question))
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"questions={len(questions)} timed={len(times)} p50_ms={statistics.median(times):.1f} "
          f"p90_ms={times[int(0.9 * (len(times) - 1))]:.1f}")


if __name__ == "__main__":
    main()
