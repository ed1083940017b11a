"""Dates never cost an article: a page's own date is read from the formats pages use, an unreadable one is
dropped with a warning (CLI and API), and a date the user writes that is malformed is still refused."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.documents import document_from_bytes
from index.metadata import parse_page_date
from tests.conftest import API_KEY, REPO, Server, start_server, stop_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
BODY = "<p>" + "The harbor plant opened on Monday and will produce forty thousand cubic metres a day. " * 4 + "</p>"


def page(date: str) -> bytes:
    return (f'<html><head><title>Harbor plant opens</title><meta property="article:published_time" content="{date}">'
            f'</head><body><article><h1>Harbor plant opens</h1>{BODY}</article></body></html>').encode()


@pytest.mark.parametrize(("written", "iso"), [
    ("2019-11-20", "2019-11-20"),
    ("2019-11-20T13:42:00Z", "2019-11-20T13:42:00+00:00"),
    ("2019-11-20T13:42:00.123+01:00", "2019-11-20T13:42:00.123000+01:00"),
    ("Wed, 20 Nov 2019 13:42:00 GMT", "2019-11-20T13:42:00+00:00"),
    ("Wed, 20 Nov 2019 13:42:00 +0100", "2019-11-20T13:42:00+01:00"),
    ("November 20, 2019 13:42", "2019-11-20T13:42:00"),
    ("November 20, 2019", "2019-11-20"),
    ("20 November 2019 1:42 PM EST", "2019-11-20T13:42:00-05:00"),
    ("2019/11/20 13:42", "2019-11-20T13:42:00"),
])
def test_page_dates_in_the_formats_pages_use_are_stored_as_iso(written: str, iso: str) -> None:
    assert parse_page_date(written) == iso
    doc = document_from_bytes("plant", page(written), name="plant.html")
    assert doc.published_at == iso and not doc.warnings


@pytest.mark.parametrize("written", ["last tuesday", "20/11", "soon", "2019-13-45T99:99"])
def test_an_unreadable_page_date_costs_the_date_with_a_warning_never_the_article(written: str) -> None:
    assert parse_page_date(written) is None
    doc = document_from_bytes("plant", page(written), name="plant.html", html="all")
    assert doc.published_at is None and "forty thousand cubic metres" in doc.text
    assert len(doc.warnings) == 1 and "no known date format" in doc.warnings[0] and repr(written[:40]) in doc.warnings[0]


def test_rag_index_prints_the_warning_and_indexes_the_page(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "odd-date.html").write_bytes(page("sometime in spring"))
    (tmp_path / "pages" / "usual-date.html").write_bytes(page("November 20, 2019 13:42"))
    env = {**os.environ, "RAG_EMBEDDER": "hashing", "RAG_INDEX_DIR": str(tmp_path / "index")}
    done = subprocess.run([sys.executable, "-m", "api.cli", "index", str(tmp_path / "pages")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added 2, updated 0, skipped 0 unchanged, refused 0"), done.stdout
    assert "warning" in done.stdout and "odd-date.html" in done.stdout and "'sometime in spring'" in done.stdout


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("dates-api")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    server = start_server(base / "index", base / "server.log", env)
    yield server
    stop_server(server)


def test_the_api_returns_the_warning_and_stores_the_readable_date(api: Server) -> None:
    with api.client() as client:
        odd = client.post("/v1/documents", files={"file": ("odd.html", page("sometime in spring"), "text/html")}, headers=AUTH)
        assert odd.status_code == 201, odd.text
        assert odd.json()["published_at"] is None and "no known date format" in odd.json()["warnings"][0]
        usual = client.post("/v1/documents", files={"file": ("usual.html", page("Wed, 20 Nov 2019 13:42:00 GMT"), "text/html")},
                            headers=AUTH)
        assert usual.status_code == 201 and usual.json()["published_at"] == "2019-11-20T13:42:00+00:00"
        assert usual.json()["warnings"] == []


@pytest.mark.parametrize("kwargs", [
    {"json": {"doc_id": "dated", "text": "Body.", "published_at": "November 20, 2019"}},
    {"files": {"file": ("dated.html", page("2019-11-20"), "text/html")}, "data": {"published_at": "last tuesday"}},
])
def test_a_malformed_date_the_user_writes_is_still_refused_with_the_reason(api: Server, kwargs: dict) -> None:  # type: ignore[type-arg]
    with api.client() as client:
        response = client.post("/v1/documents", headers=AUTH, **kwargs)
        assert response.status_code == 422 and "not an ISO date" in response.json()["error"]["message"]
