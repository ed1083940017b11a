"""The Store contract for articles from URLs and syndicated copies, on every backend: the URL and the copies
come back on documents and passages, copies are never searched, and an index built before these columns
existed is upgraded in place with its documents intact."""

from __future__ import annotations

from pathlib import Path

from rag.indexing.indexer import Indexer
from rag.protocols import Store
from rag.types import Document
from tests.contracts.conftest import OpenStore
from tests.contracts.test_store_contract import CHUNKER, EMBEDDER, add_articles, document, snapshot, upsert

STORY = ("The port authority approved a second desalination plant on Tuesday, the third vote on the project in two "
         "years. The plant will draw water from the outer harbour and is expected to supply forty thousand homes "
         "once it opens. Fishermen say the brine it returns to the bay will harm the spawning grounds near the "
         "breakwater, and they have asked the regional court to review the approval before construction begins.")


def wire(doc_id: str, source: str, tail: str = "") -> Document:
    doc = document(doc_id, STORY + tail, f"Plant approved ({source})", source)
    doc.url = f"https://{source.lower().replace(' ', '')}.example/news/{doc_id}"
    return doc


def test_a_url_and_copies_come_back_on_documents_and_passages(store: Store) -> None:
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    report = indexer.index_documents([wire("ledger", "Harbour Ledger"), wire("courier", "Coastal Courier", " Updated."),
                                      wire("times", "Valley Times", " Reporting by the wire desk.")])
    assert sorted(report.copies) == [("courier", "ledger"), ("times", "ledger")]
    info = store.document_info("ledger")
    assert info["url"] == "https://harbourledger.example/news/ledger" and info["duplicate_of"] is None
    assert info["also_published_by"] == ["Coastal Courier", "Valley Times"]
    assert store.document_info("courier")["duplicate_of"] == "ledger" and store.document_info("courier")["chunks"] == 0
    listed = {d["doc_id"]: d for d in store.list_documents(10, 0)[0]}
    assert listed["ledger"]["also_published_by"] == ["Coastal Courier", "Valley Times"]
    passages = store.search(EMBEDDER.embed_query("desalination plant brine fishermen"), 10)
    assert {p.doc_id for p in passages} == {"ledger"}
    assert all(p.url == info["url"] and p.also_published_by == ["Coastal Courier", "Valley Times"] for p in passages)
    assert {p.doc_id for p in store.keyword_search(["brine"], 10)} == {"ledger"}
    assert set(store.fingerprints()) == {"ledger"} and store.get_document("times").url.endswith("/times")
    assert store.verify() == []


def test_deleting_the_original_lets_its_first_copy_stand_in(store: Store) -> None:
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    indexer.index_documents([wire("ledger", "Harbour Ledger"), wire("courier", "Coastal Courier", " Updated."),
                             wire("times", "Valley Times", " Reporting by the wire desk.")])
    assert store.copies_of("ledger") == ["courier", "times"]
    indexer.delete("ledger")
    assert store.document_info("courier")["duplicate_of"] is None and store.document_info("courier")["chunks"] > 0
    assert store.document_info("times")["duplicate_of"] == "courier"
    assert store.document_info("courier")["also_published_by"] == ["Valley Times"]
    assert {p.doc_id for p in store.search(EMBEDDER.embed_query("desalination plant brine"), 10)} == {"courier"}
    assert store.verify() == []


def test_different_stories_are_not_copies(store: Store) -> None:
    add_articles(store)
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    other = document("other", "Lithium prices fell for the fourth month as new mines in the valley and the "
                              "highlands began shipping ore by rail, and refiners cut their orders for the winter. "
                              "Analysts expect the surplus to last until demand from battery makers recovers late "
                              "next year, when two new plants start production.", "Lithium", "AP")
    report = indexer.index_documents([wire("ledger", "Harbour Ledger"), other])
    assert report.copies == [] and store.document_info("other")["chunks"] > 0


def test_an_index_built_before_urls_is_upgraded_in_place(open_store: OpenStore, backend: str, tmp_path: Path) -> None:
    store = open_store()
    add_articles(store)
    before = snapshot(store)
    _drop_new_columns(store, backend, tmp_path)
    reopened = open_store()  # as the next version opens it
    assert snapshot(reopened) == before
    assert all(d["url"] is None and d["also_published_by"] == [] for d in reopened.list_documents(10, 0)[0])
    reopened.write([upsert(wire("ledger", "Harbour Ledger"))])
    assert reopened.document_info("ledger")["url"] == "https://harbourledger.example/news/ledger"
    assert reopened.verify() == []


def _drop_new_columns(store: Store, backend: str, tmp_path: Path) -> None:
    """Turn the store back into the schema of the previous version."""
    if backend == "faiss":
        import sqlite3

        with sqlite3.connect(tmp_path / "index" / "meta.sqlite") as conn:
            conn.execute("DROP INDEX IF EXISTS documents_by_original")
            for column in ("url", "duplicate_of", "fingerprint"):
                conn.execute(f"ALTER TABLE documents DROP COLUMN {column}")
        return
    import psycopg

    with psycopg.connect(store._pool.conninfo) as conn:  # type: ignore[attr-defined]
        for column in ("url", "duplicate_of", "fingerprint"):
            conn.execute(f"ALTER TABLE rag_documents DROP COLUMN {column}")
    store.close()  # type: ignore[attr-defined]
