"""Documents go into collections through every entry point: POST/PUT /v1/documents and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_cli_light import rag_without_model
from tests.conftest import API_KEY, REPO, UNLIMITED, Server, copy_index, start_server, stop_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
LIGHTHOUSE = "The lighthouse on Gull Rock was rebuilt in 1911 after a fire destroyed the wooden tower."


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("collections")
    running = start_server(copy_index(rare_earths_index, base / "index"), base / "server.log", UNLIMITED)
    yield running
    stop_server(running)


def searched(client, collections: list[str]) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.post("/v1/search", json={"query": "Gull Rock lighthouse rebuilt", "k": 10,
                                               "filters": {"collections": collections}})
    assert response.status_code == 200, response.text
    return {p["doc_id"] for p in response.json()["passages"]}


def test_a_document_posted_into_collections_is_searched_only_there(writable: Server) -> None:
    with writable.client() as client:
        created = client.post("/v1/documents", headers=AUTH, json={
            "doc_id": "gull-rock", "title": "Gull Rock light", "text": LIGHTHOUSE, "collections": ["coast"]})
        assert created.status_code == 201, created.text
        assert created.json()["collections"] == ["coast"]
        assert searched(client, ["coast"]) == {"gull-rock"}
        assert "gull-rock" not in searched(client, ["default"])
        assert searched(client, ["nobody"]) == set()

        # The same content again with another collection: unchanged, and now in both (embedded once).
        again = client.post("/v1/documents", headers=AUTH, json={
            "doc_id": "gull-rock", "title": "Gull Rock light", "text": LIGHTHOUSE, "collections": ["history"]})
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        assert again.json()["collections"] == ["coast", "history"]
        assert searched(client, ["history"]) == {"gull-rock"}

        replaced = client.put("/v1/documents/gull-rock", headers=AUTH, json={
            "doc_id": "gull-rock", "text": LIGHTHOUSE.replace("1911", "1923")})
        assert replaced.status_code == 200 and replaced.json()["status"] == "updated"
        assert replaced.json()["collections"] == ["coast", "history"]
        assert client.get("/v1/documents/gull-rock").json()["collections"] == ["coast", "history"]
        listed = client.get("/v1/documents", params={"limit": 500}).json()["documents"]
        assert {d["doc_id"]: d["collections"] for d in listed}["gull-rock"] == ["coast", "history"]
        assert all(d["collections"] == ["default"] for d in listed if d["doc_id"] != "gull-rock")

        assert client.delete("/v1/documents/gull-rock", headers=AUTH).status_code == 204
        assert searched(client, ["coast", "history"]) == set()


def test_a_multipart_upload_takes_comma_separated_collections(writable: Server) -> None:
    with writable.client() as client:
        created = client.post("/v1/documents", headers=AUTH, files={"file": ("tide.txt", b"Tide tables for the harbour.")},
                              data={"collections": "coast, tides"})
        assert created.status_code == 201, created.text
        assert created.json()["collections"] == ["coast", "tides"]


@pytest.mark.parametrize("body", [
    {"doc_id": "bad", "text": "Some text.", "collections": ["Coast"]},
    {"doc_id": "bad", "text": "Some text.", "collections": "coast"},
    {"doc_id": "bad", "text": "Some text.", "collections": ["x" * 65]},
    {"url": "https://example.com/a", "collections": ["no spaces"]},
])
def test_a_malformed_collection_is_a_422_naming_the_field(writable: Server, body: dict) -> None:
    with writable.client() as client:
        response = client.post("/v1/documents", headers=AUTH, json=body)
        assert response.status_code == 422, response.text
        assert "collections" in response.json()["error"]["message"]
        bad = client.post("/v1/search", json={"query": "lighthouse", "filters": {"collections": ["UPPER"]}})
        assert bad.status_code == 422 and "collections" in bad.text
        assert client.get("/v1/documents/bad").status_code == 404


def rag(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAG_INDEX_DIR": str(index)}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_cli_puts_documents_in_collections_and_manages_them(tmp_path: Path, rare_earths: Path,
                                                                rare_earths_index: Path) -> None:
    index = copy_index(rare_earths_index, tmp_path / "index")
    one = sorted(rare_earths.iterdir())[0]
    doc_id = one.stem
    indexed = rag("index", str(one), "--collection", "energy", "--collection", "markets", index=index)
    assert indexed.returncode == 0, indexed.stderr
    assert "skipped 1 unchanged" in indexed.stdout and "now also in the given collections" in indexed.stdout
    listed = rag_without_model("collections", "list", "--json", index=index)
    assert listed.returncode == 0, listed.stderr
    assert '"energy": 1' in listed.stdout and '"default": 5' in listed.stdout

    found = rag("search", "rare earth", "--collection", "energy", "--json", "-k", "10", index=index)
    assert found.returncode == 0, found.stderr
    assert {p["doc_id"] for p in json.loads(found.stdout)["passages"]} == {doc_id}

    refused = rag_without_model("collections", "delete", "energy", index=index)
    assert refused.returncode == 1 and "--documents delete|keep" in refused.stderr
    removed = rag_without_model("collections", "remove", "markets", doc_id, index=index)
    assert removed.returncode == 0, removed.stderr
    kept = rag_without_model("collections", "delete", "energy", "--documents", "keep", index=index)
    assert kept.returncode == 0 and "1 documents belonged" in kept.stdout
    listed = rag_without_model("collections", "list", "--json", index=index)
    assert '"energy"' not in listed.stdout and '"markets": 0' in listed.stdout and '"default": 5' in listed.stdout

    bad = rag_without_model("collections", "create", "Energy Desk", index=index)
    assert bad.returncode == 1 and "not a collection name" in bad.stderr and "Traceback" not in bad.stderr
    bad = rag("search", "rare earth", "--collection", "Energy", index=index)
    assert bad.returncode == 1 and "collections" in bad.stderr and "Traceback" not in bad.stderr
    assert rag_without_model("check", index=index).returncode == 0
