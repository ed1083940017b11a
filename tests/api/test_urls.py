"""URLs, feeds and syndicated copies through the real server, against a loopback news site: POST a URL, see it in
/v1/documents, search and citations; each bad URL is a 4xx with its reason and changes nothing; a story copied by
three sites is one source that records the others; `feeds` in the settings are polled while serving."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from index.urls import url_doc_id
from tests.conftest import API_KEY, UNLIMITED, Server, start_server, stop_server
from tests.fakes.news_site import NewsSite

AUTH = {"Authorization": f"Bearer {API_KEY}"}
ENV = {**UNLIMITED, "RAG_FETCH__ALLOW_PRIVATE": "true", "RAG_FETCH__TIMEOUT": "1.5", "RAG_FETCH__MAX_BYTES": "2000000"}


@pytest.fixture(scope="module")
def site(rare_earths: Path) -> Iterator[NewsSite]:
    with NewsSite(rare_earths, slow_seconds=4) as running:
        yield running


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, site: NewsSite) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("urls")
    running = start_server(base / "index", base / "server.log", ENV)
    yield running
    stop_server(running)


def test_a_posted_url_is_fetched_indexed_and_linked_everywhere(server: Server, site: NewsSite) -> None:
    url = site.article_url(sorted(site.articles)[4])
    with server.client() as client:
        created = client.post("/v1/documents", headers=AUTH, json={"url": url})
        assert created.status_code == 201, created.text
        doc = created.json()
        assert doc["doc_id"] == url_doc_id(url) and doc["url"] == url and doc["source"] == "The Harbour Ledger"
        assert doc["chunks"] > 0 and doc["published_at"] == "2025-06-12T08:30:00+00:00"
        again = client.post("/v1/documents", headers=AUTH, json={"url": url})
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        listed = client.get("/v1/documents", params={"limit": 500}).json()["documents"]
        assert {d["doc_id"]: d["url"] for d in listed}[doc["doc_id"]] == url
        passages = client.post("/v1/search", json={"query": "rare earth exports resumption 90 days"}).json()["passages"]
        assert any(p["doc_id"] == doc["doc_id"] and p["url"] == url for p in passages)


@pytest.mark.parametrize(("path", "status", "code", "reason"), [
    ("/missing", 422, "fetch_failed", "HTTP 404 Not Found"),
    ("/slow", 422, "fetch_failed", "timed out after 1.5 s"),
    ("/loop/a", 422, "fetch_failed", "redirect loop"),
    ("/redirect/9", 422, "fetch_failed", "more than 5 redirects"),
    ("/huge", 413, "fetch_too_large", "over the limit of 2,000,000 bytes"),
    ("/image.png", 415, "unsupported_content", "content type 'image/png' is not read"),
    ("/to/ftp://127.0.0.1/x", 422, "url_not_allowed", "only http and https"),
])
def test_a_bad_url_is_a_4xx_with_its_reason_and_changes_nothing(server: Server, site: NewsSite, path: str,
                                                                status: int, code: str, reason: str) -> None:
    with server.client() as client:
        before = client.get("/v1/documents", params={"limit": 500}).json()
        response = client.post("/v1/documents", headers=AUTH, json={"url": site.url + path})
        assert response.status_code == status, response.text
        error = response.json()["error"]
        assert error["code"] == code and reason in error["message"] and site.url + path in error["message"]
        assert client.get("/v1/documents", params={"limit": 500}).json() == before


def test_a_private_address_is_refused_by_a_server_without_the_setting(tmp_path: Path, site: NewsSite) -> None:
    guarded = start_server(tmp_path / "index", tmp_path / "server.log", {**UNLIMITED, "RAG_EMBEDDER": "hashing"})
    try:
        with guarded.client() as client:
            for url in (site.article_url(sorted(site.articles)[0]), "http://169.254.169.254/latest/meta-data/",
                        "http://localhost:22/"):
                response = client.post("/v1/documents", headers=AUTH, json={"url": url})
                assert response.status_code == 422 and response.json()["error"]["code"] == "url_not_allowed"
                assert "RAG_FETCH__ALLOW_PRIVATE=true" in response.json()["error"]["message"]
            assert client.get("/v1/documents").json()["total"] == 0
    finally:
        stop_server(guarded)


def test_a_story_syndicated_by_three_sites_is_one_source_that_names_the_others(server: Server, site: NewsSite) -> None:
    first, *copies = site.wire_urls()
    with server.client() as client:
        original = client.post("/v1/documents", headers=AUTH, json={"url": first}).json()
        assert original["chunks"] > 0 and original["duplicate_of"] is None
        for url in copies:
            copy = client.post("/v1/documents", headers=AUTH, json={"url": url})
            assert copy.status_code == 201, copy.text
            assert copy.json()["duplicate_of"] == original["doc_id"] and copy.json()["chunks"] == 0
        info = client.get(f"/v1/documents/{original['doc_id']}").json()
        assert info["also_published_by"] == ["Coastal Courier", "Valley Times"]
        copy_ids = {url_doc_id(u) for u in copies}
        passages = client.post("/v1/search", json={"query": "China export control regime rollback neodymium", "k": 10}
                               ).json()["passages"]
        assert passages and not copy_ids & {p["doc_id"] for p in passages}
        ours = [p for p in passages if p["doc_id"] == original["doc_id"]]
        assert ours and all(p["also_published_by"] == ["Coastal Courier", "Valley Times"] for p in ours)
        answer = client.post("/v1/ask", json={"question": "Has China rolled back its rare earth export control regime?"}
                             ).json()
        assert answer["citations"], answer
        assert not copy_ids & {c["doc_id"] for c in answer["citations"]}  # a copy is never another source
        for citation in answer["citations"]:
            assert citation["passage"] and citation["text"] in citation["passage"]
            if citation["doc_id"] == original["doc_id"]:
                assert citation["url"] == first and citation["also_published_by"] == ["Coastal Courier", "Valley Times"]


def test_feeds_in_the_settings_are_polled_while_serving(tmp_path: Path, site: NewsSite) -> None:
    env = {**ENV, "RAG_FEEDS": f'["{site.url}/feed.rss"]', "RAG_FETCH__FEED_EVERY": "1", "RAG_EMBEDDER": "hashing"}
    polling = start_server(tmp_path / "index", tmp_path / "server.log", env)
    try:
        deadline = time.monotonic() + 60
        total = 0
        while time.monotonic() < deadline and total < len(site.articles):
            total = httpx.get(polling.url + "/v1/documents", timeout=10).json()["total"]
            time.sleep(0.5)
        assert total == len(site.articles)
        time.sleep(2)  # more polls: nothing new, nothing repeated
        documents = httpx.get(polling.url + "/v1/documents", timeout=10).json()["documents"]
        assert len(documents) == len(site.articles) and all(d["url"] for d in documents)
    finally:
        stop_server(polling)
