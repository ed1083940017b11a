"""Where the answerable misses of a `rag eval --json` run come from, first turns and follow-ups apart.

Each answerable row (or conversation's last turn) is one of: an expected source cited; declined although an
expected source was retrieved (the answerer's bar); declined with no expected source retrieved (retrieval);
another passage cited although an expected one was retrieved (the answerer's pick); another passage cited
with no expected one retrieved (retrieval). Unanswerable rows are counted declined or answered.

    rag eval DATASET.jsonl --index INDEX --json > run.json
    python -m eval.failures run.json DATASET.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CAUSES = ("cited", "declined, source retrieved", "declined, source missed", "other cited, source retrieved",
          "other cited, source missed")


def cause(row: dict[str, Any], expected: set[str]) -> str:
    cited = set(row.get("cited") or [])
    retrieved = set(row.get("retrieved") or [])
    if cited & expected:
        return CAUSES[0]
    found = "retrieved" if retrieved & expected else "missed"
    return f"declined, source {found}" if not cited else f"other cited, source {found}"


def breakdown(run: dict[str, Any], items: dict[str, dict[str, Any]]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {"first turns": Counter(), "follow-ups": Counter(), "unanswerable": Counter()}
    for row in run["questions"]:
        item = items.get(row["id"])
        if item is None:
            continue
        if not item.get("answerable", True):
            out["unanswerable"]["declined" if not row.get("cited") else "answered"] += 1
            continue
        out["follow-ups" if row.get("follow_up") else "first turns"][cause(row, set(item.get("sources") or []))] += 1
    return out


def table(counts: dict[str, Counter[str]]) -> str:
    lines = ["| | first turns | follow-ups | all |", "|---|---|---|---|"]
    first, follow = counts["first turns"], counts["follow-ups"]
    total = first + follow
    for name in CAUSES:
        cells = [f"{c[name]} ({c[name] / max(1, sum(c.values())):.2f})" for c in (first, follow, total)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    un = counts["unanswerable"]
    lines.append(f"| unanswerable declined | | | {un['declined']} of {sum(un.values())} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m eval.failures RUN.json DATASET.jsonl", file=sys.stderr)
        return 2
    run = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    if isinstance(run, list):  # --json with several configurations: the first
        run = run[0]
    items = {}
    for line in Path(argv[1]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            items[item["id"]] = item
    print(table(breakdown(run, items)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
