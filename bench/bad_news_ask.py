"""Time of one /v1/ask per pathological question (tests/api/bad_news.py) through the real service.

Starts the service on loopback over a fresh index (chunk size ``--chunk``: 400 is the default, 8000 the largest
allowed, where a 20,000-character sentence reaches the answerer in 8,000-character pieces), uploads the
generated articles over HTTP, then asks each question ``--repeat`` times and prints the slowest questions.
  PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/bad_news_ask.py --chunk 8000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.api.bad_news import ARTICLES, QUESTIONS  # noqa: E402
from tests.conftest import API_KEY, UNLIMITED, start_server, stop_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**UNLIMITED, "RAG_CHUNKING__SIZE": str(args.chunk), "RAG_CHUNKING__OVERLAP": "80"}
        server = start_server(Path(tmp) / "index", Path(tmp) / "server.log", env)
        try:
            with server.client() as client:
                started = time.perf_counter()
                for doc_id, (title, text) in ARTICLES.items():
                    r = client.post("/v1/documents", headers={"Authorization": f"Bearer {API_KEY}"},
                                    json={"doc_id": doc_id, "title": title, "text": text})
                    print(f"upload {doc_id}: {r.status_code}")
                print(f"uploads: {time.perf_counter() - started:.1f} s")
                client.post("/v1/ask", json={"question": "warm up"})
                times: dict[str, list[float]] = {}
                for question in QUESTIONS:
                    for _ in range(args.repeat):
                        t = time.perf_counter()
                        r = client.post("/v1/ask", json={"question": question})
                        times.setdefault(question, []).append(1000 * (time.perf_counter() - t))
                        assert r.status_code == 200, (question, r.status_code, r.text[:300])
        finally:
            stop_server(server)
    medians = sorted(((statistics.median(v), q) for q, v in times.items()), reverse=True)
    for ms, q in medians[:8]:
        print(f"{ms:8.0f} ms  {q[:70]!r}")
    print(f"median over questions: {statistics.median(m for m, _ in medians):.0f} ms; worst {medians[0][0]:.0f} ms")


if __name__ == "__main__":
    main()
