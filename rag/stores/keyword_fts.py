"""Top-k BM25 over the FTS5 keyword index without ranking every chunk that holds a query term.

FTS5's ``ORDER BY bm25(...) LIMIT k`` scores every row matching any term: at 1M chunks a question's terms
match hundreds of thousands of them. This plan bounds the work by a posting budget instead:

1. Each term's document frequency is read from ``keyword_df`` (token -> chunks holding it, a B-tree
   lookup), after the query terms are tokenized by the index's own tokenizer (a temporary FTS5 table, so the
   stems match). FTS5's own vocabulary would count the term's postings on every lookup. ``keyword_df`` is
   updated in the same SQLite transaction as the chunks (``apply_frequencies``), so it commits or rolls back
   with them, and ``frequency_problems`` (``rag check``) compares it with the index.
2. The rarest terms, in order, become *drivers* while the sum of their frequencies stays within ``budget``
   (the rarest one always drives; if it alone is over the budget, the AND of the two rarest drives).
   Only chunks holding a driver are candidates, ranked by FTS5's own BM25 over the drivers.
3. The frequent terms still count: for each, one FTS5 query ``(drivers) AND term`` (rowids only, no
   ranking: it walks the candidates and seeks in the term's postings) finds the candidates holding it, and
   each gains the term's BM25 weight at one occurrence in a chunk of average length (its IDF, FTS5's formula).

A chunk whose only matching terms are each in more than ``budget`` chunks is not a candidate here; the
vector side still finds it. Everything is read from ``chunks_fts`` in the caller's SQLite snapshot, so the
keyword side stays in step with the chunks and vectors of the same generation (no extra files).
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence

from rag.caches import TEXT, register

_TOKENIZE = "porter unicode61 remove_diacritics 2"
SCHEMA = "CREATE TABLE IF NOT EXISTS keyword_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class TermTokens:
    """The index's own tokens of each query term (its stems), cached: a word stems the same way every time."""

    def __init__(self, size: int = TEXT) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        register("keyword_terms", self)

    def cache_stats(self) -> tuple[int, int, int, int]:
        return len(self._items), self.size, self.hits, self.misses

    def __call__(self, conn: sqlite3.Connection, terms: Sequence[str]) -> list[tuple[str, ...]]:
        # Answers are kept aside before anything is evicted: a small cache may evict this call's own terms.
        with self._lock:
            found = {t: self._items[t] for t in terms if t in self._items}
            for t in found:
                self._items.move_to_end(t)
            missing = [t for t in dict.fromkeys(terms) if t not in found]
            self.hits += len(terms) - len(missing)
            self.misses += len(missing)
        if missing:
            tokens = _tokenize(conn, missing)
            with self._lock:
                for term in missing:
                    self._items[term] = found[term] = tokens.get(term, ())
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return [found[t] for t in terms]


def _tokenize(conn: sqlite3.Connection, terms: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each term's tokens, by the index's tokenizer, through a temporary FTS5 table of this connection."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.kw_query USING fts5(t, tokenize='{_TOKENIZE}')")
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kw_query_tokens USING fts5vocab(temp, kw_query, instance)")
    conn.execute("DELETE FROM temp.kw_query")
    conn.executemany("INSERT INTO temp.kw_query (rowid, t) VALUES (?, ?)", [(i + 1, t) for i, t in enumerate(terms)])
    tokens: dict[int, list[str]] = {}
    for doc, term in conn.execute("SELECT doc, term FROM temp.kw_query_tokens ORDER BY doc, offset"):
        tokens.setdefault(int(doc), []).append(str(term))
    conn.execute("DELETE FROM temp.kw_query")
    return {t: tuple(tokens.get(i + 1, ())) for i, t in enumerate(terms)}


def _chunk_counts(conn: sqlite3.Connection, texts: Sequence[str]) -> dict[str, int]:
    """Token -> how many of the texts hold it, by the index's tokenizer (a temporary FTS5 table)."""
    if not texts:
        return {}
    conn.execute(f"CREATE VIRTUAL TABLE temp.kw_batch USING fts5(t, tokenize='{_TOKENIZE}')")
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.kw_batch_rows USING fts5vocab(temp, kw_batch, row)")
        conn.executemany("INSERT INTO temp.kw_batch (t) VALUES (?)", [(t,) for t in texts])
        return {str(t): int(n) for t, n in conn.execute("SELECT term, doc FROM temp.kw_batch_rows")}
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.kw_batch_rows")
        conn.execute("DROP TABLE IF EXISTS temp.kw_batch")


def apply_frequencies(conn: sqlite3.Connection, added: Sequence[str], removed: Sequence[str]) -> None:
    """Update ``keyword_df`` for chunk texts written and deleted; call inside the write's transaction."""
    delta = _chunk_counts(conn, added)
    for term, n in _chunk_counts(conn, removed).items():
        delta[term] = delta.get(term, 0) - n
    conn.executemany("INSERT INTO keyword_df (term, df) VALUES (?, ?) "
                     "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                     [(t, n) for t, n in delta.items() if n])
    if any(n < 0 for n in delta.values()):
        conn.execute("DELETE FROM keyword_df WHERE df <= 0")


def _index_counts_sql(conn: sqlite3.Connection) -> str:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_fts_rows USING fts5vocab(main, chunks_fts, row)")
    return "SELECT term, doc FROM temp.chunks_fts_rows"


def rebuild_frequencies(conn: sqlite3.Connection) -> None:
    """Fill ``keyword_df`` from the FTS5 index (an index written before it existed); inside a transaction."""
    conn.execute("DELETE FROM keyword_df")
    conn.execute("INSERT INTO keyword_df (term, df) " + _index_counts_sql(conn))


def frequency_problems(conn: sqlite3.Connection) -> list[str]:
    """How ``keyword_df`` differs from the FTS5 index's own counts (empty: in step)."""
    index = dict(conn.execute(_index_counts_sql(conn)).fetchall())
    stored = dict(conn.execute("SELECT term, df FROM keyword_df").fetchall())
    wrong = sum(1 for t in index.keys() | stored.keys() if index.get(t) != stored.get(t))
    return [f"the keyword term counts differ from the keyword index for {wrong} terms"] if wrong else []


class BoundedKeyword:
    """The query plan above over ``chunks_fts`` and ``keyword_df``."""

    def __init__(self, budget: int = 2_000, k1: float = 1.2) -> None:
        self.budget = budget
        self.k1 = k1
        self.tokens = TermTokens()

    def frequencies(self, conn: sqlite3.Connection, terms: Sequence[str]) -> dict[str, int]:
        """Chunks holding each term (for a term of several tokens, its rarest token's count)."""
        tokens = self.tokens(conn, terms)
        wanted = sorted({tok for toks in tokens for tok in toks})
        counts: dict[str, int] = {}
        if wanted:
            marks = ",".join("?" * len(wanted))
            counts = {str(t): int(n) for t, n in conn.execute(
                f"SELECT term, df FROM keyword_df WHERE term IN ({marks})", wanted)}
        return {t: min((counts.get(tok, 0) for tok in toks), default=0) for t, toks in zip(terms, tokens)}

    def search(self, conn: sqlite3.Connection, terms: Sequence[str], k: int, where: str = "",
               args: Sequence[object] = ()) -> list[tuple[int, float]]:
        """(vid, BM25 score, higher better) of the top k; ``where`` filters over ``documents d``."""
        df = {t: n for t, n in self.frequencies(conn, terms).items() if n > 0}
        if not df:
            return []
        order = sorted(df, key=lambda t: df[t])
        drivers: list[str] = []
        used = 0
        for term in order:
            if drivers and used + df[term] > self.budget:
                break
            drivers.append(term)
            used += df[term]
        if used > self.budget and len(order) > 1:  # the rarest term alone is too common: both rarest must hold
            drive = f"{_quote(order[0])} AND {_quote(order[1])}"
            drivers = order[:2]
        else:
            drive = " OR ".join(_quote(t) for t in drivers)
        join = "JOIN chunks c ON c.vid = f.rowid JOIN documents d USING (doc_id) " if where else ""
        query = (f"SELECT f.rowid, -bm25(chunks_fts) AS score FROM chunks_fts f {join}WHERE chunks_fts MATCH ? "
                 + (f"AND {where}" if where else ""))
        others = [term for term in order if term not in drivers]
        if not others:
            # BM25 alone ranks: SQLite keeps the k best (the order below, ties by rowid) without handing every
            # match to Python (10k bench chunks: 2.5 -> 1.6 ms CPU per search, the same top k)
            return [(int(vid), float(score)) for vid, score in conn.execute(
                f"{query} ORDER BY score DESC, f.rowid LIMIT ?", [drive, *args, max(k, 0)])]
        rows = conn.execute(query, [drive, *args]).fetchall()
        scores = {int(vid): float(score) for vid, score in rows}
        if not scores:
            return []
        total = _total_chunks(conn)
        for term in others:
            idf = max(math.log((total - df[term] + 0.5) / (df[term] + 0.5)), 1e-6)
            for (vid,) in conn.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?",
                                       (f"({drive}) AND {_quote(term)}",)):
                if vid in scores:
                    scores[vid] += idf
        # the k best without sorting every match: only those scoring at least the k-th best score are ordered
        if len(scores) > k > 0:
            floor = sorted(scores.values(), reverse=True)[k - 1]  # floats alone: a sort in C, no key
            scores = {vid: score for vid, score in scores.items() if score >= floor}
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]


def _total_chunks(conn: sqlite3.Connection) -> int:
    """Rows in the FTS5 index, from its averages record (id 1: a varint row count first), without a scan."""
    row = conn.execute("SELECT block FROM chunks_fts_data WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return 0
    value = 0
    for i, byte in enumerate(bytes(row[0])[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            break
    return value
