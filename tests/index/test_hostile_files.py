"""Hostile files: binary, 200 MB, invalid UTF-8, empty, symlink loops and links out of the corpus, odd names, HTML with
scripts. `rag index` and POST /v1/documents refuse each with its reason or sanitize it, never crash, and never read
or write outside the corpus and the index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from index.discover import find_files
from index.documents import read_capped
from index.readers import Refused
from index.readers.html import html_to_text
from tests.conftest import API_KEY, EXAMPLES, REPO, Server, start_server, stop_server

ARTICLE = "Port Merrow approves harbor desalination plant\n\nThe council approved a plant producing 40,000 cubic metres a day.\n"
SECRET = "TOPSECRET-outside-the-corpus"
HOSTILE_HTML = """<html><head><title>Harbor plant opens</title><style>body { color: red }</style>
<script>alert('pwned'); document.cookie</script></head>
<body onload="alert('onload')"><h1>Harbor plant opens</h1>
<p onclick="steal()">The plant opened on Monday <a href="javascript:alert('link')">read more</a>.</p>
<img src=x onerror="alert('img')"><noscript>enable javascript</noscript>
<svg><script>alert('svg')</script></svg><template><p>hidden template</p></template>
<p>It produces 40,000 cubic metres a day.</p></body></html>"""
NO_HEAD_END = "<html><head><title>Unclosed head</title><body><p>Body text after an unclosed head survives.</p></body></html>"


def _tree(root: Path) -> dict[str, float]:
    return {str(p.relative_to(root)): p.lstat().st_mtime for p in sorted(root.rglob("*"))}


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus folder full of trouble beside an outside folder holding a secret."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"Secret memo\n\n{SECRET} must never be indexed.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "page.html").write_text(HOSTILE_HTML)
    (corpus / "nohead.html").write_text(NO_HEAD_END)
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (corpus / "late-nul.txt").write_bytes(b"Looks like text. " * 1000 + b"\x00 then binary")
    (corpus / "latin1.txt").write_bytes("Caf\u00e9 au lait costs 3 euros.\n".encode("latin-1"))
    (corpus / "empty.md").write_bytes(b"")
    with open(corpus / "huge.txt", "wb") as handle:  # 200 MB, sparse: nothing is written to disk
        handle.truncate(200 * 1024 * 1024)
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "escape.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (corpus / "outside-dir").symlink_to(outside, target_is_directory=True)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    (corpus / "alias.txt").symlink_to("good.txt")  # inside the corpus: allowed
    (corpus / "two..dots.txt").write_text(ARTICLE)
    (corpus / "bell\x07name.txt").write_text(ARTICLE)
    (corpus / "new\nline.txt").write_text(ARTICLE)
    (corpus / "trailing\n.txt").write_text(ARTICLE)
    (corpus / "esc\x1b[31mred.txt").write_text(ARTICLE)
    return corpus, outside


EXPECTED_REASONS = {
    "binary.txt": "binary file", "late-nul.txt": "binary file", "latin1.txt": "not valid UTF-8", "empty.md": "empty file",
    "huge.txt": "the limit is", "loop.txt": "symlink loop", "a.txt": "symlink loop", "b.txt": "symlink loop",
    "dangling.txt": "broken symlink", "leak.txt": "outside the folder", "escape.txt": "outside the folder",
    "outside-dir": "symlinked folder", "up": "symlinked folder", "two..dots.txt": "doc_id", "bell\x07name.txt": "doc_id",
    "new\nline.txt": "doc_id", "trailing\n.txt": "doc_id", "esc\x1b[31mred.txt": "doc_id",
}


def test_rag_index_reports_each_hostile_file_and_indexes_the_good_ones(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, outside = hostile
    before_corpus, before_outside = _tree(corpus), _tree(outside)
    index = tmp_path / "index"
    env = {**os.environ, "RAG_EMBEDDER": "hashing", "RAG_INDEX_DIR": str(index)}
    done = subprocess.run([sys.executable, "-m", "api.cli", "index", str(corpus)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    summary = done.stdout
    assert summary.startswith("added 4,"), summary  # good, alias, page, nohead
    refused = {}
    for line in summary.splitlines()[1:]:
        path, _, why = line.strip().removeprefix("refused ").partition(": ")
        refused[Path(eval(path) if path.startswith("'") else path).name] = why  # escaped names are Python reprs
    for name, reason in EXPECTED_REASONS.items():
        assert reason in refused.get(name, ""), (name, refused.get(name), summary)
    assert "\x1b" not in summary and "\x07" not in summary  # control characters in names are shown escaped
    assert _tree(corpus) == before_corpus and _tree(outside) == before_outside  # nothing written beside the files
    assert {p.name for p in tmp_path.iterdir()} == {"corpus", "outside", "index"}

    listing = subprocess.run([sys.executable, "-m", "api.cli", "search", SECRET, "-k", "5"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=300)
    assert SECRET not in listing.stdout
    ask = subprocess.run([sys.executable, "-m", "api.cli", "search", "plant opened Monday", "-k", "10"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=300)
    assert "plant opened on Monday" in ask.stdout
    for word in ("alert", "pwned", "cookie", "javascript", "steal", "color: red", "hidden template"):
        assert word not in ask.stdout, word


def test_html_text_keeps_no_script_style_or_handler_and_survives_an_unclosed_head() -> None:
    text, meta = html_to_text(HOSTILE_HTML)
    assert meta["title"] == "Harbor plant opens"
    assert "The plant opened on Monday read more." in text and "40,000 cubic metres" in text
    for word in ("alert", "pwned", "cookie", "javascript", "steal", "onerror", "color: red", "hidden template"):
        assert word not in text, word
    assert html_to_text(NO_HEAD_END)[0] == "Body text after an unclosed head survives."


def test_a_file_over_the_cap_is_refused_without_being_read_into_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(Refused, match="the limit is 20,000,000"):
            read_capped(big, 20_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    with pytest.raises(Refused, match="not a regular file"):
        read_capped(Path("/dev/zero"), 1000)  # a device whose size says 0 but never ends


def test_discovery_never_yields_a_path_that_resolves_outside_the_folder(hostile: tuple[Path, Path]) -> None:
    corpus, _ = hostile
    base = corpus.resolve()
    for path, problem in find_files([corpus]):
        if problem is None:
            assert path.resolve().is_relative_to(base), path


# --- the same through the API ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("hostile-api")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    running = start_server(base / "index", base / "server.log", env, args=["--seed", str(EXAMPLES)])
    yield running
    stop_server(running)


AUTH = {"Authorization": f"Bearer {API_KEY}"}


def _documents(client: httpx.Client) -> dict[str, str]:
    listing = client.get("/v1/documents", params={"limit": 500}).json()["documents"]
    return {d["doc_id"]: client.get(f"/v1/documents/{d['doc_id']}").json()["content_hash"] for d in listing}


@pytest.mark.parametrize(("filename", "content", "status", "reason"), [
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), 422, "binary file"),
    ("latin1.txt", "Caf\u00e9 au lait.".encode("latin-1"), 422, "not valid UTF-8"),
    ("empty.txt", b"", 422, "no text"),
    ("blank.md", b"   \n\n  ", 422, "no text"),
    ("two..dots.txt", ARTICLE.encode(), 422, "doc_id"),
    ("..txt", ARTICLE.encode(), 422, "doc_id"),
    ("bell\x07name.txt", ARTICLE.encode(), 422, "doc_id"),
    ("nul\x00name.txt", ARTICLE.encode(), 422, "doc_id"),
    ("tab\tname.txt", ARTICLE.encode(), 422, "doc_id"),
    ("script.js", b"alert(1)", 415, "not supported"),
    ("noext", ARTICLE.encode(), 415, "not supported"),
])
def test_hostile_uploads_are_refused_with_the_reason_and_change_nothing(api: Server, filename: str, content: bytes,
                                                                       status: int, reason: str) -> None:
    with api.client() as client:
        before = _documents(client)
        response = client.post("/v1/documents", files={"file": (filename, content, "text/plain")}, headers=AUTH)
        assert response.status_code == status, response.text
        assert reason in response.json()["error"]["message"]
        assert _documents(client) == before


@pytest.mark.parametrize(("body", "reason"), [
    ({"doc_id": "nul\u0000id", "text": ARTICLE}, "doc_id"),
    ({"doc_id": "trailing-newline\n", "text": ARTICLE}, "doc_id"),
    ({"doc_id": "../../etc/passwd", "text": ARTICLE}, "doc_id"),
    ({"doc_id": "ctrl\u001bid", "text": ARTICLE}, "doc_id"),
    ({"doc_id": "ok-id", "text": "text with a NUL \u0000 inside"}, "binary"),
    ({"doc_id": "ok-id", "text": ""}, "no text"),
    ({"doc_id": "ok-id", "text": ARTICLE, "published_at": "2025-13-45"}, "published_at"),
])
def test_hostile_json_documents_are_refused_and_change_nothing(api: Server, body: dict[str, str], reason: str) -> None:
    with api.client() as client:
        before = _documents(client)
        response = client.post("/v1/documents", content=json.dumps(body), headers={**AUTH, "Content-Type": "application/json"})
        assert response.status_code == 422, response.text
        assert reason in response.json()["error"]["message"]
        assert _documents(client) == before


def test_paths_in_upload_names_and_doc_ids_never_reach_the_disk(api: Server, tmp_path: Path) -> None:
    with api.client() as client:
        for doc_id in ("trailing%0A", "..%2F..%2Fetc", "a%00b"):
            response = client.put(f"/v1/documents/{doc_id}", json={"doc_id": doc_id, "text": ARTICLE}, headers=AUTH)
            assert response.status_code in (404, 422) and "error" in response.json(), (doc_id, response.text)
        response = client.post("/v1/documents", headers=AUTH,
                               files={"file": ("../../../tmp/evil-upload.html", HOSTILE_HTML.encode(), "text/html")})
        assert response.status_code == 201, response.text
        assert response.json()["doc_id"] == "evil-upload"  # the folders of the name are dropped, never used
        text = client.get("/v1/documents/evil-upload").json()["text"]
        assert "plant opened on Monday" in text and "alert" not in text and "javascript" not in text
        assert client.get("/v1/documents", params={"offset": 2**80}).status_code == 422
        unparsable = client.post("/v1/ask", content=b"\xff\xfe{", headers={"Content-Type": "application/json"})
        assert unparsable.status_code == 422 and unparsable.json()["error"]["code"] == "invalid_input"
    assert not Path("/tmp/evil-upload.html").exists()


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/ask", '{"question": "harbor \\ud800 plant"}'),
    ("/v1/search", '{"query": "harbor plant", "filters": {"sources": ["\\udfff"]}}'),
    ("/v1/chat", '{"messages": [{"role": "user", "content": "harbor \\udc00"}], "stream": true}'),
    ("/v1/chat/completions", '{"model": "articles", "messages": [{"role": "user", "content": "\\ud83d plant"}]}'),
    ("/v1/documents", '{"doc_id": "surrogate", "text": "harbor \\ud800 plant"}'),
])
def test_a_lone_surrogate_in_json_is_malformed_input_not_a_server_error(api: Server, path: str, body: str) -> None:
    with api.client() as client:
        response = client.post(path, content=body.encode(), headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_input" and "malformed JSON" in response.json()["error"]["message"]
