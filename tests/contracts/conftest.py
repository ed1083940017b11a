"""Every store backend, opened fresh for each test: FAISS + SQLite in a temp dir, PostgreSQL in a new schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from rag.embedders import HashingEmbedder
from rag.protocols import Store

CHUNKING = {"size": 200, "overlap": 40}
OpenStore = Callable[..., Store]


@pytest.fixture(params=["faiss", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_store(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[OpenStore]:
    """Opens a store on this test's location (each call a new handle on the same data, like another process)."""
    opened: list[Any] = []
    url = ""
    if backend == "postgres":
        pg = request.getfixturevalue("pg_server")
        url = pg.fresh_schema()

    def open_store(embedder_id: str = HashingEmbedder.id, dim: int = 256, chunking: dict[str, int] | None = CHUNKING,
                   lock_timeout: float | None = None) -> Store:
        """lock_timeout None: each backend's default (FAISS refuses at once, PostgreSQL waits 10 s)."""
        if backend == "faiss":
            from rag.stores.faiss_sqlite import FaissStore

            return FaissStore(tmp_path / "index", embedder_id, dim, chunking=chunking, lock_timeout=lock_timeout or 0.0)
        from rag.stores.postgres import PostgresStore

        store = PostgresStore(url, embedder_id, dim, chunking=chunking, lock_timeout=10.0 if lock_timeout is None else lock_timeout)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()
    if backend == "postgres":
        pg.drop_schema(url)


@pytest.fixture
def store(open_store: OpenStore) -> Store:
    return open_store()


@pytest.fixture
def hold_write_lock(backend: str) -> Callable[[Store], AbstractContextManager[None]]:
    """Holds the store's writer lock the way another writing process would."""

    @contextmanager
    def hold(store: Any) -> Iterator[None]:
        if backend == "faiss":
            with store._write_lock():
                yield
            return
        import psycopg

        from rag.stores import postgres

        with psycopg.connect(store._pool.conninfo) as conn, conn.transaction():
            conn.execute(f"SELECT {postgres._LOCK}")
            yield

    return hold
