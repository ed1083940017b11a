"""Soak: the real server under a steady open-loop mix of search, ask and chat, with uploads; errors, p95, RSS.

Starts `rag serve` on a fresh index of the articles, sends requests at a fixed rate whatever the replies
(latency counts from when a request was due, so a slow server cannot slow the load down), mixes
/v1/search, /v1/ask and /v1/chat (a question, then a follow-up turn), uploads a new document every few
seconds, samples the server's resident memory (VmRSS), and at the end checks every upload is searchable.
Exit status 1 on any error or unsearchable upload.

Run: .venv/bin/python bench/soak.py --minutes 10 --rate 4          (the full soak, the real model)
     .venv/bin/python bench/soak.py --seconds 40 --rate 3 --window 10 --json out.json   (what CI runs)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

sys.path.insert(0, str(REPO / "bench"))

from launch import free_port, launch, stop  # noqa: E402
from procstat import memory_mb  # noqa: E402

KEY = "soak-key-0123456789abcdef"
FRAMES = ["{q}", "Tell me: {q}", "{q} Please answer briefly.", "Question: {q}", "{q} (according to the articles)"]
FOLLOW_UPS = ["and how long does it last?", "what about gallium?", "are there others?", "why does that matter?"]
WORDS = ("rare earth magnet supply export licence refinery quota tonne gallium germanium alloy turbine "
         "smelter policy tariff demand").split()


@dataclass
class Sample:
    at: float  # seconds since the start of the load
    kind: str
    status: int  # 0: no response (connection error or timeout)
    latency: float  # seconds from when the request was due
    detail: str = ""


def rss_mb(pid: int) -> float:
    """The server's resident memory, its worker processes' summed in."""
    return memory_mb(pid)["rss_mb"]


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]


def questions() -> list[str]:
    lines = (REPO / "eval" / "datasets" / "rare-earths.jsonl").read_text().splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


class Soak:
    def __init__(self, url: str, rate: float, seconds: float, upload_every: float, seed: int) -> None:
        self.url, self.rate, self.seconds, self.upload_every = url, rate, seconds, upload_every
        self.rnd = random.Random(seed)
        self.questions = questions()
        self.samples: list[Sample] = []
        self.uploaded: list[str] = []
        self.lock = threading.Lock()
        self.client = httpx.Client(base_url=url, timeout=120, headers={"Authorization": f"Bearer {KEY}"},
                                   limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))
        self.start = 0.0

    def record(self, kind: str, due: float, response: httpx.Response | None, detail: str = "") -> httpx.Response | None:
        status = response.status_code if response is not None else 0
        if response is not None and status >= 400:
            detail = response.text[:200]
        with self.lock:
            self.samples.append(Sample(round(due - self.start, 3), kind, status, time.monotonic() - due, detail))
        return response

    def call(self, kind: str, due: float, method: str, path: str, body: dict[str, Any]) -> httpx.Response | None:
        try:
            return self.record(kind, due, self.client.request(method, path, json=body))
        except httpx.HTTPError as exc:
            self.record(kind, due, None, repr(exc))
            return None

    def question(self, n: int) -> str:
        return self.rnd.choice(FRAMES).format(q=self.rnd.choice(self.questions)) + f" [{n}]"

    def one(self, n: int, due: float) -> None:
        roll = self.rnd.random()
        if roll < 0.45:
            self.call("search", due, "POST", "/v1/search", {"query": self.question(n), "k": 5})
        elif roll < 0.75:
            self.call("ask", due, "POST", "/v1/ask", {"question": self.question(n)})
        else:
            first = self.question(n)
            reply = self.call("chat", due, "POST", "/v1/chat", {"messages": [{"role": "user", "content": first}]})
            if reply is not None and reply.status_code == 200:
                turns = [{"role": "user", "content": first}, {"role": "assistant", "content": reply.json()["answer"]},
                         {"role": "user", "content": self.rnd.choice(FOLLOW_UPS)}]
                self.call("chat-follow-up", time.monotonic(), "POST", "/v1/chat", {"messages": turns})

    def upload(self, n: int, due: float) -> None:
        doc_id = f"soak-{n:05d}"
        body = " ".join(self.rnd.choice(WORDS) for _ in range(150))
        text = f"Soak upload {n}\n\nThe marker soakmarker{n} names this article. {body.capitalize()}."
        reply = self.call("upload", due, "POST", "/v1/documents", {"doc_id": doc_id, "text": text})
        if reply is not None and reply.status_code == 201:
            with self.lock:
                self.uploaded.append(doc_id)

    def run(self, rss: RssSampler) -> None:
        """Open loop: request i is due at start + i/rate, whether or not earlier ones have answered."""
        with ThreadPoolExecutor(max_workers=64) as pool:
            self.start = time.monotonic()
            rss.start(self.start)
            n, uploads = 0, 0
            while True:
                due = self.start + n / self.rate
                upload_due = self.start + (uploads + 1) * self.upload_every
                next_due = min(due, upload_due)
                if next_due - self.start >= self.seconds:
                    break
                time.sleep(max(0.0, next_due - time.monotonic()))
                if upload_due <= due:
                    uploads += 1
                    pool.submit(self.upload, uploads, upload_due)
                else:
                    n += 1
                    pool.submit(self.one, n, due)
        rss.stop()

    def unsearchable(self) -> list[str]:
        """Uploads whose marker word does not find them first."""
        missing = []
        for doc_id in self.uploaded:
            marker = f"soakmarker{int(doc_id.split('-')[1])}"
            passages = self.client.post("/v1/search", json={"query": marker, "k": 3}).json()["passages"]
            if not passages or passages[0]["doc_id"] != doc_id:
                missing.append(doc_id)
        return missing


def cache_stats(client: httpx.Client) -> dict[str, dict[str, dict[str, int]]]:
    """Entries, capacity, hits and misses of each bounded cache, from the server's /metrics, by worker process: with
    several workers each scrape is answered by one of them, its figures labelled with its ``worker`` ("" alone)."""
    try:
        text = client.get("/metrics").text
    except httpx.HTTPError:
        return {}
    out: dict[str, dict[str, dict[str, int]]] = {}
    for field, metric in (("entries", "rag_cache_entries"), ("capacity", "rag_cache_capacity"),
                          ("hits", "rag_cache_hits_total"), ("misses", "rag_cache_misses_total")):
        for m in re.finditer(rf'^{metric}\{{([^}}]*)\}} (\S+)$', text, re.M):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            if "cache" in labels:
                out.setdefault(labels.get("worker", ""), {}).setdefault(labels["cache"], {})[field] = int(float(m.group(2)))
    return out


class RssSampler:
    """The server's RSS every ``every`` seconds, and its caches' sizes beside it (what could explain growth)."""

    def __init__(self, pid: int, every: float, client: httpx.Client | None = None) -> None:
        self.pid, self.every, self.client = pid, every, client
        self.samples: list[tuple[float, float]] = []
        self.caches: list[tuple[float, dict[str, int]]] = []  # entries of each cache, workers summed
        self.cache_stats: list[tuple[float, dict[str, dict[str, dict[str, int]]]]] = []  # by worker, with capacity, hits, misses
        self._latest: dict[str, dict[str, dict[str, int]]] = {}  # each worker's last scraped figures
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._t0 = 0.0

    def start(self, t0: float) -> None:
        self._t0 = t0
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.samples.append((round(time.monotonic() - self._t0, 1), rss_mb(self.pid)))
            if self.client is not None:
                # each scrape reaches one worker: each worker's latest figures, summed, stand for the server
                self._latest.update(cache_stats(self.client))
                self.cache_stats.append((self.samples[-1][0], dict(self._latest)))
                totals: dict[str, int] = {}
                for caches in self._latest.values():
                    for name, stats in caches.items():
                        totals[name] = totals.get(name, 0) + stats.get("entries", 0)
                self.caches.append((self.samples[-1][0], totals))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((round(time.monotonic() - self._t0, 1), rss_mb(self.pid)))


def windows(samples: list[Sample], seconds: float, width: float) -> list[dict[str, Any]]:
    out = []
    start = 0.0
    while start < seconds:
        inside = [s for s in samples if start <= s.at < start + width]
        ok = [s.latency for s in inside if s.status in (200, 201)]
        out.append({"from_s": start, "requests": len(inside), "errors": len(inside) - len(ok),
                    "p95_ms": round(p95(ok) * 1000, 1) if ok else None})
        start += width
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, help="Overrides --minutes (short runs, CI)")
    parser.add_argument("--rate", type=float, default=4.0, help="Requests a second (search, ask, chat), not counting uploads")
    parser.add_argument("--upload-every", type=float, default=5.0, help="Seconds between document uploads")
    parser.add_argument("--window", type=float, default=60.0, help="Seconds per reported window")
    parser.add_argument("--rss-every", type=float, default=5.0)
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "rare-earths")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="Write the summary here")
    args = parser.parse_args()
    seconds = args.seconds if args.seconds is not None else args.minutes * 60
    corpus = args.corpus if args.corpus.is_dir() else REPO / "examples"

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    index = work / "index"
    env = {"HF_HUB_OFFLINE": "1", "RAG_EMBEDDER": args.embedder, "RAG_API_KEYS": KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    # The articles are indexed first, by `rag index` with the server's model, then the server starts on them.
    subprocess.run([sys.executable, "-m", "api.cli", "index", str(corpus), "--index", str(index)], cwd=REPO,
                   env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    process, url = launch([sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
                          {**os.environ, **env, "RAG_INDEX_DIR": str(index)}, work / "server.log", port, "rag serve")
    try:
        soak = Soak(url, args.rate, seconds, args.upload_every, args.seed)
        rss = RssSampler(process.pid, args.rss_every, soak.client)
        soak.run(rss)
        unsearchable = soak.unsearchable()
        alive = process.poll() is None
    finally:
        stop(process)
    samples = soak.samples
    errors = [s for s in samples if s.status not in (200, 201)]
    kinds = sorted({s.kind for s in samples})
    summary = {
        "seconds": seconds, "rate": args.rate, "embedder": args.embedder, "corpus": str(corpus),
        "requests": len(samples), "errors": len(errors),
        "by_kind": {k: sum(1 for s in samples if s.kind == k) for k in kinds},
        "p95_ms_by_kind": {k: round(p95([s.latency for s in samples if s.kind == k and s.status in (200, 201)]) * 1000, 1)
                           for k in kinds},
        "windows": windows(samples, seconds, args.window),
        "uploads": len(soak.uploaded), "unsearchable_uploads": unsearchable,
        "rss_mb_start": rss.samples[0][1], "rss_mb_after_first_window": next(
            (mb for at, mb in rss.samples if at >= args.window), rss.samples[-1][1]), "rss_mb_end": rss.samples[-1][1],
        "rss_mb_max": max(mb for _, mb in rss.samples), "rss_samples": rss.samples, "cache_samples": rss.caches,
        "cache_stats_samples": rss.cache_stats[::max(1, round(60 / args.rss_every))] + rss.cache_stats[-1:],
        "server_alive": alive, "first_errors": [asdict(s) for s in errors[:10]], "log": str(work / "server.log"),
        "cpus": os.cpu_count(), "load_average": os.getloadavg(),
    }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    print(f"{summary['requests']} requests in {seconds:.0f} s at {args.rate}/s ({summary['by_kind']}), "
          f"{summary['errors']} errors; {summary['uploads']} uploads, {len(unsearchable)} not searchable")
    for w in summary["windows"]:
        print(f"  from {w['from_s']:>5.0f} s: {w['requests']:>5} requests, {w['errors']} errors, p95 {w['p95_ms']} ms")
    print(f"  p95 by kind (ms): {summary['p95_ms_by_kind']}")
    print(f"  server RSS: start {summary['rss_mb_start']} MB, after the first window {summary['rss_mb_after_first_window']} MB, "
          f"end {summary['rss_mb_end']} MB, max {summary['rss_mb_max']} MB")
    for at, mb in rss.samples[::max(1, round(args.window / args.rss_every))]:
        sizes = next((c for t, c in rss.caches if t >= at), {})
        print(f"  at {at:>6.0f} s: RSS {mb:>7.1f} MB, cache entries {sizes}")
    for error in summary["first_errors"]:
        print(f"  error: {error}")
    return 0 if not errors and not unsearchable and alive else 1


if __name__ == "__main__":
    sys.exit(main())
