"""The whole benchmark in one run: corpora, ingest (ours vs LangChain), vector load, floor, recall, HTTP load;
writes a results JSON and bench/RESULTS.md and prints the targets table.

Run: .venv/bin/python bench/run.py                 # make bench: ingest 1k,10k; query at 100k
     .venv/bin/python bench/run.py --preset 1m     # make bench-1m: build, floor, recall, HTTP at 1M
Environment overrides (for a quick smoke): BENCH_INGEST_SIZES, BENCH_QUERY_SIZE, BENCH_DURATION, BENCH_CLIENTS,
BENCH_QUERIES, BENCH_TARGETS, BENCH_BATCH_CHUNKS, BENCH_OUT (the JSON path), BENCH_REPORT (the markdown path),
BENCH_COLLECTION_BACKENDS (faiss,postgres; empty skips the collections step).
     .venv/bin/python bench/run.py --preset 1m --reuse-build build.json   # measure an existing collection: no
         rebuild; build.json is what `bench/build.py --size 1m --what ours` printed when it built the collection
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import build  # noqa: E402
import collection_filter  # noqa: E402
import ingest  # noqa: E402
import query  # noqa: E402
import report  # noqa: E402
from corpus import article_folder, parse_size, sentence_pool, sentence_vectors, size_label  # noqa: E402
from procstat import machine  # noqa: E402

PRESETS: dict[str, dict[str, str]] = {
    "default": {"ingest_sizes": "1k,10k", "query_size": "100k", "duration": "15", "clients": "1,8,32",
                "queries": "300", "targets": "ours,ours-dense,langchain", "batch_chunks": "50000", "out": str(HERE / "results.json"),
                "title": "make bench"},
    "1m": {"ingest_sizes": "", "query_size": "1m", "duration": "15", "clients": "1,8", "queries": "300",
           "targets": "ours-search", "batch_chunks": "100000", "out": str(HERE / "results-1m.json"), "title": "make bench-1m"},
}
PACKAGES = ["torch", "faiss-cpu", "sentence-transformers", "onnxruntime", "fastapi", "uvicorn", "langchain-core",
            "langchain-community", "langchain-huggingface"]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="default")
    parser.add_argument("--reuse-build", type=Path, metavar="JSON",
                        help="skip the build: the collection exists, and this file holds bench/build.py's output for it")
    args = parser.parse_args()
    conf = {key: os.environ.get(f"BENCH_{key.upper()}", value) for key, value in PRESETS[args.preset].items()}
    ingest_sizes = [parse_size(s) for s in conf["ingest_sizes"].split(",") if s]
    query_size = parse_size(conf["query_size"])
    clients = [int(c) for c in conf["clients"].split(",")]
    steps: dict[str, float] = {}
    results: dict[str, Any] = {"title": f"{conf['title']} ({size_label(query_size)} chunks for queries)",
                               "when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
                               "versions": versions(), "config": {k: v for k, v in conf.items() if k not in ("out", "title")}}
    began = time.perf_counter()

    def step(name: str) -> None:
        steps[name] = round(time.perf_counter() - began - sum(steps.values()), 1)
        print(f"[bench] {name}: {steps[name]:.0f} s", file=sys.stderr)

    for size in ingest_sizes:
        article_folder(size)
    sentence_vectors(sentence_pool())
    step("corpus")
    results["ingest"] = [row for size in ingest_sizes for row in ingest.run(size, ["ours", "langchain"])]
    step("ingest")
    with_langchain = "langchain" in conf["targets"].split(",")
    if args.reuse_build:
        results["build"] = json.loads(args.reuse_build.read_text())
        results["config"]["reused_build"] = str(args.reuse_build)
    else:
        results["build"] = build.run(query_size, ["ours", "langchain"] if with_langchain else ["ours"],
                                      int(conf["batch_chunks"]))
    step("build")
    proc = subprocess.run([sys.executable, str(HERE / "floor.py"), "--size", str(query_size), "--queries", conf["queries"]],
                          check=True, capture_output=True, text=True)
    results["floor"] = json.loads(proc.stdout.strip().splitlines()[-1])
    step("floor")
    results["query"] = query.run(query_size, conf["targets"].split(","), clients, float(conf["duration"]))
    step("query")
    backends = [b for b in os.environ.get("BENCH_COLLECTION_BACKENDS", "faiss,postgres").split(",") if b]
    if args.preset == "default" and backends:  # a 1% collection vs a store of that 1% alone, both stores
        found = collection_filter.run(query_size, int(conf["queries"]) // 3, backends)
        (Path(conf["out"]).parent / collection_filter.RESULTS.name).write_text(json.dumps(found, indent=1) + "\n")
        step("collections")
    results["steps"], results["elapsed_s"] = steps, round(time.perf_counter() - began, 1)

    out = Path(conf["out"])
    out.write_text(json.dumps(results, indent=1) + "\n")
    md = Path(os.environ.get("BENCH_REPORT", HERE / "RESULTS.md"))
    others = [p for p in (HERE / "results.json", HERE / "results-1m.json") if p != out]
    md.write_text(report.render([out, *others] if args.preset == "default" else [*others, out], HERE / "RESULTS.header.md"))
    print(report.table(["what", "measured", "target", ""], report.ratios(results) + report.scale_rows(results)))
    print(f"wrote {out} and {md} in {results['elapsed_s'] / 60:.1f} minutes")


if __name__ == "__main__":
    main()
