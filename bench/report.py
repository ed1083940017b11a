"""Write bench/RESULTS.md from the results JSON files and the hand-written header; no number is typed by hand.

Run: .venv/bin/python bench/report.py [--results bench/results.json bench/results-1m.json] [--out bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def table(header: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
        return "-" if value is None else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def verdict(value: float | None, target: float, higher_is_better: bool) -> str:
    if value is None:
        return "not measured"
    return "met" if (value >= target if higher_is_better else value <= target) else "**not met**"


def _http(results: dict[str, Any], target: str, path: str, clients: int) -> dict[str, Any] | None:
    return next((r for r in results.get("query", []) if r["target"] == target and r["path"] == path
                 and r["clients"] == clients), None)


def ratios(results: dict[str, Any]) -> list[list[Any]]:
    """The issue's targets, each computed from the measured rows."""
    rows: list[list[Any]] = []
    floor = results.get("floor", {}).get("floor", {}).get("total", {}).get("p50_ms")
    for target in ("ours", "ours-dense"):
        one = _http(results, target, "/v1/search", 1)
        if one and floor:
            value = ratio(one["p50_ms"], floor)
            rows.append([f"/v1/search p50, 1 client ({target}) / in-process floor p50", value, "<= 2",
                         verdict(value, 2.0, False)])
    for target in ("ours", "ours-dense"):
        for clients in sorted({r["clients"] for r in results.get("query", [])}):
            us, them = _http(results, target, "/v1/search", clients), _http(results, "langchain", "/search", clients)
            if us and them:
                value = ratio(us["rps"], them["rps"])
                rows.append([f"throughput at {clients} clients: {target} /v1/search / LangChain /search", value,
                             ">= 1.5", verdict(value, 1.5, True)])
    by_size: dict[str, dict[str, dict[str, Any]]] = {}
    for row in results.get("ingest", []):
        by_size.setdefault(row["size"], {})[row["pipeline"]] = row
    for size, pair in by_size.items():
        if "ours" in pair and "langchain" in pair:
            value = ratio(pair["ours"]["chunks_per_s"], pair["langchain"]["chunks_per_s"])
            rows.append([f"ingest chunks/s at {size}: ours / LangChain", value, ">= 1.5", verdict(value, 1.5, True)])
    return rows


def scale_rows(results: dict[str, Any]) -> list[list[Any]]:
    """The 1M-chunk targets: in-process search p95 <= 50 ms, over HTTP as shipped <= 100 ms, server RSS <= 4 GB,
    recall@10 recorded."""
    floor = results.get("floor", {})
    size = floor.get("size", "?")
    rows: list[list[Any]] = []
    if size != "1m":
        return rows
    if floor:
        p95 = floor["store_search"]["p95_ms"]
        rows.append([f"{size}: in-process store search p95 (ms)", p95, "<= 50", verdict(p95, 50, False)])
    for row in results.get("query", []):
        if row["target"] in ("ours", "ours-search") and row["path"] == "/v1/search":
            rows.append([f"{size}: /v1/search p95 over HTTP, {row['clients']} clients (ms)", row["p95_ms"], "<= 100",
                         verdict(row["p95_ms"], 100, False)])
    rss = max((r["server_peak_rss_mb"] for r in results.get("query", []) if r["target"] in ("ours", "ours-search")),
              default=None)
    rows.append([f"{size}: our server's peak RSS (MB)", rss, "<= 4096", verdict(rss, 4096, False)])
    if floor:
        rows.append([f"{size}: recall@10 of our store vs exact search", floor["recall_at_10"], "recorded", "-"])
    return rows


def sections(results: dict[str, Any], title: str) -> str:
    out = [f"## {title}", "", f"Run {results['when']}, {results['elapsed_s'] / 60:.1f} minutes in all. "
           f"Steps: " + ", ".join(f"{k} {v:.0f} s" for k, v in results["steps"].items()) + ".", ""]
    out += ["### Targets", "", table(["what", "measured", "target", ""], ratios(results) + scale_rows(results)), ""]
    if results.get("ingest"):
        out += ["### Ingest with the model (same article files, same model, each pipeline in a fresh process)", "",
                table(["size", "pipeline", "docs", "chunks", "chunks/s", "docs/s", "index s", "model load s", "peak RSS MB"],
                      [[r["size"], r["pipeline"], r["docs"], r["chunks"], r["chunks_per_s"], r["docs_per_s"], r["index_s"],
                        r["load_s"], r["peak_rss_mb"]] for r in results["ingest"]]), ""]
    if results.get("build"):
        out += ["### Loading precomputed vectors (no model per chunk)", "",
                table(["size", "into", "chunks", "seconds", "chunks/s", "disk MB", "peak RSS MB"],
                      [[r["size"], r["what"], r["chunks"], r["seconds"], r["chunks_per_s"], r["disk_mb"], r["peak_rss_mb"]]
                       for r in results["build"]]), ""]
    floor = results.get("floor")
    if floor:
        rows = [["floor: embed_query + exact FAISS search, 1 FAISS thread", floor["floor"]],
                ["  of which embed_query", {"total": floor["floor"]["embed"]}],
                ["  of which FAISS search", {"total": floor["floor"]["search"]}],
                ["floor with FAISS's default threads", floor["floor_default_threads"]]]
        if "floor_torch" in floor:
            rows.append(["floor with the torch MiniLM query embedder", floor["floor_torch"]])
        rows.append(["our store.search in-process (vectors only)", {"total": floor["store_search"]}])
        out += [f"### In-process, {floor['size']} chunks, {floor['queries']} distinct queries, k={floor['k']} "
                f"(product embedder: {floor['floor']['embedder']}; store index: {floor['store_index']}; "
                f"recall@10 vs exact: {floor['recall_at_10']})", "",
                table(["what", "p50 ms", "p95 ms", "p99 ms"],
                      [[name, r["total"]["p50_ms"], r["total"]["p95_ms"], r["total"]["p99_ms"]] for name, r in rows]), ""]
    if results.get("query"):
        # server CPU per request and the load average beside each row, where the run recorded them
        extra = [k for k in ("server_cpu_ms_per_request", "load_average") if any(k in r for r in results["query"])]
        names = {"server_cpu_ms_per_request": "server CPU ms per request", "load_average": "load average"}
        workers = sorted({r.get("server_workers", 1) for r in results["query"] if r["target"] != "langchain"})
        served = ("one uvicorn worker each" if workers == [1] else
                  f"ours {' or '.join(map(str, workers))} worker processes, LangChain one uvicorn worker")
        out += [f"### Over HTTP ({served}; load from a separate process)", "",
                table(["server", "path", "clients", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms",
                       "server peak RSS MB", *(names[k] for k in extra)],
                      [[r["target"], r["path"], r["clients"], r["requests"], r["errors"], r["rps"], r["p50_ms"],
                        r["p95_ms"], r["p99_ms"], r["server_peak_rss_mb"], *(r.get(k) for k in extra)]
                       for r in results["query"]]), ""]
    config = results.get("config", {})
    out += ["Configuration: " + ", ".join(f"{k}={v}" for k, v in config.items()) + ".", ""]
    return "\n".join(out)


def render(paths: list[Path], header: Path) -> str:
    parts = [header.read_text().rstrip() + "\n"]
    for path in paths:
        if not path.exists():
            continue
        results = json.loads(path.read_text())
        if not parts[1:]:
            machine, versions = results["machine"], results["versions"]
            parts.append(f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM. "
                         "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".\n")
        parts.append(sections(results, results["title"]))
    collections = HERE / "results-collections.json"
    if collections.exists():
        parts.append(collection_section(json.loads(collections.read_text())))
    return "\n".join(parts)


def collection_section(found: dict[str, Any]) -> str:
    """bench/collection_filter.py: a collection holding 1% of the store vs a store holding only that 1%."""
    rows = []
    for backend in ("faiss", "postgres"):
        r = found.get(backend)
        if not r:
            continue
        for where, label in (("http", "/v1/search over HTTP"), ("store", "store.search in-process")):
            m = r[where]
            rows.append([backend, label, m["big_filtered_p50_ms"], m["big_filtered_p95_ms"], m["alone_p50_ms"],
                         m["alone_p95_ms"], m["ratio_p50"], verdict(m["ratio_p50"], 1.5, False) if where == "http" else ""])
        rows.append([backend, "store.search, no filter, whole store", r["store"]["big_unfiltered_p50_ms"],
                     r["store"]["big_unfiltered_p95_ms"], "", "", "", f"same top 10 as alone: {r['store']['same_top10']}"])
    return "\n".join([f"## Collections: 1% of {found['size']} chunks vs a store of that 1% alone", "",
                      f"`bench/collection_filter.py --size {found['size']}` ({found['queries']} queries; part of "
                      "`make bench`). Filtered: `filters.collections` on the whole store; alone: no filter on a "
                      "store of only those documents. Target: filtered p50 within 1.5x of alone.", "",
                      table(["store", "what", "filtered p50 ms", "p95", "alone p50 ms", "p95", "ratio p50", ""], rows), ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, nargs="+",
                        default=[HERE / "results-10k.json", HERE / "results.json", HERE / "results-100k.json", HERE / "results-1m.json"])
    parser.add_argument("--header", type=Path, default=HERE / "RESULTS.header.md")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    args.out.write_text(render(args.results, args.header))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
