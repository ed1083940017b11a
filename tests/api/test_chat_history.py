"""History-aware retrieval through the real server: a follow-up's search carries the conversation's topic and
the documents the previous answer cited, the same way on /v1/chat and on the OpenAI-compatible endpoint."""

from __future__ import annotations

import pytest

from rag.conversation.topic import recent_terms, topic_query
from tests.conftest import Server

FIRST = "Who wants to finalize the rare earths arrangement by Thanksgiving?"
FOLLOW_UP = "What reports did he dispute?"


def first_answer(server: Server) -> dict:
    with server.client() as client:
        response = client.post("/v1/chat", json={"messages": [{"role": "user", "content": FIRST}]})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["grounded"] and answer["citations"]
    return answer


def test_a_follow_up_searches_with_the_topic_and_the_documents_the_answer_cited(server: Server) -> None:
    first = first_answer(server)
    messages = [{"role": "user", "content": FIRST}, {"role": "assistant", "content": first["answer"]},
                {"role": "user", "content": FOLLOW_UP}]
    with server.client() as client:
        answer = client.post("/v1/chat", json={"messages": messages, "debug": True}).json()
    query = answer["trace"]["query"]
    assert query["searches"]["question"] == answer["query"] == "What reports did Scott Bessent dispute?"
    assert query["searches"]["topic"].startswith(answer["query"]) and "thanksgiving" in query["searches"]["topic"].lower()
    assert {c["doc_id"] for c in first["citations"]} <= set(query["cited_documents"])
    assert answer["grounded"] and "disputed" in answer["answer"]


def test_the_openai_endpoint_uses_the_same_search(server: Server) -> None:
    first = first_answer(server)
    with server.client() as client:
        body = {"model": "articles", "debug": True, "messages": [
            {"role": "system", "content": "Answer briefly."}, {"role": "user", "content": FIRST},
            {"role": "assistant", "content": first["answer"]}, {"role": "user", "content": FOLLOW_UP}]}
        response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200, response.text
    rag = response.json()["rag"]
    assert rag["query"] == "What reports did Scott Bessent dispute?"
    assert {c["doc_id"] for c in first["citations"]} <= set(rag["trace"]["query"]["cited_documents"])


def test_an_apology_cites_no_document(server: Server) -> None:
    messages = [{"role": "user", "content": FIRST},
                {"role": "assistant", "content": "I'm sorry, I don't have information about that."},
                {"role": "user", "content": FOLLOW_UP}]
    with server.client() as client:
        answer = client.post("/v1/chat", json={"messages": messages, "debug": True}).json()
    assert answer["trace"]["query"]["cited_documents"] == []
    assert "sorry" not in " ".join(answer["trace"]["query"]["searches"].values()).lower()


@pytest.mark.parametrize("messages", [
    [{"role": "user", "content": "What did he dispute?"}],  # a pronoun with nothing before it
    [{"role": "user", "content": FIRST}, {"role": "assistant", "content": ""},
     {"role": "user", "content": "¿Y cuándo termina el acuerdo?"}],  # an empty answer, another language
    [{"role": "user", "content": FIRST}, {"role": "user", "content": FOLLOW_UP}],  # two user turns in a row
    [{"role": "user", "content": FIRST}, {"role": "system", "content": "Be brief."},  # a system message midway
     {"role": "assistant", "content": "Scott Bessent [1]."}, {"role": "user", "content": FOLLOW_UP}],
    [m for n in range(100) for m in ({"role": "user", "content": f"Question {n} about rare earths?"},
                                     {"role": "assistant", "content": f"Answer {n}."})]
    + [{"role": "user", "content": FOLLOW_UP}],  # 201 messages: the most recent 50 are read
])
def test_odd_conversations_through_the_openai_endpoint_are_answered_or_declined(
        server: Server, messages: list[dict[str, str]]) -> None:
    with server.client() as client:
        response = client.post("/v1/chat/completions", json={"model": "articles", "messages": messages, "debug": True})
    assert response.status_code == 200, response.text
    rag = response.json()["rag"]
    assert rag["query"] and rag["trace"]["query"]["rule"]


def test_recent_user_turns_weigh_more_and_the_query_s_own_words_are_not_repeated() -> None:
    users = ["What is the gallium export ban?", "When did the gallium ban on magnets start?"]
    assert recent_terms(users, "Who announced it?")[:3] == ["gallium", "ban", "magnets"]
    assert recent_terms(users, "Who announced the gallium ban?")[0] == "magnets"
    assert topic_query("Who announced it?", ["China"], users) == \
        "Who announced it? China gallium ban magnets start export"
    assert topic_query("Who?", [], []) is None


def test_the_users_terms_an_answer_took_up_outweigh_the_last_turns_phrasing() -> None:
    users = ["types and causes of male and female infertility", "How many years, think about adoption?"]
    answers = ["Male infertility can be caused by low semen quality.", ""]
    assert "infertility" not in recent_terms(users, "Regional differences", n=3)
    carried = recent_terms(users, "Regional differences", n=3, answers=answers)
    assert "infertility" in carried and "think" not in carried
    assert "infertility" in (topic_query("Regional differences", [], users, answers) or "")
