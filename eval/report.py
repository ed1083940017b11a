"""Reports of eval runs: a terminal table, JSON, and Markdown/HTML with charts and a failure table."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from pathlib import Path

from eval.runner import LOWER_IS_BETTER, METRICS, EvalRun


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if key.endswith("_ms") else f"{value:.3f}"


def table(runs: Sequence[EvalRun], references: dict[str, str] | None = None) -> str:
    """Metrics in rows, runs in columns; with two or more runs, the difference of each to the first."""
    keys = [k for k in METRICS if any(k in r.summary for r in runs)]
    header = ["metric", *(r.name for r in runs)]
    if len(runs) > 1:
        header += [f"Δ {r.name}" for r in runs[1:]]
    if references:
        header.append("reference")
    rows = [header]
    for key in keys:
        values = [r.summary.get(key) for r in runs]
        row = [key, *(_fmt(key, v) for v in values)]
        for v in values[1:]:
            base = values[0]
            row.append("-" if v is None or base is None else f"{v - base:+.3f}" if not key.endswith("_ms")
                       else f"{v - base:+.0f}")
        if references:
            row.append(references.get(key, ""))
        rows.append(row)
    n = len(runs[0].results)
    out = _grid(rows) + f"\n({n} questions; lower is better for: {', '.join(sorted(LOWER_IS_BETTER))})"
    split = split_table(runs)
    per_collection = collection_table(runs)
    return out + ("\n\n" + split if split else "") + ("\n\n" + per_collection if per_collection else "")


def collection_table(runs: Sequence[EvalRun]) -> str:
    """Each metric per collection the questions were asked in (columns: run: collection (n))."""
    runs = [r for r in runs if r.collections]
    if not runs:
        return ""
    columns = [(r, name) for r in runs for name in r.collections]
    header = ["metric (per collection)", *(f"{r.name}: {name} (n={int(r.collections[name]['n'])})" if len(runs) > 1
                                            else f"{name} (n={int(r.collections[name]['n'])})" for r, name in columns)]
    keys = [k for k in METRICS if any(k in r.collections[name] for r, name in columns)]
    rows = [header] + [[key, *(_fmt(key, r.collections[name].get(key)) for r, name in columns)] for key in keys]
    return _grid(rows)


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def split_table(runs: Sequence[EvalRun]) -> str:
    """Conversations: each metric for first turns and follow-ups (and the gap), per run."""
    runs = [r for r in runs if r.split]
    if not runs:
        return ""
    parts = ["first turns", "follow-ups"]
    header = ["metric"]
    for r in runs:
        header += [f"{r.name}: {p} (n={int(r.split.get(p, {}).get('n', 0))})" for p in parts] + [f"{r.name}: gap"]
    keys = [k for k in METRICS if any(k in r.split.get(p, {}) for r in runs for p in parts)]
    rows = [header]
    for key in keys:
        row = [key]
        for r in runs:
            first, follow = (r.split.get(p, {}).get(key) for p in parts)
            gap = "-" if first is None or follow is None else (f"{follow - first:+.0f}" if key.endswith("_ms")
                                                               else f"{follow - first:+.3f}")
            row += [_fmt(key, first), _fmt(key, follow), gap]
        rows.append(row)
    return _grid(rows)


def failures(run: EvalRun) -> list[tuple[str, str, str, str]]:
    return [(r.item.id, r.item.question, "; ".join(r.failures), r.answer.answer)
            for r in run.results if r.failures]


def _bars(labels: list[str], series: dict[str, list[float]], title: str) -> bytes:
    """A grouped bar chart (one group per label, one bar per run) as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(labels))], values, width, label=name)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(labels))], labels, rotation=35, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)
    plt.close(fig)
    return out.getvalue()


def _chart_metrics(runs: Sequence[EvalRun]) -> bytes:
    keys = [k for k in METRICS if not k.endswith("_ms") and any(k in r.summary for r in runs)]
    return _bars(keys, {r.name: [r.summary.get(k, 0) for k in keys] for r in runs}, "Metrics per configuration")


def _chart_tags(runs: Sequence[EvalRun]) -> bytes:
    tags = sorted({t for r in runs for t in r.tags})

    def quality(run: EvalRun, tag: str) -> float:
        figures = run.tags.get(tag, {})
        return figures.get("fact_accuracy", figures.get("refusal_accuracy", 0.0))

    return _bars(tags, {r.name: [quality(r, t) for t in tags] for r in runs},
                 "Fact accuracy per tag (refusal accuracy for 'unanswerable')")


def write_report(runs: Sequence[EvalRun], path: Path, title: str = "Eval report",
                 references: dict[str, str] | None = None) -> Path:
    """Markdown (charts as PNG files beside it) or HTML (charts embedded), by the file's suffix."""
    charts = {"metrics": _chart_metrics(runs), "tags": _chart_tags(runs)}
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".html", ".htm"):
        _write_html(runs, path, title, charts, references)
    else:
        _write_markdown(runs, path, title, charts, references)
    return path


def _write_markdown(runs: Sequence[EvalRun], path: Path, title: str, charts: dict[str, bytes],
                    references: dict[str, str] | None) -> None:
    lines = [f"# {title}", "", "```", table(runs, references), "```", ""]
    for name, png in charts.items():
        image = path.with_name(f"{path.stem}-{name}.png")
        image.write_bytes(png)
        lines += [f"![{name}]({image.name})", ""]
    for run in runs:
        rows = failures(run)
        lines += [f"## Failures: {run.name} ({len(rows)} of {len(run.results)})", ""]
        if rows:
            lines += ["| id | question | what went wrong | answer |", "|---|---|---|---|"]
            lines += [f"| {i} | {q} | {w} | {a.replace('|', '/')[:300]} |" for i, q, w, a in rows]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _write_html(runs: Sequence[EvalRun], path: Path, title: str, charts: dict[str, bytes],
                references: dict[str, str] | None) -> None:
    e = html.escape
    parts = [f"<!doctype html><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}td,th{border:1px solid #ccc;"
             "padding:4px;vertical-align:top}table{border-collapse:collapse}</style>",
             f"<h1>{e(title)}</h1><pre>{e(table(runs, references))}</pre>"]
    for name, png in charts.items():
        parts.append(f"<img alt='{name}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>")
    for run in runs:
        rows = failures(run)
        parts.append(f"<h2>Failures: {e(run.name)} ({len(rows)} of {len(run.results)})</h2><table>"
                     "<tr><th>id</th><th>question</th><th>what went wrong</th><th>answer</th></tr>")
        parts += [f"<tr><td>{e(i)}</td><td>{e(q)}</td><td>{e(w)}</td><td>{e(a)}</td></tr>" for i, q, w, a in rows]
        parts.append("</table>")
    path.write_text("\n".join(parts), encoding="utf-8")
