"""Collection membership for the FAISS+SQLite store: two tables beside ``documents`` (rules: rag/collections.py).

    collections  name, created_at      (every collection, also an empty one)
    memberships  collection, doc_id    (ON DELETE CASCADE from both sides: deleting a document removes it)

Searches filter by membership in SQL: the chunk ids of the member documents become FAISS's ID selector
(faiss_sqlite.allowed_vids). Every function here runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime

from rag.collections import DEFAULT, CollectionNotEmpty, OnDelete, slug_or_invalid
from rag.errors import InvalidInput, NotFound, StorageFull, is_disk_full

SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memberships (
    collection TEXT NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (collection, doc_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS memberships_by_doc ON memberships(doc_id);
"""
VERSION = "membership-v1"  # recorded in the manifest once documents of older indexes are put in 'default'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> None:
    """Documents written before collections existed belong to 'default' (inside the caller's transaction)."""
    ensure(conn, [DEFAULT])
    conn.execute("INSERT OR IGNORE INTO memberships (collection, doc_id) SELECT ?, doc_id FROM documents "
                 "WHERE doc_id NOT IN (SELECT doc_id FROM memberships)", (DEFAULT,))
    conn.execute("INSERT OR REPLACE INTO manifest (key, value) VALUES ('membership', ?)", (VERSION,))


def ensure(conn: sqlite3.Connection, names: Sequence[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)",
                     [(slug_or_invalid(n), _now()) for n in names])


def filter_clause(names: Sequence[str]) -> tuple[str, list[str]]:
    """A condition on ``d.doc_id``: the document belongs to any of the collections (none: nothing matches)."""
    if not names:
        return "0", []
    marks = ",".join("?" * len(names))
    return f"d.doc_id IN (SELECT m.doc_id FROM memberships m WHERE m.collection IN ({marks}))", list(names)


def of_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each document's collections, sorted."""
    out: dict[str, list[str]] = {d: [] for d in doc_ids}
    for start in range(0, len(doc_ids), 500):
        part = list(doc_ids[start:start + 500])
        rows = conn.execute(f"SELECT doc_id, collection FROM memberships WHERE doc_id IN ({','.join('?' * len(part))}) "
                            "ORDER BY collection", part)
        for doc_id, name in rows:
            out[doc_id].append(name)
    return out


def join(conn: sqlite3.Connection, doc_id: str, names: Sequence[str], prior: Sequence[str]) -> None:
    """After a document is (re)inserted: its earlier memberships plus ``names`` ('default' if both empty)."""
    wanted = list(dict.fromkeys([*prior, *names])) or [DEFAULT]
    ensure(conn, wanted)
    conn.executemany("INSERT OR IGNORE INTO memberships (collection, doc_id) VALUES (?, ?)",
                     [(n, doc_id) for n in wanted])


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT c.name, COUNT(m.doc_id) FROM collections c LEFT JOIN memberships m "
                        "ON m.collection = c.name GROUP BY c.name ORDER BY c.name").fetchall()
    return {DEFAULT: 0, **{name: int(n) for name, n in rows}}


def documents_in(conn: sqlite3.Connection, names: Sequence[str]) -> set[str]:
    """The documents in any of the collections, in one query."""
    if not names:
        return set()
    return {r[0] for r in conn.execute(
        f"SELECT DISTINCT doc_id FROM memberships WHERE collection IN ({','.join('?' * len(names))})", list(names))}


def count_in(conn: sqlite3.Connection, names: Sequence[str]) -> tuple[int, int]:
    """(documents, chunks) of the documents in any of the collections."""
    where, args = filter_clause(names)
    row = conn.execute(f"SELECT COUNT(*), coalesce(SUM(d.n_chunks), 0) FROM documents d WHERE {where}", args).fetchone()
    return int(row[0]), int(row[1])


def exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM collections WHERE name = ?", (name,)).fetchone() is not None


def members(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT doc_id FROM memberships WHERE collection = ? ORDER BY doc_id", (name,))]


def only_in(conn: sqlite3.Connection, name: str) -> list[str]:
    """The members of ``name`` that belong to no other collection."""
    return [r[0] for r in conn.execute(
        "SELECT m.doc_id FROM memberships m WHERE m.collection = ? AND NOT EXISTS (SELECT 1 FROM memberships o "
        "WHERE o.doc_id = m.doc_id AND o.collection != m.collection) ORDER BY m.doc_id", (name,))]


def check_deletable(conn: sqlite3.Connection, name: str) -> None:
    if name == DEFAULT:
        raise InvalidInput("the 'default' collection cannot be deleted (documents without a collection belong to it)")
    if not exists(conn, name):
        raise NotFound(f"no collection named {name!r}")


def check_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> None:
    known = {r[0] for r in conn.execute(f"SELECT doc_id FROM documents WHERE doc_id IN ({','.join('?' * len(doc_ids))})",
                                        list(doc_ids))} if doc_ids else set()
    missing = [d for d in doc_ids if d not in known]
    if missing:
        raise NotFound(f"no document with doc_id {missing[0]!r}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))


def add(conn: sqlite3.Connection, name: str, doc_ids: Sequence[str]) -> None:
    check_documents(conn, doc_ids)
    ensure(conn, [name])
    conn.executemany("INSERT OR IGNORE INTO memberships (collection, doc_id) VALUES (?, ?)", [(name, d) for d in doc_ids])


def remove(conn: sqlite3.Connection, name: str, doc_ids: Sequence[str]) -> None:
    """Remove documents from ``name``; those left in no collection fall back to 'default'."""
    conn.executemany("DELETE FROM memberships WHERE collection = ? AND doc_id = ?", [(name, d) for d in doc_ids])
    orphans = [d for d, names in of_documents(conn, doc_ids).items() if not names]
    if orphans:
        ensure(conn, [DEFAULT])
        conn.executemany("INSERT OR IGNORE INTO memberships (collection, doc_id) SELECT ?, doc_id FROM documents "
                         "WHERE doc_id = ?", [(DEFAULT, d) for d in orphans])


def drop(conn: sqlite3.Connection, name: str) -> None:
    """Delete the collection; its remaining members that are in no other collection fall back to 'default'."""
    remove(conn, name, members(conn, name))
    conn.execute("DELETE FROM collections WHERE name = ?", (name,))


class Collections:
    """The Store's collection methods for FaissStore, which provides the connection, lock and write."""

    _conn: Callable[[], sqlite3.Connection]
    _write_lock: Callable[..., AbstractContextManager[None]]
    write: Callable[..., None]

    @staticmethod
    @contextmanager
    def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
        """Several reads that see one committed state (a read transaction)."""
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    def collections(self) -> dict[str, int]:
        return counts(self._conn())

    def documents_in(self, collections: Sequence[str]) -> set[str]:
        return documents_in(self._conn(), collections)

    def count_in(self, collections: Sequence[str]) -> tuple[int, int]:
        return count_in(self._conn(), collections)

    def create_collection(self, name: str) -> None:
        with self._transaction() as conn:
            ensure(conn, [name])

    def add_to_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        slug_or_invalid(name)
        with self._transaction() as conn:
            add(conn, name, list(dict.fromkeys(doc_ids)))

    def remove_from_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        slug_or_invalid(name)
        with self._transaction() as conn:
            remove(conn, name, list(dict.fromkeys(doc_ids)))

    def delete_collection(self, name: str, documents: OnDelete = "refuse") -> int:
        slug_or_invalid(name)
        conn = self._conn()
        check_deletable(conn, name)
        held = len(members(conn, name))
        if documents == "delete":  # the vectors change too: one write, the collection dropped in its transaction
            self.write([], deletes=only_in(conn, name), then=lambda c: drop(c, name))
            return held
        with self._transaction() as conn:
            check_deletable(conn, name)
            held = len(members(conn, name))
            if held and documents == "refuse":
                raise CollectionNotEmpty(f"collection {name!r} still holds {held} documents: say what happens to them "
                                         f"(--documents delete|keep on the CLI, documents=delete|keep on the API)")
            drop(conn, name)
        return held

    @contextmanager
    def _transaction(self, wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """A SQLite-only write (membership, sentence rows added later): under the write lock, all or nothing."""
        with self._write_lock(wait):
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if is_disk_full(exc):
                    raise StorageFull() from exc
                raise

