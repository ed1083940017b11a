from pathlib import Path

import numpy as np
import pytest

from index.chunker import Chunker
from index.indexer import Indexer
from rag.embedders import HashingEmbedder
from rag.errors import IndexEmpty, IndexLocked, IndexMismatch, NotFound
from rag.stores.faiss_sqlite import FaissStore


def _setup(directory: Path, chunking: tuple[int, int] = (200, 40)) -> tuple[FaissStore, Indexer, HashingEmbedder]:
    embedder = HashingEmbedder()
    store = FaissStore(directory, embedder.id, embedder.dim, chunking={"size": chunking[0], "overlap": chunking[1]})
    return store, Indexer(store, embedder, Chunker(*chunking)), embedder


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def _consistent(store: FaissStore) -> None:
    assert store.vector_ids() == store.text_ids() == store.keyword_ids()


def test_indexed_chunks_come_back_from_search(tmp_path: Path) -> None:
    store, indexer, embedder = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "harbor.txt", "The harbor desalination plant will cost 420 million dollars.")
    _write(tmp_path / "a", "mine.txt", "The lithium mine employs 300 people in the valley.")
    report = indexer.index_paths([tmp_path / "a"])
    assert sorted(report.added) == ["harbor", "mine"]
    hits = store.search(embedder.embed_query("lithium mine valley"), 2)
    assert hits[0].doc_id == "mine" and hits[0].score > hits[1].score
    assert store.get_document("harbor").text.startswith("The harbor")
    _consistent(store)


def test_rerunning_skips_unchanged_files_and_replaces_changed_ones(tmp_path: Path) -> None:
    store, indexer, embedder = _setup(tmp_path / "ix")
    folder = tmp_path / "a"
    _write(folder, "one.txt", "Alpha beta gamma. " * 30)
    _write(folder, "two.txt", "Delta epsilon zeta. " * 30)
    indexer.index_paths([folder])
    old_chunks = store.chunk_ids("two")
    _write(folder, "two.txt", "Completely new words about harbors. " * 20)
    report = indexer.index_paths([folder])
    assert report.skipped == ["one"] and report.updated == ["two"] and not report.added
    new_chunks = store.chunk_ids("two")
    assert not set(old_chunks) & set(new_chunks)
    assert not set(old_chunks) & set(store.chunk_ids())
    assert store.search(embedder.embed_query("new words about harbors"), 1)[0].doc_id == "two"
    _consistent(store)


def test_delete_removes_the_document_from_both_sides(tmp_path: Path) -> None:
    store, indexer, embedder = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "one.txt", "Alpha beta gamma. " * 30)
    _write(tmp_path / "a", "two.txt", "Delta epsilon zeta. " * 30)
    indexer.index_paths([tmp_path / "a"])
    indexer.delete("one")
    assert store.chunk_ids("one") == []
    assert all(p.doc_id == "two" for p in store.search(embedder.embed_query("alpha beta"), 10))
    _consistent(store)
    with pytest.raises(NotFound):
        indexer.delete("one")


def test_a_reopened_index_answers_the_same(tmp_path: Path) -> None:
    store, indexer, embedder = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "one.txt", "Alpha beta gamma. " * 30)
    indexer.index_paths([tmp_path / "a"])
    reopened, _, _ = _setup(tmp_path / "ix")
    query = embedder.embed_query("alpha")
    assert [p.chunk_id for p in reopened.search(query, 3)] == [p.chunk_id for p in store.search(query, 3)]


def test_opening_with_another_embedder_fails_with_a_clear_message(tmp_path: Path) -> None:
    _, indexer, _ = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "one.txt", "Alpha beta gamma.")
    indexer.index_paths([tmp_path / "a"])
    with pytest.raises(IndexMismatch, match="built with embedder hashing-v1"):
        FaissStore(tmp_path / "ix", "sentence-transformers/all-MiniLM-L6-v2", 384)


def test_indexing_with_other_chunk_settings_is_refused(tmp_path: Path) -> None:
    _, indexer, _ = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "one.txt", "Alpha beta gamma.")
    indexer.index_paths([tmp_path / "a"])
    _, other, _ = _setup(tmp_path / "ix", chunking=(500, 50))
    with pytest.raises(IndexMismatch, match="chunked with"):
        other.index_paths([tmp_path / "a"])


def test_a_failed_write_leaves_the_previous_index_intact(tmp_path: Path) -> None:
    class CrashingStore(FaissStore):
        def _write_index_file(self, index, path):  # type: ignore[no-untyped-def]
            path.write_bytes(b"half-written")
            raise OSError(28, "No space left on device")

    store, indexer, embedder = _setup(tmp_path / "ix")
    _write(tmp_path / "a", "one.txt", "Alpha beta gamma. " * 30)
    indexer.index_paths([tmp_path / "a"])
    before = store.chunk_ids()
    crashing = CrashingStore(tmp_path / "ix", embedder.id, embedder.dim, chunking={"size": 200, "overlap": 40})
    _write(tmp_path / "a", "one.txt", "Something else entirely. " * 30)
    with pytest.raises(OSError):
        Indexer(crashing, embedder, Chunker(200, 40)).index_paths([tmp_path / "a"])
    reopened, _, _ = _setup(tmp_path / "ix")
    assert reopened.chunk_ids() == before
    assert reopened.search(embedder.embed_query("alpha"), 1)[0].doc_id == "one"
    assert sorted(p.name for p in (tmp_path / "ix").glob("vectors-*")) == ["vectors-1.faiss"]
    _consistent(reopened)


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    store, _, embedder = _setup(tmp_path / "ix")
    other = FaissStore(tmp_path / "ix", embedder.id, embedder.dim)
    with store._write_lock(), pytest.raises(IndexLocked, match="another process is writing"):
        other.write([], deletes=["x"])


def test_searching_an_empty_index_says_so(tmp_path: Path) -> None:
    store, _, embedder = _setup(tmp_path / "ix")
    with pytest.raises(IndexEmpty, match="index is empty"):
        store.search(embedder.embed_query("anything"), 3)


def test_vectors_must_match_the_chunks(tmp_path: Path) -> None:
    from index.readers import content_hash
    from rag.types import Chunk, Document

    store, _, _ = _setup(tmp_path / "ix")
    doc = Document(doc_id="d", title="t", text="x", content_hash=content_hash("x"))
    with pytest.raises(ValueError, match="vectors of shape"):
        store.write([(doc, [Chunk(chunk_id="c", doc_id="d", position=0, text="x")], np.zeros((2, 3)))])
