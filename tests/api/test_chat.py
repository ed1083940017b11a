"""POST /v1/chat through the real server: follow-ups read in their conversation, streaming, bad conversations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_server import events_of
from tests.conftest import Server, copy_index, start_server, stop_server


def chat(server: Server, *turns: str, **extra: object) -> dict:
    """Ask the turns one after another, sending back each answer, as a chat client does; the last Answer."""
    messages: list[dict[str, str]] = []
    answer: dict = {}
    with server.client() as client:
        for turn in turns:
            messages.append({"role": "user", "content": turn})
            response = client.post("/v1/chat", json={"messages": messages, **extra})
            assert response.status_code == 200, response.text
            answer = response.json()
            messages.append({"role": "assistant", "content": answer["answer"]})
    return answer


def test_he_is_read_as_the_person_the_answer_named(server: Server) -> None:
    answer = chat(server, "Who wants to finalize the rare earths arrangement by Thanksgiving?", "What reports did he dispute?",
                  debug=True)
    assert answer["question"] == "What reports did he dispute?"
    assert answer["query"] == "What reports did Scott Bessent dispute?"
    assert answer["trace"]["query"]["rule"] == "resolved"
    assert answer["grounded"] and "disputed" in answer["answer"]


def test_what_about_swaps_the_subject_of_the_previous_question(server: Server) -> None:
    answer = chat(server, "What share of rare earth processing does China control?", "what about NdFeB magnet production?")
    assert answer["query"] == "What share of NdFeB magnet production does China control?"
    assert answer["grounded"] and "90%" in answer["answer"]


def test_an_apology_in_the_conversation_is_not_searched_for(server: Server) -> None:
    messages = [{"role": "user", "content": "Which rare earths are covered by the expedited export deal?"},
                {"role": "assistant", "content": "Sorry, I couldn't find an answer to that. Please try rephrasing."},
                {"role": "user", "content": "Who will implement the expedited batch clearance?"}]
    with server.client() as client:
        answer = client.post("/v1/chat", json={"messages": messages, "debug": True}).json()
    searched = " ".join(answer["trace"]["query"]["searches"].values()).lower()
    assert "sorry" not in searched and "rephrasing" not in searched
    assert answer["grounded"] and "Ministry of Commerce" in answer["answer"]


def test_a_statement_is_answered_as_a_question_about_it(server: Server) -> None:
    answer = chat(server, "What did Trump declare about the latest trade agreement?",
                  "I heard Xi said something about supply chains back in 2020.")
    assert answer["query"] == "Is it true that Xi said something about supply chains back in 2020?"
    assert answer["grounded"] and "dependence" in answer["answer"]


def test_tell_me_more_goes_on_past_what_the_last_answer_quoted(server: Server) -> None:
    first = chat(server, "Which materials were suspended from licensing?")
    more = chat(server, "Which materials were suspended from licensing?", "Tell me more.", debug=True)
    assert more["query"] == "Which materials were suspended from licensing?"
    assert more["trace"]["query"]["rule"] == "more"
    quoted = {c["text"] for c in first["citations"]}
    assert more["grounded"] and not quoted & {c["text"] for c in more["citations"]}


@pytest.mark.parametrize("messages, rule", [
    ([{"role": "user", "content": "What did he dispute?"}], "nothing earlier"),
    ([{"role": "user", "content": "Who is Scott Bessent?"}, {"role": "assistant", "content": ""},
      {"role": "user", "content": "And the Malaysia talks?"}, {"role": "user", "content": "What did he dispute?"}], "resolved"),
    ([{"role": "user", "content": "What did China agree to?"}, {"role": "assistant", "content": "To resume exports [1]."},
      {"role": "user", "content": "¿Cuánto tiempo dura el acuerdo?"}], "as typed"),
])
def test_odd_conversations_are_answered_or_declined_and_the_trace_says_how_they_were_read(
        server: Server, messages: list[dict[str, str]], rule: str) -> None:
    with server.client() as client:
        response = client.post("/v1/chat", json={"messages": messages, "debug": True})
    assert response.status_code == 200, response.text
    assert rule in response.json()["trace"]["query"]["rule"]


def test_are_there_others_excludes_what_was_already_named(server: Server) -> None:
    answer = chat(server, "Which U.S. company received federal backing to revive domestic processing?", "are there others?")
    assert "other than" in answer["query"] and "MP Materials" in answer["query"]
    # the articles name no other U.S. company (Lynas is Australian): the sentence naming MP Materials is no answer
    assert not answer["grounded"]


def test_a_topic_switch_carries_no_context_and_is_declined(server: Server) -> None:
    answer = chat(server, "What did China agree to resume?", "What is the capital of Peru?")
    assert answer["query"] == "What is the capital of Peru?"
    assert answer["grounded"] is False and answer["citations"] == []


def test_chat_streams_the_query_first_and_debug_shows_the_rule(server: Server) -> None:
    messages = [{"role": "user", "content": "What share of rare earth processing does China control?"},
                {"role": "assistant", "content": "About 85-90% [1]."},
                {"role": "user", "content": "what about NdFeB magnet production?"}]
    with server.client() as client:
        streamed = client.post("/v1/chat", json={"messages": messages, "stream": True})
        debug = client.post("/v1/chat", json={"messages": messages, "debug": True}).json()
    events = events_of(streamed)
    assert [name for name, _ in events][:2] == ["query", "passages"]
    assert events[0][1]["query"] == "What share of NdFeB magnet production does China control?"
    assert [name for name, _ in events][-2:] == ["answer", "done"]
    assert debug["trace"]["query"]["standalone"] == debug["query"] and debug["trace"]["query"]["rule"] == "what about"
    assert debug["trace"]["query"]["searches"]["question"] == debug["query"]
    assert "rewrite_ms" in debug["trace"]["timings_ms"]
    assert debug["trace"]["query"]["support"].startswith(("standalone", "with the conversation's topic"))
    assert debug["trace"]["query"]["answered"].startswith(debug["query"].rstrip("?"))


USER = {"role": "user", "content": "What did China agree?"}


@pytest.mark.parametrize("body, message", [
    ({"messages": []}, "messages must not be empty"),
    ({"messages": [{"role": "assistant", "content": "Hello"}]}, "the last message must be the user's question"),
    ({"messages": [USER, {"role": "assistant", "content": "x"}]}, "the last message must be the user's question"),
    ({"messages": [{"role": "wizard", "content": "hi"}]}, "messages.0.role"),
    ({"messages": [{"role": "system", "content": "hi"}, USER]}, "messages.0.role"),
    ({"messages": [{"role": "user", "content": "x" * 8001}]}, "the limit is 8000"),
    ({"messages": [{"role": "user", "content": "x" * 2001}]}, "the limit is 2000"),
    ({"messages": [{"role": "user", "content": "  "}]}, "must not be empty"),
    ({"messages": [USER] * 51}, "51 messages; the limit is 50"),
    ({"messages": [USER, {"role": "assistant", "content": "x"}] * 100 + [USER]}, "201 messages; the limit is 50"),
    ({"messages": [USER], "temperature": 1}, "unknown field 'temperature'"),
    ({"messages": "hi"}, "messages: Input should be a valid list"),
])
def test_bad_conversations_get_422_saying_what_is_wrong(server: Server, body: dict, message: str) -> None:
    with server.client() as client:
        response = client.post("/v1/chat", json=body)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]["message"]


def test_a_hosted_model_condenses_the_follow_up(tmp_path: Path, rare_earths_index: Path) -> None:
    from tests.fakes.llm_servers import FakeLLM, Reply

    fake = FakeLLM("openai", replies=[Reply("How long will the rare earth export resumption last?")]).start()
    env = {"RAG_GENERATOR": "openai", "RAG_GENERATORS__OPENAI__BASE_URL": fake.url, "RAG_GENERATORS__OPENAI__MAX_RETRIES": "0",
           "OPENAI_API_KEY": "sk-test"}
    running = start_server(copy_index(rare_earths_index, tmp_path / "ix"), tmp_path / "log", extra_env=env)
    try:
        answer = chat_once(running, [{"role": "user", "content": "What did China agree to resume?"},
                                     {"role": "assistant", "content": "Exports of rare earths [1]."},
                                     {"role": "user", "content": "and how long does it last?"}])
        assert answer["query"] == "How long will the rare earth export resumption last?"
        condense = fake.requests[0]["body"]["messages"]
        assert "standalone question" in condense[0]["content"] and "and how long does it last?" in condense[1]["content"]
        answer_prompt = fake.requests[1]["body"]["messages"][1]["content"]
        assert "Question: How long will the rare earth export resumption last?" in answer_prompt
    finally:
        stop_server(running)
        fake.stop()


def chat_once(server: Server, messages: list[dict[str, str]]) -> dict:
    with server.client() as client:
        response = client.post("/v1/chat", json={"messages": messages})
    assert response.status_code == 200, response.text
    return response.json()
