"""`rag serve --workers 2`: a real two-process server on loopback, each seam of several workers through HTTP.

Each connection is served by one worker, so the tests open a new connection per request (several at once) and read
which worker answered from ``X-Worker``; a check repeats a request until both workers have answered it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from api.server import cores
from api.shared_limits import SharedRateLimiter
from tests.conftest import API_KEY, EXAMPLES, REPO, UNLIMITED, Server, start_server, stop_server
from tests.fakes.news_site import NewsSite

AUTH = {"Authorization": f"Bearer {API_KEY}"}
LIGHT = {"RAG_EMBEDDER": "hashing"}
FERRY = "The night ferry to Skerry Island was cancelled for the winter after the pier was damaged."


def fresh(server: Server, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request on a connection of its own (the kernel gives each connection to one worker)."""
    with httpx.Client(base_url=server.url, timeout=60) as client:
        return client.request(method, path, **kwargs)  # type: ignore[arg-type]


def together(server: Server, method: str, path: str, n: int = 6, **kwargs: object) -> list[httpx.Response]:
    """``n`` requests at once, each on a connection of its own: while one worker is busy the other accepts (one
    request at a time, an idle server's connections may all go to the same worker)."""
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: fresh(server, method, path, **kwargs), range(n)))


def from_both(server: Server, method: str, path: str, check: Callable[[httpx.Response], None] = lambda r: None,
              **kwargs: object) -> dict[str, httpx.Response]:
    """The request repeated, several at once, until both workers answered it; ``check`` sees every answer."""
    answers: dict[str, httpx.Response] = {}
    sent, deadline = 0, time.monotonic() + 60
    while time.monotonic() < deadline:  # a worker busy indexing (the seed, a feed poll) accepts nothing for a while
        for response in together(server, method, path, **kwargs):
            check(response)
            answers.setdefault(response.headers["x-worker"], response)
            sent += 1
        if len(answers) == 2:
            return answers
        time.sleep(0.2)
    pytest.fail(f"one worker answered all {sent} connections to {path} in 60 s")


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for found, value in re.findall(rf"^{name}(?:\{{([^}}]*)\}})? (\S+)$", text, flags=re.M):
        have = dict(re.findall(r'(\w+)="([^"]*)"', found))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(value)
    return total


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory, site: NewsSite) -> Iterator[Server]:
    """Two workers over an empty FAISS index: --seed indexes examples/, `feeds` polls the loopback site."""
    base = tmp_path_factory.mktemp("workers")
    env = {**UNLIMITED, **LIGHT, "RAG_FEEDS": f'["{site.url}/feed.rss"]', "RAG_FETCH__FEED_EVERY": "1",
           "RAG_FETCH__ALLOW_PRIVATE": "true"}
    running = start_server(base / "index", base / "server.log", env, args=["--workers", "2", "--seed", str(EXAMPLES)])
    yield running
    stop_server(running)


def test_both_workers_answer_and_seeding_happened_once(workers: Server) -> None:
    answers = from_both(workers, "GET", "/healthz")
    assert all(r.json()["status"] == "ok" and r.json()["documents"] >= len(list(EXAMPLES.iterdir())) for r in answers.values())
    assert workers.log.read_text().count("index is empty: indexing") == 1


def test_each_worker_moves_its_loaded_models_out_of_the_collectors_passes(workers: Server) -> None:
    """Once its models are loaded, each worker freezes them (``gc.freeze``): its full collections then walk only
    what came since, not the models' half a million objects (api/server.py, ``freeze_once_loaded``)."""
    frozen: dict[str, int] = {}
    deadline = time.monotonic() + 60
    while len(frozen) < 2 and time.monotonic() < deadline:
        for line in workers.log.read_text(errors="replace").splitlines():
            found = re.search(r"process (\d+): (\d+) objects of the loaded models moved out", line)
            if found:
                frozen[found.group(1)] = int(found.group(2))
        time.sleep(0.5)
    assert len(frozen) == 2, workers.log.read_text(errors="replace")[-2000:]
    assert all(count > 100_000 for count in frozen.values())  # spaCy, the tokenizer, the caches' owners


def test_each_worker_embeds_a_document_at_start_before_freezing(workers: Server) -> None:
    """So that a worker's first upload does not page in the document model then (api/server.py,
    ``warm_document_embedder``)."""
    deadline = time.monotonic() + 60
    while True:
        lines = workers.log.read_text(errors="replace").splitlines()
        warm = {m.group(1): i for i, line in enumerate(lines) if (m := re.search(r"process (\d+): the document embedder is warm", line))}
        frozen = {m.group(1): i for i, line in enumerate(lines) if (m := re.search(r"process (\d+): \d+ objects of the loaded", line))}
        if len(frozen) == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert set(warm) == set(frozen) and len(warm) == 2, "\n".join(lines[-40:])
    assert all(warm[pid] < frozen[pid] for pid in warm)


def test_a_write_through_one_worker_is_searched_through_the_other(workers: Server) -> None:
    created = fresh(workers, "PUT", "/v1/documents/ferry", headers=AUTH, json={"doc_id": "ferry", "text": FERRY})
    assert created.status_code == 201, created.text

    def finds_ferry(response: httpx.Response) -> None:
        assert response.json()["passages"][0]["doc_id"] == "ferry"

    from_both(workers, "POST", "/v1/search", finds_ferry, json={"query": "night ferry Skerry Island", "k": 3})
    assert fresh(workers, "DELETE", "/v1/documents/ferry", headers=AUTH).status_code == 204

    def no_ferry(response: httpx.Response) -> None:
        assert all(p["doc_id"] != "ferry" for p in response.json()["passages"])

    from_both(workers, "POST", "/v1/search", no_ferry, json={"query": "night ferry Skerry Island", "k": 5})


def test_concurrent_writes_through_both_workers_are_serialised(workers: Server) -> None:
    writers: dict[str, str] = {}  # doc_id -> the worker that wrote it
    statuses: list[int] = []

    def put(doc_id: str) -> None:
        response = fresh(workers, "PUT", f"/v1/documents/{doc_id}", headers=AUTH, json={
            "doc_id": doc_id, "text": f"Harbour notice {doc_id}: the {doc_id} crane on pier four is out of service."})
        statuses.append(response.status_code)
        writers[doc_id] = response.headers["x-worker"]

    for batch in range(4):  # until both workers have written, at the same time as each other
        threads = [threading.Thread(target=put, args=(f"notice-{batch}-{i}",)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if len(set(writers.values())) == 2:
            break
    assert set(statuses) == {201} and len(set(writers.values())) == 2

    def lists_all(response: httpx.Response) -> None:
        assert set(writers) <= {d["doc_id"] for d in response.json()["documents"]}

    from_both(workers, "GET", "/v1/documents", lists_all, params={"limit": 500})
    check = subprocess.run([sys.executable, "-m", "api.cli", "check", "--index", str(workers.log.parent / "index")],
                           cwd=REPO, env={**os.environ, **LIGHT}, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def _settled_documents(server: Server, wait: float = 30.0) -> int:
    """The document count once the feed poller (every second) has stopped adding: two reads 2.5 s apart agree.
    Read while the feed's items were still landing, /healthz and /metrics could count 7 and 12."""
    deadline = time.monotonic() + wait
    count = fresh(server, "GET", "/healthz").json()["documents"]
    while time.monotonic() < deadline:
        time.sleep(2.5)
        again = fresh(server, "GET", "/healthz").json()["documents"]
        if again == count:
            break
        count = again
    return int(count)


def test_metrics_count_every_workers_requests(workers: Server) -> None:
    def searches(text: str) -> float:
        return _metric(text, "rag_requests_total", method="POST", endpoint="/v1/search", status="200")

    before = searches(fresh(workers, "GET", "/metrics").text)
    from_both(workers, "POST", "/v1/search", json={"query": "desalination plant costs"})  # some through each
    sent = int(searches(fresh(workers, "GET", "/metrics").text) - before)
    assert sent >= 2
    documents = _settled_documents(workers)
    for pid, response in from_both(workers, "GET", "/metrics").items():
        text = response.text
        assert searches(text) == before + sent  # the same total from either worker: every worker's requests
        assert _metric(text, "rag_documents") == documents  # the shared store's
        labelled = re.findall(r'^rag_cache_entries\{[^}]*worker="(\d+)"', text, flags=re.M)
        assert labelled and set(labelled) == {pid}  # what is per process says whose it is
        assert re.search(rf'^process_resident_memory_bytes\{{worker="{pid}"\}} ', text, flags=re.M)


def test_the_feed_poller_runs_in_one_worker_and_another_takes_over(workers: Server, site: NewsSite) -> None:
    seeded = len(list(EXAMPLES.iterdir()))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if fresh(workers, "GET", "/v1/documents").json()["total"] >= seeded + len(site.articles):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the feed's articles were not indexed")
    running = re.findall(r"feed poller running in process (\d+)", workers.log.read_text())
    assert len(running) == 1
    pids = set(from_both(workers, "GET", "/healthz"))
    assert running[0] in pids
    os.kill(int(running[0]), signal.SIGKILL)  # the lock goes with it: the other worker's poller takes it
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        running = re.findall(r"feed poller running in process (\d+)", workers.log.read_text())
        if len(running) == 2:
            break
        time.sleep(0.5)
    assert len(running) == 2 and running[1] != running[0]


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("limited")
    env = {**LIGHT, "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "4"}
    running = start_server(base / "index", base / "server.log", env, args=["--workers", "2", "--seed", str(EXAMPLES)])
    yield running
    stop_server(running)


def test_the_rate_limit_is_the_whole_servers_not_each_workers(limited: Server) -> None:
    started = time.monotonic()
    allowed: dict[str, int] = {}
    refused: set[str] = set()
    while time.monotonic() - started < 60:  # one caller (this address), until both workers have refused it
        for response in together(limited, "GET", "/v1/documents", n=4):
            worker = response.headers["x-worker"]
            if response.status_code == 429:
                refused.add(worker)
                assert int(response.headers["retry-after"]) >= 1
            else:
                assert response.status_code == 200
                allowed[worker] = allowed.get(worker, 0) + 1
        if len(refused) == 2:
            break
    refilled = int((time.monotonic() - started) * 4 / 60)  # a token every 15 s
    assert len(refused) == 2  # each worker refused the caller: the buckets are one
    assert 4 <= sum(allowed.values()) <= 4 + refilled  # and held 4 tokens a minute between them, not 4 each


def test_two_processes_buckets_are_one(tmp_path: Path) -> None:
    """What two workers do, in one process: two limiters over one file spend the same tokens."""
    first, second = SharedRateLimiter(tmp_path / "limits.sqlite", 3), SharedRateLimiter(tmp_path / "limits.sqlite", 3)
    first.take("addr:1")
    second.take("addr:1")
    first.take("addr:1")
    with pytest.raises(Exception, match="too many requests"):
        second.take("addr:1")
    second.take("addr:2")  # another caller has a bucket of its own
    SharedRateLimiter(tmp_path / "off.sqlite", 0).take("addr:1")  # 0: off, nothing written
    assert not (tmp_path / "off.sqlite").exists()


def test_workers_end_with_a_server_killed_by_sigkill(limited: Server) -> None:
    pids = [int(pid) for pid in from_both(limited, "GET", "/healthz")]
    limited.process.kill()  # SIGKILL: uvicorn stops no worker itself
    limited.process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.2)
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_one_worker_per_core_counts_a_containers_cpu_quota(tmp_path: Path) -> None:
    pinned = len(os.sched_getaffinity(0))
    (tmp_path / "cpu.max").write_text("150000 100000\n")  # --cpus 1.5
    assert cores(tmp_path / "cpu.max") == min(pinned, 2)
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert cores(tmp_path / "cpu.max") == pinned == cores(tmp_path / "missing")
