"""CI gate: eval rare-earths.jsonl on a fresh index of the shared articles against eval/baseline.json.

    python -m eval.gate [--shared ../shared] [--update]

Fails when a metric is worse than the baseline by more than TOLERANCE (latency is reported, not gated:
speed is measured by the benchmarks, not asserted here).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.dataset import load_dataset
from eval.report import table
from eval.runner import LOWER_IS_BETTER, run
from eval.workspace import Workspace
from rag.settings import Settings

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
DATASET = HERE / "datasets" / "rare-earths.jsonl"
TOLERANCE = 0.03  # about one question of 40 either way


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--update", action="store_true", help="write the current figures as the new baseline")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "rare-earths"
    if not corpus.is_dir():
        print(f"error: {corpus} not found", file=sys.stderr)
        return 1
    workspace = Workspace()
    try:
        settings = Settings.load(None)
        result = run(workspace.build(settings, paths=[corpus]).engine, load_dataset(DATASET), name="current")
    finally:
        workspace.close()
    print(table([result]))
    if args.update:
        figures = {k: v for k, v in result.summary.items() if not k.endswith("_ms")}
        BASELINE.write_text(json.dumps({"dataset": DATASET.name, "tolerance": TOLERANCE, "metrics": figures},
                                       indent=2) + "\n")
        print(f"baseline written to {BASELINE}")
        return 0
    baseline = json.loads(BASELINE.read_text())["metrics"]
    worse = []
    for key, expected in baseline.items():
        got = result.summary.get(key)
        if got is None:
            worse.append(f"{key}: no longer measured")
            continue
        drop = (got - expected) if key in LOWER_IS_BETTER else (expected - got)
        if drop > TOLERANCE:
            worse.append(f"{key}: {got:.3f} against baseline {expected:.3f}")
    for line in worse:
        print(f"eval gate: worse than baseline (tolerance {TOLERANCE}): {line}", file=sys.stderr)
    if not worse:
        print(f"eval gate: every metric within {TOLERANCE} of eval/baseline.json or better")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
