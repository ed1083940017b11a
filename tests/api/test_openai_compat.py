"""The OpenAI-compatible endpoint, driven by the official openai SDK against the real server."""

from __future__ import annotations

import openai
import pytest

from tests.conftest import API_KEY, Server


@pytest.fixture()
def client(server: Server) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url + "/v1", api_key=API_KEY, max_retries=0, timeout=60)


def test_models_lists_the_articles_model_and_each_collection(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["articles", "default"]  # every article is in 'default' here


def test_a_completion_keeps_markers_ends_with_sources_and_carries_the_answer(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="articles", messages=[
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "What share of rare earth processing does China control?"}], temperature=0.2)
    text = completion.choices[0].message.content or ""
    rag = completion.model_extra["rag"]  # type: ignore[index]
    assert completion.choices[0].finish_reason == "stop" and rag["grounded"]
    body, sources = text.split("\n\nSources:\n")
    assert body == rag["answer"] and "[1]" in body
    for citation in rag["citations"]:
        assert f"[{citation['id']}] {citation['title']}" in sources
        assert citation["text"] and citation["doc_id"]


def test_a_streamed_completion_ends_with_the_answer_in_the_last_chunk(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(model="articles", stream=True, messages=[
        {"role": "user", "content": "What share of rare earth processing does China control?"},
        {"role": "assistant", "content": "About 85-90% [1]."},
        {"role": "user", "content": [{"type": "text", "text": "what about NdFeB magnet production?"}]}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    rag = last.model_extra["rag"]  # type: ignore[index]
    assert rag["query"] == "What share of NdFeB magnet production does China control?"
    assert text.startswith(rag["answer"]) and "Sources:" in text
    assert len(chunks) > 3


def test_an_unanswerable_question_is_declined_without_sources(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="articles", messages=[{"role": "user", "content": "What is the capital of Peru?"}])
    assert "do not answer" in (completion.choices[0].message.content or "")
    assert "Sources:" not in (completion.choices[0].message.content or "")


def test_errors_reach_the_sdk_as_its_own_exceptions(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="does not exist"):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi?"}])
    with pytest.raises(openai.UnprocessableEntityError, match="tool"):
        client.chat.completions.create(model="articles", messages=[{"role": "tool", "content": "x", "tool_call_id": "1"},  # type: ignore[list-item]
                                                                    {"role": "user", "content": "Hi?"}])
    with pytest.raises(openai.UnprocessableEntityError, match="last message must be the user's question"):
        client.chat.completions.create(model="articles", messages=[{"role": "assistant", "content": "Hi"}])


def test_a_follow_up_is_read_the_same_way_as_on_v1_chat(client: openai.OpenAI) -> None:
    history = [{"role": "user", "content": f"Question {i} about Lynas?"} if i % 2 == 0 else
               {"role": "assistant", "content": f"Answer {i} [1]."} for i in range(120)]
    completion = client.chat.completions.create(model="articles", extra_body={"debug": True}, messages=[  # type: ignore[arg-type]
        *history,
        {"role": "user", "content": "Who wants to finalize the rare earths arrangement by Thanksgiving?"},
        {"role": "assistant", "content": "Treasury Secretary Scott Bessent announced it [1]."},
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "What reports did he dispute?"}])
    rag = completion.model_extra["rag"]  # type: ignore[index]
    assert rag["query"] == "What reports did Scott Bessent dispute?" and rag["trace"]["query"]["rule"] == "resolved"
    assert rag["grounded"]


def test_a_source_line_ends_with_the_url_of_an_article_fetched_from_one() -> None:
    from api.routes.openai_compat import reply_text
    from rag.types import Answer, Citation

    citations = [Citation(id=1, doc_id="a", title="Deal", chunk_id="a:0", text="x.", source="Ledger",
                          url="https://ledger.example/deal"), Citation(id=2, doc_id="b", title="File", chunk_id="b:0", text="y.")]
    text = reply_text(Answer(question="q", answer="It did [1] [2].", grounded=True, citations=citations))
    assert text.endswith("Sources:\n[1] Deal (Ledger) <https://ledger.example/deal>\n[2] File")
