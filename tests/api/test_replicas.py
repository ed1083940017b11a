"""Two API processes on one PostgreSQL store, as replicas behind a load balancer: what one writes, the other serves."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import API_KEY, EXAMPLES, UNLIMITED, Server, start_server, stop_server

pytestmark = pytest.mark.slow
AUTH = {"Authorization": f"Bearer {API_KEY}"}
LIGHTHOUSE = "The lighthouse on Gull Rock was rebuilt in 1911 after a fire destroyed the wooden tower."
QUESTION = "When was the lighthouse on Gull Rock rebuilt?"


@pytest.fixture(scope="module")
def replicas(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    """Replica a starts with --seed (the store is empty, so it indexes examples/), then replica b (not empty:
    it indexes nothing). Each has its own index_dir, which holds only the Slack and feedback SQLite files."""
    url = pg_server.fresh_database()
    env = {**UNLIMITED, "RAG_STORE__BACKEND": "postgres", "RAG_STORE__URL": url, "RAG_EMBEDDER": "hashing"}
    base = tmp_path_factory.mktemp("replicas")
    first = start_server(base / "a", base / "a.log", env, args=["--seed", str(EXAMPLES)])
    try:
        second = start_server(base / "b", base / "b.log", env, args=["--seed", str(EXAMPLES)])
    except BaseException:
        stop_server(first)
        raise
    yield first, second
    stop_server(first)
    stop_server(second)
    pg_server.drop_database(url)


def test_the_first_replica_seeds_the_empty_store_and_the_second_finds_it_seeded(replicas: tuple[Server, Server]) -> None:
    first, second = replicas
    assert "index is empty: indexing" in first.log.read_text()
    assert "index is empty" not in second.log.read_text()
    seeded = len(list(EXAMPLES.iterdir()))
    for server in replicas:
        health = httpx.get(server.url + "/healthz").json()
        assert health["status"] == "ok" and health["documents"] >= seeded and health["embedder"] == "hashing-v1"
    assert not list((Path(first.log).parent / "a").glob("*.faiss"))  # vectors live in PostgreSQL, not in index_dir


def test_a_document_added_through_one_replica_is_answered_by_the_other(replicas: tuple[Server, Server]) -> None:
    first, second = replicas
    with first.client() as a, second.client() as b:
        created = a.post("/v1/documents", headers=AUTH, json={
            "doc_id": "gull-rock", "title": "Gull Rock light", "text": LIGHTHOUSE, "source": "Harbour News",
            "published_at": "2024-05-01"})
        assert created.status_code == 201, created.text
        passages = b.post("/v1/search", json={"query": QUESTION, "k": 3}).json()["passages"]
        assert passages[0]["doc_id"] == "gull-rock" and passages[0]["source"] == "Harbour News"
        answer = b.post("/v1/ask", json={"question": QUESTION}).json()
        assert answer["grounded"] and "1911" in answer["answer"]
        assert answer["citations"][0]["doc_id"] == "gull-rock"
        assert b.get("/v1/documents/gull-rock").json()["text"] == LIGHTHOUSE
        assert "gull-rock" in [d["doc_id"] for d in b.get("/v1/documents", params={"limit": 50}).json()["documents"]]
        again = b.post("/v1/documents", headers=AUTH, json={"doc_id": "gull-rock", "text": "Other text here."})
        assert again.status_code == 409  # the second replica knows the first one's document


def test_a_document_deleted_through_one_replica_disappears_from_the_other(replicas: tuple[Server, Server]) -> None:
    first, second = replicas
    with first.client() as a, second.client() as b:
        assert a.put("/v1/documents/ferry", headers=AUTH, json={
            "doc_id": "ferry", "text": "The night ferry to Skerry Island was cancelled for the winter."}).status_code == 201
        assert a.post("/v1/search", json={"query": "night ferry Skerry Island", "k": 1}).json()["passages"][0]["doc_id"] == "ferry"
        assert b.delete("/v1/documents/ferry", headers=AUTH).status_code == 204
        assert a.get("/v1/documents/ferry").status_code == 404
        hits = a.post("/v1/search", json={"query": "night ferry Skerry Island", "k": 5}).json()["passages"]
        assert all(p["doc_id"] != "ferry" for p in hits)
        assert a.delete("/v1/documents/ferry", headers=AUTH).status_code == 404


def test_writes_through_both_replicas_at_once_all_land(replicas: tuple[Server, Server]) -> None:
    statuses: list[int] = []

    def write(server: Server, n: int) -> None:
        with server.client() as client:
            for i in range(5):
                doc_id = f"note-{n}-{i}"
                response = client.put(f"/v1/documents/{doc_id}", headers=AUTH, json={
                    "doc_id": doc_id, "text": f"Field note {n}-{i}: the tide gauge at station {n} read {i} metres."})
                statuses.append(response.status_code)

    threads = [threading.Thread(target=write, args=(server, n)) for n, server in enumerate(replicas * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 20
    for server in replicas:
        listed = httpx.get(server.url + "/v1/documents", params={"limit": 200}).json()["documents"]
        assert {f"note-{n}-{i}" for n in range(4) for i in range(5)} <= {d["doc_id"] for d in listed}
