"""What only the FAISS store does: generation files that survive a failed write, and its lock file. The rest of
what a store must do is in tests/contracts/test_store_contract.py, run against every backend."""

from pathlib import Path

import pytest

from index.chunker import Chunker
from index.indexer import Indexer
from rag.embedders import HashingEmbedder
from rag.errors import IndexLocked
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
