"""Store backends, picked by ``store.backend``: FAISS + SQLite files (default) or PostgreSQL + pgvector."""

from __future__ import annotations

from rag.protocols import Store
from rag.settings import Settings


def open_store(settings: Settings) -> Store:
    """The store alone, for commands that need no embedding model (delete, check): the embedder's id and
    dimension are still checked against the index's manifest, without loading the model."""
    from rag.embedders import embedder_identity

    return make_store(settings, *embedder_identity(settings.embedder))


def make_store(settings: Settings, embedder_id: str, dim: int) -> Store:
    chunking = {"size": settings.chunking.size, "overlap": settings.chunking.overlap}
    if settings.store.backend == "postgres":
        from rag.stores.postgres import PostgresStore

        assert settings.store.url is not None  # checked by StoreSettings
        wait = 10.0 if settings.store.write_wait is None else settings.store.write_wait
        return PostgresStore(settings.store.url.get_secret_value(), embedder_id, dim, chunking=chunking, lock_timeout=wait)
    from rag.stores.faiss_sqlite import FaissStore

    return FaissStore(settings.index_dir, embedder_id, dim, chunking=chunking, ivf_threshold=settings.store.ivf_threshold,
                      nprobe=settings.store.nprobe, mmap=settings.store.mmap, lock_timeout=settings.store.write_wait or 0.0)
