"""Free C-allocator memory handed back after a write and after a generation switch (rag/allocator.py); nothing
done, and no error, where the C library has no malloc_trim."""

import ctypes
import platform
from pathlib import Path

import pytest

from rag import allocator
from rag.embedders import HashingEmbedder
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.stores.faiss_sqlite import FaissStore
from rag.types import Document


class _Recorder:
    def __init__(self) -> None:
        self.args: list[int] = []

    def __call__(self, pad: int) -> int:
        self.args.append(pad)
        return 1


def test_release_trims_every_arena_with_no_padding(monkeypatch: pytest.MonkeyPatch) -> None:
    trim = _Recorder()
    monkeypatch.setattr(allocator, "_trim", trim)
    assert allocator.release() is True
    assert allocator.release() is True
    assert trim.args == [0, 0]


def test_without_malloc_trim_release_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoTrimLibc:  # a C library without malloc_trim (musl, macOS): ctypes raises AttributeError
        def __init__(self, name: object) -> None:
            pass

        def __getattr__(self, name: str) -> object:
            raise AttributeError(name)

    monkeypatch.setattr(ctypes, "CDLL", NoTrimLibc)
    assert allocator._find_trim() is None
    monkeypatch.setattr(allocator, "_trim", None)
    assert allocator.available() is False
    assert allocator.release() is False


def test_a_library_that_cannot_be_opened_means_no_trim(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: object) -> object:
        raise OSError("no such library")

    monkeypatch.setattr(ctypes, "CDLL", refuse)
    assert allocator._find_trim() is None


def test_a_trim_under_way_is_not_repeated_by_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    trim = _Recorder()
    monkeypatch.setattr(allocator, "_trim", trim)
    with allocator._lock:  # as if another thread were trimming now
        assert allocator.release() is False
    assert trim.args == []
    assert allocator.release() is True


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_on_glibc_the_real_malloc_trim_is_called() -> None:
    assert allocator.available()
    assert allocator.release() is True


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, title=doc_id, text=text, content_hash=text)


def test_a_write_and_a_readers_generation_switch_each_release_memory(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = HashingEmbedder()
    chunking = {"size": 200, "overlap": 40}
    writer = FaissStore(tmp_path / "ix", embedder.id, embedder.dim, chunking=chunking)
    reader = FaissStore(tmp_path / "ix", embedder.id, embedder.dim, chunking=chunking)  # another worker process
    indexer = Indexer(writer, embedder, Chunker(200, 40))
    calls: list[str] = []
    monkeypatch.setattr(allocator, "release", lambda: calls.append("release") or True)

    indexer.index_documents([_doc("one", "Alpha beta gamma. " * 30)])
    assert calls == ["release"]  # the write
    query = embedder.embed_query("alpha")
    assert reader.search(query, 1)[0].doc_id == "one"
    assert calls == ["release"] * 2  # the reader loaded the new generation
    reader.search(query, 1)
    assert calls == ["release"] * 2  # the same generation: nothing loaded, nothing released

    indexer.index_documents([_doc("two", "Delta epsilon zeta. " * 30)])
    assert calls == ["release"] * 3
    assert reader.search(embedder.embed_query("delta"), 1)[0].doc_id == "two"
    assert calls == ["release"] * 4


def test_a_write_that_fails_still_leaves_the_store_usable_and_releases_nothing(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    class CrashingStore(FaissStore):
        def _write_index_file(self, index, path):  # type: ignore[no-untyped-def]
            raise OSError("disk gone")

    embedder = HashingEmbedder()
    store = CrashingStore(tmp_path / "ix", embedder.id, embedder.dim, chunking={"size": 200, "overlap": 40})
    calls: list[str] = []
    monkeypatch.setattr(allocator, "release", lambda: calls.append("release") or True)
    with pytest.raises(OSError):
        Indexer(store, embedder, Chunker(200, 40)).index_documents([_doc("one", "Alpha beta gamma. " * 30)])
    assert calls == []
