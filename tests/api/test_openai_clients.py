"""The OpenAI clients people use, set up as their guides say (a placeholder key), against a keyless real server."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import API_KEY, Server, copy_index, start_server, stop_server

QUESTION = "What share of rare earth processing does China control?"


@pytest.fixture(scope="module")
def keyless(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path) -> Iterator[Server]:
    """A server started as a new user starts it: no keys configured."""
    base = tmp_path_factory.mktemp("keyless")
    running = start_server(copy_index(rare_earths_index, base / "index"), base / "server.log",
                           {"RAG_API_KEYS": "", "RAG_API__RATE_LIMIT_PER_MINUTE": "0"})
    yield running
    stop_server(running)


@pytest.fixture()
def sdk(keyless: Server) -> openai.OpenAI:
    return openai.OpenAI(base_url=keyless.url + "/v1", api_key="unused", max_retries=0, timeout=60)


def test_the_sdk_with_a_placeholder_key_lists_models_and_answers(sdk: openai.OpenAI) -> None:
    assert [m.id for m in sdk.models.list()] == ["articles", "default"]
    completion = sdk.chat.completions.create(model="articles", messages=[{"role": "user", "content": QUESTION}])
    assert "[1]" in (completion.choices[0].message.content or "")
    assert completion.usage is not None and completion.usage.completion_tokens > 0


def test_the_sdk_streams_with_a_placeholder_key(sdk: openai.OpenAI) -> None:
    chunks = list(sdk.chat.completions.create(model="articles", stream=True, messages=[{"role": "user", "content": QUESTION}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "[1]" in text and "Sources:" in text and chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks)  # no usage chunk unless asked for


def test_include_usage_adds_one_last_chunk_with_usage_and_no_choices(sdk: openai.OpenAI) -> None:
    chunks = list(sdk.chat.completions.create(model="articles", stream=True, stream_options={"include_usage": True},
                                              messages=[{"role": "user", "content": QUESTION}]))
    *body, last = chunks
    assert last.choices == [] and last.usage is not None
    text = "".join(c.choices[0].delta.content or "" for c in body)
    assert last.usage.completion_tokens >= len(text.split()) and last.usage.prompt_tokens >= len(QUESTION.split())
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert all(c.usage is None and c.choices for c in body)
    assert body[-1].choices[0].finish_reason == "stop"


def test_langchain_chat_openai_with_a_placeholder_key(keyless: Server) -> None:
    langchain_openai = pytest.importorskip("langchain_openai", reason="pip install -e '.[dev]' brings langchain-openai")
    chat = langchain_openai.ChatOpenAI(base_url=keyless.url + "/v1", api_key="unused", model="articles",  # type: ignore[arg-type]
                                       max_retries=0, timeout=60)
    reply = chat.invoke(QUESTION)
    assert "[1]" in str(reply.content) and "Sources:" in str(reply.content)
    streamed = "".join(str(piece.content) for piece in chat.stream(QUESTION))
    assert streamed == reply.content  # the same verified text, streamed


def test_curl_with_a_placeholder_bearer_key(keyless: Server) -> None:
    body = json.dumps({"model": "articles", "messages": [{"role": "user", "content": QUESTION}]})
    done = subprocess.run(["curl", "-sS", "--fail-with-body", keyless.url + "/v1/chat/completions",
                           "-H", "Authorization: Bearer sk-no-key-required", "-H", "Content-Type: application/json",
                           "-d", body], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    reply = json.loads(done.stdout)
    assert "[1]" in reply["choices"][0]["message"]["content"] and reply["rag"]["grounded"]
    models = subprocess.run(["curl", "-sS", "--fail-with-body", keyless.url + "/v1/models", "-H", "X-API-Key: unused"],
                            capture_output=True, text=True, timeout=30, check=False)
    assert models.returncode == 0 and json.loads(models.stdout)["data"][0]["id"] == "articles"


def _events(response: httpx.Response) -> list[dict]:  # type: ignore[type-arg]
    lines = [line.removeprefix("data: ") for line in response.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    return [json.loads(line) for line in lines[:-1]]


def test_the_request_open_webui_sends(keyless: Server) -> None:
    """Open WebUI lists models, then streams a completion with its system prompt, sampling options, the usage
    option, the user and its own headers; the unknown fields are accepted and ignored."""
    headers = {"Authorization": "Bearer sk-placeholder", "X-OpenWebUI-User-Name": "Ann", "X-OpenWebUI-Chat-Id": "c1"}
    with httpx.Client(base_url=keyless.url, timeout=60, headers=headers) as client:
        models = client.get("/v1/models")
        assert models.status_code == 200 and models.json()["data"][0]["id"] == "articles"
        body = {"model": "articles", "stream": True, "stream_options": {"include_usage": True},
                "messages": [{"role": "system", "content": "You are a helpful assistant."},
                             {"role": "user", "content": [{"type": "text", "text": QUESTION}]}],
                "temperature": 0.8, "top_p": 0.9, "max_tokens": 512, "seed": 42, "stop": ["\n\n\n"],
                "frequency_penalty": 0.1, "presence_penalty": 0.0, "logit_bias": {}, "user": "ann@example.com",
                "metadata": {"chat_id": "c1"}}
        with client.stream("POST", "/v1/chat/completions", json=body) as response:
            assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
            events = _events(response)
    assert events[0]["choices"][0]["delta"]["role"] == "assistant"
    assert "[1]" in "".join(e["choices"][0]["delta"].get("content") or "" for e in events if e["choices"])
    assert events[-1]["choices"] == [] and events[-1]["usage"]["total_tokens"] > 0


def test_with_keys_configured_reading_stays_open_to_placeholders_and_writing_still_refuses_them(server: Server) -> None:
    """The shared server has keys and open reading: a placeholder reads as an anonymous caller; a valid key
    reads as itself; writing with a placeholder is 403."""
    sdk = openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=60)
    assert [m.id for m in sdk.models.list()] == ["articles", "default"]
    with server.client() as client:
        assert client.get("/v1/models", headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 200
        wrong = client.post("/v1/documents", json={"doc_id": "x", "text": "Some article text."},
                            headers={"Authorization": "Bearer unused"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("path, body", [
    ("/v1/ask", {"question": "\u0000\ud7ff\uffff"}),
    ("/v1/search", {"query": "\u200b\u0007 \ufeff"}),
    ("/v1/chat", {"messages": [{"role": "user", "content": "\u0000\ud7ff\uffff"}]}),
    ("/v1/chat/completions", {"model": "articles", "messages": [{"role": "user", "content": "\u0000\ud7ff\uffff"}]}),
])
def test_a_question_of_control_characters_only_is_empty(keyless: Server, path: str, body: dict) -> None:  # type: ignore[type-arg]
    with httpx.Client(base_url=keyless.url, timeout=30) as client:
        response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    assert "must not be empty" in response.json()["error"]["message"]
