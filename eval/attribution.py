"""False attributions on hand-made adversarial drafts over the shared articles (eval/datasets/adversarial-drafts.jsonl).

    python -m eval.attribution [--shared ../shared] [--json]

Each line is one drafted sentence and the articles that truly support it (none for an invented figure, an
invented name, a changed number, a negation...). The question retrieves passages as /v1/ask would; ``{right}``
and ``{wrong}`` in a draft become the number of a retrieved passage from a supporting (or ``about``) article,
or from another article. The draft is verified with attribution on and off, and each outcome counted:
a supported sentence kept on a supporting article, kept on another (misplaced), or dropped (missed); an
unsupported sentence dropped, kept through attribution (a false attribution) or on the model's own citation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.workspace import Workspace
from rag.answer.verify import verify
from rag.settings import Settings
from rag.types import Passage, SearchRequest

HERE = Path(__file__).resolve().parent
DRAFTS = HERE / "datasets" / "adversarial-drafts.jsonl"


@dataclass
class Outcome:
    id: str
    kind: str
    draft: str
    supported: bool
    result: str            # kept, misplaced, missed / dropped, false attribution, false accept / skipped
    attributed: bool
    reasons: list[str]


def _fill(draft: str, passages: list[Passage], good: set[str]) -> str | None:
    """The draft with {right}/{wrong} replaced by passage numbers, or None when no such passage was retrieved."""
    for slot, wanted in (("{right}", True), ("{wrong}", False)):
        if slot in draft:
            n = next((i for i, p in enumerate(passages, start=1) if (p.doc_id in good) == wanted), None)
            if n is None:
                return None
            draft = draft.replace(slot, str(n))
    return draft


def judge(row: dict[str, Any], passages: list[Passage], vectors: Any, min_similarity: float, attribute: bool) -> Outcome:
    supporting = set(row["supported_by"])
    good = supporting | ({row["about"]} if row.get("about") else set())
    draft = _fill(row["draft"], passages, good)
    if draft is None:
        return Outcome(row["id"], row["kind"], row["draft"], bool(supporting), "skipped", False, ["passage not retrieved"])
    checked = verify(draft, passages, vectors, min_similarity, attribute=attribute)
    reasons = [d.reason for d in checked.dropped]
    if not checked.sentences:
        result = "missed" if supporting else "dropped"
        return Outcome(row["id"], row["kind"], draft, bool(supporting), result, False, reasons)
    sentence = checked.sentences[0]
    docs = {passages[n - 1].doc_id for n in sentence.passages}
    right = "kept" if docs <= supporting else "misplaced"
    result = right if supporting else "false attribution" if sentence.attributed else "false accept"
    return Outcome(row["id"], row["kind"], draft, bool(supporting), result, sentence.attributed, reasons)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--drafts", type=Path, default=DRAFTS)
    parser.add_argument("--json", action="store_true", help="print every outcome as JSON")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "rare-earths"
    if not corpus.is_dir():
        print(f"error: {corpus} not found", file=sys.stderr)
        return 1
    rows = [json.loads(line) for line in args.drafts.read_text().splitlines() if line.strip()]
    workspace = Workspace()
    try:
        settings = Settings.load(None)
        services = workspace.build(settings, paths=[corpus])
        vectors, threshold = services.answerer.vectors, settings.answer.verify_min_similarity
        runs: dict[str, list[Outcome]] = {"attribution": [], "cited only": []}
        for row in rows:
            passages = services.engine.search(SearchRequest(query=row["question"]))
            runs["attribution"].append(judge(row, passages, vectors, threshold, attribute=True))
            runs["cited only"].append(judge(row, passages, vectors, threshold, attribute=False))
    finally:
        workspace.close()
    if args.json:
        print(json.dumps({name: [o.__dict__ for o in outcomes] for name, outcomes in runs.items()}, indent=2))
        return 0
    for o in runs["attribution"]:
        print(f"{o.id}  {o.kind:38s} {o.result:18s} {'; '.join(o.reasons)[:110]}")
    print()
    print(report(runs))
    return 0


def report(runs: dict[str, list[Outcome]]) -> str:
    lines = [f"{'':34s}" + "".join(f"{name:>14s}" for name in runs)]
    counts = {name: Counter(o.result for o in outcomes) for name, outcomes in runs.items()}
    first = next(iter(runs.values()))
    n_sup, n_uns = sum(o.supported for o in first), sum(not o.supported for o in first)
    rows = [(f"supported ({n_sup}): kept, right article", "kept"), ("supported: kept, wrong article", "misplaced"),
            ("supported: dropped", "missed"), (f"unsupported ({n_uns}): dropped", "dropped"),
            ("unsupported: kept by attribution", "false attribution"),
            ("unsupported: kept on model's [n]", "false accept"), ("skipped (passage not retrieved)", "skipped")]
    for label, key in rows:
        lines.append(f"{label:34s}" + "".join(f"{counts[name][key]:>14d}" for name in runs))
    for name, outcomes in runs.items():
        made = [o for o in outcomes if o.attributed]
        wrong = [o for o in made if o.result in ("false attribution", "misplaced")]
        if made:
            lines.append(f"{name}: {len(wrong)} false attributions of {len(made)} made "
                         f"({len(wrong) / len(made):.1%}): {', '.join(f'{o.id} ({o.kind})' for o in wrong) or 'none'}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
