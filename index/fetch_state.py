"""What fetching remembers between runs, in ``fetch.sqlite`` beside the index: each URL's ETag and
Last-Modified (for conditional GETs), and the feed items already indexed. Each update is one transaction,
written only after the documents it describes have committed to the store."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from rag.sqlite_file import use_wal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (url TEXT PRIMARY KEY, doc_id TEXT NOT NULL, etag TEXT, last_modified TEXT,
                                 fetched_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feed_items (key TEXT PRIMARY KEY, feed TEXT NOT NULL, doc_id TEXT NOT NULL,
                                       seen_at TEXT NOT NULL);
"""


class FetchState:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as conn:
            conn.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            use_wal(conn)
            conn.execute("PRAGMA synchronous=FULL")
            self._local.conn = conn
        return conn

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the last fetch of this URL."""
        row = self._conn().execute("SELECT etag, last_modified FROM urls WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember(self, fetched: Iterable[tuple[str, str, str | None, str | None]]) -> None:
        """Record (url, doc_id, etag, last_modified) of URLs whose documents are now in the store."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(*row, now) for row in fetched]
        if rows:
            with self._conn() as conn:  # commits (or rolls back) the explicit transaction
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR REPLACE INTO urls (url, doc_id, etag, last_modified, fetched_at) "
                                 "VALUES (?, ?, ?, ?, ?)", rows)

    def seen(self, keys: Iterable[str]) -> set[str]:
        """Which of these item keys are already indexed."""
        wanted = list(keys)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            found |= {r[0] for r in self._conn().execute(
                f"SELECT key FROM feed_items WHERE key IN ({','.join('?' * len(part))})", part)}
        return found

    def mark_seen(self, feed: str, items: Iterable[tuple[Iterable[str], str]]) -> None:
        """Record feed items (their keys, and the doc_id they became) in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(key, feed, doc_id, now) for keys, doc_id in items for key in keys]
        if rows:
            with self._conn() as conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR REPLACE INTO feed_items (key, feed, doc_id, seen_at) VALUES (?, ?, ?, ?)",
                                 rows)
