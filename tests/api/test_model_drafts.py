"""A model's bad drafts through the real service (fake OpenAI-compatible server on loopback): each is answered
with a 200, and the trace says what was wrong with it; a correct but uncited draft is kept, attributed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_server import events_of
from tests.conftest import Server, copy_index, start_server, stop_server
from tests.fakes.llm_servers import FakeLLM, Reply

QUESTION = "What share of global rare earth output does China control?"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLLM]:
    running = FakeLLM("openai").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path, fake: FakeLLM) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("drafts")
    env = {"RAG_GENERATOR": "openai", "RAG_GENERATORS__OPENAI__BASE_URL": fake.url, "RAG_GENERATORS__OPENAI__MAX_RETRIES": "0",
           "OPENAI_API_KEY": "unused"}
    server = start_server(copy_index(rare_earths_index, base / "ix"), base / "log", extra_env=env)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def supported(served: Server) -> tuple[int, str]:
    """A retrieved passage's number and one of its sentences that holds a figure."""
    with served.client() as client:
        passages = client.post("/v1/search", json={"query": QUESTION}).json()["passages"]
    for n, passage in enumerate(passages, start=1):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", passage["text"]):
            if re.search(r"\d", sentence) and sentence.strip().endswith(".") and len(sentence.split()) > 8:
                return n, sentence.strip().rstrip(".")
    pytest.fail("no retrieved sentence holds a figure")


def _ask(served: Server, fake: FakeLLM, draft: str) -> dict:  # type: ignore[type-arg]
    fake.default = Reply(draft)
    with served.client() as client:
        response = client.post("/v1/ask", json={"question": QUESTION, "debug": True})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_correct_uncited_draft_is_kept_with_an_attributed_citation(served: Server, fake: FakeLLM,
                                                                     supported: tuple[int, str]) -> None:
    n, sentence = supported
    answer = _ask(served, fake, f"{sentence}. {sentence}.")
    assert not answer["degraded"] and answer["generator"] == "openai" and answer["answer"] == f"{sentence} [1]."
    assert [c["attributed"] for c in answer["citations"]] == [True]
    assert answer["trace"]["attributed"][0]["model_cited"] == [] and answer["trace"]["attributed"][0]["citation"] == 1
    assert answer["trace"]["draft_issues"] == ["the draft repeats itself (1 repeated sentence dropped)"]


@pytest.mark.parametrize(("draft", "stated"), [
    ("", "the draft was empty"),
    ("China controls roughly 70% of global rare earth output and over", "the draft ends mid-sentence (cut off)"),
])
def test_an_empty_or_cut_off_draft_falls_back_and_says_why(served: Server, fake: FakeLLM, draft: str, stated: str) -> None:
    answer = _ask(served, fake, draft)
    assert answer["degraded"] and answer["grounded"] and stated in answer["trace"]["draft_issues"]


@pytest.mark.parametrize("marker", ["[0]", "[99]"])
def test_a_citation_of_a_passage_that_was_not_given_is_replaced(served: Server, fake: FakeLLM,
                                                                supported: tuple[int, str], marker: str) -> None:
    answer = _ask(served, fake, f"{supported[1]} {marker}.")
    assert not answer["degraded"] and [c["attributed"] for c in answer["citations"]] == [True]
    assert f"cites passage(s) [{marker[1:-1]}] that were not given" in [d["reason"] for d in answer["trace"]["dropped"]]
    assert answer["trace"]["attributed"][0]["model_cited"] == [int(marker[1:-1])]


def test_an_invented_source_title_is_dropped_and_named(served: Server, fake: FakeLLM, supported: tuple[int, str]) -> None:
    n, sentence = supported
    answer = _ask(served, fake, f"According to the Financial Times, {sentence[0].lower()}{sentence[1:]} [{n}]. "
                                f"Source: [{n}] The Rare Earth Weekly Bulletin.")
    assert answer["degraded"]
    reasons = " | ".join(d["reason"] for d in answer["trace"]["dropped"])
    assert "names financial, time" in reasons and "bulletin" in reasons and "weekly" in reasons


def test_streams_of_an_attributed_answer(served: Server, fake: FakeLLM, supported: tuple[int, str]) -> None:
    fake.default = Reply(f"{supported[1]}.", pieces=6)
    with served.client() as client:
        streamed = client.post("/v1/ask", json={"question": QUESTION, "stream": True})
        chat = client.post("/v1/chat/completions", json={"model": "articles", "stream": True,
                                                         "messages": [{"role": "user", "content": QUESTION}]})
    events = events_of(streamed)
    assert [e for e, _ in events][-2:] == ["answer", "done"]
    assert events[-2][1]["citations"][0]["attributed"] and not events[-2][1]["degraded"]
    assert chat.status_code == 200 and '"attributed": true' in chat.text and "data: [DONE]" in chat.text
