"""Wall time of the `rag` commands that need no model (delete, check, feedback export) on a real index.

    PYTHONPATH=. python bench/command_start.py --index data/index --runs 5

Each run starts a fresh process (`python -m api.cli ...`) on a fresh copy of the index, so `delete` always
has its document to delete. Prints the median and the range per command, and whether torch was imported.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = ("import runpy, sys; sys.argv = ['rag', *sys.argv[1:]]\n"
         "try:\n    runpy.run_module('api.cli', run_name='__main__')\n"
         "finally:\n    print('torch loaded' if 'torch' in sys.modules else 'torch not loaded', file=sys.stderr)")


def first_doc(index: Path) -> str:
    import sqlite3

    with sqlite3.connect(index / "meta.sqlite") as db:
        return str(db.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1").fetchone()[0])


def run(args: list[str], index: Path) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "index"
        shutil.copytree(index, copy)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PROBE, *args, "--index", str(copy)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"rag {' '.join(args)} failed: {done.stderr}")
        return elapsed, done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    from rag.feedback import FeedbackStore  # a feedback file to export, made once beside the index

    FeedbackStore(options.index / "feedback.sqlite")
    commands = {"delete": ["delete", first_doc(options.index)], "check": ["check"],
                "feedback export": ["feedback", "export"]}
    for name, args in commands.items():
        times, torch = [], ""
        for _ in range(options.runs):
            elapsed, torch = run(args, options.index)
            times.append(elapsed)
        print(f"rag {name:16s} median {statistics.median(times):5.2f} s  (min {min(times):.2f}, max {max(times):.2f}; "
              f"{options.runs} runs; {torch})")


if __name__ == "__main__":
    main()
