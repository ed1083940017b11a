"""The sentence table of the FAISS + SQLite store: each chunk's sentences with their typed claims and vectors.

The rows live in ``meta.sqlite`` beside the chunks and are written in the transaction that switches the
index to its next generation, so a crash or a full disk leaves the previous generation's rows whole, as
it does its chunks. Vectors are float16 blobs (half the bytes; scores agree with float32 to about 1e-3),
read by chunk id: the evidence reranker reads a few hundred per question instead of embedding them.

    sentences       (chunk_id, n) -> start, end, text, claims (JSON), claims_version, vector (NULL when
                    the evidence scorer never ranks the sentence: questions, fragments)
    sentence_chunks chunk_id -> n_sentences, n_vectors: what each chunk's rows must add up to (``rag check``)

Both reference ``chunks(chunk_id)`` with ON DELETE CASCADE: deleting a document's chunks deletes its rows.
Indexes built before this table have chunks without rows; readers fall back to computing what is missing,
and ``rag index --upgrade`` fills them in (``missing``, then ``insert`` in the store's ``add_sentences``), and
recomputes the claims of rows another claims version wrote (``stale``, then ``set_claims``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from rag.claims.records import SentenceRecord, claims_from_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    chunk_id TEXT NOT NULL REFERENCES chunks(chunk_id) ON DELETE CASCADE,
    n INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    claims TEXT NOT NULL, claims_version TEXT NOT NULL, vector BLOB,
    PRIMARY KEY (chunk_id, n));
CREATE TABLE IF NOT EXISTS sentence_chunks (
    chunk_id TEXT PRIMARY KEY REFERENCES chunks(chunk_id) ON DELETE CASCADE,
    n_sentences INTEGER NOT NULL, n_vectors INTEGER NOT NULL);
"""
UPGRADE_COMMAND = "rag index --upgrade"


def to_blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype="<f2").tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype="<f2").astype(np.float32)


def insert(conn: sqlite3.Connection, sentences: Mapping[str, Sequence[SentenceRecord]]) -> None:
    """Write the rows of the given chunks (in the caller's transaction)."""
    conn.executemany(
        'INSERT OR REPLACE INTO sentences (chunk_id, n, start, "end", text, claims, claims_version, vector) '
        "VALUES (?,?,?,?,?,?,?,?)",
        [(r.chunk_id, r.n, r.start, r.end, r.text, r.claims_json(), r.claims_version, to_blob(r.vector))
         for records in sentences.values() for r in records])
    conn.executemany(
        "INSERT OR REPLACE INTO sentence_chunks (chunk_id, n_sentences, n_vectors) VALUES (?,?,?)",
        [(chunk_id, len(records), sum(r.vector is not None for r in records))
         for chunk_id, records in sentences.items()])


def read(conn: sqlite3.Connection, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
    """The rows of the given chunks, in sentence order; chunks without rows are absent."""
    out: dict[str, list[SentenceRecord]] = {}
    ids = list(dict.fromkeys(chunk_ids))
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        rows = conn.execute(
            'SELECT chunk_id, n, start, "end", text, claims, claims_version, vector FROM sentences '
            f"WHERE chunk_id IN ({','.join('?' * len(part))}) ORDER BY chunk_id, n", part)
        for chunk_id, n, s, e, text, claims, version, blob in rows:
            out.setdefault(chunk_id, []).append(
                SentenceRecord(chunk_id, n, s, e, text, claims_from_json(claims), version, from_blob(blob)))
    return out


def stale(conn: Any, version: str, limit: int, prefix: str = "", mark: str = "?") -> list[tuple[str, int, str]]:
    """(chunk_id, n, text) of up to ``limit`` rows whose claims another extraction computed (``claims_version``)."""
    rows = conn.execute(f"SELECT chunk_id, n, text FROM {prefix}sentences WHERE claims_version <> {mark} "
                        f"ORDER BY chunk_id, n LIMIT {mark}", (version, limit)).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def set_claims(conn: Any, rows: Sequence[tuple[str, int, str, str]], prefix: str = "", mark: str = "?") -> None:
    """Replace the claims of the given rows, (chunk_id, n, claims JSON, version), in the caller's transaction;
    their text and vectors stay as they are."""
    conn.cursor().executemany(f"UPDATE {prefix}sentences SET claims = {mark}, claims_version = {mark} "
                              f"WHERE chunk_id = {mark} AND n = {mark}",
                              [(claims, version, chunk_id, n) for chunk_id, n, claims, version in rows])


def missing(conn: sqlite3.Connection, limit: int) -> list[tuple[str, str]]:
    """(chunk_id, text) of chunks that have no sentence rows (indexed before the table existed)."""
    return conn.execute("SELECT c.chunk_id, c.text FROM chunks c LEFT JOIN sentence_chunks s USING (chunk_id) "
                        "WHERE s.chunk_id IS NULL ORDER BY c.vid LIMIT ?", (limit,)).fetchall()


def verify(conn: Any, dim: int, prefix: str = "", mark: str = "?") -> list[str]:
    """Every chunk has its sentence rows, and each chunk's rows and vectors add up to what it records; the same
    checks for the PostgreSQL store's tables (``prefix="rag_", mark="%s"``, rag/stores/sentences_postgres.py).

    A store with no sentence rows at all was built before them (or written without them): that is not an
    inconsistency (readers compute what they need), and ``rag check`` says how to add them."""
    chunks, sentence_chunks, sentences = f"{prefix}chunks", f"{prefix}sentence_chunks", f"{prefix}sentences"

    def count(sql: str, args: Sequence[Any] = ()) -> int:
        return int(conn.execute(sql, list(args)).fetchone()[0])

    problems = []
    without = count(f"SELECT COUNT(*) FROM {chunks} c LEFT JOIN {sentence_chunks} s USING (chunk_id) "
                    "WHERE s.chunk_id IS NULL")
    if without and count(f"SELECT COUNT(*) FROM (SELECT 1 FROM {sentence_chunks} LIMIT 1) t"):
        problems.append(f"{without} chunks have no sentence rows (indexed before sentence vectors): "
                        f"run `{UPGRADE_COMMAND}` to add them")
    differ = count(f"SELECT COUNT(*) FROM {sentence_chunks} k LEFT JOIN (SELECT chunk_id, COUNT(*) AS n, "
                   f"COUNT(vector) AS v FROM {sentences} GROUP BY chunk_id) s USING (chunk_id) "
                   "WHERE coalesce(s.n, 0) != k.n_sentences OR coalesce(s.v, 0) != k.n_vectors")
    if differ:
        problems.append(f"{differ} chunks whose sentence rows or vectors differ from the count recorded")
    bad = count(f"SELECT COUNT(*) FROM {sentences} WHERE vector IS NOT NULL AND length(vector) != {mark}", [2 * dim])
    if bad:
        problems.append(f"{bad} sentence vectors without {dim} dimensions")
    orphans = count(f"SELECT COUNT(*) FROM {sentences} s LEFT JOIN {sentence_chunks} k USING (chunk_id) "
                    "WHERE k.chunk_id IS NULL")
    if orphans:
        problems.append(f"{orphans} sentence rows belong to no recorded chunk")
    return problems
