"""Keys for reading, the rate limit, request ids, JSON logs, security headers and /metrics, on real servers."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import httpx

from tests.conftest import API_KEY, Server, copy_index, start_server, stop_server


def test_reading_can_require_a_key_and_each_key_is_rate_limited(tmp_path: Path, rare_earths_index: Path) -> None:
    env = {"RAG_API_KEYS": f"{API_KEY},another-key-0123456789", "RAG_REQUIRE_KEY_FOR_READ": "true",
           "RAG_API__RATE_LIMIT_PER_MINUTE": "4"}
    running = start_server(copy_index(rare_earths_index, tmp_path / "ix"), tmp_path / "log", env)
    try:
        with running.client() as client:
            assert client.get("/healthz").status_code == 200  # liveness stays open
            search = {"query": "magnets", "k": 1}
            assert client.post("/v1/search", json=search).status_code == 401
            assert client.post("/v1/search", json=search, headers={"X-API-Key": "wrong-key-0000000000"}).status_code == 403
            mine = {"Authorization": f"Bearer {API_KEY}"}
            statuses = [client.post("/v1/search", json=search, headers=mine).status_code for _ in range(5)]
            assert statuses == [200, 200, 200, 200, 429]
            limited = client.post("/v1/search", json=search, headers=mine)
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert limited.json()["error"]["code"] == "rate_limited"
            other = client.post("/v1/search", json=search, headers={"Authorization": "Bearer another-key-0123456789"})
            assert other.status_code == 200  # the limit is per key
    finally:
        stop_server(running)


def test_request_ids_travel_in_headers_and_json_log_lines(server: Server) -> None:
    with server.client() as client:
        mine = client.post("/v1/search", json={"query": "magnets", "k": 1}, headers={"X-Request-ID": "trace-me-42"})
        fresh = client.get("/healthz")
        hostile = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert mine.headers["x-request-id"] == "trace-me-42"
    assert re.fullmatch(r"[0-9a-f]{32}", fresh.headers["x-request-id"])
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
    ours = [line for line in lines if line["request_id"] == "trace-me-42"]
    assert ours and ours[-1]["path"] == "/v1/search" and ours[-1]["status"] == 200 and ours[-1]["duration_ms"] >= 0


def test_the_page_and_the_api_send_security_headers(server: Server) -> None:
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text and re.search(r"\son\w+\s*=", page.text) is None  # no inline script at all
    assert "access-control-allow-origin" not in httpx.get(server.url + "/healthz", headers={"Origin": "https://evil.example"}).headers


def test_metrics_count_requests_and_time_each_stage(server: Server) -> None:
    with server.client() as client:
        client.post("/v1/ask", json={"question": "What share of rare earth processing does China control?"})
        client.post("/v1/chat", json={"messages": [{"role": "user", "content": "What did China agree to resume?"},
                                                   {"role": "assistant", "content": "Exports [1]."},
                                                   {"role": "user", "content": "and how long does it last?"}]})
        client.post("/v1/ask", json={"question": ""})
        response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert re.search(r'rag_requests_total\{endpoint="/v1/ask",method="POST",status="200"\} [1-9]', text)
    assert re.search(r'rag_requests_total\{endpoint="/v1/ask",method="POST",status="422"\} [1-9]', text)
    assert re.search(r'rag_request_duration_seconds_bucket\{endpoint="/v1/chat",le="\+Inf",method="POST"\} [1-9]', text)
    for stage in ("embed", "retrieve", "rewrite", "generate", "verify"):
        assert re.search(rf'rag_stage_duration_seconds_count\{{stage="{stage}"\}} [1-9]', text), stage
    assert re.search(r"^rag_documents 5\.0$", text, re.M)
    for cache in ("sentence_vectors", "claims", "keyword_terms", "article_texts"):  # every bounded cache, its size and bound
        assert re.search(rf'^rag_cache_entries\{{cache="{cache}"\}} [1-9]', text, re.M), cache
        assert re.search(rf'^rag_cache_capacity\{{cache="{cache}"\}} [1-9]', text, re.M), cache
        assert re.search(rf'^rag_cache_misses_total\{{cache="{cache}"\}} [1-9]', text, re.M), cache
    # a cache bounded by bytes has its bytes and its bound in bytes beside them
    assert re.search(r'^rag_cache_bytes\{cache="article_texts"\} [1-9]', text, re.M)
    assert re.search(r'^rag_cache_max_bytes\{cache="article_texts"\} [1-9]', text, re.M)
    # the query embeddings go through the coalescer: how many, in how many ONNX calls
    assert re.search(r'^rag_coalesced_texts_total\{coalescer="query_embeddings"\} [1-9]', text, re.M)
    assert re.search(r'^rag_coalesced_calls_total\{coalescer="query_embeddings"\} [1-9]', text, re.M)
    assert re.search(r"^process_resident_memory_bytes [1-9]", text, re.M)


def test_a_server_gives_its_free_heap_back_after_work(tmp_path: Path, rare_earths_index: Path) -> None:
    """rag/heap.py: after requests, at an idle moment, the worker trims its heap; /metrics says how often and
    how much resident memory it gave back."""
    running = start_server(copy_index(rare_earths_index, tmp_path / "ix"), tmp_path / "log",
                           {"RAG_HEAP_TRIM_SECONDS": "0.2"})
    try:
        with running.client() as client:
            assert client.post("/v1/ask", json={"question": "What did China agree to resume?"}).status_code == 200
            text, deadline = "", time.monotonic() + 30
            while time.monotonic() < deadline:
                text = client.get("/metrics").text
                if re.search(r"^rag_heap_trimmed_bytes_total [1-9]", text, re.M):
                    break
                time.sleep(0.2)
        assert re.search(r"^rag_heap_trims_total [1-9]", text, re.M)
        assert re.search(r"^rag_heap_trimmed_bytes_total [1-9]", text, re.M)
        assert re.search(r"^rag_heap_trim_cpu_seconds_total [0-9]", text, re.M)
    finally:
        stop_server(running)
