"""What only the PostgreSQL store has to get right beyond the contract: its driver, its URL, schemas, start-up."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.embedders import HashingEmbedder
from rag.errors import ConfigError, IndexEmpty, StoreUnavailable
from tests.conftest import REPO
from tests.contracts.test_store_contract import EMBEDDER, add_articles, document, upsert

pytest.importorskip("psycopg", reason="the postgres extra is not installed (pip install -e '.[dev]' brings it)")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_a_missing_driver_names_the_extra_to_install() -> None:
    # sys.modules[name] = None makes `import name` fail as if the package were not installed.
    result = _python("import sys; sys.modules['psycopg'] = None\n"
                     "from rag.errors import ConfigError\n"
                     "try:\n    import rag.stores.postgres\nexcept ConfigError as exc:\n    print(exc.message)")
    assert result.returncode == 0, result.stderr
    assert "pip install 'rag-articles[postgres]'" in result.stdout and "psycopg is missing" in result.stdout


def test_the_faiss_backend_works_without_the_postgres_drivers(tmp_path: Any) -> None:
    result = _python("import sys; sys.modules['psycopg'] = None\n"
                     "from rag.settings import Settings\nfrom rag.stores import make_store\n"
                     f"store = make_store(Settings.load(index_dir={str(tmp_path)!r}), 'hashing-v1', 256)\n"
                     "print(type(store).__name__, store.count())")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FaissStore (0, 0)"


def test_an_unreachable_database_is_a_config_error_that_hides_the_password() -> None:
    from rag.stores.postgres import PostgresStore

    with pytest.raises(ConfigError) as caught:
        PostgresStore("postgresql://reader:hunter2-secret@127.0.0.1:1/articles", "hashing-v1", 256)
    message = caught.value.message
    assert "cannot open the PostgreSQL store at postgresql://reader@127.0.0.1:1/articles" in message
    assert "hunter2" not in message and "hunter2" not in repr(caught.value.__cause__)
    assert caught.value.__suppress_context__


def test_settings_with_backend_postgres_open_a_postgres_store(pg_server: Any) -> None:
    from rag.settings import Settings
    from rag.stores import make_store
    from rag.stores.postgres import PostgresStore

    url = pg_server.fresh_schema()
    store = make_store(Settings.load(store={"backend": "postgres", "url": url}), EMBEDDER.id, EMBEDDER.dim)
    try:
        assert isinstance(store, PostgresStore) and store.count() == (0, 0)
    finally:
        store.close()
        pg_server.drop_schema(url)
    with pytest.raises(ConfigError, match="needs store.url"):
        Settings.load(store={"backend": "postgres"})


def test_many_processes_may_create_the_schema_at_once(pg_server: Any) -> None:
    from rag.stores.postgres import PostgresStore

    url = pg_server.fresh_database()  # without the vector extension yet: the first open creates it
    opened: list[PostgresStore] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(PostgresStore(url, EMBEDDER.id, EMBEDDER.dim))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == [] and len(opened) == 6
        add_articles(opened[0])
        assert opened[-1].count() == opened[0].count() and opened[-1].verify() == []
    finally:
        for store in opened:
            store.close()
        pg_server.drop_database(url)


def test_stores_in_two_schemas_of_one_database_are_independent(pg_server: Any) -> None:
    import psycopg

    from rag.stores import postgres
    from rag.stores.postgres import PostgresStore

    urls = [pg_server.fresh_schema(), pg_server.fresh_schema()]
    first = PostgresStore(urls[0], EMBEDDER.id, EMBEDDER.dim)
    second = PostgresStore(urls[1], "another-embedder", 8, lock_timeout=0.5)
    try:
        add_articles(first)
        with pytest.raises(IndexEmpty):
            second.search(np.ones(8, dtype=np.float32), 3)
        with psycopg.connect(urls[0]) as conn, conn.transaction():
            conn.execute(f"SELECT {postgres._LOCK}")  # a writer busy on the first schema
            second.write([(document("x", "Tiny."), upsert(document("x", "Tiny."))[1], np.ones((1, 8), dtype=np.float32))])
        assert second.count() == (1, 1) and first.count()[0] == 4
    finally:
        first.close()
        second.close()
        for url in urls:
            pg_server.drop_schema(url)


def test_an_empty_store_opened_first_with_another_dimension_takes_the_writers(pg_server: Any) -> None:
    from rag.stores.postgres import PostgresStore

    url = pg_server.fresh_schema()
    PostgresStore(url, "another-embedder", 8).close()  # created the table, wrote nothing
    store = PostgresStore(url, HashingEmbedder.id, 256)
    try:
        add_articles(store)
        assert store.search(EMBEDDER.embed_query("lithium mine"), 1)[0].doc_id == "mine" and store.verify() == []
    finally:
        store.close()
        pg_server.drop_schema(url)


def test_losing_the_database_mid_run_is_store_unavailable_and_the_store_recovers(pg_server: Any) -> None:
    from rag.stores.postgres import PostgresStore

    url = pg_server.fresh_database()
    store = PostgresStore(url, HashingEmbedder.id, 256)
    store._connect_timeout = 2.0
    try:
        add_articles(store)
        pg_server.drop_database(url)  # terminates the pool's connections; new ones are refused
        with pytest.raises(StoreUnavailable, match="unavailable") as caught:
            store.count()
        assert "password" not in caught.value.message
        with pytest.raises(StoreUnavailable):
            store.search(EMBEDDER.embed_query("lithium mine"), 1)
        import psycopg

        pg_server._admin(f"CREATE DATABASE {psycopg.conninfo.conninfo_to_dict(url)['dbname']}")
        recovered = PostgresStore(url, HashingEmbedder.id, 256)
        try:
            assert recovered.count() == (0, 0)
            add_articles(recovered)
            # The first store's pool reconnects by itself, after its backoff (psycopg_pool retries with growing delays).
            deadline = time.monotonic() + 30
            while True:
                try:
                    assert store.count() == recovered.count()
                    break
                except StoreUnavailable:
                    assert time.monotonic() < deadline, "the pool did not reconnect within 30 s"
                    time.sleep(0.5)
        finally:
            recovered.close()
    finally:
        store.close()
        pg_server.drop_database(url)


def test_a_search_path_that_hides_pgvector_is_a_config_error(pg_server: Any) -> None:
    from rag.stores.postgres import PostgresStore

    url = pg_server.fresh_schema()
    hidden = url.replace(",public", "")
    try:
        with pytest.raises(ConfigError, match="outside this connection's search_path"):
            PostgresStore(hidden, EMBEDDER.id, EMBEDDER.dim)
    finally:
        pg_server.drop_schema(url)


@pytest.mark.slow
def test_a_server_left_by_a_killed_test_session_is_stopped_by_the_next(pg_server: Any) -> None:
    import os
    import signal
    import time

    from tests.contracts.pg import _alive, stop_leftovers

    session = subprocess.Popen([sys.executable, "-c", "from tests.contracts.pg import PgServer; import time\n"
                                "print(PgServer().run_dir, flush=True); time.sleep(300)"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert session.stdout is not None
    run_dir = session.stdout.readline().strip()
    postmaster = int((Path(run_dir) / "pgdata" / "postmaster.pid").read_text().split()[0])
    session.send_signal(signal.SIGKILL)
    session.wait()
    assert _alive(postmaster)  # what SIGKILL leaves behind
    assert postmaster in stop_leftovers()
    deadline = time.monotonic() + 10
    while _alive(postmaster) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(postmaster) and not Path(run_dir).exists()
    assert os.path.isdir(pg_server.run_dir)  # the live session's own server is left alone


def test_a_bulk_load_rebuilds_the_vector_index_within_its_transaction(pg_server: Any) -> None:
    from rag.stores.postgres import PostgresStore
    from rag.types import Chunk

    url = pg_server.fresh_schema()
    store = PostgresStore(url, EMBEDDER.id, EMBEDDER.dim, bulk_chunks=3)
    try:
        add_articles(store)  # 4 chunks into an empty store: the bulk path
        assert store.verify() == [] and store.search(EMBEDDER.embed_query("lithium mine"), 1)[0].doc_id == "mine"
        taken = store.chunk_ids("mine")[0]
        clash = [(document(f"n{i}", f"Note {i}."), [Chunk(chunk_id=taken if i == 4 else f"n{i}:0", doc_id=f"n{i}", position=0,
                                                          text=f"Note {i}.")], EMBEDDER.embed_documents([f"Note {i}."]))
                 for i in range(5)]
        with pytest.raises(Exception):  # noqa: B017  # the duplicate chunk id fails the bulk write at its end
            store.write(clash)
        assert store.count() == (4, 4) and store.verify() == []  # index dropped and rebuilt: both rolled back
    finally:
        store.close()
        pg_server.drop_schema(url)
