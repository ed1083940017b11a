"""What the bot remembers beside the index: Slack event ids already handled (retries answered once), the
turns of each thread it answered in (so follow-ups in a thread work as in /v1/chat), and the collections each
thread started with (its follow-ups search the same ones, even after the channel's settings change)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from rag.sqlite_file import SQLiteFile
from rag.types import MAX_TURNS, ChatMessage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, seen_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, thread_ts TEXT NOT NULL,
                                  role TEXT NOT NULL, content TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS turns_thread ON turns (channel, thread_ts, id);
CREATE TABLE IF NOT EXISTS threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, collections TEXT,
                                    PRIMARY KEY (channel, thread_ts));
"""
KEEP_EVENTS_SECONDS = 24 * 3600


class SlackMemory:
    def __init__(self, path: Path | str) -> None:
        self.db = SQLiteFile(path, _SCHEMA)
        self.path = self.db.path

    def _conn(self) -> sqlite3.Connection:
        return self.db.conn()

    def first_time(self, event_id: str) -> bool:
        """True the first time an event id is seen, in any process sharing this file; False for a redelivery."""
        now = time.time()
        conn = self._conn()
        inserted = conn.execute("INSERT OR IGNORE INTO events (event_id, seen_at) VALUES (?, ?)", (event_id, now)).rowcount
        if inserted and int(now) % 100 == 0:
            conn.execute("DELETE FROM events WHERE seen_at < ?", (now - KEEP_EVENTS_SECONDS,))
        return bool(inserted)

    def history(self, channel: str, thread_ts: str) -> list[ChatMessage]:
        rows = self._conn().execute(
            "SELECT role, content FROM turns WHERE channel = ? AND thread_ts = ? ORDER BY id DESC LIMIT ?",
            (channel, thread_ts, MAX_TURNS - 1)).fetchall()
        return [ChatMessage(role=role, content=content) for role, content in reversed(rows)]

    def add(self, channel: str, thread_ts: str, question: str, answer: str) -> None:
        conn = self._conn()
        conn.executemany("INSERT INTO turns (channel, thread_ts, role, content) VALUES (?, ?, ?, ?)",
                         [(channel, thread_ts, "user", question), (channel, thread_ts, "assistant", answer)])

    def thread_collections(self, channel: str, thread_ts: str, starting: frozenset[str] | None) -> frozenset[str] | None:
        """The collections the thread started with; a new thread starts with ``starting`` (None: all)."""
        stored = json.dumps(None if starting is None else sorted(starting))
        conn = self._conn()
        conn.execute("INSERT OR IGNORE INTO threads (channel, thread_ts, collections) VALUES (?, ?, ?)",
                     (channel, thread_ts, stored))
        row = conn.execute("SELECT collections FROM threads WHERE channel = ? AND thread_ts = ?",
                           (channel, thread_ts)).fetchone()
        names = json.loads(row[0])
        return None if names is None else frozenset(names)
