"""Queries while `rag index` writes (never an error, never half a document), and two writers on one index."""

from __future__ import annotations

import fcntl
import random
import sqlite3
import subprocess
import threading
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, UNLIMITED, start_server, stop_server
from tests.reliability.support import HASHING, WORDS, Corpus, check_consistent, generation, hashing_env, index_command, open_index, run_index


def whole(conn: sqlite3.Connection, doc_id: str) -> bool:
    """One statement, so one snapshot: the document has exactly the chunks it records."""
    recorded, found = conn.execute("SELECT d.n_chunks, COUNT(c.vid) FROM documents d LEFT JOIN chunks c USING (doc_id) "
                                   "WHERE d.doc_id = ? GROUP BY d.doc_id", (doc_id,)).fetchone()
    return bool(recorded == found)


class Readers:
    """Reads in a loop until told to stop: over HTTP (search, ask, documents) and through a store of its own."""

    def __init__(self, url: str, index: Path) -> None:
        self.url, self.index = url, index
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.partial: list[str] = []
        self.requests = 0
        self.documents_seen = 0

    def over_http(self) -> None:
        rnd = random.Random(1)
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self.stop.is_set():
                query = " ".join(rnd.sample(WORDS, 3))
                calls = [("POST", "/v1/search", {"query": query, "k": 8}),
                         ("GET", f"/v1/documents?limit=50&offset={rnd.randrange(300)}", None)]
                if rnd.random() < 0.3:
                    calls.append(("POST", "/v1/ask", {"question": f"What about {query}?"}))
                for method, path, body in calls:
                    response = client.request(method, path, json=body)
                    self.requests += 1
                    if response.status_code != 200:
                        self.errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
                    elif path == "/v1/search":
                        for doc_id in {p["doc_id"] for p in response.json()["passages"]}:
                            document = client.get(f"/v1/documents/{doc_id}")
                            self.requests += 1
                            if document.status_code != 200:
                                self.errors.append(f"GET /v1/documents/{doc_id}: {document.status_code}")

    def through_store(self) -> None:
        services = open_index(self.index)
        conn = sqlite3.connect(f"file:{self.index / 'meta.sqlite'}?mode=ro", uri=True)
        rnd = random.Random(2)
        from rag.types import SearchRequest

        while not self.stop.is_set():
            try:
                passages = services.engine.search(SearchRequest(query=" ".join(rnd.sample(WORDS, 3)), k=10))
            except Exception as exc:  # any error at all is a failure of this test
                self.errors.append(f"store search: {exc!r}")
                continue
            for doc_id in {p.doc_id for p in passages}:
                self.documents_seen += 1
                if not whole(conn, doc_id):
                    self.partial.append(doc_id)


@pytest.mark.slow
def test_queries_while_indexing_never_fail_and_never_see_half_a_document(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", seed=3)
    corpus.write(range(100), version=0)
    index = tmp_path / "index"
    assert run_index(corpus.folder, index, batch=200).returncode == 0
    corpus.write(range(100), version=1)  # every indexed article changes: replaced while being read
    corpus.write(range(100, 400), version=0)  # and 300 new ones: 400 documents, 200 commits of 2
    server = start_server(index, tmp_path / "server.log", {**HASHING, **UNLIMITED})
    readers = Readers(server.url, index)
    threads = [threading.Thread(target=readers.over_http), threading.Thread(target=readers.through_store)]
    try:
        before = generation(index)
        for thread in threads:
            thread.start()
        indexed = run_index(corpus.folder, index, batch=2)
        readers.stop.set()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        readers.stop.set()
        stop_server(server)
    assert indexed.returncode == 0, indexed.stderr
    print(f"\nwhile {generation(index) - before} commits landed: {readers.requests} HTTP requests, "
          f"{readers.documents_seen} documents seen by store searches")
    assert readers.errors == [], readers.errors[:5]
    assert readers.partial == [], f"half-written documents seen: {readers.partial[:5]}"
    assert readers.requests >= 20 and readers.documents_seen >= 20, "the readers must have run during indexing"
    services = open_index(index)
    assert check_consistent(services, corpus.versions) == 400
    assert services.store.content_hashes() == corpus.current


def test_an_indexer_finding_the_index_locked_says_another_process_is_writing_and_changes_nothing(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", seed=4)
    corpus.write(range(10), version=0)
    index = tmp_path / "index"
    assert run_index(corpus.folder, index).returncode == 0
    corpus.write(range(10), version=1)
    with open(index / "write.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as another writer would hold it
        blocked = run_index(corpus.folder, index)
    assert blocked.returncode == 1
    assert "another process is writing to" in blocked.stderr and "Traceback" not in blocked.stderr
    services = open_index(index)
    check_consistent(services, corpus.versions)
    assert all(digest not in services.store.content_hashes().values() for digest in corpus.current.values())
    assert run_index(corpus.folder, index).returncode == 0
    assert open_index(index).store.content_hashes() == corpus.current


@pytest.mark.slow
def test_two_indexers_at_once_leave_a_consistent_index_and_the_loser_says_why(tmp_path: Path) -> None:
    first, second = Corpus(tmp_path / "first", seed=5), Corpus(tmp_path / "second", seed=6)
    first.write(range(300), version=0)
    second.write(range(300), version=0, prefix="other")
    index = tmp_path / "index"
    one = subprocess.Popen(index_command(first.folder), cwd=REPO, env=hashing_env(index, 2),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Both start together: each spends its first seconds importing (the copy finder's libraries among them), so
    # a second one started only once the first was writing could arrive after the first had already finished.
    two = subprocess.Popen(index_command(second.folder), cwd=REPO, env=hashing_env(index, 2),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, one_err = one.communicate(timeout=300)
    _, two_err = two.communicate(timeout=300)
    outcomes = [(one.returncode, one_err), (two.returncode, two_err)]
    print(f"\nexit codes of the two indexers: {[code for code, _ in outcomes]}")
    for code, err in outcomes:
        assert "Traceback" not in err, err
        assert code == 0 or (code == 1 and "another process is writing to" in err), err
    assert any(code == 1 for code, _ in outcomes), "with 150 commits each, the two must have collided"
    versions = {**first.versions, **second.versions}
    check_consistent(open_index(index), versions)
    for corpus in (first, second):  # re-running finishes whatever the loser left
        assert run_index(corpus.folder, index, batch=50).returncode == 0
    services = open_index(index)
    assert check_consistent(services, versions) == 600
