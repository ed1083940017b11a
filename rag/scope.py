"""A Store seen through a set of collections: what a key scoped to ``energy+markets`` may read and write.

Everything outside the scope behaves as if it did not exist: searches only reach documents of the scope's
collections, a document or collection outside it is NotFound with the very message an unknown one gets,
counts and lists hold only what is inside, and a document's ``collections`` show only the scope's names.
Writes are scoped the same way: a document goes only into collections of the scope (a new document named
into none goes to the scope's collection when it has one, else the caller must say which); a doc_id held by
a document outside the scope is refused (409: doc_ids are one namespace), never overwritten; deleting a
document that other collections share only takes it out of the scope's collections.

Only the methods below exist: a new Store method is unreachable through a scoped store (AttributeError, a
500) until it is added here, so nothing unscoped slips through by delegation.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.claims.records import SentenceRecord
from rag.collections import OnDelete
from rag.errors import Conflict, InvalidInput, NotFound, RagError
from rag.protocols import Store
from rag.types import Chunk, Document, Filters, Passage

if TYPE_CHECKING:
    from rag.services import Services



class OutsideScope(RagError):
    """Creating a collection the key is not scoped to (403; the same whether the collection exists or not)."""

    code = "forbidden"


def unknown_collection(name: str) -> NotFound:
    return NotFound(f"no collection named {name!r}")  # the store's own words for a collection that does not exist


def unknown_document(doc_id: str) -> NotFound:
    return NotFound(f"no document with doc_id {doc_id!r}")


def narrow(requested: Sequence[str] | None, allowed: frozenset[str] | None) -> list[str] | None:
    """The collections to search: the requested ones the caller may read (all of the allowed ones when none
    were named); None: no restriction."""
    if allowed is None:
        return None if requested is None else list(requested)
    if requested is None:
        return sorted(allowed)
    return [name for name in requested if name in allowed]


def narrow_filters(filters: Filters | None, allowed: frozenset[str] | None) -> Filters | None:
    if allowed is None:
        return filters
    base = filters or Filters()
    return base.model_copy(update={"collections": narrow(base.collections, allowed)})


class ScopedStore:
    """The Store protocol over ``store``, limited to ``collections`` (see the module docstring)."""

    def __init__(self, store: Store, collections: frozenset[str]) -> None:
        self._store = store
        self.scope = collections
        self.embedder_id = store.embedder_id
        self.dim = store.dim

    # -- reading ----------------------------------------------------------------------------------

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Passage]:
        return self._store.search(vector, k, narrow_filters(filters, self.scope))

    def keyword_search(self, terms: Sequence[str], k: int, filters: Filters | None = None) -> list[Passage]:
        return self._store.keyword_search(terms, k, narrow_filters(filters, self.scope))

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        return self._store.chunk_vectors(chunk_ids)  # vectors only, of ids a scoped search returned

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
        return self._store.sentences(chunk_ids)  # rows of chunk ids a scoped search returned

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        return self._store.following(chunk_ids)  # the next chunk of a document a scoped search returned

    def chunks_without_sentences(self, limit: int) -> list[tuple[str, str]]:
        inside = set(self.chunk_ids())
        return [(c, t) for c, t in self._store.chunks_without_sentences(limit) if c in inside]

    def add_sentences(self, sentences: dict[str, list[SentenceRecord]]) -> None:
        inside = set(self.chunk_ids())
        outside = [c for c in sentences if c not in inside]
        if outside:
            raise NotFound(f"no chunk {outside[0]!r}")
        self._store.add_sentences(sentences)

    def stale_claims(self, version: str, limit: int) -> list[tuple[str, int, str]]:
        inside = set(self.chunk_ids())
        return [row for row in self._store.stale_claims(version, limit) if row[0] in inside]

    def refresh_claims(self, rows: Sequence[tuple[str, int, str, str]]) -> None:
        inside = set(self.chunk_ids())
        outside = [row[0] for row in rows if row[0] not in inside]
        if outside:
            raise NotFound(f"no chunk {outside[0]!r}")
        self._store.refresh_claims(rows)

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is not None:
            return self._store.chunk_ids(doc_id) if doc_id in self._doc_ids() else []
        return [c for d in sorted(self._doc_ids()) for c in self._store.chunk_ids(d)]

    def content_hashes(self) -> dict[str, str]:
        inside = self._doc_ids()
        return {d: h for d, h in self._store.content_hashes().items() if d in inside}

    def fingerprints(self) -> dict[str, str]:
        inside = self._doc_ids()
        return {d: f for d, f in self._store.fingerprints().items() if d in inside}

    def copies_of(self, doc_id: str) -> list[str]:
        inside = self._doc_ids()
        return [d for d in self._store.copies_of(doc_id) if d in inside] if doc_id in inside else []

    def document_info(self, doc_id: str) -> dict[str, Any]:
        try:
            info = self._store.document_info(doc_id)
        except NotFound:
            raise unknown_document(doc_id) from None
        shown = [c for c in info.get("collections", []) if c in self.scope]
        if not shown:
            raise unknown_document(doc_id)
        return {**info, "collections": shown}

    def get_document(self, doc_id: str) -> Document:
        self.document_info(doc_id)
        return self._store.get_document(doc_id)

    def list_documents(self, limit: int, offset: int,
                       collections: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], int]:
        rows, total = self._store.list_documents(limit, offset, narrow(collections, self.scope))
        return [{**row, "collections": [c for c in row.get("collections", []) if c in self.scope]} for row in rows], total

    def count(self) -> tuple[int, int]:
        return self._store.count_in(sorted(self.scope))

    def collections(self) -> dict[str, int]:
        return {name: n for name, n in self._store.collections().items() if name in self.scope}

    def documents_in(self, collections: Sequence[str]) -> set[str]:
        return self._store.documents_in(narrow(collections, self.scope) or [])

    def count_in(self, collections: Sequence[str]) -> tuple[int, int]:
        return self._store.count_in(narrow(collections, self.scope) or [])

    def check_chunking(self) -> None:
        self._store.check_chunking()

    def verify(self) -> list[str]:
        return self._store.verify()

    def _doc_ids(self) -> set[str]:
        return self._store.documents_in(sorted(self.scope))

    def _memberships(self, doc_id: str) -> list[str] | None:
        """All the document's collections (inside the scope or not); None when it does not exist."""
        try:
            return list(self._store.document_info(doc_id).get("collections", []))
        except NotFound:
            return None

    # -- writing ----------------------------------------------------------------------------------

    def _writable(self, doc: Document) -> Document:
        for name in doc.collections:
            if name not in self.scope:
                raise unknown_collection(name)
        held = self._memberships(doc.doc_id)
        if held is not None and not set(held) <= self.scope:
            raise Conflict(f"doc_id {doc.doc_id!r} is taken; choose another")
        if not doc.collections and held is None:
            if len(self.scope) != 1:
                raise InvalidInput(f"collections: name the collections to add the document to (this key writes to "
                                   f"{', '.join(sorted(self.scope))})")
            return doc.model_copy(update={"collections": sorted(self.scope)})
        return doc

    def write(self, upserts: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
              deletes: Iterable[str] = (), sentences: dict[str, list[SentenceRecord]] | None = None) -> None:
        checked = [(self._writable(doc), chunks, vectors) for doc, chunks, vectors in upserts]
        whole: list[tuple[str, list[str]]] = []
        shared: list[tuple[str, list[str]]] = []
        for doc_id in deletes:
            held = self._memberships(doc_id)
            mine = [c for c in held or [] if c in self.scope]
            if not mine:
                raise unknown_document(doc_id)
            (whole if len(mine) == len(held or []) else shared).append((doc_id, mine))
        self._store.write(checked, deletes=[d for d, _ in whole], sentences=sentences)
        for doc_id, mine in shared:  # other collections keep it: it only leaves ours
            for name in mine:
                self._store.remove_from_collection(name, [doc_id])

    def create_collection(self, name: str) -> None:
        if name not in self.scope:
            raise OutsideScope(f"this key may not create collection {name!r} (it is scoped to "
                               f"{', '.join(sorted(self.scope))})")
        self._store.create_collection(name)

    def delete_collection(self, name: str, documents: OnDelete = "refuse") -> int:
        if name not in self.scope:
            raise unknown_collection(name)
        return self._store.delete_collection(name, documents)

    def add_to_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        if name not in self.scope:
            raise unknown_collection(name)
        self._check_documents(doc_ids)
        self._store.add_to_collection(name, doc_ids)

    def remove_from_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        if name not in self.scope:
            raise unknown_collection(name)
        self._check_documents(doc_ids)
        self._store.remove_from_collection(name, doc_ids)

    def _check_documents(self, doc_ids: Sequence[str]) -> None:
        inside = self._doc_ids()
        for doc_id in doc_ids:
            if doc_id not in inside:
                raise unknown_document(doc_id)


def scoped_services(services: Services, collections: frozenset[str] | None) -> Services:
    """The services as a caller scoped to ``collections`` sees them (None: unchanged); cheap, built per request:
    the store, and the retriever, engine and indexer that use it, are views over the shared parts."""
    if collections is None:
        return services
    store = ScopedStore(services.store, collections)
    retriever = copy.copy(services.retriever)  # shallow copies: the models and caches stay shared
    retriever.store = store
    engine = copy.copy(services.engine)
    engine.retriever = retriever
    indexer = copy.copy(services.indexer)
    indexer.store = store
    return dataclasses.replace(services, store=store, retriever=retriever, engine=engine, indexer=indexer)
