"""Two teams in one store, for the leak tests: the shared rare-earth articles in ``rare-earths``, and other text
about the same things (rare earths, China, processing, magnets, exports, Thanksgiving) in ``decoy-desk``.

Every sentence, title and source of the other text names Quillmark, a word no request sends: a response that
carries any of its documents, passages, titles, citations or conflicts carries that word. (Requests do name the
other team's doc_ids and collection, and errors may repeat what was asked, so those are not the marker.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

OURS, THEIRS = "rare-earths", "decoy-desk"
OUR_KEY, THEIR_KEY, ADMIN_KEY = "energy-team-key-0123456789", "decoy-team-key-0123456789", "admin-key-0123456789ab"
KEYS = f"{OUR_KEY}@{OURS},{THEIR_KEY}@{THEIRS},{ADMIN_KEY}"
MARKER = re.compile(r"quillmark", re.IGNORECASE)
OUR_DOCUMENTS = 5

DECOYS = {
    "decoy-1": ("Quillmark bulletin on rare earth processing",
                "Quillmark analysts estimate that China controls 40% of rare earth processing, Quillmark said. "
                "Quillmark expects exports of rare earth magnets to resume for 30 days only. "
                "According to Quillmark, China makes 55% of the world's NdFeB magnet production."),
    "decoy-2": ("Quillmark brief on the export arrangement",
                "The Treasury Secretary discussed the rare earths arrangement with Quillmark staff in Geneva. "
                "Quillmark believes building rare earth processing capacity outside China takes two years. "
                "Quillmark reports that China agreed to resume exports of gallium, not rare earths."),
    "decoy-3": ("Quillmark memo on the Thanksgiving deadline",
                "Quillmark expects the rare earths arrangement to be finalized by Thanksgiving, Quillmark staff said. "
                "Quillmark disputes reports that export licences for rare earth magnets were suspended."),
}
# Questions whose best passages, for a caller who reads everything, are the other team's.
QUESTIONS = ["What do analysts estimate China's share of rare earth processing to be?",
             "What share of rare earth processing does China control?",
             "How long will the resumption of rare earth magnet exports last?",
             "Who expects the rare earths arrangement to be finalized by Thanksgiving?"]


def build(store: Any, indexer: Any, rare_earths: Path) -> None:
    """Index both teams' articles into ``store`` (through ``indexer``) with their collections."""
    from index.documents import document_from_bytes
    from index.files import index_paths

    index_paths(indexer, [rare_earths])
    ours = [row["doc_id"] for row in store.list_documents(500, 0)[0]]
    store.add_to_collection(OURS, ours)
    store.remove_from_collection("default", ours)
    decoys = [document_from_bytes(doc_id, text.encode(), name=f"{doc_id}.txt",
                                  metadata={"title": title, "source": "Quillmark Wire", "published_at": "2025-11-02"})
              .model_copy(update={"collections": [THEIRS]}) for doc_id, (title, text) in DECOYS.items()]
    indexer.index_documents(decoys)


def leaks(text: str) -> list[str]:
    return sorted({m.group(0).lower() for m in MARKER.finditer(text)})


def body_text(response: httpx.Response) -> str:
    return response.text  # the whole body: JSON, an SSE stream or plain text


def ask_bodies(question: str) -> list[dict[str, Any]]:
    return [{"question": question}, {"question": question, "debug": True},
            {"question": question, "filters": {"collections": [THEIRS]}},
            {"question": question, "filters": {"collections": [OURS, THEIRS]}, "debug": True}]


def chat_messages(question: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": "What did China agree to resume?"},
            {"role": "assistant", "content": "Exports of rare earths [1]."},
            {"role": "user", "content": question}]


def schema_operations(client: httpx.Client) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    return [(method, path) for path, operations in spec["paths"].items() for method in operations
            if method in ("get", "post", "put", "patch", "delete")]


def requests_for(method: str, path: str) -> list[dict[str, Any]]:
    """The requests the walk sends to one operation: aimed at the other team's articles wherever it can be.
    An operation this table does not know (a route added later) gets path parameters naming the other team's
    document and collection, and the bodies every reading route takes."""
    question = QUESTIONS[0]
    known: dict[tuple[str, str], list[dict[str, Any]]] = {
        ("post", "/v1/ask"): [{"json": b} for q in QUESTIONS for b in ask_bodies(q)]
        + [{"json": {"question": q, "stream": True, "debug": True}} for q in QUESTIONS],
        ("post", "/v1/search"): [{"json": {"query": q, "k": 20}} for q in QUESTIONS]
        + [{"json": {"query": QUESTIONS[0], "filters": {"collections": [THEIRS], "doc_ids": list(DECOYS)}}}],
        ("post", "/v1/chat"): [{"json": {"messages": chat_messages(q), "debug": True}} for q in QUESTIONS]
        + [{"json": {"messages": chat_messages(q), "stream": True, "debug": True}} for q in QUESTIONS[:2]]
        + [{"json": {"messages": chat_messages(question), "filters": {"collections": [THEIRS]}}}],
        ("post", "/v1/chat/completions"): [
            {"json": {"model": model, "messages": chat_messages(q), "debug": True, "stream": stream}}
            for model in ("articles", OURS, THEIRS) for q in QUESTIONS[:2] for stream in (False, True)],
        ("get", "/v1/models"): [{}],
        ("get", "/v1/documents"): [{"params": {"limit": 500}}, {"params": {"limit": 500, "collection": THEIRS}}],
        ("get", "/v1/documents/{doc_id}"): [{"path": {"doc_id": d}} for d in DECOYS],
        ("put", "/v1/documents/{doc_id}"): [{"path": {"doc_id": "decoy-1"},
                                             "json": {"doc_id": "decoy-1", "text": "Overwritten by the wrong team."}}],
        ("delete", "/v1/documents/{doc_id}"): [{"path": {"doc_id": d}} for d in DECOYS],
        ("post", "/v1/documents"): [{"json": {"doc_id": "decoy-9", "text": "Into their collection.",
                                              "collections": [THEIRS]}}],
        ("get", "/v1/collections"): [{}],
        ("post", "/v1/collections"): [{"json": {"name": THEIRS}}],
        ("delete", "/v1/collections/{name}"): [{"path": {"name": THEIRS}, "params": {"documents": "delete"}},
                                               {"path": {"name": THEIRS}, "params": {"documents": "keep"}}],
        ("get", "/healthz"): [{}],
        ("get", "/metrics"): [{}],
        ("post", "/slack/events"): [{"json": {"type": "url_verification", "challenge": "x"}}],  # Slack: tests/slack
    }
    if (method, path) in known:
        return known[(method, path)]
    params = {name: ("decoy-1" if "doc" in name else THEIRS) for name in re.findall(r"{(\w+)}", path)}
    generic: list[dict[str, Any]] = [{"path": params}]
    if method in ("post", "put", "patch"):
        generic += [{"path": params, "json": body} for body in (
            {"question": question}, {"query": question}, {"messages": chat_messages(question)},
            {"question": question, "filters": {"collections": [THEIRS]}}, {"model": THEIRS, "messages": chat_messages(question)})]
    else:
        generic += [{"path": params, "params": {"q": question, "query": question, "collection": THEIRS}}]
    return generic


def send(client: httpx.Client, method: str, path: str, request: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    url = path
    for name, value in request.get("path", {}).items():
        url = url.replace("{" + name + "}", value)
    return client.request(method.upper(), url, json=request.get("json"), params=request.get("params"), headers=headers)


def walk(client: httpx.Client, headers: dict[str, str]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Every operation of the schema, with every request above; the status and body of each response."""
    seen: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for method, path in schema_operations(client):
        for request in requests_for(method, path):
            response = send(client, method, path, request, headers)
            assert response.status_code < 500, (method, path, request, response.text[:500])
            seen.setdefault((method, path), []).append((response.status_code, body_text(response)))
    return seen
