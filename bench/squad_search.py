"""The SQuAD sample's 411 passages: /v1/search over HTTP against the floor, and retrieval hit@1, with the
evidence rerank reading sentence rows stored at index time or embedding sentences at query time.

Run: .venv/bin/python bench/squad_search.py --data ../shared/benchmarks/squad2-sub500 [--index DIR] [--rounds 3]

Variants (each in this process over one index, with a fresh sentence cache, so every question's sentences are
new to it, as on a large corpus):
  stored      the default: stored vectors and claims (rows written by `rag index`)
  computed    the same retrieval with the store's rows ignored: sentences embedded and typed at query time
The HTTP figures start `rag serve` on the index, with the default, with ``--before``'s code, and with
RAG_RETRIEVAL__RERANK=none (dense+keyword, no rerank): each server first answers N warm-up questions, then
is timed over N other questions (new to it, so their sentences are cached only where passages repeat), with
the server's CPU time per request beside the wall time. The floor is one ONNX query embedding (one thread, no padding) plus one exact FAISS
search, in this process, over the same chunk vectors.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import faiss  # noqa: E402
import numpy as np  # noqa: E402
from procstat import cpu_seconds, memory_mb  # noqa: E402

from eval.benchmarks import squad2  # noqa: E402
from rag.answer.evidence import SentenceVectors  # noqa: E402
from rag.retrieval.rerank import EvidenceReranker  # noqa: E402
from rag.retrieval.retriever import Retriever  # noqa: E402
from rag.services import build_services  # noqa: E402
from rag.settings import Settings  # noqa: E402


def pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000, 2)


def hit_at_1(services: Any, items: list[Any], stored: bool) -> tuple[float, float]:
    """hit@1 over the answerable questions, and the rerank's mean time per question (ms)."""
    embedder, store = services.embedder, services.store
    vectors = SentenceVectors(embedder, store=store if stored else None)
    retriever = Retriever(embedder, store, services.settings.retrieval, EvidenceReranker(embedder, vectors,
                          services.settings.retrieval.rerank_weight))
    hits, spent = 0, 0.0
    answerable = [i for i in items if i.answerable]
    for item in answerable:
        started = time.perf_counter()
        top = retriever.search(item.question, 5)
        spent += time.perf_counter() - started
        hits += bool(top) and top[0].doc_id in item.sources
    return round(hits / len(answerable), 4), round(spent / len(answerable) * 1000, 2)


def floor(services: Any, questions: list[str]) -> float:
    from rag.embedders import OnnxMiniLM

    onnx = OnnxMiniLM(threads=1)
    store = services.store
    index = store._read_index(store._generation_on_disk())  # the committed chunk vectors
    ids = faiss.vector_to_array(index.id_map)
    flat = faiss.IndexFlatIP(index.d)
    flat.add(np.ascontiguousarray(index.reconstruct_batch(ids), dtype=np.float32))
    faiss.omp_set_num_threads(1)
    times = []
    for q in questions * 2:
        started = time.perf_counter()
        flat.search(onnx.embed([q]), 10)
        times.append(time.perf_counter() - started)
    return pct(times[len(questions):], 50)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_search(index: Path, questions: list[str], env: dict[str, str], code: Path = REPO,
                warmup: list[str] | None = None, path: str = "/v1/search") -> dict[str, float]:
    """``path``: /v1/search (each question as a query, k=5) or /v1/ask (as a question)."""
    warmup = warmup or questions
    port = free_port()
    env = {**os.environ, "RAG_API__RATE_LIMIT_PER_MINUTE": "0", **env, "PYTHONPATH": str(code)}
    server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--index", str(index), "--port", str(port)],
                              cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        rounds, cpu = [], 0.0
        for timed in (warmup, questions):  # warm-up questions differ: each timed one is new to both servers
            cpu = cpu_seconds(server.pid)
            times = []
            for q in timed:
                body = json.dumps({"query": q, "k": 5} if path == "/v1/search" else {"question": q}).encode()
                request = urllib.request.Request(base + path, body, {"Content-Type": "application/json"})
                started = time.perf_counter()
                urllib.request.urlopen(request, timeout=60).read()
                times.append(time.perf_counter() - started)
            rounds.append(times)
            cpu = cpu_seconds(server.pid) - cpu
        return {"p50_ms": pct(rounds[-1], 50), "p95_ms": pct(rounds[-1], 95),
                "mean_ms": round(statistics.mean(rounds[-1]) * 1000, 2),
                "server_cpu_ms_per_request": round(cpu / len(questions) * 1000, 2),
                "server_peak_rss_mb": memory_mb(server.pid)["peak_rss_mb"]}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--index", type=Path, default=Path("/tmp/squad-search-index"))
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-hit", action="store_true")
    parser.add_argument("--skip-none", action="store_true", help="Do not time the server without rerank")
    parser.add_argument("--questions", type=int, default=500, help="Questions timed over HTTP (the first N)")
    parser.add_argument("--before", type=Path, help="Also serve the same index with this checkout's code "
                                                    "(e.g. the main branch before sentence rows)")
    args = parser.parse_args()
    documents, items = squad2(args.data)
    services = build_services(Settings.load(index_dir=args.index))
    if services.store.count()[0] != len(documents):
        started = time.perf_counter()
        services.indexer.index_documents(documents)
        print(f"indexed {len(documents)} passages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    every = list(dict.fromkeys(i.question for i in items))
    questions, warmup = every[:args.questions], every[args.questions:2 * args.questions]
    out: dict[str, Any] = {"passages": len(documents), "questions": len(questions)}
    for name, stored in () if args.skip_hit else (("stored", True), ("computed", False)):
        hit, ms = hit_at_1(services, items, stored)
        out[f"hit@1 {name}"], out[f"retrieve ms {name}"] = hit, ms
    out["floor p50 ms"] = floor(services, questions)
    if not args.skip_http:
        out["http default"] = http_search(args.index, questions, {}, warmup=warmup)
        if args.before:
            out["http default, before"] = http_search(args.index, questions, {}, args.before, warmup)
        if not args.skip_none:
            out["http rerank=none"] = http_search(args.index, questions, {"RAG_RETRIEVAL__RERANK": "none"}, warmup=warmup)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
