"""The sentence table of the PostgreSQL store: each chunk's sentences with typed claims and vectors.

The same rows as the SQLite store's (rag/stores/sentences_sqlite.py), written in the write's transaction
and deleted with their chunks by cascade. Vectors are float16 ``bytea``: they are only read by chunk id
(the evidence reranker dots them with the question's vector), never searched, so pgvector is not needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rag.claims.records import SentenceRecord, claims_from_json
from rag.stores import sentences_sqlite
from rag.stores.sentences_sqlite import from_blob, to_blob

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS rag_sentences ("
    " chunk_id TEXT NOT NULL REFERENCES rag_chunks(chunk_id) ON DELETE CASCADE,"
    ' n INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,'
    " claims TEXT NOT NULL, claims_version TEXT NOT NULL, vector BYTEA, PRIMARY KEY (chunk_id, n))",
    "CREATE TABLE IF NOT EXISTS rag_sentence_chunks ("
    " chunk_id TEXT PRIMARY KEY REFERENCES rag_chunks(chunk_id) ON DELETE CASCADE,"
    " n_sentences INTEGER NOT NULL, n_vectors INTEGER NOT NULL)",
]


def insert(conn: Any, sentences: Mapping[str, Sequence[SentenceRecord]]) -> None:
    """Write the rows of the given chunks (in the caller's transaction; the chunks have no rows yet)."""
    with conn.cursor() as cursor, cursor.copy(
            'COPY rag_sentences (chunk_id, n, start, "end", text, claims, claims_version, vector) '
            "FROM STDIN WITH (FORMAT BINARY)") as copy:
        copy.set_types(["text", "integer", "integer", "integer", "text", "text", "text", "bytea"])
        for records in sentences.values():
            for r in records:
                copy.write_row((r.chunk_id, r.n, r.start, r.end, r.text, r.claims_json(), r.claims_version,
                                to_blob(r.vector)))
    with conn.cursor() as cursor:
        cursor.executemany("INSERT INTO rag_sentence_chunks (chunk_id, n_sentences, n_vectors) VALUES (%s, %s, %s)",
                           [(chunk_id, len(records), sum(r.vector is not None for r in records))
                            for chunk_id, records in sentences.items()])


def read(conn: Any, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
    out: dict[str, list[SentenceRecord]] = {}
    rows = conn.execute('SELECT chunk_id, n, start, "end", text, claims, claims_version, vector FROM rag_sentences '
                        "WHERE chunk_id = ANY(%s) ORDER BY chunk_id, n", [list(dict.fromkeys(chunk_ids))])
    for chunk_id, n, s, e, text, claims, version, blob in rows:
        out.setdefault(chunk_id, []).append(SentenceRecord(chunk_id, n, s, e, text, claims_from_json(claims), version,
                                                           from_blob(bytes(blob) if blob is not None else None)))
    return out


def missing(conn: Any, limit: int) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT c.chunk_id, c.text FROM rag_chunks c LEFT JOIN rag_sentence_chunks s USING (chunk_id) "
                        "WHERE s.chunk_id IS NULL ORDER BY c.vid LIMIT %s", [limit]).fetchall()
    return [(r[0], r[1]) for r in rows]


def stale(conn: Any, version: str, limit: int) -> list[tuple[str, int, str]]:
    return sentences_sqlite.stale(conn, version, limit, prefix="rag_", mark="%s")


def set_claims(conn: Any, rows: Sequence[tuple[str, int, str, str]]) -> None:
    sentences_sqlite.set_claims(conn, rows, prefix="rag_", mark="%s")


def verify(conn: Any, dim: int) -> list[str]:
    return sentences_sqlite.verify(conn, dim, prefix="rag_", mark="%s")
