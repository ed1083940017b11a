"""Answers people rated, in SQLite beside the index; thumbs-down answers become eval candidates.

Each answer shown in a chat surface (Slack) is recorded once with its question and citations; every click
on 👍/👎 is a row of its own (who, when, which way). ``export`` writes the answers whose latest vote by
anyone is 👎 as lines of the eval dataset format (``eval/dataset.py``), to be checked and given facts.
Each answer records the collections it searched (NULL: all); an export for some collections holds only the
answers that searched within them, so it carries no other team's questions, passages or citations.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from rag.sqlite_file import SQLiteFile
from rag.types import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, query TEXT, answer TEXT NOT NULL, grounded INTEGER NOT NULL,
    citations TEXT NOT NULL, surface TEXT NOT NULL, place TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY, answer_id TEXT NOT NULL REFERENCES answers(answer_id), user TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), created_at TEXT NOT NULL);
"""

Vote = Literal["up", "down"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    def __init__(self, path: Path | str) -> None:
        self.db = SQLiteFile(path, _SCHEMA)
        self.path = self.db.path
        columns = {row[1] for row in self._conn().execute("PRAGMA table_info(answers)")}
        if "collections" not in columns:  # a file from before collections: its answers searched everything
            self._conn().execute("ALTER TABLE answers ADD COLUMN collections TEXT")

    def _conn(self) -> sqlite3.Connection:
        return self.db.conn()

    def record_answer(self, answer: Answer, surface: str, place: str | None = None,
                      collections: Iterable[str] | None = None) -> str:
        """``collections``: the ones the answer searched (None: all)."""
        answer_id = uuid.uuid4().hex
        citations = [c.model_dump(include={"id", "doc_id", "title", "chunk_id", "text"}) for c in answer.citations]
        searched = None if collections is None else json.dumps(sorted(collections))
        self._conn().execute(
            "INSERT INTO answers (answer_id, question, query, answer, grounded, citations, surface, place, created_at,"
            " collections) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (answer_id, answer.question, answer.query, answer.answer, int(answer.grounded), json.dumps(citations),
             surface, place, _now(), searched))
        return answer_id

    def vote(self, answer_id: str, user: str, vote: Vote) -> bool:
        """Store one click; False when the answer is unknown (an old or forged button)."""
        conn = self._conn()
        if conn.execute("SELECT 1 FROM answers WHERE answer_id = ?", (answer_id,)).fetchone() is None:
            return False
        conn.execute("INSERT INTO votes (answer_id, user, vote, created_at) VALUES (?,?,?,?)",
                     (answer_id, user, vote, _now()))
        return True

    def votes(self) -> list[dict[str, Any]]:
        rows = self._conn().execute(
            "SELECT v.answer_id, v.user, v.vote, v.created_at, a.question FROM votes v JOIN answers a USING (answer_id)"
            " ORDER BY v.id").fetchall()
        return [dict(zip(("answer_id", "user", "vote", "created_at", "question"), r)) for r in rows]

    def export(self, down_only: bool = True, collections: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Eval dataset lines: one per answer whose latest vote is down (or any vote); with ``collections``,
        only answers that searched nothing but (some of) those collections."""
        rows = self._conn().execute("""
            SELECT a.answer_id, a.question, a.answer, a.grounded, a.citations, v.vote, a.collections FROM answers a
            JOIN votes v ON v.id = (SELECT MAX(id) FROM votes WHERE answer_id = a.answer_id)
            ORDER BY a.created_at, a.answer_id""").fetchall()
        allowed = None if collections is None else set(collections)
        lines = []
        for answer_id, question, text, grounded, citations, vote, searched in rows:
            if down_only and vote != "down":
                continue
            if allowed is not None and (searched is None or not set(json.loads(searched)) <= allowed):
                continue
            doc_ids = list(dict.fromkeys(c["doc_id"] for c in json.loads(citations)))
            lines.append({"id": f"feedback-{answer_id[:12]}", "question": question, "facts": [], "sources": doc_ids,
                          "answerable": True, "conflict": False, "tags": ["feedback", f"vote-{vote}"],
                          "note": f"{'answered' if grounded else 'declined'}: {text}"[:2000]})
        return lines
