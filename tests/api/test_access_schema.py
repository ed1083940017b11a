"""Access, walked from the OpenAPI schema: every writing operation refuses without a valid key; keys never reach
the log, whichever header carries them; CORS answers only the configured origin."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import API_KEY, EXAMPLES, Server, start_server, stop_server

ORIGIN = "https://app.example"
# Operations that only read, though they are POSTs; /slack/events checks Slack's signature instead (tests/slack).
READ_ONLY = {("post", "/v1/ask"), ("post", "/v1/chat"), ("post", "/v1/search"), ("post", "/v1/chat/completions"),
             ("post", "/slack/events")}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("guarded")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0",
           "RAG_API__CORS_ORIGINS": json.dumps([ORIGIN])}
    running = start_server(base / "index", base / "server.log", env, args=["--seed", str(EXAMPLES)])
    yield running
    stop_server(running)


def _writing_operations(server: Server) -> list[tuple[str, str]]:
    with server.client() as client:
        spec = client.get("/openapi.json").json()
    return [(method, path) for path, operations in spec["paths"].items() for method in operations
            if method in ("post", "put", "patch", "delete") and (method, path) not in READ_ONLY]


def test_every_writing_operation_in_the_schema_refuses_without_a_valid_key(guarded: Server) -> None:
    operations = _writing_operations(guarded)
    assert {("post", "/v1/documents"), ("put", "/v1/documents/{doc_id}"), ("delete", "/v1/documents/{doc_id}")} <= set(operations)
    body = {"doc_id": "sample", "text": "A perfectly good article about the harbor plant."}
    with guarded.client() as client:
        before = client.get("/v1/documents", params={"limit": 500}).json()
        for method, path in operations:
            url = path.replace("{doc_id}", "sample")
            for headers, status, code in [({}, 401, "unauthorized"),
                                          ({"Authorization": "Bearer not-our-key-0123456789"}, 403, "forbidden"),
                                          ({"X-API-Key": "not-our-key-0123456789"}, 403, "forbidden"),
                                          ({"Authorization": f"Basic {API_KEY}"}, 401, "unauthorized")]:
                response = client.request(method.upper(), url, json=body, headers=headers)
                assert response.status_code == status, (method, path, headers, response.text)
                assert response.json()["error"]["code"] == code
        assert client.get("/v1/documents", params={"limit": 500}).json() == before
        written = client.put("/v1/documents/sample", json=body, headers={"Authorization": f"Bearer {API_KEY}"})
        assert written.status_code == 201  # the same request with the key is accepted: the refusals were about the key


def test_no_key_presented_in_any_header_reaches_the_log(guarded: Server) -> None:
    wrong = "wrong-key-presented-987654321"
    with guarded.client() as client:
        for headers in ({"Authorization": f"Bearer {API_KEY}"}, {"X-API-Key": API_KEY}, {"Authorization": f"Bearer {wrong}"},
                        {"X-API-Key": wrong}, {"Authorization": f"Basic {wrong}"}, {"Cookie": f"key={wrong}"},
                        {"Authorization": f"Bearer {API_KEY}", "X-API-Key": wrong}):
            client.post("/v1/search", json={"query": "harbor plant", "k": 1}, headers=headers)
            client.post("/v1/documents", json={"doc_id": "k", "text": "x"}, headers=headers)
            client.delete("/v1/documents/nothing-here", headers=headers)
            client.post("/v1/ask", content=b"{broken", headers={**headers, "Content-Type": "application/json"})
        client.get("/healthz", params={"api_key": wrong})
    log = guarded.log.read_text()
    assert '"status": 403' in log and '"status": 401' in log and '"status": 422' in log  # the requests were logged
    assert API_KEY not in log and wrong not in log


def test_cors_answers_the_configured_origin_only(guarded: Server) -> None:
    with guarded.client() as client:
        allowed = client.options("/v1/ask", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "authorization, content-type"})
        assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ORIGIN
        other = client.options("/v1/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in other.headers
        simple = client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers
        mine = client.get("/healthz", headers={"Origin": ORIGIN})
        assert mine.headers["access-control-allow-origin"] == ORIGIN and "x-request-id" in mine.headers["access-control-expose-headers"].lower()
