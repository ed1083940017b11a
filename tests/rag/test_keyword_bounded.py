"""The bounded keyword side: the same top k as FTS5's exhaustive BM25 when the budget covers every match,
frequent terms left out of the candidates (not the scores) when it does not, term counts in step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from rag.embedders import HashingEmbedder
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.stores.faiss_sqlite import FaissStore
from rag.types import Document

RNG = np.random.default_rng(7)
WORDS = [f"w{i}" for i in range(60)]


def _docs(n: int) -> list[Document]:
    docs = []
    for i in range(n):
        # Zipf-like: low word numbers are frequent, high ones rare.
        words = [WORDS[min(int(RNG.zipf(1.3)) - 1, 59)] for _ in range(12)]
        text = " ".join(words) + "."
        docs.append(Document(doc_id=f"d{i:03d}", title=f"d{i}", text=text, content_hash=text))
    return docs


def _store(path: Path, budget: int, docs: list[Document]) -> FaissStore:
    embedder = HashingEmbedder()
    store = FaissStore(path, embedder.id, embedder.dim, chunking={"size": 300, "overlap": 50}, keyword_budget=budget)
    Indexer(store, embedder, Chunker(300, 50)).index_documents(docs)
    return store


def _exhaustive(path: Path, terms: list[str], k: int) -> list[tuple[str, float]]:
    conn = sqlite3.connect(path / "meta.sqlite")
    match = " OR ".join(f'"{t}"' for t in terms)
    rows = conn.execute("SELECT c.doc_id, -bm25(chunks_fts) FROM chunks_fts f JOIN chunks c ON c.vid = f.rowid "
                        "WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts) LIMIT ?", (match, k)).fetchall()
    conn.close()
    return [(d, round(s, 4)) for d, s in rows]


def test_with_a_budget_over_every_match_the_top_k_is_fts5s_own(tmp_path: Path) -> None:
    store = _store(tmp_path / "ix", 10_000, _docs(120))
    for terms in (["w0", "w7"], ["w3", "w12", "w40"], ["w1"], ["w55", "w2", "w9", "w0"]):
        got = [(p.doc_id, round(p.score, 4)) for p in store.keyword_search(terms, 10)]
        want = _exhaustive(tmp_path / "ix", terms, 10)
        assert [s for _, s in got] == [s for _, s in want]  # same scores, best first (ties may swap order)
        assert {d for d, s in got if s > want[-1][1]} == {d for d, s in want if s > want[-1][1]}


def test_a_small_budget_drives_with_rare_terms_and_still_scores_frequent_ones(tmp_path: Path) -> None:
    docs = [Document(doc_id=f"m{i}", title="t", text=f"mid {d.text}", content_hash=f"m{i}")
            for i, d in enumerate(_docs(20))] + _docs(100) + [
        Document(doc_id="both", title="t", text="zircon mid.", content_hash="b"),
        Document(doc_id="rare", title="t", text="zircon two.", content_hash="r"),
        Document(doc_id="other", title="t", text="mid mid mid.", content_hash="o"),
    ]
    store = _store(tmp_path / "ix", 5, docs)
    hits = store.keyword_search(["mid", "zircon"], 10)
    # Only chunks holding the rare term are candidates ("other", all "mid", is left to the vector side);
    # the one that also holds the frequent term ranks first.
    assert [p.doc_id for p in hits] == ["both", "rare"]
    assert hits[0].score > hits[1].score


def test_term_counts_stay_in_step_through_updates_deletes_and_an_upgrade(tmp_path: Path) -> None:
    docs = _docs(30)
    store = _store(tmp_path / "ix", 4_000, docs)
    indexer = Indexer(store, HashingEmbedder(), Chunker(300, 50))
    indexer.index_documents([Document(doc_id="d001", title="x", text="entirely new words", content_hash="n")])
    indexer.delete("d002")
    assert store.verify() == []
    conn = sqlite3.connect(tmp_path / "ix" / "meta.sqlite")
    with conn:  # an index from before the term counts: v1 manifest, no counts
        conn.execute("DELETE FROM keyword_df")
        conn.execute("UPDATE manifest SET value = 'fts5-porter-v1' WHERE key = 'keyword_index'")
    conn.close()
    assert store.verify() != []
    reopened = FaissStore(tmp_path / "ix", store.embedder_id, store.dim)
    assert reopened.verify() == []
    assert [p.doc_id for p in reopened.keyword_search(["entirely"], 5)] == ["d001"]


def _ranked_in_python(store: FaissStore, terms: list[str], where: str = "", args: tuple[object, ...] = ()
                      ) -> list[tuple[int, float]]:
    """Every chunk the budget's query matches, ranked in Python by (BM25 best first, vid): the order the
    plan promises, computed the long way."""
    from rag.stores.keyword_fts import _quote

    conn = store._conn()
    df = store._keyword.frequencies(conn, terms)
    drive = " OR ".join(_quote(t) for t in sorted((t for t in df if df[t]), key=lambda t: df[t]))
    join = "JOIN chunks c ON c.vid = f.rowid JOIN documents d USING (doc_id) " if where else ""
    rows = conn.execute(f"SELECT f.rowid, -bm25(chunks_fts) FROM chunks_fts f {join}WHERE chunks_fts MATCH ? "
                        + (f"AND {where}" if where else ""), [drive, *args]).fetchall()
    return sorted(((int(v), float(s)) for v, s in rows), key=lambda r: (-r[1], r[0]))


def test_bm25_alone_keeps_the_same_k_best_in_sqlite_as_ranking_every_match(tmp_path: Path) -> None:
    # identical chunks tie on BM25: the tie order (by vid) must hold as well as the scores
    twins = [Document(doc_id=f"t{i}", title="t", text="w30 w31 twin.", content_hash=f"t{i}") for i in range(8)]
    store = _store(tmp_path / "ix", 10_000, _docs(120) + twins)
    conn = store._conn()
    for terms in (["w0", "w7"], ["twin"], ["w30", "w31"], ["w3", "w12", "w40"], ["w1"]):
        for k in (1, 3, 10, 1_000):
            assert store._keyword.search(conn, terms, k) == _ranked_in_python(store, terms)[:k]
    # with a filter over documents: the filtered matches, in the same order
    where, args = "d.doc_id IN (?, ?, ?, ?)", ("t2", "t5", "d003", "d040")
    for terms in (["twin", "w3"], ["w0"]):
        assert store._keyword.search(conn, terms, 3, where, args) == _ranked_in_python(store, terms, where, args)[:3]
