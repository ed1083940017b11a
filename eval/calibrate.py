"""Calibrating the decline threshold (answer.min_support) on questions, not by hand.

    python -m eval.calibrate [--shared ../shared] [--max-false-refusal 0.15]

For every question of the rare-earths set (over the shared articles) and of the SQuAD 2.0 sample
(over its passages), the extractive answerer's best evidence score is computed once; the threshold is
then swept, printing the trade-off curve, and the one that declines the most unanswerable questions
while declining at most --max-false-refusal of the answerable ones (on each set) is reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.benchmarks import squad2
from eval.dataset import EvalItem, load_dataset
from eval.workspace import Workspace
from rag.answer.extractive import ExtractiveGenerator
from rag.services import Services
from rag.settings import Settings

HERE = Path(__file__).resolve().parent


def best_scores(services: Services, items: list[EvalItem]) -> list[tuple[bool, float]]:
    generator = services.generator
    assert isinstance(generator, ExtractiveGenerator)
    out = []
    for item in items:
        passages = services.retriever.search(item.question, services.settings.retrieval.k)
        pool = generator.rank(item.question, passages)
        out.append((item.answerable, pool[0].score if pool else 0.0))
    return out


def rates(scores: list[tuple[bool, float]], threshold: float) -> tuple[float, float]:
    unanswerable = [s for a, s in scores if not a]
    answerable = [s for a, s in scores if a]
    refusal = sum(s < threshold for s in unanswerable) / max(1, len(unanswerable))
    false_refusal = sum(s < threshold for s in answerable) / max(1, len(answerable))
    return refusal, false_refusal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--max-false-refusal", type=float, default=0.15)
    args = parser.parse_args(argv)
    settings = Settings.load(None)
    workspace = Workspace()
    try:
        sets = {}
        corpus = args.shared / "corpus" / "rare-earths"
        sets["rare-earths"] = best_scores(workspace.build(settings, paths=[corpus]),
                                          load_dataset(HERE / "datasets" / "rare-earths.jsonl"))
        documents, items = squad2(args.shared / "benchmarks" / "squad2-sub500")
        sets["squad2"] = best_scores(workspace.build(settings, documents=documents), items)
    finally:
        workspace.close()
    print("threshold  " + "  ".join(f"{name}: refusal / false refusal" for name in sets))
    best = None
    for step in range(20, 81, 2):
        threshold = step / 100
        row = {name: rates(scores, threshold) for name, scores in sets.items()}
        print(f"{threshold:9.2f}  " + "  ".join(f"{r:>22.3f} / {f:.3f}" for r, f in row.values()))
        if all(f <= args.max_false_refusal for _, f in row.values()):
            best = threshold
    if best is None:
        print("no threshold keeps false refusals within the limit", file=sys.stderr)
        return 1
    print(f"\nhighest threshold with false refusals <= {args.max_false_refusal} on every set: {best:.2f} "
          f"(current setting: {settings.answer.min_support})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
