"""The rate limit's token buckets shared by the worker processes of one server, in a SQLite file.

The same buckets as api/security.py's ``RateLimiter`` (``per_minute`` tokens per caller, refilled continuously),
each taken in one write transaction, so two workers never both spend a caller's last token: a caller gets
``per_minute`` requests a minute from the server, whichever workers serve them. The file is this server run's
(``rag serve`` makes a fresh directory and removes it); commits are not synced to disk. A bucket idle for a
minute is full again, the same as no row, so such rows are dropped now and then.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from api.security import refusal
from rag.sqlite_file import SQLiteFile

SCHEMA = "CREATE TABLE IF NOT EXISTS buckets (caller TEXT PRIMARY KEY, tokens REAL NOT NULL, last REAL NOT NULL)"
PRUNE_EVERY = 1000  # takes of this process between two sweeps of full buckets


class SharedRateLimiter:
    """``take(caller)`` as RateLimiter's, over a file every worker opens; 0 turns it off."""

    def __init__(self, path: Path, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.per_second = per_minute / 60.0
        self._file = SQLiteFile(path, SCHEMA, durable=False) if per_minute > 0 else None
        self._takes = 0
        self._count_lock = threading.Lock()

    def take(self, caller: str) -> None:
        if self._file is None:
            return
        conn = self._file.conn()
        now = time.monotonic()  # one clock for every process of the machine (CLOCK_MONOTONIC)
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT tokens, last FROM buckets WHERE caller = ?", (caller,)).fetchone()
            tokens, last = row if row is not None else (self.capacity, now)
            tokens = min(self.capacity, tokens + max(0.0, now - last) * self.per_second)
            left = tokens - 1.0 if tokens >= 1.0 else tokens
            conn.execute("INSERT INTO buckets (caller, tokens, last) VALUES (?, ?, ?) ON CONFLICT(caller) "
                         "DO UPDATE SET tokens = excluded.tokens, last = excluded.last", (caller, left, now))
            if self._sweep_due():
                conn.execute("DELETE FROM buckets WHERE last < ?", (now - 60.0,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if tokens < 1.0:
            raise refusal(self.capacity, self.per_second, tokens)

    def _sweep_due(self) -> bool:
        with self._count_lock:
            self._takes += 1
            return self._takes % PRUNE_EVERY == 0
