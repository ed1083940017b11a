"""The Store contract: what every backend (tests/contracts/conftest.py lists them) must do, the same way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index.files import index_paths
from rag.embedders import HashingEmbedder
from rag.errors import IndexEmpty, IndexLocked, IndexMismatch, NotFound
from rag.indexing import content_hash
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.protocols import Store
from rag.types import Chunk, Document, Filters
from tests.contracts.conftest import OpenStore

EMBEDDER = HashingEmbedder()
CHUNKER = Chunker(200, 40)

ARTICLES = {
    "harbor": ("Harbor plant", "The harbor desalination plant will cost 420 million dollars and open in spring.", "Reuters", "2025-01-15"),
    "mine": ("Lithium mine", "The lithium mine employs 300 people in the valley and ships ore by rail.", "AP", "2025-03-01T09:30:00Z"),
    "magnets": ("Magnet exports", "China controls most rare earth magnet exports and refining capacity.", "Reuters", "2025-06-30"),
    "undated": ("No date", "A lithium refinery without a publication date or a named source.", None, None),
}


def document(doc_id: str, text: str, title: str | None = None, source: str | None = None,
             published_at: str | None = None) -> Document:
    return Document(doc_id=doc_id, title=title or doc_id, text=text, source=source, published_at=published_at,
                    content_hash=content_hash(text))


def upsert(doc: Document) -> tuple[Document, list[Chunk], np.ndarray]:
    chunks = CHUNKER.split(doc)
    return doc, chunks, EMBEDDER.embed_documents([c.text for c in chunks])


def add_articles(store: Store) -> None:
    store.write([upsert(document(doc_id, text, title, source, date_)) for doc_id, (title, text, source, date_) in ARTICLES.items()])


def snapshot(store: Store) -> tuple[object, ...]:
    """Everything a reader can observe, to compare before and after a write that must change nothing."""
    query = EMBEDDER.embed_query("lithium harbor magnets")
    return (store.count(), store.chunk_ids(), store.content_hashes(), store.list_documents(100, 0)[0],
            [(p.chunk_id, p.score) for p in store.search(query, 10)],
            [p.chunk_id for p in store.keyword_search(["lithium", "harbor", "magnet"], 10)])


def test_every_backend_implements_the_store_protocol(store: Store) -> None:
    assert isinstance(store, Store)


def test_written_chunks_come_back_from_search_nearest_first_with_inner_product_scores(store: Store) -> None:
    add_articles(store)
    query = EMBEDDER.embed_query("lithium mine valley")
    hits = store.search(query, 3)
    assert len(hits) == 3
    assert hits[0].doc_id == "mine" and hits[0].title == "Lithium mine" and hits[0].text.startswith("The lithium mine")
    assert hits[0].source == "AP" and hits[0].published_at == "2025-03-01T09:30:00Z"
    assert [p.score for p in hits] == sorted((p.score for p in hits), reverse=True)
    vectors = store.chunk_vectors([p.chunk_id for p in hits])
    for passage in hits:
        assert passage.score == pytest.approx(float(vectors[passage.chunk_id] @ query), abs=1e-4)
    assert store.verify() == []


def test_search_returns_at_most_k_and_all_chunks_when_k_is_larger(store: Store) -> None:
    add_articles(store)
    query = EMBEDDER.embed_query("lithium")
    assert len(store.search(query, 1)) == 1
    assert len(store.search(query, 50)) == store.count()[1]


def test_keyword_search_finds_chunks_holding_any_of_the_terms_stemmed(store: Store) -> None:
    add_articles(store)
    hits = store.keyword_search(["mines", "zeppelin"], 10)
    assert [p.doc_id for p in hits] == ["mine"]
    both = store.keyword_search(["lithium", "valley"], 10)
    assert {p.doc_id for p in both} == {"mine", "undated"}
    assert both[0].doc_id == "mine" and both[0].score > both[1].score  # holds both terms
    assert store.keyword_search(["zeppelin"], 10) == []
    assert store.keyword_search([], 10) == [] and store.keyword_search(["  "], 10) == []


FILTERS = [
    (Filters(doc_ids=["harbor", "magnets"]), {"harbor", "magnets"}),
    (Filters(sources=["AP"]), {"mine"}),
    (Filters(published_after=date(2025, 3, 1)), {"mine", "magnets"}),  # inclusive, date-time compared by its date
    (Filters(published_before=date(2025, 3, 1)), {"harbor", "mine"}),
    (Filters(published_after=date(2025, 1, 16), published_before=date(2025, 6, 29)), {"mine"}),
    (Filters(sources=["Reuters"], published_after=date(2025, 2, 1)), {"magnets"}),
    (Filters(doc_ids=[]), set()),
    (Filters(sources=["Nobody"]), set()),
]


@pytest.mark.parametrize(("filters", "allowed"), FILTERS)
def test_filters_restrict_dense_search_before_ranking(store: Store, filters: Filters, allowed: set[str]) -> None:
    add_articles(store)
    hits = store.search(EMBEDDER.embed_query("lithium refinery valley"), 10, filters)
    assert {p.doc_id for p in hits} == allowed
    if allowed:  # the best allowed chunk comes back even when k=1 and better chunks are filtered out
        best = store.search(EMBEDDER.embed_query("lithium refinery valley"), 1, filters)
        assert len(best) == 1 and best[0].doc_id in allowed and best[0].score == pytest.approx(hits[0].score, abs=1e-5)


@pytest.mark.parametrize(("filters", "allowed"), FILTERS)
def test_filters_restrict_keyword_search_before_ranking(store: Store, filters: Filters, allowed: set[str]) -> None:
    add_articles(store)
    terms = ["harbor", "lithium", "magnet", "refinery"]
    assert {p.doc_id for p in store.keyword_search(terms, 10, filters)} == allowed
    assert all(p.doc_id in allowed for p in store.keyword_search(terms, 1, filters))


def test_filtered_dense_search_is_exact_over_many_chunks(store: Store) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 256)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    upserts = []
    for i in range(30):
        text = f"Document {i} " + "words " * 5
        doc = document(f"d{i:02d}", text, source="odd" if i % 2 else "even")
        chunks = [Chunk(chunk_id=f"d{i:02d}:{j}", doc_id=doc.doc_id, position=j, text=f"{text} part {j}") for j in range(10)]
        upserts.append((doc, chunks, vectors[i * 10:(i + 1) * 10]))
    store.write(upserts)
    query = vectors[5] + vectors[17]
    query /= np.linalg.norm(query)
    hits = store.search(query, 20, Filters(sources=["odd"]))
    odd = [i for i in range(300) if (i // 10) % 2]
    expected = sorted(odd, key=lambda i: -float(vectors[i] @ query))[:20]
    assert [p.chunk_id for p in hits] == [f"d{i // 10:02d}:{i % 10}" for i in expected]


def test_replacing_a_document_removes_its_old_chunks_from_both_sides(store: Store) -> None:
    add_articles(store)
    old = store.chunk_ids("harbor")
    store.write([upsert(document("harbor", "Completely new words about tidal turbines.", "Tidal", "AP", "2025-02-02"))])
    new = store.chunk_ids("harbor")
    assert new and not set(old) & set(new) and not set(old) & set(store.chunk_ids())
    assert store.keyword_search(["desalination"], 10) == []
    assert [p.doc_id for p in store.keyword_search(["turbines"], 10)] == ["harbor"]
    assert store.search(EMBEDDER.embed_query("new words about tidal turbines"), 1)[0].chunk_id in new
    assert store.chunk_vectors(old) == {}
    assert store.get_document("harbor").title == "Tidal"
    assert store.count() == (4, len(store.chunk_ids()))
    assert store.verify() == []


def test_deleting_a_document_removes_it_everywhere(store: Store) -> None:
    add_articles(store)
    gone = store.chunk_ids("mine")
    store.write([], deletes=["mine"])
    assert store.chunk_ids("mine") == [] and not set(gone) & set(store.chunk_ids())
    assert all(p.doc_id != "mine" for p in store.search(EMBEDDER.embed_query("lithium mine valley"), 10))
    assert all(p.doc_id != "mine" for p in store.keyword_search(["valley", "mine"], 10))
    assert "mine" not in store.content_hashes() and store.count()[0] == 3
    with pytest.raises(NotFound):
        store.get_document("mine")
    with pytest.raises(NotFound):
        store.document_info("mine")
    assert store.verify() == []


def test_rerunning_the_indexer_skips_unchanged_files_and_replaces_changed_ones(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Alpha beta gamma. " * 30)
    (folder / "two.txt").write_text("Delta epsilon zeta. " * 30)
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    assert sorted(index_paths(indexer, [folder]).added) == ["one", "two"]
    old = store.chunk_ids("two")
    (folder / "two.txt").write_text("Completely new words about harbors. " * 20)
    report = index_paths(indexer, [folder])
    assert report.skipped == ["one"] and report.updated == ["two"] and not report.added
    assert not set(old) & set(store.chunk_ids())
    assert store.search(EMBEDDER.embed_query("new words about harbors"), 1)[0].doc_id == "two"
    indexer.delete("one")
    assert store.chunk_ids("one") == [] and store.verify() == []
    with pytest.raises(NotFound):
        indexer.delete("one")


def test_an_update_and_a_delete_in_one_write_apply_together(store: Store) -> None:
    add_articles(store)
    store.write([upsert(document("extra", "An extra note on cobalt."))], deletes=["harbor", "magnets"])
    assert sorted(store.content_hashes()) == ["extra", "mine", "undated"]
    assert store.verify() == []


def test_a_write_with_vectors_of_the_wrong_shape_changes_nothing(store: Store) -> None:
    add_articles(store)
    before = snapshot(store)
    good = upsert(document("cobalt", "Cobalt prices fell."))
    doc, chunks, vectors = upsert(document("harbor", "A replacement that never lands."))
    with pytest.raises(ValueError, match="vectors of shape"):
        store.write([good, (doc, chunks, vectors[:, :10])], deletes=["mine"])
    assert snapshot(store) == before
    assert store.verify() == []


def test_a_write_failing_midway_changes_nothing(store: Store) -> None:
    add_articles(store)
    before = snapshot(store)
    taken = store.chunk_ids("magnets")[0]
    good = upsert(document("cobalt", "Cobalt prices fell sharply this quarter."))
    doc = document("clash", "This chunk reuses an id that another document holds.")
    clash = (doc, [Chunk(chunk_id=taken, doc_id="clash", position=0, text=doc.text)], EMBEDDER.embed_documents([doc.text]))
    with pytest.raises(Exception):  # noqa: B017  # each backend's own integrity error; what matters is below
        store.write([good, upsert(document("harbor", "A replacement that never lands.")), clash], deletes=["mine"])
    assert snapshot(store) == before
    assert store.verify() == []


def test_chunk_vectors_returns_the_stored_vectors_of_known_chunks(store: Store) -> None:
    doc, chunks, vectors = upsert(document("one", "Alpha beta gamma. " * 30))
    store.write([(doc, chunks, vectors)])
    ids = [c.chunk_id for c in chunks]
    found = store.chunk_vectors([*ids, "no-such-chunk"])
    assert set(found) == set(ids)
    for chunk_id, vector in zip(ids, vectors):
        assert found[chunk_id].shape == (256,)
        np.testing.assert_allclose(found[chunk_id], vector, atol=1e-6)
    assert store.chunk_vectors([]) == {}


def test_chunk_ids_come_in_insertion_order(store: Store) -> None:
    doc, chunks, vectors = upsert(document("one", "Alpha beta gamma. " * 40))
    other = upsert(document("two", "Delta epsilon zeta. " * 20))
    store.write([(doc, chunks, vectors), other])
    assert len(chunks) > 2
    assert store.chunk_ids("one") == [c.chunk_id for c in chunks]
    assert store.chunk_ids() == [c.chunk_id for c in chunks] + [c.chunk_id for c in other[1]]


def test_documents_read_back_with_their_metadata(store: Store) -> None:
    add_articles(store)
    doc = store.get_document("mine")
    assert (doc.title, doc.source, doc.published_at) == ("Lithium mine", "AP", "2025-03-01T09:30:00Z")
    assert doc.text == ARTICLES["mine"][1] and doc.content_hash == content_hash(doc.text)
    info = store.document_info("undated")
    assert set(info) == {"doc_id", "title", "source", "published_at", "chunks", "indexed_at", "text", "content_hash",
                         "url", "duplicate_of", "also_published_by", "collections"}
    assert info["chunks"] == len(store.chunk_ids("undated")) and info["source"] is None and info["published_at"] is None
    assert date.fromisoformat(info["indexed_at"][:10]) <= date.today()
    assert store.content_hashes() == {k: content_hash(v[1]) for k, v in ARTICLES.items()}
    with pytest.raises(NotFound, match="no-such-doc"):
        store.get_document("no-such-doc")
    with pytest.raises(NotFound, match="no-such-doc"):
        store.document_info("no-such-doc")


def test_list_documents_pages_in_byte_order_of_doc_id_with_the_total(store: Store) -> None:
    ids = ["b", "B", "a-1", "a_1", "a", "Z9"]
    store.write([upsert(document(i, f"Text of document {i} about nickel.")) for i in ids])
    pages = [store.list_documents(2, offset) for offset in (0, 2, 4, 6)]
    assert [total for _, total in pages] == [6, 6, 6, 6]
    assert [row["doc_id"] for rows, _ in pages for row in rows] == sorted(ids)  # Python sorts by code point
    assert pages[-1][0] == []
    row = pages[0][0][0]
    assert set(row) == {"doc_id", "title", "source", "published_at", "chunks", "indexed_at", "url", "duplicate_of",
                        "also_published_by", "collections"} and row["chunks"] == 1 and row["collections"] == ["default"]


def test_count_gives_documents_and_chunks(store: Store) -> None:
    assert store.count() == (0, 0)
    add_articles(store)
    assert store.count() == (4, len(store.chunk_ids()))


def test_a_reopened_store_answers_the_same(open_store: OpenStore) -> None:
    store = open_store()
    add_articles(store)
    reopened = open_store()
    query = EMBEDDER.embed_query("lithium")
    assert [p.chunk_id for p in reopened.search(query, 3)] == [p.chunk_id for p in store.search(query, 3)]
    assert reopened.count() == store.count() and reopened.verify() == []


def test_a_write_through_one_handle_is_seen_by_another(open_store: OpenStore) -> None:
    reader, writer = open_store(), open_store()
    add_articles(writer)
    writer.write([upsert(document("cobalt", "Cobalt prices fell."))], deletes=["harbor"])
    assert "cobalt" in reader.content_hashes() and "harbor" not in reader.content_hashes()
    assert reader.search(EMBEDDER.embed_query("cobalt prices"), 1)[0].doc_id == "cobalt"


def test_opening_with_another_embedder_fails_naming_the_one_that_built_it(open_store: OpenStore) -> None:
    add_articles(open_store())
    with pytest.raises(IndexMismatch, match="built with embedder hashing-v1"):
        open_store("sentence-transformers/all-MiniLM-L6-v2", 384)


def test_an_empty_store_may_be_opened_with_any_embedder(open_store: OpenStore) -> None:
    open_store()
    other = open_store("another-embedder", 8)
    other.write([(document("x", "Tiny."), [Chunk(chunk_id="x:0", doc_id="x", position=0, text="Tiny.")],
                  np.ones((1, 8), dtype=np.float32) / np.sqrt(8))])
    assert other.search(np.ones(8, dtype=np.float32) / np.sqrt(8), 1)[0].score == pytest.approx(1.0, abs=1e-5)


def test_writing_with_other_chunk_settings_is_refused(open_store: OpenStore) -> None:
    add_articles(open_store())
    other = open_store(chunking={"size": 500, "overlap": 50})
    with pytest.raises(IndexMismatch, match="chunked with"):
        other.check_chunking()
    with pytest.raises(IndexMismatch, match="chunked with"):
        other.write([upsert(document("cobalt", "Cobalt prices fell."))])
    with pytest.raises(IndexMismatch, match="chunked with"):
        Indexer(other, EMBEDDER, Chunker(500, 50)).index_documents([document("cobalt", "Cobalt prices fell.")])
    assert "cobalt" not in other.content_hashes()


def test_searching_an_empty_store_says_so(store: Store) -> None:
    with pytest.raises(IndexEmpty, match="index is empty"):
        store.search(EMBEDDER.embed_query("anything"), 3)
    with pytest.raises(IndexEmpty, match="index is empty"):
        store.search(EMBEDDER.embed_query("anything"), 3, Filters(sources=["AP"]))
    with pytest.raises(IndexEmpty, match="index is empty"):
        store.keyword_search(["anything"], 3)
    assert store.verify() == [] and store.list_documents(10, 0) == ([], 0)


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(
        open_store: OpenStore, hold_write_lock: Callable[[Store], AbstractContextManager[None]]) -> None:
    first = open_store()
    add_articles(first)
    before = snapshot(first)
    second = open_store(lock_timeout=0.3)
    with hold_write_lock(first), pytest.raises(IndexLocked, match="another process is writing"):
        second.write([upsert(document("cobalt", "Cobalt prices fell."))], deletes=["mine"])
    assert snapshot(second) == before


def test_a_second_writer_waits_for_the_first_to_finish(
        open_store: OpenStore, hold_write_lock: Callable[[Store], AbstractContextManager[None]]) -> None:
    first = open_store()
    add_articles(first)
    second = open_store(lock_timeout=30)
    released = threading.Event()

    def hold_briefly() -> None:
        with hold_write_lock(first):
            time.sleep(0.5)
        released.set()

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    time.sleep(0.1)
    second.write([upsert(document("cobalt", "Cobalt prices fell."))])
    holder.join()
    assert released.is_set() and "cobalt" in first.content_hashes() and first.verify() == []


def test_concurrent_writers_never_leave_the_store_inconsistent(open_store: OpenStore) -> None:
    add_articles(open_store())
    writers = [open_store(lock_timeout=60) for _ in range(3)]
    errors: list[BaseException] = []

    def write_many(n: int, store: Store) -> None:
        try:
            for i in range(6):
                store.write([upsert(document(f"w{n}-{i}", f"Writer {n} note {i} on nickel and cobalt."))],
                            deletes=[f"w{n}-{i - 1}"] if i % 2 else [])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write_many, args=(n, s)) for n, s in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    reader = open_store()
    expected = set(ARTICLES) | {f"w{n}-{i}" for n in range(3) for i in (1, 3, 5)}
    assert set(reader.content_hashes()) == expected
    assert reader.count() == (len(expected), len(reader.chunk_ids()))
    assert reader.verify() == []


def _paged() -> Document:
    text = "The council approved the harbor plant on Monday.\n\nTurbines arrive from Rotterdam in May by ship."
    return Document(doc_id="paged", title="Paged", text=text, content_hash=content_hash(text),
                    page_starts=[0, text.index("Turbines")])


def test_a_chunk_page_is_stored_and_returned_with_its_passage(store: Store) -> None:
    add_articles(store)
    store.write([upsert(_paged())])
    by_page = {p.chunk_id: p.page for p in store.keyword_search(["turbines", "council", "lithium"], 10)}
    pages = {chunk.chunk_id: chunk.page for chunk in CHUNKER.split(_paged())}
    assert set(pages.values()) == {1, 2}
    assert all(by_page[chunk_id] == page for chunk_id, page in pages.items())
    assert all(page is None for chunk_id, page in by_page.items() if chunk_id not in pages)  # not a paged document
    dense = store.search(EMBEDDER.embed_query("turbines Rotterdam"), 10)
    assert {p.page for p in dense if p.doc_id == "paged"} == {1, 2}


def test_a_store_built_before_pages_existed_opens_upgraded_and_keeps_its_chunks(open_store: OpenStore, backend: str) -> None:
    first = open_store()
    add_articles(first)
    before = snapshot(first)
    if backend == "faiss":  # the layout before the page column: drop it, as an older version wrote it
        import sqlite3

        conn = sqlite3.connect(first.directory / "meta.sqlite")  # type: ignore[attr-defined]
        conn.execute("ALTER TABLE chunks DROP COLUMN page")
        conn.close()
    else:
        with first._connection() as conn:  # type: ignore[attr-defined]
            conn.execute("ALTER TABLE rag_chunks DROP COLUMN page")
    upgraded = open_store()
    assert snapshot(upgraded) == before
    assert all(p.page is None for p in upgraded.search(EMBEDDER.embed_query("lithium"), 10))
    upgraded.write([upsert(_paged())])
    assert {p.page for p in upgraded.keyword_search(["turbines", "council"], 10)} == {1, 2}
