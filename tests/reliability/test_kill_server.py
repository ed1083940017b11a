"""The server killed with SIGKILL while documents are being uploaded: every acknowledged document survives whole."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from index.documents import document_from_bytes
from tests.conftest import API_KEY, UNLIMITED, start_server, stop_server
from tests.reliability.support import HASHING, article, check_consistent, open_index

KILLS = 6
UPLOADERS = 2


@dataclass
class Uploads:
    """What was sent and what the server acknowledged, per doc_id."""

    sent: dict[str, set[str]] = field(default_factory=dict)
    acknowledged: dict[str, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def upload_until_the_server_dies(url: str, name: str, uploads: Uploads, rnd: random.Random) -> None:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=url, timeout=30, headers=headers) as client:
        for n in range(100_000):
            replace = uploads.acknowledged and rnd.random() < 0.3
            with uploads.lock:
                doc_id = rnd.choice(sorted(uploads.acknowledged)) if replace else f"{name}-{n}"
            text = article(rnd, n, rnd.randrange(1_000_000))
            digest = document_from_bytes(doc_id, text.encode(), name="a.txt").content_hash
            with uploads.lock:
                uploads.sent.setdefault(doc_id, set()).add(digest)
            try:
                if replace:
                    response = client.put(f"/v1/documents/{doc_id}", json={"doc_id": doc_id, "text": text})
                else:
                    response = client.post("/v1/documents", json={"doc_id": doc_id, "text": text})
            except httpx.TransportError:
                return  # the server is gone
            with uploads.lock:
                if response.status_code in (200, 201):
                    uploads.acknowledged[doc_id] = digest
                else:
                    uploads.refused.append(f"{response.status_code} {response.text}")


@pytest.mark.slow
def test_server_killed_during_uploads_keeps_every_acknowledged_document_whole(tmp_path: Path) -> None:
    index = tmp_path / "index"
    env = {**HASHING, **UNLIMITED, "RAG_INDEX_DIR": str(index)}
    uploads = Uploads()
    rnd = random.Random(2)
    checked = 0
    for cycle in range(KILLS):
        server = start_server(index, tmp_path / f"server-{cycle}.log", env)
        threads = [threading.Thread(target=upload_until_the_server_dies,
                                    args=(server.url, f"c{cycle}u{u}", uploads, random.Random(f"{cycle}-{u}")))
                   for u in range(UPLOADERS)]
        before = len(uploads.acknowledged)
        for thread in threads:
            thread.start()
        # Kill while uploads are flowing: after this cycle's first acknowledgement (the first write of a fresh
        # server loads the claim extractor, which can take longer than the random delay), then at a random moment.
        deadline = time.monotonic() + 90
        while len(uploads.acknowledged) == before and not uploads.refused and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rnd.uniform(0.5, 2.5))
        assert server.process.poll() is None, "the server must still be running when it is killed"
        server.process.kill()
        server.process.wait()
        for thread in threads:
            thread.join(timeout=30)
        assert uploads.refused == [], uploads.refused[:3]
        services = open_index(index)
        checked += check_consistent(services, uploads.sent)
        stored = services.store.content_hashes()
        lost = {d for d in uploads.acknowledged if d not in stored}
        assert not lost, f"acknowledged documents lost: {sorted(lost)[:5]}"
        # A replaced document holds the acknowledged content or a later one that was sent, never older.
        assert all(stored[d] in uploads.sent[d] for d in uploads.acknowledged)
    assert len(uploads.acknowledged) > KILLS, "uploads must have been acknowledged between kills"

    server = start_server(index, tmp_path / "server-final.log", env)
    try:
        with server.client() as client:
            health = client.get("/healthz").json()
            assert health["documents"] >= len(uploads.acknowledged)
            passages = client.post("/v1/search", json={"query": "gallium export quota", "k": 5}).json()["passages"]
            assert len(passages) == 5
    finally:
        stop_server(server)
    print(f"\n{KILLS} server kills during uploads; {len(uploads.acknowledged)} acknowledged documents, all whole; "
          f"{checked} documents checked after kills")
