"""Command-line thresholds: ``--min-METRIC VALUE`` and ``--max-METRIC VALUE`` against a run's summary."""

from __future__ import annotations

from collections.abc import Sequence

from eval.runner import METRICS
from rag.errors import InvalidInput


def _key(flag_name: str) -> str:
    wanted = flag_name.lower().replace("-", "_")
    for key in METRICS:
        if key.replace("-", "_") == wanted:
            return key
    raise InvalidInput(f"unknown metric {flag_name!r} in a threshold; known: {', '.join(METRICS)}")


def parse(args: Sequence[str]) -> list[tuple[str, str, float]]:
    """(metric, 'min'|'max', value) from ['--min-fact-accuracy', '0.8', ...]."""
    out = []
    items = list(args)
    while items:
        flag = items.pop(0)
        if not flag.startswith(("--min-", "--max-")) or not items:
            raise InvalidInput(f"unexpected argument {flag!r}: thresholds are --min-METRIC VALUE or --max-METRIC VALUE")
        try:
            value = float(items.pop(0))
        except ValueError:
            raise InvalidInput(f"{flag} needs a number") from None
        out.append((_key(flag[6:]), flag[2:5], value))
    return out


def missed(summary: dict[str, float], thresholds: Sequence[tuple[str, str, float]]) -> list[str]:
    problems = []
    for key, kind, value in thresholds:
        got = summary.get(key)
        if got is None:
            problems.append(f"{key}: not measured by this dataset")
        elif (kind == "min" and got < value) or (kind == "max" and got > value):
            problems.append(f"{key} = {got:.3f}, {'below the minimum' if kind == 'min' else 'above the maximum'} {value}")
    return problems
