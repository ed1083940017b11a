"""The HTTP API through a real uvicorn server on a loopback port."""

from pathlib import Path

import httpx
import pytest

from tests.conftest import Server, start_server, stop_server


def test_healthz_reports_the_loaded_index(server: Server) -> None:
    body = httpx.get(server.url + "/healthz").json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["chunks"] > 5


def test_ask_returns_a_cited_answer(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/ask", json={"question": "What share of rare earth processing does China control?"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["grounded"] and "85" in answer["answer"]
    ids = [c["id"] for c in answer["citations"]]
    assert ids == list(range(1, len(ids) + 1))
    for citation in answer["citations"]:
        assert f"[{citation['id']}]" in answer["answer"]


def test_ask_declines_when_the_articles_do_not_say(server: Server) -> None:
    with server.client() as client:
        answer = client.post("/v1/ask", json={"question": "What is the capital of Peru?"}).json()
    assert answer["grounded"] is False and answer["citations"] == []
    assert "do not answer" in answer["answer"]


def test_search_returns_k_passages(server: Server) -> None:
    with server.client() as client:
        passages = client.post("/v1/search", json={"query": "NdFeB magnets", "k": 4}).json()["passages"]
    assert len(passages) == 4
    assert {"doc_id", "chunk_id", "title", "text", "score"} <= passages[0].keys()


@pytest.mark.parametrize("body, message", [
    ({"question": ""}, "question: question must not be empty"),
    ({"question": "   "}, "question: question must not be empty"),
    ({"question": "x" * 2001}, "limit is 2000"),
    ({"question": "ok?", "k": 0}, "k: Input should be greater than or equal to 1"),
    ({"question": "ok?", "k": 51}, "k: Input should be less than or equal to 50"),
    ({"question": "ok?", "k": True}, "k: Input should be a valid integer"),  # not read as 1
    ({"question": "ok?", "colour": "red"}, "unknown field 'colour'"),
    ({}, "missing field 'question'"),
    ({"question": 5}, "question: Input should be a valid string"),
    ({"question": "ok?", "filters": {"author": "x"}}, "unknown field 'filters.author'"),
    ({"question": "ok?", "filters": {"published_after": "last week"}}, "filters.published_after: Input should be a valid date"),
    ({"question": "ok?", "filters": {"doc_ids": "one"}}, "filters.doc_ids: Input should be a valid list"),
])
def test_bad_requests_get_422_with_a_message_saying_what_is_wrong(server: Server, body: dict, message: str) -> None:
    with server.client() as client:
        response = client.post("/v1/ask", json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and message in error["message"]


def test_filters_restrict_search_and_ask(server: Server) -> None:
    with server.client() as client:
        doc_id = client.post("/v1/search", json={"query": "NdFeB magnets", "k": 1}).json()["passages"][0]["doc_id"]
        only = client.post("/v1/search", json={"query": "rare earth", "k": 10, "filters": {"doc_ids": [doc_id]}})
        assert only.status_code == 200 and {p["doc_id"] for p in only.json()["passages"]} == {doc_id}
        nothing = client.post("/v1/ask", json={"question": "What did China agree?", "filters": {"sources": ["Nobody"]}})
    assert nothing.status_code == 200
    assert nothing.json()["grounded"] is False and "filters" in nothing.json()["answer"]


def test_malformed_json_gets_422(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("malformed JSON")


def test_openapi_docs_are_served(server: Server) -> None:
    assert httpx.get(server.url + "/docs").status_code == 200
    spec = httpx.get(server.url + "/openapi.json").json()
    assert {"/v1/ask", "/v1/search", "/healthz"} <= spec["paths"].keys()


def test_an_empty_index_answers_503_with_the_same_message(tmp_path: Path) -> None:
    empty = start_server(tmp_path / "empty", tmp_path / "server.log")
    try:
        assert httpx.get(empty.url + "/healthz").json()["status"] == "empty"
        response = httpx.post(empty.url + "/v1/ask", json={"question": "Anything?"}, timeout=30)
        assert response.status_code == 503
        assert response.json()["error"] == {
            "code": "index_empty", "message": "The index is empty: index some articles first (rag index PATH)."}
    finally:
        stop_server(empty)


def test_a_running_server_sees_documents_indexed_by_the_cli(tmp_path: Path) -> None:
    from tests.api.test_cli import rag

    index = tmp_path / "live"
    live = start_server(index, tmp_path / "live.log")
    try:
        folder = tmp_path / "docs"
        folder.mkdir()
        (folder / "note.txt").write_text("The lighthouse on Gull Rock was rebuilt in 1911 after a fire.")
        assert rag("index", str(folder), index=index).returncode == 0
        answer = httpx.post(live.url + "/v1/ask", json={"question": "When was the lighthouse on Gull Rock rebuilt?"},
                            timeout=30).json()
        assert answer["grounded"] and "1911" in answer["answer"]
    finally:
        stop_server(live)


def events_of(response: httpx.Response) -> list[tuple[str, dict]]:
    import json

    out = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_ask_streams_server_sentevents_of(server: Server) -> None:
    with server.client() as client:
        response = client.post("/v1/ask", json={"question": "How long will the export resumption last?", "stream": True})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = events_of(response)
    names = [name for name, _ in events]
    assert names[0] == "passages" and names[-2:] == ["answer", "done"] and "token" in names
    assert all(name == "token" for name in names[1:-2])
    answer = events[-2][1]
    assert answer["grounded"] and answer["citations"]
    assert {c["chunk_id"] for c in answer["citations"]} <= {p["chunk_id"] for p in events[0][1]}


def test_debug_returns_the_trace(server: Server) -> None:
    with server.client() as client:
        answer = client.post("/v1/ask", json={"question": "What share of rare earth processing does China control?",
                                              "debug": True}).json()
    trace = answer["trace"]
    assert {"retrieve_ms", "generate_ms", "verify_ms"} <= trace["timings_ms"].keys()
    assert trace["passages"] and {"dense", "keyword"} <= trace["passages"][0]["scores"].keys()
    assert "draft" in trace and isinstance(trace["dropped"], list)
    with server.client() as client:
        plain = client.post("/v1/ask", json={"question": "What share of rare earth processing does China control?"}).json()
    assert plain["trace"] is None


def test_a_hosted_model_through_the_service_and_its_failures_mapped(tmp_path: Path, rare_earths_index: Path) -> None:
    from tests.conftest import copy_index
    from tests.fakes.llm_servers import FakeLLM, Reply

    fake = FakeLLM("openai").start()
    env = {"RAG_GENERATOR": "openai", "RAG_GENERATORS__OPENAI__BASE_URL": fake.url, "RAG_GENERATORS__OPENAI__MAX_RETRIES": "0",
           "OPENAI_API_KEY": "sk-served-secret", "RAG_ANSWER__FALLBACK": "false"}
    server = start_server(copy_index(rare_earths_index, tmp_path / "ix"), tmp_path / "log", extra_env=env)
    try:
        with server.client() as client:
            passages = client.post("/v1/search", json={"query": "90-day resumption of rare earth exports", "k": 5}).json()["passages"]
            n = next(i for i, p in enumerate(passages, start=1) if "90" in p["text"])
            sentence = next(s for s in passages[n - 1]["text"].split(". ") if "90" in s)
            fake.default = Reply(f"{sentence.strip().rstrip('.')} [{n}].")
            ok = client.post("/v1/ask", json={"question": "90-day resumption of rare earth exports"}).json()
            assert ok["grounded"] and ok["generator"] == "openai" and not ok["degraded"]
            fake.default = Reply(status=401)
            failed = client.post("/v1/ask", json={"question": "What did China agree?"})
            assert failed.status_code == 502 and failed.json()["error"]["code"] == "generator_failed"
            assert "secret" not in failed.text
            fake.default = Reply(status=429)
            assert client.post("/v1/ask", json={"question": "What did China agree?"}).status_code == 503
            streamed = client.post("/v1/ask", json={"question": "What did China agree?", "stream": True})
            events = events_of(streamed)
            assert [name for name, _ in events][-2:] == ["error", "done"]
            assert events[-2][1]["error"]["code"] == "generator_unavailable"
        log = server.log.read_text()
        assert "sk-served-secret" not in log
        # The body is ours alone; the log line of the 502 keeps the SDK's exception as the cause, provider text included.
        assert "openai.AuthenticationError" in log and "provider secret detail 401" in log and "direct cause" in log
    finally:
        stop_server(server)
        fake.stop()
