"""A small SQLite file beside the index, one connection per thread (WAL, autocommit)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


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
            conn.execute("PRAGMA journal_mode=WAL")
            if not self.durable:
                conn.execute("PRAGMA synchronous=OFF")
            self._local.conn = conn
        return conn
