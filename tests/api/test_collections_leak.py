"""Nothing crosses between collections: a key scoped to one team's collection, walked through every operation of
the OpenAPI schema and the OpenAI API with the official SDK, never receives a document, passage, title,
citation, count or conflict of the other team's, on FAISS and on PostgreSQL. The same requests with a key that
reads everything do reach the other team's articles, so the walk would see a leak if there were one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.collections_world import (
    ADMIN_KEY,
    DECOYS,
    KEYS,
    OUR_DOCUMENTS,
    OUR_KEY,
    OURS,
    QUESTIONS,
    THEIRS,
    build,
    chat_messages,
    leaks,
    schema_operations,
    walk,
)
from tests.conftest import Server, copy_index, start_server, stop_server

OURS_ONLY = {"Authorization": f"Bearer {OUR_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture(scope="module", params=["faiss", "postgres"])
def two_teams(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, rare_earths: Path,
              minilm: Any) -> Iterator[Server]:
    base = tmp_path_factory.mktemp(f"teams-{request.param}")
    env = {"RAG_API_KEYS": KEYS, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    url = ""
    if request.param == "postgres":
        from api.settings import AppSettings
        from rag.services import build_services

        pg = request.getfixturevalue("pg_server")
        url = pg.fresh_schema()
        env |= {"RAG_STORE__BACKEND": "postgres", "RAG_STORE__URL": url}
        services = build_services(AppSettings.load(index_dir=base / "index", store={"backend": "postgres", "url": url}),
                                  embedder=minilm)
        build(services.store, services.indexer, rare_earths)
        getattr(services.store, "close", lambda: None)()
    else:
        copy_index(request.getfixturevalue("two_teams_index"), base / "index")
    running = start_server(base / "index", base / "server.log", env)
    running.started_with = (base, env)  # type: ignore[attr-defined]
    yield running
    stop_server(running)
    if url:
        pg.drop_schema(url)


def _their_documents(client: httpx.Client) -> dict[str, str]:
    listed = client.get("/v1/documents", params={"limit": 500}, headers=ADMIN).json()
    return {d["doc_id"]: client.get(f"/v1/documents/{d['doc_id']}", headers=ADMIN).json()["content_hash"]
            for d in listed["documents"] if THEIRS in d["collections"]}


def test_a_reader_of_everything_meets_the_other_teams_articles_with_these_questions(two_teams: Server) -> None:
    """The control: without a scope, the walk's questions do reach the decoys (so a leak would show)."""
    with two_teams.client() as client:
        for question in QUESTIONS[:2]:
            found = client.post("/v1/search", json={"query": question, "k": 10}, headers=ADMIN).json()["passages"]
            assert any(p["doc_id"] in DECOYS for p in found), question
        answer = client.post("/v1/ask", json={"question": QUESTIONS[0]}, headers=ADMIN).json()
        assert leaks(str(answer)), "the unscoped answer should cite Quillmark"


def test_no_operation_in_the_schema_gives_a_scoped_key_anything_of_the_other_collection(two_teams: Server) -> None:
    with two_teams.client() as client:
        before = _their_documents(client)
        assert set(before) == set(DECOYS)
        seen = walk(client, OURS_ONLY)
        assert set(seen) == set(schema_operations(client))  # every operation was called
        for (method, path), responses in seen.items():
            for status, text in responses:
                assert not leaks(text), (method, path, status, text[:800])
        assert _their_documents(client) == before  # no write reached them either
        # The scoped key still gets answers from its own collection (the walk was not refused wholesale).
        answer = client.post("/v1/ask", json={"question": QUESTIONS[1]}, headers=OURS_ONLY).json()
        assert answer["grounded"] and "85" in answer["answer"]


def test_counts_are_of_the_scoped_collection_only(two_teams: Server) -> None:
    with two_teams.client() as client:
        everything = client.get("/healthz", headers=ADMIN).json()
        mine = client.get("/healthz", headers=OURS_ONLY).json()
        assert everything["documents"] == OUR_DOCUMENTS + len(DECOYS)
        assert mine["documents"] == OUR_DOCUMENTS and 0 < mine["chunks"] < everything["chunks"]
        assert client.get("/v1/documents", params={"limit": 1}, headers=OURS_ONLY).json()["total"] == OUR_DOCUMENTS
        assert client.get("/v1/collections", headers=OURS_ONLY).json() == {
            "collections": [{"name": OURS, "documents": OUR_DOCUMENTS}]}
        models = client.get("/v1/models", headers=OURS_ONLY).json()
        assert [m["id"] for m in models["data"]] == ["articles", OURS]
        assert client.get("/metrics", headers=OURS_ONLY).status_code == 403  # the whole store's figures


def test_unknown_and_forbidden_collections_get_the_same_answer(two_teams: Server) -> None:
    with two_teams.client() as client:
        def pair(make: Any) -> tuple[Any, Any]:
            forbidden, unknown = make(THEIRS), make("no-such-desk")
            return forbidden, unknown

        searches = pair(lambda name: client.post("/v1/search", json={"query": QUESTIONS[0], "filters": {"collections": [name]}},
                                                 headers=OURS_ONLY))
        assert [r.status_code for r in searches] == [200, 200] and searches[0].json() == searches[1].json() == {"passages": []}
        asks = pair(lambda name: client.post("/v1/ask", json={"question": QUESTIONS[0], "filters": {"collections": [name]}},
                                             headers=OURS_ONLY).json())
        assert asks[0] == asks[1] and not asks[0]["grounded"] and not asks[0]["citations"]
        models = pair(lambda name: client.post("/v1/chat/completions", json={"model": name, "messages": chat_messages("hi")},
                                               headers=OURS_ONLY))
        assert [r.status_code for r in models] == [404, 404]
        assert models[0].json()["error"]["code"] == models[1].json()["error"]["code"] == "model_not_found"
        assert models[0].text.replace(THEIRS, "X") == models[1].text.replace("no-such-desk", "X")
        deletes = pair(lambda name: client.delete(f"/v1/collections/{name}", headers=OURS_ONLY))
        assert [r.status_code for r in deletes] == [404, 404]
        assert deletes[0].text.replace(THEIRS, "X") == deletes[1].text.replace("no-such-desk", "X")
        docs = [client.get(f"/v1/documents/{d}", headers=OURS_ONLY) for d in ("decoy-1", "decoy-404")]
        assert [r.status_code for r in docs] == [404, 404]
        assert docs[0].text.replace("decoy-1", "X") == docs[1].text.replace("decoy-404", "X")


def test_malformed_collection_names_are_422_naming_the_field(two_teams: Server) -> None:
    with two_teams.client() as client:
        for method, url, body in [("POST", "/v1/search", {"query": "magnets", "filters": {"collections": ["Bad Name"]}}),
                                  ("POST", "/v1/ask", {"question": "magnets", "filters": {"collections": ["x" * 65]}}),
                                  ("POST", "/v1/chat", {"messages": [{"role": "user", "content": "magnets"}],
                                                        "filters": {"collections": ["../etc"]}}),
                                  ("POST", "/v1/collections", {"name": "Energy Desk"})]:
            response = client.request(method, url, json=body, headers=ADMIN)
            assert response.status_code == 422, (url, response.text)
            assert "collections" in response.json()["error"]["message"] or "name" in response.json()["error"]["message"]
        response = client.delete("/v1/collections/Not_A_Slug", headers=ADMIN)
        assert response.status_code == 422 and "name" in response.json()["error"]["message"]


def test_the_official_openai_sdk_lists_and_uses_only_the_scoped_collections(two_teams: Server) -> None:
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=two_teams.url + "/v1", api_key=OUR_KEY, max_retries=0)
    assert [m.id for m in client.models.list()] == ["articles", OURS]
    for model in ("articles", OURS):
        reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": QUESTIONS[1]}])
        text = reply.choices[0].message.content or ""
        assert "85" in text and not leaks(reply.model_dump_json()), model
        streamed = "".join(chunk.model_dump_json() for chunk in client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": QUESTIONS[0]}], stream=True))
        assert not leaks(streamed)
    with pytest.raises(openai.NotFoundError) as refused:
        client.chat.completions.create(model=THEIRS, messages=[{"role": "user", "content": QUESTIONS[0]}])
    assert refused.value.code == "model_not_found" or "model_not_found" in str(refused.value.body)
    theirs = openai.OpenAI(base_url=two_teams.url + "/v1", api_key=ADMIN_KEY, max_retries=0)
    assert {m.id for m in theirs.models.list()} >= {"articles", OURS, THEIRS, "default"}
    reply = theirs.chat.completions.create(model=THEIRS, messages=[{"role": "user", "content": QUESTIONS[0]}])
    assert leaks(reply.choices[0].message.content or "")  # the other team's key does read its own collection


def test_a_scoped_key_writes_only_into_its_collections(two_teams: Server) -> None:
    with two_teams.client() as client:
        written = client.put("/v1/documents/ours-note", json={"doc_id": "ours-note", "text": "A note of the energy desk "
                             "about rare earth magnet exports."}, headers=OURS_ONLY)
        assert written.status_code == 201, written.text
        info = client.get("/v1/documents/ours-note", headers=ADMIN).json()
        assert info["collections"] == [OURS]  # a key scoped to one collection writes into it
        refused = client.post("/v1/documents", json={"doc_id": "ours-note-2", "text": "Into theirs.",
                                                     "collections": [THEIRS]}, headers=OURS_ONLY)
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
        taken = client.put("/v1/documents/decoy-2", json={"doc_id": "decoy-2", "text": "Overwritten."}, headers=OURS_ONLY)
        assert taken.status_code == 409
        assert client.get("/v1/documents/decoy-2", headers=ADMIN).json()["title"] == DECOYS["decoy-2"][0]
        assert client.post("/v1/collections", json={"name": "markets"}, headers=OURS_ONLY).status_code == 403
        assert client.delete("/v1/documents/ours-note", headers=OURS_ONLY).status_code == 204


def test_a_route_added_later_is_scoped_without_declaring_anything(two_teams: Server) -> None:
    """tests/api/later_route.py adds POST /v1/digest (search, document list, collections, counts) with no access
    check; the same walk finds it in the schema and it gives the scoped key nothing of the other team's."""
    base, env = two_teams.started_with  # type: ignore[attr-defined]
    later = start_server(base / "index", base / "later.log", env, module=["-m", "tests.api.later_route"])
    try:
        with later.client() as client:
            assert ("post", "/v1/digest") in schema_operations(client)
            everything = client.post("/v1/digest", json={"question": QUESTIONS[0]}, headers=ADMIN)
            assert leaks(everything.text)  # the route does read the other team's articles for a key that may
            seen = walk(client, OURS_ONLY)
            assert len(seen[("post", "/v1/digest")]) > 1
            for (method, path), responses in seen.items():
                for status, text in responses:
                    assert not leaks(text), (method, path, status, text[:800])
            mine = client.post("/v1/digest", json={"question": QUESTIONS[0]}, headers=OURS_ONLY).json()
            assert mine["total"] == OUR_DOCUMENTS and mine["collections"] == {OURS: OUR_DOCUMENTS} and mine["passages"]
            anonymous = client.post("/v1/digest", json={"question": QUESTIONS[0]}).json()
            assert anonymous["total"] == 0 and not anonymous["passages"]  # keys are scoped: anonymous reads nothing
    finally:
        stop_server(later)


def test_anonymous_readers_see_only_the_public_collections(two_teams: Server) -> None:
    base, env = two_teams.started_with  # type: ignore[attr-defined]
    public = start_server(base / "index", base / "public.log", {**env, "RAG_API__PUBLIC_COLLECTIONS": f'["{OURS}"]'})
    try:
        with public.client() as client:
            assert client.get("/v1/collections").json() == {"collections": [{"name": OURS, "documents": OUR_DOCUMENTS}]}
            seen = walk(client, {"Authorization": "Bearer unused"})  # an OpenAI client's placeholder: anonymous
            for (method, path), responses in seen.items():
                for status, text in responses:
                    assert not leaks(text), (method, path, status, text[:800])
            answer = client.post("/v1/ask", json={"question": QUESTIONS[1]}).json()
            assert answer["grounded"] and "85" in answer["answer"]
    finally:
        stop_server(public)
