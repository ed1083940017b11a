"""The shared store: documents, chunks, pgvector HNSW vectors and a tsvector keyword index in PostgreSQL.

Tables (created on first open, in the schema first on the connection's search_path):
    rag_manifest   embedder, dimension, chunker, schema version
    rag_documents  one row per document
    rag_chunks     text, ``embedding vector(dim)`` (HNSW, inner product) and ``tsv`` (generated from the
                   text with the 'english' configuration, GIN), so the vector and keyword sides of a chunk
                   are one row and commit together
    rag_sentences  each chunk's sentences with typed claims and vectors (rag/stores/sentences_postgres.py),
                   written in the same transaction and deleted with their chunks

A write is one transaction holding a transaction-level advisory lock, so writers queue (up to
``lock_timeout`` seconds, then IndexLocked) and readers in any process see the old or the new state,
never a mix. Any number of API replicas may share one database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import numpy as np

from rag.claims.records import SentenceRecord
from rag.errors import ConfigError, IndexEmpty, IndexLocked, IndexMismatch, NotFound, StorageFull, StoreUnavailable
from rag.stores import pg_membership as membership
from rag.stores import sentences_postgres
from rag.stores.manifest import SCHEMA_VERSION, chunking_mismatch, mismatch
from rag.syndication import copy_labels, summary_row
from rag.types import Chunk, Document, Filters, Passage

try:
    import psycopg
    from pgvector.psycopg import register_vector
    from psycopg import errors as pg_errors
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ConfigError(f"store.backend = 'postgres' needs the PostgreSQL drivers ({exc.name} is missing): "
                      f"pip install 'rag-articles[postgres]'") from None

KEYWORD_INDEX = "tsvector-english-v1"
_LOCK = "pg_advisory_xact_lock(72616701, hashtext(current_schema()))"  # one writer per schema
_TRY_LOCK = "pg_try_advisory_xact_lock(72616701, hashtext(current_schema()))"
BULK_CHUNKS = 5000  # a write adding this many chunks, and at least as many as the store holds, rebuilds the HNSW index
MAX_EF_SEARCH = 1000  # pgvector's ceiling; an HNSW scan returns at most ef_search rows
# The copies of each document, packed in one string (rag/syndication.py unpacks it).
_COPIES = ("(SELECT string_agg(coalesce(x.source, '') || chr(31) || coalesce(x.url, '') || chr(31) || x.doc_id, "
           "chr(30)) FROM rag_documents x WHERE x.duplicate_of = d.doc_id)")
_COLUMNS = f"c.doc_id, c.chunk_id, d.title, c.text, d.published_at, d.source, d.url, {_COPIES}, c.page"
_SUMMARY = f"d.doc_id, d.title, d.source, d.published_at, d.n_chunks, d.indexed_at, d.url, d.duplicate_of, {_COPIES}"


def _passage(r: Sequence[Any]) -> Passage:
    """A passage from ``_COLUMNS`` and its score."""
    return Passage(doc_id=r[0], chunk_id=r[1], title=r[2], text=r[3], published_at=r[4], source=r[5], url=r[6],
                   also_published_by=copy_labels(r[7]), page=r[8], score=round(float(r[9]), 6))


HNSW_INDEX = "CREATE INDEX IF NOT EXISTS rag_chunks_embedding ON rag_chunks USING hnsw (embedding vector_ip_ops)"


def _schema(dim: int) -> list[str]:
    return [
        "CREATE TABLE IF NOT EXISTS rag_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rag_documents (doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL,"
        " source TEXT, published_at TEXT, path TEXT, content_hash TEXT NOT NULL, n_chunks INTEGER NOT NULL,"
        " indexed_at TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rag_chunks (vid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " chunk_id TEXT NOT NULL UNIQUE,"
        " doc_id TEXT NOT NULL REFERENCES rag_documents(doc_id) ON DELETE CASCADE,"
        f" position INTEGER NOT NULL, text TEXT NOT NULL, embedding vector({dim}) NOT NULL,"
        " tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED, page INTEGER)",
        # Stores created before a column existed get it, empty: additive only.
        "ALTER TABLE rag_chunks ADD COLUMN IF NOT EXISTS page INTEGER",
        "CREATE INDEX IF NOT EXISTS rag_chunks_by_doc ON rag_chunks (doc_id)",
        HNSW_INDEX,
        "CREATE INDEX IF NOT EXISTS rag_chunks_tsv ON rag_chunks USING gin (tsv)",
        *sentences_postgres.SCHEMA,
    ]


# Added for articles from URLs and syndicated copies: stores created before get them on their next open.
_ADDED_COLUMNS = ("url", "duplicate_of", "fingerprint")


def redact(url: str) -> str:
    """The URL without its password (and without any other secret option), for messages."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an unparseable store.url)"
    host = str(parts.get("host") or "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    if host.startswith("/"):  # a unix socket directory
        return f"postgresql://{user}/{parts.get('dbname') or ''}?host={host}"
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresStore(membership.Collections):
    """A Store in PostgreSQL with pgvector: HNSW for plain dense search, exact scans under filters."""

    def __init__(self, url: str, embedder_id: str, dim: int, chunking: dict[str, int] | None = None,
                 lock_timeout: float = 10.0, pool_size: int = 10, bulk_chunks: int = BULK_CHUNKS) -> None:
        self.embedder_id = embedder_id
        self.dim = dim
        self.chunking = chunking or {}
        self.where = redact(url)
        self._lock_timeout = lock_timeout
        self._bulk_chunks = bulk_chunks
        self._connect_timeout = 10.0
        try:
            with psycopg.connect(url, connect_timeout=10) as conn:
                self._create_schema(conn)
        except psycopg.OperationalError as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()
            raise ConfigError(f"cannot open the PostgreSQL store at {self.where}: {reason}") from None
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, configure=register_vector,
                                    check=ConnectionPool.check_connection, name="rag-store", open=True)
        self._closed = threading.Event()
        self._check_manifest()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; losing the database is StoreUnavailable (503, retry), never a raw driver error."""
        try:
            with self._pool.connection(timeout=self._connect_timeout) as conn:
                yield conn
        except pg_errors.DiskFull:
            raise StorageFull("the PostgreSQL server's disk is full: nothing was written; free space on the "
                              "database server and try again") from None
        except (psycopg.OperationalError, PoolTimeout) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()
            raise StoreUnavailable(f"the PostgreSQL store at {self.where} is unavailable ({reason}); "
                                   f"try again shortly") from None

    def close(self) -> None:
        if not self._closed.is_set():
            self._closed.set()
            self._pool.close()

    # -- schema and manifest ------------------------------------------------------------------

    def _create_schema(self, conn: psycopg.Connection[Any]) -> None:
        with conn.transaction():
            conn.execute(f"SELECT {_LOCK}")
            if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone() is None:
                try:
                    conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
                except pg_errors.InsufficientPrivilege:
                    raise ConfigError(f"the database at {self.where} lacks the pgvector extension and this user may "
                                      f"not create it: have an administrator run CREATE EXTENSION vector") from None
            elif conn.execute("SELECT to_regtype('vector')").fetchone() == (None,):
                raise ConfigError(f"the pgvector extension of {self.where} is in a schema outside this connection's "
                                  f"search_path: add that schema (usually public) to it, e.g. options=-csearch_path=rag,public")
            for statement in _schema(self.dim):
                conn.execute(statement)
            have = {name for (name,) in conn.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'rag_documents'::regclass AND NOT attisdropped")}
            for column in _ADDED_COLUMNS:
                if column not in have:  # checked first: ALTER TABLE locks out readers even when it adds nothing
                    conn.execute(f"ALTER TABLE rag_documents ADD COLUMN {column} TEXT")
            conn.execute("CREATE INDEX IF NOT EXISTS rag_documents_by_original ON rag_documents (duplicate_of)")
            membership.create(conn)
            column_dim = conn.execute("SELECT atttypmod FROM pg_attribute WHERE attrelid = 'rag_chunks'::regclass "
                                      "AND attname = 'embedding'").fetchone()
            claimed = conn.execute("SELECT 1 FROM rag_manifest WHERE key = 'embedder'").fetchone()
            empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM rag_chunks)").fetchone()
            if column_dim and column_dim[0] != self.dim and claimed is None and empty and empty[0]:
                # Created by an earlier open with another embedder that never wrote: nothing to keep.
                conn.execute(f"ALTER TABLE rag_chunks ALTER COLUMN embedding TYPE vector({int(self.dim)})")

    def manifest(self) -> dict[str, str]:
        with self._connection() as conn:
            return dict(conn.execute("SELECT key, value FROM rag_manifest").fetchall())

    def _mismatch(self, found: dict[str, str]) -> IndexMismatch | None:
        return mismatch(found, self.embedder_id, self.dim, f"the store at {self.where}",
                        "another database (or schema) for this embedder")

    def _check_manifest(self) -> None:
        problem = self._mismatch(self.manifest())
        if problem is not None:
            raise problem

    def _chunking_mismatch(self, found: dict[str, str]) -> IndexMismatch | None:
        return chunking_mismatch(found, self.chunking, f"the store at {self.where}", "another database (or schema)")

    def check_chunking(self) -> None:
        """Writers call this: chunks of one store must all be cut the same way."""
        problem = self._chunking_mismatch(self.manifest())
        if problem is not None:
            raise problem

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        with self._connection() as conn:
            row = conn.execute("SELECT (SELECT COUNT(*) FROM rag_documents), (SELECT COUNT(*) FROM rag_chunks)").fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    @staticmethod
    def _filter_sql(filters: Filters | None) -> tuple[str, list[Any]]:
        """A WHERE fragment over ``rag_documents d`` and ``rag_chunks c`` for the filters, and its arguments."""
        if filters is None:
            return "", []
        clauses: list[str] = []
        args: list[Any] = []
        if filters.doc_ids is not None:
            clauses.append("d.doc_id = ANY(%s)")
            args.append(list(filters.doc_ids))
        if filters.sources is not None:
            clauses.append("d.source = ANY(%s)")
            args.append(list(filters.sources))
        if filters.published_after is not None:
            clauses.append("d.published_at IS NOT NULL AND substr(d.published_at, 1, 10) >= %s")
            args.append(filters.published_after.isoformat())
        if filters.published_before is not None:
            clauses.append("d.published_at IS NOT NULL AND substr(d.published_at, 1, 10) <= %s")
            args.append(filters.published_before.isoformat())
        if filters.collections is not None:
            clause, names = membership.filter_clause(filters.collections)
            clauses.append(clause)
            args += names
        return " AND ".join(clauses), args

    def _passages(self, conn: psycopg.Connection[Any], sql: str, args: Sequence[Any]) -> list[Passage]:
        rows = conn.execute(sql, args).fetchall()
        if not rows and not conn.execute("SELECT EXISTS (SELECT 1 FROM rag_chunks)").fetchone()[0]:  # type: ignore[index]
            raise IndexEmpty()
        return [_passage(r) for r in rows]

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Passage]:
        """Nearest chunks by inner product. Unfiltered searches use the HNSW index (approximate); filtered
        ones rank every allowed chunk exactly, since HNSW filters after its scan and can return fewer than k."""
        query = np.ascontiguousarray(vector.reshape(-1), dtype=np.float32)
        where, args = self._filter_sql(filters)
        with self._connection() as conn:
            broad = self._broad_collection_search(conn, query, k, filters)
            if broad is not None:
                return broad
            if where or k > MAX_EF_SEARCH:
                # inner_product() is not the indexed operator, so the planner scans the allowed rows.
                sql = (f"SELECT {_COLUMNS}, inner_product(c.embedding, %s) AS score FROM rag_chunks c "
                       f"JOIN rag_documents d USING (doc_id) {'WHERE ' + where if where else ''} "
                       f"ORDER BY score DESC, c.vid LIMIT %s")
                return self._passages(conn, sql, [query, *args, k])
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(max(40, k))])
            sql = (f"SELECT {_COLUMNS}, c.score FROM (SELECT vid, doc_id, chunk_id, text, page, (embedding <#> %s) * -1 AS score "
                   f"FROM rag_chunks ORDER BY embedding <#> %s LIMIT %s) c JOIN rag_documents d USING (doc_id) "
                   f"ORDER BY c.score DESC, c.vid")
            return self._passages(conn, sql, [query, query, k])

    def _broad_collection_search(self, conn: psycopg.Connection[Any], query: np.ndarray, k: int,
                                 filters: Filters | None) -> list[Passage] | None:
        """A filter on collections alone that allows many chunks: HNSW candidates filtered after the scan, enough
        of them for k to survive (an exact scan of most of the store is slow: 230 ms at 20k chunks for 99% of
        it, measured). None when the filter is selective or too few survive: the caller ranks exactly."""
        if filters is None or filters.collections is None or k > MAX_EF_SEARCH or any(
                v is not None for v in (filters.doc_ids, filters.sources, filters.published_after, filters.published_before)):
            return None
        allowed = membership.share(conn, filters.collections)
        if allowed < membership.BROAD:
            return None
        candidates = min(MAX_EF_SEARCH, int(k / allowed * 2) + 40)
        conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(candidates)])
        sql = (f"SELECT {_COLUMNS}, c.score FROM (SELECT vid, doc_id, chunk_id, text, page, collection_ids, "
               f"(embedding <#> %s) * -1 AS score FROM rag_chunks ORDER BY embedding <#> %s LIMIT %s) c "
               f"JOIN rag_documents d USING (doc_id) WHERE c.collection_ids && %s::text[] ORDER BY c.score DESC, c.vid LIMIT %s")
        found = self._passages(conn, sql, [query, query, candidates, list(filters.collections), k])
        return found if len(found) == k else None

    def keyword_search(self, terms: Sequence[str], k: int, filters: Filters | None = None) -> list[Passage]:
        """Chunks matching any of the terms (English stemming), ranked by ts_rank_cd: higher is better, on
        another scale than BM25 (fusion scales each list by its best)."""
        terms = [t for t in dict.fromkeys(terms) if t.strip()]
        where, args = self._filter_sql(filters)
        with self._connection() as conn:
            if not terms:
                if not conn.execute("SELECT EXISTS (SELECT 1 FROM rag_chunks)").fetchone()[0]:  # type: ignore[index]
                    raise IndexEmpty()
                return []
            tsquery = " || ".join(["plainto_tsquery('english', %s)"] * len(terms))
            sql = (f"SELECT {_COLUMNS}, ts_rank_cd(c.tsv, q.query) AS score FROM (SELECT {tsquery} AS query) q, "
                   f"rag_chunks c JOIN rag_documents d USING (doc_id) WHERE c.tsv @@ q.query "
                   f"{'AND ' + where if where else ''} ORDER BY score DESC, c.vid LIMIT %s")
            return self._passages(conn, sql, [*terms, *args, k])

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
        """The stored sentence rows of the given chunks (chunks without rows are absent)."""
        if not chunk_ids:
            return {}
        with self._connection() as conn:
            return sentences_postgres.read(conn, chunk_ids)

    def chunks_without_sentences(self, limit: int) -> list[tuple[str, str]]:
        with self._connection() as conn:
            return sentences_postgres.missing(conn, limit)

    def add_sentences(self, sentences: dict[str, list[SentenceRecord]]) -> None:
        """Rows for chunks already stored (a store built before the sentence table), in one transaction."""
        with self._connection() as conn, conn.transaction():
            self._take_write_lock(conn)
            alive = {r[0] for r in conn.execute(
                "SELECT c.chunk_id FROM rag_chunks c LEFT JOIN rag_sentence_chunks s USING (chunk_id) "
                "WHERE c.chunk_id = ANY(%s) AND s.chunk_id IS NULL", [list(sentences)])}
            sentences_postgres.insert(conn, {k: v for k, v in sentences.items() if k in alive})

    def stale_claims(self, version: str, limit: int) -> list[tuple[str, int, str]]:
        with self._connection() as conn:
            return sentences_postgres.stale(conn, version, limit)

    def refresh_claims(self, rows: Sequence[tuple[str, int, str, str]]) -> None:
        """New claims for stored sentence rows, in one transaction; rows gone meanwhile are left out."""
        with self._connection() as conn, conn.transaction():
            self._take_write_lock(conn)
            sentences_postgres.set_claims(conn, rows)

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given chunks (for diversity and reranking without re-embedding)."""
        if not chunk_ids:
            return {}
        with self._connection() as conn:
            rows = conn.execute("SELECT chunk_id, embedding FROM rag_chunks WHERE chunk_id = ANY(%s)",
                                [list(chunk_ids)]).fetchall()
        return {chunk_id: np.asarray(vector.to_numpy(), dtype=np.float32) for chunk_id, vector in rows}

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        if not chunk_ids:
            return {}
        with self._connection() as conn:
            rows = conn.execute(f"SELECT a.chunk_id, {_COLUMNS} FROM rag_chunks a JOIN rag_chunks c ON c.doc_id = a.doc_id "
                                f"AND c.position = a.position + 1 JOIN rag_documents d ON d.doc_id = c.doc_id "
                                f"WHERE a.chunk_id = ANY(%s)", [list(chunk_ids)]).fetchall()
        return {r[0]: _passage((*r[1:], 0.0)) for r in rows}

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        with self._connection() as conn:
            if doc_id is None:
                rows = conn.execute("SELECT chunk_id FROM rag_chunks ORDER BY vid").fetchall()
            else:
                rows = conn.execute("SELECT chunk_id FROM rag_chunks WHERE doc_id = %s ORDER BY vid", [doc_id]).fetchall()
        return [r[0] for r in rows]

    def content_hashes(self) -> dict[str, str]:
        with self._connection() as conn:
            return dict(conn.execute("SELECT doc_id, content_hash FROM rag_documents").fetchall())

    def fingerprints(self) -> dict[str, str]:
        """MinHash fingerprints of the documents that are not themselves copies."""
        with self._connection() as conn:
            return dict(conn.execute("SELECT doc_id, fingerprint FROM rag_documents "
                                     "WHERE duplicate_of IS NULL AND fingerprint IS NOT NULL").fetchall())

    def copies_of(self, doc_id: str) -> list[str]:
        with self._connection() as conn:
            rows = conn.execute("SELECT doc_id FROM rag_documents WHERE duplicate_of = %s ORDER BY doc_id COLLATE \"C\"",
                                [doc_id]).fetchall()
        return [r[0] for r in rows]

    def get_document(self, doc_id: str) -> Document:
        keys = ("doc_id", "title", "text", "source", "published_at", "path", "content_hash", "url", "duplicate_of",
                "fingerprint")
        with self._connection() as conn:
            row = conn.execute(f"SELECT {', '.join(keys)} FROM rag_documents WHERE doc_id = %s", [doc_id]).fetchone()
        if row is None:
            raise NotFound(f"no document with doc_id {doc_id!r}")
        return Document(**dict(zip(keys, row)))

    def list_documents(self, limit: int, offset: int,
                       collections: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], int]:
        """One page of documents (without their text) in byte order of doc_id, as SQLite sorts, and the total."""
        where, args = "true", list[Any]()
        if collections is not None:
            where, args = "d.doc_id IN (SELECT doc_id FROM rag_memberships WHERE collection = ANY(%s))", [list(collections)]
        with self._connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            rows = conn.execute(f"SELECT {_SUMMARY} FROM rag_documents d WHERE {where} "
                                "ORDER BY d.doc_id COLLATE \"C\" LIMIT %s OFFSET %s", [*args, limit, offset]).fetchall()
            total = conn.execute(f"SELECT COUNT(*) FROM rag_documents d WHERE {where}", args).fetchone()[0]  # type: ignore[index]
            names = membership.of_documents(conn, [row[0] for row in rows])
        return [{**summary_row(row), "collections": names[row[0]]} for row in rows], int(total)

    def document_info(self, doc_id: str) -> dict[str, Any]:
        with self._connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            row = conn.execute(f"SELECT {_SUMMARY}, d.text, d.content_hash FROM rag_documents d WHERE d.doc_id = %s",
                               [doc_id]).fetchone()
            names = membership.of_documents(conn, [doc_id])[doc_id]
        if row is None:
            raise NotFound(f"no document with doc_id {doc_id!r}")
        return {**summary_row(row[:-2]), "collections": names, "text": row[-2], "content_hash": row[-1]}

    def verify(self) -> list[str]:
        """Problems found (empty: consistent). Vectors and keywords live in the chunk row, so the checks are
        that each is present and indexed, and that every document has exactly the chunks it records."""
        problems = []
        with self._connection() as conn:
            bad = conn.execute("SELECT COUNT(*) FILTER (WHERE embedding IS NULL OR vector_dims(embedding) != %s), "
                               "COUNT(*) FILTER (WHERE tsv IS NULL) FROM rag_chunks", [self.dim]).fetchone()
            assert bad is not None
            if bad[0]:
                problems.append(f"{bad[0]} chunks without a vector of {self.dim} dimensions")
            if bad[1]:
                problems.append(f"{bad[1]} chunks without keywords")
            indexes = {name for (name,) in conn.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = 'rag_chunks'::regclass AND i.indisvalid")}
            problems += [f"index {name} is missing or invalid" for name in ("rag_chunks_embedding", "rag_chunks_tsv")
                         if name not in indexes]
            partial = conn.execute(
                "SELECT d.doc_id, d.n_chunks, COUNT(c.vid) FROM rag_documents d LEFT JOIN rag_chunks c USING (doc_id) "
                "GROUP BY d.doc_id HAVING COUNT(c.vid) != d.n_chunks").fetchall()
            problems += [f"document {doc_id!r} records {n} chunks but has {m}" for doc_id, n, m in partial]
            orphans = conn.execute("SELECT COUNT(*) FROM rag_chunks c LEFT JOIN rag_documents d USING (doc_id) "
                                   "WHERE d.doc_id IS NULL").fetchone()[0]  # type: ignore[index]
            if orphans:
                problems.append(f"{orphans} chunks belong to no document")
            problems += sentences_postgres.verify(conn, self.dim)
        return problems

    # -- writing ------------------------------------------------------------------------------

    @staticmethod
    def _chunk_count(conn: psycopg.Connection[Any]) -> int:
        row = conn.execute("SELECT COUNT(*) FROM rag_chunks").fetchone()
        return int(row[0]) if row else 0

    def _take_write_lock(self, conn: psycopg.Connection[Any]) -> None:
        """Inside a transaction: wait up to lock_timeout for the other writers (0: do not wait)."""
        if self._lock_timeout > 0:
            conn.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(self._lock_timeout * 1000)}ms"])
            try:
                conn.execute(f"SELECT {_LOCK}")
                return
            except pg_errors.LockNotAvailable:
                pass
        elif conn.execute(f"SELECT {_TRY_LOCK}").fetchone()[0]:  # type: ignore[index]
            return
        raise IndexLocked(f"another process is writing to the store at {self.where} (waited {self._lock_timeout:g} s); "
                          f"try again when it has finished")

    def write(self, upserts: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
              deletes: Iterable[str] = (), sentences: dict[str, list[SentenceRecord]] | None = None) -> None:
        """Replace the given documents and delete others, all or nothing, in one transaction. A bulk load
        (bulk_chunks or more new chunks, at least doubling the store) rebuilds the HNSW index in the same
        transaction; searches wait for it to commit rather than see the store without its index."""
        deletes = list(deletes)
        if not upserts and not deletes:
            return
        for doc, chunks, vectors in upserts:
            if vectors.shape != (len(chunks), self.dim):
                raise ValueError(f"{doc.doc_id}: {len(chunks)} chunks but vectors of shape {vectors.shape}")
        doc_ids = list(dict.fromkeys([*deletes, *(doc.doc_id for doc, _, _ in upserts)]))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connection() as conn, conn.transaction():
            self._take_write_lock(conn)
            found = dict(conn.execute("SELECT key, value FROM rag_manifest").fetchall())
            problem = self._mismatch(found) or self._chunking_mismatch(found)
            if problem is not None:
                raise problem
            prior = membership.of_documents(conn, [doc.doc_id for doc, _, _ in upserts])
            conn.execute("DELETE FROM rag_documents WHERE doc_id = ANY(%s)", [doc_ids])  # chunks go by cascade
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO rag_documents (doc_id, title, text, source, published_at, path, content_hash, n_chunks,"
                    " indexed_at, url, duplicate_of, fingerprint) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [(doc.doc_id, doc.title, doc.text, doc.source, doc.published_at, doc.path, doc.content_hash,
                      len(chunks), now, doc.url, doc.duplicate_of, doc.fingerprint) for doc, chunks, _ in upserts])
            names = {doc.doc_id: membership.join(conn, doc.doc_id, doc.collections, prior[doc.doc_id]) for doc, _, _ in upserts}
            adding = sum(len(chunks) for _, chunks, _ in upserts)
            rebuild = adding >= self._bulk_chunks and adding >= self._chunk_count(conn)
            if rebuild:  # building the graph once is many times faster than inserting into it row by row
                conn.execute("DROP INDEX IF EXISTS rag_chunks_embedding")
            with conn.cursor() as cursor, cursor.copy(
                    "COPY rag_chunks (chunk_id, doc_id, position, text, embedding, page, collection_ids) "
                    "FROM STDIN WITH (FORMAT BINARY)") as copy:
                copy.set_types(["text", "text", "integer", "text", "vector", "integer", "text[]"])
                for doc, chunks, vectors in upserts:
                    for chunk, vector in zip(chunks, vectors):
                        copy.write_row((chunk.chunk_id, chunk.doc_id, chunk.position, chunk.text,
                                        np.asarray(vector, dtype=np.float32), chunk.page, names[doc.doc_id]))
            if sentences:
                sentences_postgres.insert(conn, sentences)
            if rebuild:
                conn.execute(HNSW_INDEX)
            manifest = {"embedder": self.embedder_id, "dim": str(self.dim), "schema": str(SCHEMA_VERSION),
                        "updated_at": now, "keyword_index": KEYWORD_INDEX}
            if self.chunking and "chunking" not in found:
                manifest["chunking"] = json.dumps(self.chunking)
            conn.cursor().executemany("INSERT INTO rag_manifest (key, value) VALUES (%s, %s) "
                                      "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", list(manifest.items()))
