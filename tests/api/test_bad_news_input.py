"""Through the real service: pathological articles and questions on the news-context rules (a quotation with its
speaker, a question's country adjective, a when-question's verb, who-said disagreements) answer or decline
with a 200, and the index is intact afterwards.

Two servers: the default chunking (400 characters), and the largest allowed (8,000), where a 20,000-character
sentence reaches the answerer in 8,000-character pieces. The articles are generated (tests/api/bad_news.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.bad_news import ARTICLES, QUESTIONS
from tests.conftest import API_KEY, UNLIMITED, Server, copy_index, start_server, stop_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
KNOWN = "When did Beijing halt rare earth shipments to Japan?"  # answered from the shared articles: "2010"


def _patient(server: Server) -> httpx.Client:
    """A client that waits as long as a question over 8,000-character chunks of a 20,000-character sentence takes on
    a loaded machine (these tests check what is answered, not how fast: bench/ measures that)."""
    return httpx.Client(base_url=server.url, timeout=300)


def _upload(client: httpx.Client) -> None:
    for doc_id, (title, text) in ARTICLES.items():
        created = client.post("/v1/documents", headers=AUTH, json={"doc_id": doc_id, "title": title, "text": text})
        assert created.status_code == 201, created.text


@pytest.fixture(scope="module", params=[400, 8000], ids=["chunk400", "chunk8000"])
def bad_news(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             rare_earths_index: Path) -> Iterator[tuple[Server, int]]:
    base = tmp_path_factory.mktemp(f"bad-news-{request.param}")
    if request.param == 400:  # beside the shared articles, so an answer from them shows the index intact
        index, env = copy_index(rare_earths_index, base / "index"), UNLIMITED
    else:
        index, env = base / "index", {**UNLIMITED, "RAG_CHUNKING__SIZE": "8000", "RAG_CHUNKING__OVERLAP": "80"}
    running = start_server(index, base / "server.log", env)
    with _patient(running) as client:
        before = client.get("/v1/documents", params={"limit": 500}).json()["total"]
        _upload(client)
    yield running, before
    stop_server(running)


def _ask(client: httpx.Client, question: str) -> dict:  # type: ignore[type-arg]
    response = client.post("/v1/ask", json={"question": question})
    assert response.status_code == 200, (question, response.status_code, response.text[:500])
    answer = response.json()
    assert isinstance(answer["answer"], str) and answer["answer"].strip()
    cited = {c["id"] for c in answer["citations"]}
    for conflict in answer["conflicts"]:
        assert {claim["citation"] for claim in conflict["claims"]} <= cited
    return answer  # type: ignore[no-any-return]


def test_every_pathological_question_answers_or_declines_with_a_200(bad_news: tuple[Server, int]) -> None:
    server, _ = bad_news
    with _patient(server) as client:
        for question in QUESTIONS:
            answer = _ask(client, question)
            if not answer["grounded"]:
                assert answer["citations"] == [] or question.startswith("When")


def test_a_speaker_is_found_across_hundreds_of_quoted_sentences(bad_news: tuple[Server, int]) -> None:
    server, _ = bad_news
    with _patient(server) as client:
        answer = _ask(client, "Who said that Berth 3 at Malmo will reopen?")
    # the quotation runs on from the one sentence naming its speaker: a quoted sentence cut off from it (another
    # passage) names nobody who said it, and the places inside the quotation are no speakers. (With 8,000-character
    # chunks a piece of the 20,000-character sentence, holding every word asked, outscores it: Novak is quoted.)
    assert not answer["grounded"] or "Lindqvist" in answer["answer"] or "Novak" in answer["answer"]
    assert not answer["answer"].lstrip().startswith(("\u201cBerth", "at "))  # a speakerless quotation, or its tail
    assert "Haddad" not in answer["answer"]
    with _patient(server) as client:
        answer = _ask(client, "Who said the mill at Ystad closed?")  # inside the 20,000-character sentence
    assert answer["grounded"] and "Novak" in answer["answer"]


def test_a_country_adjective_with_no_names_in_the_passages_declines(bad_news: tuple[Server, int]) -> None:
    server, _ = bad_news
    with _patient(server) as client:
        answer = _ask(client, "Which Australian company owns the flood dam on the river?")
    # the flood notes name no company: nothing of the kind asked to give
    assert not answer["grounded"] or all(c["title"] != "flood notes" for c in answer["citations"])


def test_non_english_quotations_do_not_break_the_who_said_path(bad_news: tuple[Server, int]) -> None:
    server, _ = bad_news
    with _patient(server) as client:
        for question in ("Who said the mine will reopen in 2027?", "Wer sagte, dass die Mine 2027 wieder geöffnet wird?",
                         "谁说将在2026年恢复出口？", "Who said they bought the refinery in 2018?"):
            answer = _ask(client, question)
            assert answer["conflicts"] == [] or all(c["kind"] in ("disagreement", "scope", "update", "ambiguous")
                                                     for c in answer["conflicts"])


def test_the_index_is_intact_after_the_pathological_input(bad_news: tuple[Server, int]) -> None:
    server, before = bad_news
    with _patient(server) as client:
        for question in QUESTIONS[:4]:
            _ask(client, question)
        assert client.get("/v1/documents", params={"limit": 500}).json()["total"] == before + len(ARTICLES)
        for doc_id, (_, text) in ARTICLES.items():
            stored = client.get(f"/v1/documents/{doc_id}")
            assert stored.status_code == 200 and stored.json()["text"].split() == text.split()
        assert client.get("/healthz").status_code == 200
        if before:  # the shared articles still answer as they did
            answer = _ask(client, KNOWN)
            assert answer["grounded"] and "2010" in answer["answer"]
