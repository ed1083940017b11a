"""What only the FAISS store does: generation files that survive a failed write, its lock file, and the index
type by size (exact, then IVF with 8-bit codes, memory-mapped for reading). The rest of
what a store must do is in tests/contracts/test_store_contract.py, run against every backend."""

from pathlib import Path

import faiss
import numpy as np
import pytest

from index.files import index_paths
from rag.embedders import HashingEmbedder
from rag.errors import IndexLocked, StorageFull
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.stores.faiss_sqlite import FaissStore
from rag.types import Chunk, Document, Filters


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
    index_paths(indexer, [tmp_path / "a"])
    before = store.chunk_ids()
    crashing = CrashingStore(tmp_path / "ix", embedder.id, embedder.dim, chunking={"size": 200, "overlap": 40})
    _write(tmp_path / "a", "one.txt", "Something else entirely. " * 30)
    with pytest.raises(StorageFull):  # the store turns a full disk into its own error
        index_paths(Indexer(crashing, embedder, Chunker(200, 40)), [tmp_path / "a"])
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


# -- the index type by size: exact below the threshold, IVF with 8-bit codes above it ---------------------------

DIM = 32


def _clustered(n: int, seed: int) -> np.ndarray:
    """Unit vectors around a few centres, so inverted lists have something to find."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((8, DIM))
    vectors = centres[rng.integers(0, 8, n)] + 0.3 * rng.standard_normal((n, DIM))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _doc(doc_id: str, n: int, seed: int, source: str | None = None) -> tuple[Document, list[Chunk], np.ndarray]:
    chunks = [Chunk(chunk_id=f"{doc_id}:{i}", doc_id=doc_id, position=i, text=f"{doc_id} chunk {i} words") for i in range(n)]
    document = Document(doc_id=doc_id, title=doc_id, text=" ".join(c.text for c in chunks), source=source,
                        content_hash=f"{doc_id}-{seed}")
    return document, chunks, _clustered(n, seed)


def _ivf_store(directory: Path, threshold: int = 400, **options: object) -> FaissStore:
    return FaissStore(directory, "test-vectors", DIM, ivf_threshold=threshold, nprobe=64, **options)  # type: ignore[arg-type]


def _on_disk(store: FaissStore) -> faiss.Index:
    return faiss.read_index(str(store._vector_file(store._generation_on_disk())))


def test_the_index_stays_exact_below_the_threshold_and_becomes_ivf_at_it(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    store.write([_doc(f"d{i}", 50, i) for i in range(7)])
    assert isinstance(_on_disk(store), faiss.IndexIDMap2)
    store.write([_doc("d7", 50, 7)])
    index = _on_disk(store)
    assert isinstance(index, faiss.IndexIVFScalarQuantizer) and index.ntotal == 400
    assert store.verify() == []
    _consistent(store)


def test_an_ivf_index_finds_each_chunk_by_its_own_vector_and_returns_its_vector(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    docs = [_doc(f"d{i}", 60, i) for i in range(8)]
    store.write(docs)
    for _, chunks, vectors in docs[:3]:
        for j in (0, 17, 59):
            hits = store.search(vectors[j], 30)
            assert hits[0].chunk_id == chunks[j].chunk_id and hits[0].score > 0.98
            assert len(hits) == 30 and [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    got = store.chunk_vectors(["d1:5", "d2:6"])
    assert float(got["d1:5"] @ docs[1][2][5]) > 0.999 and float(got["d2:6"] @ docs[2][2][6]) > 0.999


def test_an_ivf_index_deletes_and_replaces_documents_on_both_sides(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    docs = [_doc(f"d{i}", 60, i) for i in range(8)]
    store.write(docs)
    store.write([_doc("d3", 40, 103)], deletes=["d4"])
    assert isinstance(_on_disk(store), faiss.IndexIVFScalarQuantizer)
    assert store.chunk_ids("d4") == [] and len(store.chunk_ids("d3")) == 40
    old_vector = docs[3][2][10]
    assert all(h.doc_id not in ("d4",) for h in store.search(docs[4][2][0], 30))
    assert store.search(old_vector, 1)[0].score < 0.98  # the replaced chunk's old vector is gone
    assert store.search(_doc("d3", 40, 103)[2][10], 1)[0].chunk_id == "d3:10"
    assert store.verify() == []
    _consistent(store)


def test_filters_on_an_ivf_index_return_only_allowed_chunks_even_when_few_are_allowed(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    docs = [_doc(f"d{i}", 60, i, source="wire" if i == 5 else "blog") for i in range(8)]
    store.write(docs)
    hits = store.search(docs[0][2][0], 30, Filters(sources=["wire"]))
    assert len(hits) == 30 and {h.doc_id for h in hits} == {"d5"}
    hits = store.search(docs[0][2][0], 10, Filters(doc_ids=["d2", "d6"]))
    assert len(hits) == 10 and {h.doc_id for h in hits} <= {"d2", "d6"}
    assert store.search(docs[0][2][0], 10, Filters(sources=["nobody"])) == []


def test_filters_over_many_chunks_on_an_ivf_index_use_the_probe_and_stay_within_the_filter(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix", exact_filter_limit=10)  # every filter here takes the probe path
    docs = [_doc(f"d{i}", 60, i, source="wire" if i % 2 else "blog") for i in range(8)]
    store.write(docs)
    hits = store.search(docs[1][2][3], 20, Filters(sources=["wire"]))
    assert hits and hits[0].chunk_id == "d1:3" and {h.doc_id for h in hits} <= {"d1", "d3", "d5", "d7"}


def test_deleting_below_half_the_threshold_makes_the_index_exact_again(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    docs = [_doc(f"d{i}", 60, i) for i in range(8)]
    store.write(docs)
    store.write([], deletes=[f"d{i}" for i in range(5)])
    assert isinstance(_on_disk(store), faiss.IndexIDMap2) and _on_disk(store).ntotal == 180
    assert store.search(docs[6][2][7], 1)[0].chunk_id == "d6:7"
    assert store.verify() == []


def test_a_reader_of_a_memory_mapped_index_sees_each_new_generation(tmp_path: Path) -> None:
    writer = _ivf_store(tmp_path / "ix")
    reader = _ivf_store(tmp_path / "ix", mmap=True)
    docs = [_doc(f"d{i}", 60, i) for i in range(8)]
    writer.write(docs[:4])
    assert reader.search(docs[1][2][0], 1)[0].chunk_id == "d1:0"
    writer.write(docs[4:])  # crosses the threshold: a new file of another type
    assert reader.search(docs[6][2][2], 1)[0].chunk_id == "d6:2"
    writer.write([], deletes=["d6"])
    assert all(h.doc_id != "d6" for h in reader.search(docs[6][2][2], 30))
    assert reader.verify() == []


def test_verify_names_vectors_missing_from_an_ivf_index(tmp_path: Path) -> None:
    store = _ivf_store(tmp_path / "ix")
    store.write([_doc(f"d{i}", 60, i) for i in range(8)])
    index = _on_disk(store)
    index.remove_ids(np.asarray([1, 2, 3], dtype=np.int64))
    faiss.write_index(index, str(store._vector_file(store._generation_on_disk())))
    store._generation = -1  # as a fresh process would: read the file again
    assert store.verify() == ["0 vectors without a chunk, 3 chunks without a vector"]
