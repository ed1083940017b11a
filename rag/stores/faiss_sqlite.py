"""The default store: FAISS vectors plus SQLite text and metadata in one directory, written atomically.

Layout of an index directory:
    meta.sqlite          documents, chunks, collection membership (rag/stores/sqlite_membership.py), the keyword
                         index (FTS5 over chunk text, kept in step with ``chunks`` by triggers, so it commits in
                         the same transaction; its term counts ``keyword_df``, written in the same transaction:
                         rag/stores/keyword_fts.py), each chunk's sentences with their claims and vectors
                         (rag/stores/sentences_sqlite.py, same transaction), manifest (embedder, dimension,
                         chunker, generation)
    vectors-<gen>.faiss  the vectors of generation <gen>; ids are the chunks' ``vid``
    write.lock           held by the one process writing

A write builds the next generation's FAISS file beside the current one (temp file, fsync, rename),
then commits the SQLite transaction that switches ``generation`` to it. A crash at any point leaves the
committed generation and its file untouched; files of other generations are swept on the next write.
Readers notice a new generation on their next search and load it.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from rag.claims.records import SentenceRecord
from rag.errors import IndexCorrupt, IndexEmpty, IndexLocked, NotFound, StorageFull, is_disk_full
from rag.sqlite_file import use_wal
from rag.stores import faiss_vectors, keyword_fts, sentences_sqlite
from rag.stores import sqlite_membership as membership
from rag.stores.manifest import SCHEMA_VERSION, chunking_mismatch, mismatch
from rag.syndication import copy_labels, summary_row
from rag.types import Chunk, Document, Filters, Passage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, source TEXT, published_at TEXT,
    path TEXT, content_hash TEXT NOT NULL, n_chunks INTEGER NOT NULL, indexed_at TEXT NOT NULL,
    url TEXT, duplicate_of TEXT, fingerprint TEXT);
CREATE TABLE IF NOT EXISTS chunks (
    vid INTEGER PRIMARY KEY AUTOINCREMENT, chunk_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL, text TEXT NOT NULL, page INTEGER);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, content='chunks', content_rowid='vid', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS chunks_fts_add AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text) VALUES (new.vid, new.text); END;
CREATE TRIGGER IF NOT EXISTS chunks_fts_del AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.vid, old.text); END;
"""
KEYWORD_INDEX = "fts5-porter-v2"  # v2: v1 plus the term counts (keyword_df) of the bounded keyword search
_ADDED_COLUMNS = {"url", "duplicate_of", "fingerprint"}
# The copies of each document, packed in one string (rag/syndication.py unpacks it).
_COPIES = ("(SELECT group_concat(coalesce(x.source, '') || char(31) || coalesce(x.url, '') || char(31) || x.doc_id, "
           "char(30)) FROM documents x WHERE x.duplicate_of = d.doc_id)")
_SUMMARY = f"d.doc_id, d.title, d.source, d.published_at, d.n_chunks, d.indexed_at, d.url, d.duplicate_of, {_COPIES}"
# a passage's columns, read by ``_passage``
_COLUMNS = f"c.doc_id, c.chunk_id, d.title, c.text, d.published_at, d.source, d.url, {_COPIES}, c.page"


def _passage(row: Sequence[Any], score: float) -> Passage:
    return Passage(doc_id=row[0], chunk_id=row[1], title=row[2], text=row[3], published_at=row[4], source=row[5],
                   url=row[6], also_published_by=copy_labels(row[7]), page=row[8], score=round(score, 6))


class FaissStore(membership.Collections):
    """The default Store: inner-product search over unit vectors, exact below ``ivf_threshold`` chunks,
    an inverted file with 8-bit codes (``nprobe`` lists searched) above it (rag/stores/faiss_vectors.py)."""

    def __init__(self, directory: Path | str, embedder_id: str, dim: int,
                 chunking: dict[str, int] | None = None, lock_timeout: float = 0.0,
                 ivf_threshold: int = 200_000, nprobe: int = 128, mmap: bool = True,
                 exact_filter_limit: int = 20_000, keyword_budget: int = 2_000) -> None:
        self.directory = Path(directory)
        self.ivf_threshold = ivf_threshold
        self.nprobe = nprobe
        self.exact_filter_limit = exact_filter_limit
        self.mmap = mmap
        self.embedder_id = embedder_id
        self.dim = dim
        self.chunking = chunking or {}
        self._lock_timeout = lock_timeout
        self._local = threading.local()
        self._reload_lock = threading.Lock()
        self._writer = threading.Lock()  # threads of this process queue here; write.lock is between processes
        self._index: faiss.Index | None = None
        self._keyword = keyword_fts.BoundedKeyword(keyword_budget)
        self._generation = -1
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._conn() as conn:
            conn.executescript(_SCHEMA + keyword_fts.SCHEMA + sentences_sqlite.SCHEMA)
            conn.executescript(membership.SCHEMA)
        self._add_document_columns()
        self._check_manifest()
        self._add_columns()
        self._build_keyword_index()
        if self.manifest().get("membership") != membership.VERSION:
            with self._transaction(wait=30.0) as conn:
                membership.migrate(conn)

    # -- connections and manifest -------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.directory / "meta.sqlite", timeout=30, isolation_level=None,
                                   check_same_thread=False)
            use_wal(conn)
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def manifest(self) -> dict[str, str]:
        return dict(self._conn().execute("SELECT key, value FROM manifest").fetchall())

    def _where(self) -> tuple[str, str]:
        return f"the index in {self.directory}", "a new --index directory"

    def _check_manifest(self) -> None:
        problem = mismatch(self.manifest(), self.embedder_id, self.dim, *self._where())
        if problem is not None:
            raise problem

    def _add_columns(self) -> None:
        """Indexes written before a column existed get it (empty), once, under the write lock: additive only."""
        def missing() -> bool:
            return "page" not in {row[1] for row in self._conn().execute("PRAGMA table_info(chunks)")}

        if not missing():
            return
        with self._write_lock(wait=30.0):
            if missing():
                self._conn().execute("ALTER TABLE chunks ADD COLUMN page INTEGER")

    def _add_document_columns(self) -> None:
        """Indexes built before articles came from URLs get the new document columns (additive, once)."""
        conn = self._conn()
        if {r[1] for r in conn.execute("PRAGMA table_info(documents)")} >= _ADDED_COLUMNS:
            # A store created with these columns needs the index too: without it every passage read scanned
            # all documents for its copies (60 ms a search at 10k chunks, measured).
            conn.execute("CREATE INDEX IF NOT EXISTS documents_by_original ON documents(duplicate_of)")
            return
        conn.execute("BEGIN IMMEDIATE")  # serializes processes opening the same old index
        try:
            have = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
            for column in sorted(_ADDED_COLUMNS - have):
                conn.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
            conn.execute("CREATE INDEX IF NOT EXISTS documents_by_original ON documents(duplicate_of)")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _build_keyword_index(self) -> None:
        """Indexes written before the keyword side existed get it built once, under the write lock."""
        if self.manifest().get("keyword_index") == KEYWORD_INDEX:
            return
        with self._write_lock(wait=30.0):
            conn = self._conn()
            built = self.manifest().get("keyword_index")
            if built == KEYWORD_INDEX:
                return
            conn.execute("BEGIN IMMEDIATE")
            if built != "fts5-porter-v1":  # v1 has the FTS5 index already, only not its term counts
                conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')")
            keyword_fts.rebuild_frequencies(conn)
            conn.execute("INSERT OR REPLACE INTO manifest (key, value) VALUES ('keyword_index', ?)", (KEYWORD_INDEX,))
            conn.execute("COMMIT")

    def check_chunking(self) -> None:
        """Writers call this: chunks of one index must all be cut the same way."""
        problem = chunking_mismatch(self.manifest(), self.chunking, *self._where())
        if problem is not None:
            raise problem

    def _generation_on_disk(self) -> int:
        row = self._conn().execute("SELECT value FROM manifest WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def _vector_file(self, generation: int) -> Path:
        return self.directory / f"vectors-{generation}.faiss"

    # -- reading ------------------------------------------------------------------------------

    def _current_index(self) -> faiss.Index | None:
        for _ in range(3):
            generation = self._generation_on_disk()
            if generation == self._generation:
                return self._index
            with self._reload_lock:
                try:
                    index = self._read_index(generation, mmap=self.mmap)
                except IndexCorrupt:
                    # A writer may have committed and swept this generation since we read its number.
                    if self._generation_on_disk() != generation:
                        continue
                    raise
                self._index, self._generation = index, generation
        return self._index

    def _read_index(self, generation: int, mmap: bool = False) -> faiss.Index | None:
        """The vectors of a generation; ``mmap`` for searching only (a mapped index is read-only)."""
        if generation == 0:
            return None
        path = self._vector_file(generation)
        missing = IndexCorrupt(f"{path} is missing although the index records generation {generation}")
        if not path.exists():
            raise missing
        try:
            return faiss_vectors.read(path, mmap)
        except RuntimeError:
            if not path.exists():  # swept by a writer between the check and the read: the caller retries
                raise missing from None
            raise

    def count(self) -> tuple[int, int]:
        conn = self._conn()
        docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        chunks = conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        return int(docs), int(chunks)

    def _filter_sql(self, filters: Filters | None) -> tuple[str, list[str]]:
        """A WHERE fragment over ``documents d`` for the filters, and its arguments."""
        if filters is None:
            return "", []
        clauses, args = [], []
        if filters.doc_ids is not None:
            clauses.append(f"d.doc_id IN ({','.join('?' * len(filters.doc_ids))})")
            args += filters.doc_ids
        if filters.sources is not None:
            clauses.append(f"d.source IN ({','.join('?' * len(filters.sources))})")
            args += filters.sources
        if filters.published_after is not None:
            clauses.append("d.published_at IS NOT NULL AND substr(d.published_at, 1, 10) >= ?")
            args.append(filters.published_after.isoformat())
        if filters.published_before is not None:
            clauses.append("d.published_at IS NOT NULL AND substr(d.published_at, 1, 10) <= ?")
            args.append(filters.published_before.isoformat())
        if filters.collections is not None:
            clause, names = membership.filter_clause(filters.collections)
            clauses.append(clause)
            args += names
        return " AND ".join(clauses), args

    def allowed_vids(self, filters: Filters | None) -> np.ndarray | None:
        """The chunk ids the filters let through (None: no filter)."""
        where, args = self._filter_sql(filters)
        if not where:
            return None
        rows = self._conn().execute(
            f"SELECT c.vid FROM chunks c JOIN documents d USING (doc_id) WHERE {where}", args).fetchall()
        return np.asarray([r[0] for r in rows], dtype=np.int64)

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Passage]:
        """Nearest chunks by inner product; filters restrict the candidates before ranking."""
        index = self._current_index()
        if index is None or index.ntotal == 0:
            raise IndexEmpty()
        allowed = self.allowed_vids(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = faiss_vectors.search(index, query, k, allowed, self.nprobe, self.exact_filter_limit)
        return self._passages([(int(i), float(s)) for i, s in zip(ids, scores) if i >= 0])

    def keyword_search(self, terms: Sequence[str], k: int, filters: Filters | None = None) -> list[Passage]:
        """Chunks matching the terms, the top k by BM25 without ranking every match (rag/stores/keyword_fts.py);
        score is the BM25 score, higher better."""
        if self._current_index() is None:
            raise IndexEmpty()
        terms = [t for t in dict.fromkeys(terms) if t.strip()]
        if not terms:
            return []
        where, args = self._filter_sql(filters)
        conn = self._conn()
        conn.execute("BEGIN")  # one snapshot for the plan's few reads
        try:
            hits = self._keyword.search(conn, terms, k, where, args)
        finally:
            conn.execute("COMMIT")
        return self._passages(hits)

    def _passages(self, hits: list[tuple[int, float]]) -> list[Passage]:
        rows = self._chunk_rows([vid for vid, _ in hits])
        # (a row deleted between the vector and the text read is left out; the next search reloads)
        return [_passage(rows[vid], score) for vid, score in hits if vid in rows]

    def _chunk_rows(self, vids: list[int]) -> dict[int, tuple[Any, ...]]:
        if not vids:
            return {}
        marks = ",".join("?" * len(vids))
        cursor = self._conn().execute(
            f"SELECT c.vid, {_COLUMNS} FROM chunks c JOIN documents d USING (doc_id) WHERE c.vid IN ({marks})", vids)
        return {row[0]: row[1:] for row in cursor}

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        cursor = self._conn().execute(
            f"SELECT a.chunk_id, {_COLUMNS} FROM chunks a JOIN chunks c ON c.doc_id = a.doc_id "
            f"AND c.position = a.position + 1 JOIN documents d ON d.doc_id = c.doc_id WHERE a.chunk_id IN ({marks})",
            list(chunk_ids))
        return {row[0]: _passage(row[1:], 0.0) for row in cursor}

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given chunks (for diversity and reranking without re-embedding)."""
        if not chunk_ids:
            return {}
        index = self._current_index()
        marks = ",".join("?" * len(chunk_ids))
        rows = self._conn().execute(f"SELECT chunk_id, vid FROM chunks WHERE chunk_id IN ({marks})",
                                    list(chunk_ids)).fetchall()
        out: dict[str, np.ndarray] = {}
        if index is None:
            return out
        for chunk_id, vid in rows:
            try:
                out[chunk_id] = np.asarray(index.reconstruct(int(vid)))
            except RuntimeError:  # written after this generation was loaded
                continue
        return out

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
        """The stored sentence rows of the given chunks (chunks without rows are absent)."""
        return sentences_sqlite.read(self._conn(), chunk_ids)

    def chunks_without_sentences(self, limit: int) -> list[tuple[str, str]]:
        return sentences_sqlite.missing(self._conn(), limit)

    def add_sentences(self, sentences: dict[str, list[SentenceRecord]]) -> None:
        """Rows for chunks already stored (an index built before the sentence table), in one transaction."""
        with self._transaction() as conn:
            marks = ",".join("?" * len(sentences))
            alive = {r[0] for r in conn.execute(f"SELECT chunk_id FROM chunks WHERE chunk_id IN ({marks})",
                                                list(sentences))}
            sentences_sqlite.insert(conn, {k: v for k, v in sentences.items() if k in alive})

    def stale_claims(self, version: str, limit: int) -> list[tuple[str, int, str]]:
        return sentences_sqlite.stale(self._conn(), version, limit)

    def refresh_claims(self, rows: Sequence[tuple[str, int, str, str]]) -> None:
        """New claims for stored sentence rows, in one transaction; rows gone meanwhile are left out."""
        with self._transaction() as conn:
            sentences_sqlite.set_claims(conn, rows)

    def keyword_ids(self) -> set[int]:
        """The ids on the keyword side, for consistency checks."""
        return {int(r[0]) for r in self._conn().execute("SELECT rowid FROM chunks_fts_docsize")}

    def content_hashes(self) -> dict[str, str]:
        return dict(self._conn().execute("SELECT doc_id, content_hash FROM documents").fetchall())

    def fingerprints(self) -> dict[str, str]:
        """MinHash fingerprints of the documents that are not themselves copies."""
        return dict(self._conn().execute("SELECT doc_id, fingerprint FROM documents "
                                         "WHERE duplicate_of IS NULL AND fingerprint IS NOT NULL").fetchall())

    def copies_of(self, doc_id: str) -> list[str]:
        return [r[0] for r in self._conn().execute(
            "SELECT doc_id FROM documents WHERE duplicate_of = ? ORDER BY doc_id", (doc_id,))]

    def get_document(self, doc_id: str) -> Document:
        keys = ("doc_id", "title", "text", "source", "published_at", "path", "content_hash", "url", "duplicate_of",
                "fingerprint")
        row = self._conn().execute(f"SELECT {', '.join(keys)} FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document with doc_id {doc_id!r}")
        return Document(**dict(zip(keys, row)))

    def list_documents(self, limit: int, offset: int,
                       collections: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], int]:
        """One page of documents (without their text), ordered by doc_id, and the total."""
        conn = self._conn()
        where, args = membership.filter_clause(collections) if collections is not None else ("1", [])
        with self._snapshot(conn):
            rows = conn.execute(f"SELECT {_SUMMARY} FROM documents d WHERE {where} ORDER BY d.doc_id LIMIT ? OFFSET ?",
                                (*args, limit, offset)).fetchall()
            total = conn.execute(f"SELECT COUNT(*) FROM documents d WHERE {where}", args).fetchone()[0]
            names = membership.of_documents(conn, [row[0] for row in rows])
        return [{**summary_row(row), "collections": names[row[0]]} for row in rows], int(total)

    def document_info(self, doc_id: str) -> dict[str, Any]:
        conn = self._conn()
        with self._snapshot(conn):
            row = conn.execute(
                f"SELECT {_SUMMARY}, d.text, d.content_hash FROM documents d WHERE d.doc_id = ?", (doc_id,)).fetchone()
            if row is None:
                raise NotFound(f"no document with doc_id {doc_id!r}")
            names = membership.of_documents(conn, [doc_id])[doc_id]
        return {**summary_row(row[:-2]), "collections": names, "text": row[-2], "content_hash": row[-1]}

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        sql, args = "SELECT chunk_id FROM chunks", tuple[str, ...]()
        if doc_id is not None:
            sql, args = sql + " WHERE doc_id = ?", (doc_id,)
        return [r[0] for r in self._conn().execute(sql + " ORDER BY vid", args)]

    def vector_ids(self) -> set[int]:
        """The ids on the vector side, for consistency checks."""
        index = self._current_index()
        if index is None:
            return set()
        return {int(i) for i in faiss_vectors.all_ids(index)}

    def text_ids(self) -> set[int]:
        return {int(r[0]) for r in self._conn().execute("SELECT vid FROM chunks")}

    def verify(self) -> list[str]:
        problems = []
        vectors, texts, keywords = self.vector_ids(), self.text_ids(), self.keyword_ids()
        if vectors != texts:
            problems.append(f"{len(vectors - texts)} vectors without a chunk, {len(texts - vectors)} chunks without a vector")
        if keywords != texts:
            problems.append(f"the keyword index differs from the chunks by {len(keywords ^ texts)} ids")
        problems += keyword_fts.frequency_problems(self._conn())
        partial = self._conn().execute(
            "SELECT d.doc_id, d.n_chunks, COUNT(c.vid) FROM documents d LEFT JOIN chunks c USING (doc_id) "
            "GROUP BY d.doc_id HAVING COUNT(c.vid) != d.n_chunks").fetchall()
        problems += [f"document {doc_id!r} records {n} chunks but has {m}" for doc_id, n, m in partial]
        orphans = self._conn().execute(
            "SELECT COUNT(*) FROM chunks c LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} chunks belong to no document")
        return problems + sentences_sqlite.verify(self._conn(), self.dim)

    # -- writing ------------------------------------------------------------------------------

    @contextmanager
    def _write_lock(self, wait: float | None = None) -> Iterator[None]:
        import time

        with self._writer, open(self.directory / "write.lock", "a+") as handle:
            deadline = time.monotonic() + (self._lock_timeout if wait is None else wait)
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexLocked(f"another process is writing to {self.directory}; "
                                          f"try again when it has finished") from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write(self, upserts: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
              deletes: Iterable[str] = (), sentences: dict[str, list[SentenceRecord]] | None = None,
              then: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """Replace the given documents and delete others, all or nothing; ``sentences``: the rows of the
        written chunks (rag/indexing/sentences.py), committed with them; ``then`` runs in the same
        transaction, last."""
        deletes = list(deletes)
        if not upserts and not deletes and then is None:
            return
        for doc, chunks, vectors in upserts:
            if vectors.shape != (len(chunks), self.dim):
                raise ValueError(f"{doc.doc_id}: {len(chunks)} chunks but vectors of shape {vectors.shape}")
        with self._write_lock():
            conn = self._conn()
            self.check_chunking()
            generation = self._generation_on_disk()
            # A fresh copy from disk, not self._index: remove_ids/add change an index in place, and
            # readers in this process keep searching self._index until the new generation commits.
            old = self._read_index(generation)
            index = old if old is not None else faiss_vectors.new_flat(self.dim)
            new_file: Path | None = None
            conn.execute("BEGIN IMMEDIATE")
            try:
                prior = membership.of_documents(conn, [doc.doc_id for doc, _, _ in upserts])
                removed: list[str] = []
                for doc_id in {*deletes, *(doc.doc_id for doc, _, _ in upserts)}:
                    rows = conn.execute("SELECT vid, text FROM chunks WHERE doc_id=?", (doc_id,)).fetchall()
                    vids, removed = [r[0] for r in rows], removed + [r[1] for r in rows]
                    if vids:
                        index.remove_ids(np.asarray(vids, dtype=np.int64))  # type: ignore[arg-type]
                    conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
                    conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
                now = datetime.now(UTC).isoformat(timespec="seconds")
                for doc, chunks, vectors in upserts:
                    conn.execute(
                        "INSERT INTO documents (doc_id, title, text, source, published_at, path, content_hash,"
                        " n_chunks, indexed_at, url, duplicate_of, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (doc.doc_id, doc.title, doc.text, doc.source, doc.published_at, doc.path,
                         doc.content_hash, len(chunks), now, doc.url, doc.duplicate_of, doc.fingerprint))
                    membership.join(conn, doc.doc_id, doc.collections, prior[doc.doc_id])
                    vids = []
                    for chunk in chunks:
                        cursor = conn.execute(
                            "INSERT INTO chunks (chunk_id, doc_id, position, text, page) VALUES (?,?,?,?,?)",
                            (chunk.chunk_id, chunk.doc_id, chunk.position, chunk.text, chunk.page))
                        vids.append(cursor.lastrowid)
                    if vids:
                        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                           np.asarray(vids, dtype=np.int64))
                keyword_fts.apply_frequencies(conn, [c.text for _, chunks, _ in upserts for c in chunks], removed)
                if sentences:
                    sentences_sqlite.insert(conn, sentences)
                if then is not None:
                    then(conn)
                index = faiss_vectors.reshape(index, self.dim, self.ivf_threshold)
                new_generation = generation + 1
                new_file = self._vector_file(new_generation)
                self._write_index_file(index, new_file)
                manifest = {"embedder": self.embedder_id, "dim": str(self.dim), "schema": str(SCHEMA_VERSION),
                            "generation": str(new_generation), "updated_at": now, "keyword_index": KEYWORD_INDEX}
                if self.chunking and "chunking" not in self.manifest():
                    manifest["chunking"] = json.dumps(self.chunking)
                conn.executemany("INSERT OR REPLACE INTO manifest (key, value) VALUES (?, ?)", manifest.items())
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk at COMMIT)
                    conn.execute("ROLLBACK")
                if new_file is not None and self._generation_on_disk() != new_generation:
                    new_file.unlink(missing_ok=True)
                    new_file.with_suffix(".faiss.tmp").unlink(missing_ok=True)
                if is_disk_full(exc):
                    raise StorageFull() from exc
                raise
            self._sweep(keep=new_generation)

    def _write_index_file(self, index: faiss.Index, path: Path) -> None:
        tmp = path.with_suffix(".faiss.tmp")
        faiss.write_index(index, str(tmp))
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _sweep(self, keep: int) -> None:
        for path in self.directory.glob("vectors-*.faiss*"):
            if path.name != f"vectors-{keep}.faiss":
                path.unlink(missing_ok=True)
