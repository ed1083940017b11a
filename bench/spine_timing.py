"""Time indexing the shared articles (whole CLI run, and in-process) and one /v1/ask over HTTP.

Run: .venv/bin/python bench/spine_timing.py [--corpus ../shared/corpus/rare-earths] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import start_server, stop_server  # noqa: E402

QUESTIONS = ["What share of rare earth processing does China control?",
             "How long will the resumption of exports last?",
             "When did China implement export licensing requirements?",
             "What is the capital of Peru?"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "rare-earths")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    cli = []
    for run in range(args.runs):
        target = work / f"cli-{run}"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "api.cli", "index", str(args.corpus), "--index", str(target)],
                       cwd=REPO, env=env, check=True, capture_output=True)
        cli.append(time.perf_counter() - start)

    from index.files import index_paths
    from rag.embedders import MiniLMEmbedder
    from rag.indexing.chunker import Chunker
    from rag.indexing.indexer import Indexer
    from rag.services import build_services
    from rag.settings import Settings

    embedder = MiniLMEmbedder()
    inproc = []
    for run in range(args.runs):
        settings = Settings.load(index_dir=work / f"inproc-{run}")
        services = build_services(settings, embedder=embedder)
        indexer = Indexer(services.store, embedder, Chunker(settings.chunking.size, settings.chunking.overlap))
        start = time.perf_counter()
        report = index_paths(indexer, [args.corpus])
        inproc.append(time.perf_counter() - start)

    server = start_server(work / "cli-0", work / "server.log")
    latencies = []
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            start = time.perf_counter()
            client.post("/v1/ask", json={"question": QUESTIONS[0]}).raise_for_status()
            first = time.perf_counter() - start
            for run in range(args.runs):
                for question in QUESTIONS:  # a new wording each time: no answer comes from a cache
                    start = time.perf_counter()
                    client.post("/v1/ask", json={"question": f"{question} (run {run})"}).raise_for_status()
                    latencies.append(time.perf_counter() - start)
    finally:
        stop_server(server)
        shutil.rmtree(work, ignore_errors=True)

    print(f"documents: {len(report.added)}, chunks: {report.chunks}")
    print(f"rag index (whole command, incl. model load): median {statistics.median(cli):.2f} s over {len(cli)} runs")
    print(f"indexing in-process (model loaded):          median {statistics.median(inproc):.2f} s over {len(inproc)} runs")
    print(f"first POST /v1/ask after start:              {first * 1000:.0f} ms")
    print(f"POST /v1/ask over HTTP:                      median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms over {len(latencies)} requests")


if __name__ == "__main__":
    main()
