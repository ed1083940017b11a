"""A small SQLite file beside the index, one connection per thread (WAL, autocommit)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path


def use_wal(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """Put the database in WAL mode (it stays so in the file). Switching takes an exclusive lock, and SQLite
    answers "database is locked" at once, without its busy timeout, while another process creates or switches
    the same file: two indexers started together on a new index hit it. So only a file not yet in WAL switches,
    retried until ``wait`` seconds have gone."""
    deadline = time.monotonic() + wait
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


class SQLiteFile:
    def __init__(self, path: Path | str, schema: str, durable: bool = True) -> None:
        """``durable=False``: commits are not synced to disk (``synchronous=OFF``), for state that need not
        outlive a crash of the machine."""
        self.path = Path(path)
        self.durable = durable
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self.conn().executescript(schema)

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            use_wal(conn)
            if not self.durable:
                conn.execute("PRAGMA synchronous=OFF")
            self._local.conn = conn
        return conn
