"""Dense retrieval: embed the query, search the store."""

from __future__ import annotations

from rag.protocols import Embedder, Store
from rag.types import Passage


class Retriever:
    def __init__(self, embedder: Embedder, store: Store) -> None:
        self.embedder = embedder
        self.store = store

    def search(self, query: str, k: int) -> list[Passage]:
        return self.store.search(self.embedder.embed_query(query), k)
