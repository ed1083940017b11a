"""Documents through the real server: add, replace, list, read, delete, each visible to the next query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import API_KEY, UNLIMITED, Server, copy_index, start_server, stop_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
LIGHTHOUSE = "The lighthouse on Gull Rock was rebuilt in 1911 after a fire destroyed the wooden tower."
QUESTION = "When was the lighthouse on Gull Rock rebuilt?"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("writable")
    running = start_server(copy_index(rare_earths_index, base / "index"), base / "server.log",
                           {**UNLIMITED, "RAG_API__MAX_UPLOAD_BYTES": "20000"})
    yield running
    stop_server(running)


def ask(client: httpx.Client, question: str) -> dict:
    response = client.post("/v1/ask", json={"question": question})
    assert response.status_code == 200, response.text
    return response.json()


def test_create_update_delete_are_visible_to_the_next_query(writable: Server) -> None:
    with writable.client() as client:
        created = client.post("/v1/documents", headers=AUTH, json={
            "doc_id": "gull-rock", "title": "Gull Rock light", "text": LIGHTHOUSE, "source": "Harbour News",
            "published_at": "2024-05-01"})
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "created" and created.headers["location"] == "/v1/documents/gull-rock"
        answer = ask(client, QUESTION)
        assert answer["grounded"] and "1911" in answer["answer"]
        assert answer["citations"][0]["source"] == "Harbour News" and answer["citations"][0]["published_at"] == "2024-05-01"

        again = client.post("/v1/documents", headers=AUTH, json={"doc_id": "gull-rock", "title": "Gull Rock light",
                                                                  "text": LIGHTHOUSE, "source": "Harbour News",
                                                                  "published_at": "2024-05-01"})
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        clash = client.post("/v1/documents", headers=AUTH, json={"doc_id": "gull-rock", "text": "Other text here."})
        assert clash.status_code == 409 and "PUT /v1/documents/gull-rock" in clash.json()["error"]["message"]
        assert "1911" in client.get("/v1/documents/gull-rock").json()["text"]

        replaced = client.put("/v1/documents/gull-rock", headers=AUTH, json={
            "doc_id": "gull-rock", "title": "Gull Rock light", "text": LIGHTHOUSE.replace("1911", "1923")})
        assert replaced.status_code == 200 and replaced.json()["status"] == "updated"
        answer = ask(client, QUESTION)
        assert "1923" in answer["answer"] and "1911" not in answer["answer"]

        assert client.delete("/v1/documents/gull-rock", headers=AUTH).status_code == 204
        assert client.get("/v1/documents/gull-rock").status_code == 404
        assert client.delete("/v1/documents/gull-rock", headers=AUTH).status_code == 404
        assert "1923" not in ask(client, QUESTION)["answer"]


def test_a_multipart_upload_is_indexed_with_its_front_matter(writable: Server) -> None:
    article = b"---\ntitle: Harbour dredging\nsource: Port Gazette\ndate: 2025-02-03\n---\n\nThe harbour will be dredged to 14 metres by March.\n"
    with writable.client() as client:
        response = client.post("/v1/documents", headers=AUTH, files={"file": ("../../etc/dredging.md", article, "text/markdown")})
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["doc_id"] == "dredging" and body["title"] == "Harbour dredging" and body["source"] == "Port Gazette"
        answer = ask(client, "How deep will the harbour be dredged?")
        assert "14 metres" in answer["answer"]
        client.delete("/v1/documents/dredging", headers=AUTH)


def test_documents_are_listed_a_page_at_a_time(writable: Server) -> None:
    with writable.client() as client:
        first = client.get("/v1/documents", params={"limit": 2}).json()
        assert first["total"] >= 5 and len(first["documents"]) == 2 and first["next_offset"] == 2
        rest = client.get("/v1/documents", params={"limit": 500, "offset": 2}).json()
        ids = [d["doc_id"] for d in first["documents"] + rest["documents"]]
        assert len(ids) == first["total"] == len(set(ids)) and rest["next_offset"] is None
        assert client.get("/v1/documents", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("kwargs, status, message", [
    ({"json": {"doc_id": "../x", "text": "Some text."}}, 422, "doc_id '../x'"),
    ({"json": {"doc_id": "ok", "text": ""}}, 422, "no text"),
    ({"json": {"doc_id": "ok", "text": "Fine.", "author": "me"}}, 422, "unknown field 'author'"),
    ({"json": {"doc_id": "ok", "text": "Fine.", "published_at": "yesterday"}}, 422, "not an ISO date"),
    ({"json": {"text": "Fine."}}, 422, "missing field 'doc_id'"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, ""),
    ({"json": {"doc_id": "big", "text": "x " * 30000}}, 413, "limit"),
    ({"files": {"file": ("report.docx", b"PK\x03\x04", "application/octet-stream")}}, 415, "'.docx' is not supported"),
    ({"files": {"file": ("report.pdf", b"%PDF-1.4", "application/pdf")}}, 422, "truncated PDF"),
    ({"files": {"file": ("blob.txt", b"\x00\x01\x02binary", "text/plain")}}, 422, "binary"),
    ({"files": {"file": ("latin.txt", b"caf\xe9 au lait", "text/plain")}}, 422, "not valid UTF-8"),
    ({"content": b"plain text", "headers": {"content-type": "text/plain"}}, 415, "content-type 'text/plain'"),
])
def test_bad_documents_get_a_clear_4xx_and_change_nothing(writable: Server, kwargs: dict, status: int, message: str) -> None:
    with writable.client() as client:
        before = client.get("/v1/documents", params={"limit": 500}).json()
        kwargs.setdefault("headers", {}).update(AUTH)
        response = client.post("/v1/documents", **kwargs)
        assert response.status_code == status, response.text
        assert message in response.json()["error"]["message"]
        assert client.get("/v1/documents", params={"limit": 500}).json() == before


def test_writing_needs_a_valid_key(writable: Server) -> None:
    doc = {"doc_id": "nokey", "text": "Text."}
    with writable.client() as client:
        missing = client.post("/v1/documents", json=doc)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        wrong = client.post("/v1/documents", json=doc, headers={"X-API-Key": "not-the-key-at-all-0000"})
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
        assert client.delete("/v1/documents/anything", headers={"Authorization": "Bearer wrong-key-000000000"}).status_code == 403
        assert client.get("/v1/documents/nokey").status_code == 404
    assert API_KEY not in writable.log.read_text() and "not-the-key-at-all" not in writable.log.read_text()
