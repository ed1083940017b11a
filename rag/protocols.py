"""The roles that plug in: Embedder, Store and Generator, each a small Protocol."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from rag.collections import OnDelete
from rag.types import ChatMessage, Chunk, Document, Filters, Passage

if TYPE_CHECKING:
    from rag.claims.records import SentenceRecord


@runtime_checkable
class Embedder(Protocol):
    """Turns text into unit-length float32 vectors."""

    id: str  # recorded in the index manifest; an index only opens with the embedder that built it
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@runtime_checkable
class Store(Protocol):
    """Documents, their chunks and the chunk vectors, written atomically; every backend passes
    tests/contracts/test_store_contract.py."""

    embedder_id: str
    dim: int

    def write(self, upserts: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
              deletes: Iterable[str] = (), sentences: dict[str, list[SentenceRecord]] | None = None) -> None:
        """Replace the given documents and delete others, all or nothing; ``sentences`` are the written
        chunks' sentence rows (claims and vectors), committed with them."""
        ...

    def sentences(self, chunk_ids: Sequence[str]) -> dict[str, list[SentenceRecord]]:
        """The stored sentence rows of the given chunks, in order; chunks without rows are absent."""
        ...

    def chunks_without_sentences(self, limit: int) -> list[tuple[str, str]]:
        """(chunk_id, text) of up to ``limit`` chunks stored before they had sentence rows."""
        ...

    def add_sentences(self, sentences: dict[str, list[SentenceRecord]]) -> None:
        """Add rows for chunks that have none (an upgrade), atomically; chunks gone meanwhile are skipped."""
        ...

    def stale_claims(self, version: str, limit: int) -> list[tuple[str, int, str]]:
        """(chunk_id, n, text) of up to ``limit`` sentence rows whose claims another claims version computed."""
        ...

    def refresh_claims(self, rows: Sequence[tuple[str, int, str, str]]) -> None:
        """Replace the claims of stored rows, (chunk_id, n, claims JSON, version), atomically (an upgrade)."""
        ...

    def check_chunking(self) -> None:
        """Raise IndexMismatch if this store was chunked with other settings than the writer's."""
        ...

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[Passage]:
        """Nearest chunks by inner product among those the filters allow."""
        ...

    def keyword_search(self, terms: Sequence[str], k: int, filters: Filters | None = None) -> list[Passage]:
        """Chunks matching any of the terms, best first (higher score is better)."""
        ...

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]: ...

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]:
        """The chunk after each given chunk in its document (by position), keyed by the given chunk's id; a
        document's last chunk has none. Scored 0: they are read beside a search's passages, not ranked."""
        ...

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        """Chunk ids in insertion order, of one document or of all."""
        ...

    def content_hashes(self) -> dict[str, str]: ...

    def fingerprints(self) -> dict[str, str]:
        """MinHash fingerprints (rag/syndication.py) of the documents that are not copies, by doc_id."""
        ...

    def copies_of(self, doc_id: str) -> list[str]:
        """The doc_ids recorded as syndicated copies of this document."""
        ...

    def get_document(self, doc_id: str) -> Document: ...

    def document_info(self, doc_id: str) -> dict[str, Any]:
        """doc_id, title, source, published_at, chunks, indexed_at, url, duplicate_of, also_published_by,
        collections (sorted names), text, content_hash; NotFound if absent."""
        ...

    def list_documents(self, limit: int, offset: int,
                       collections: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], int]:
        """One page of documents (without text, with their collections) ordered by doc_id, and the total;
        ``collections``: only documents in any of these (the total counts those)."""
        ...

    # Collections (rules in rag/collections.py): membership beside the documents, each call atomic.

    def collections(self) -> dict[str, int]:
        """Every collection (created or holding documents, 'default' always) -> its number of documents."""
        ...

    def documents_in(self, collections: Sequence[str]) -> set[str]:
        """The doc_ids in any of these collections (one query, whatever the store's size)."""
        ...

    def count_in(self, collections: Sequence[str]) -> tuple[int, int]:
        """(documents, chunks) of the documents in any of these collections."""
        ...

    def create_collection(self, name: str) -> None:
        """Create an empty collection (nothing happens if it exists)."""
        ...

    def delete_collection(self, name: str, documents: OnDelete = "refuse") -> int:
        """Delete a collection; with documents in it, "refuse" raises CollectionNotEmpty, "delete" deletes
        those in no other collection, "keep" keeps them all (in 'default' if in no other). Returns how
        many documents belonged. NotFound if unknown; InvalidInput for 'default'."""
        ...

    def add_to_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        """Add documents (NotFound if one is unknown: nothing changes); creates the collection if needed."""
        ...

    def remove_from_collection(self, name: str, doc_ids: Sequence[str]) -> None:
        """Remove documents from a collection; one left in none falls back to 'default'."""
        ...

    def count(self) -> tuple[int, int]:
        """(documents, chunks)."""
        ...

    def verify(self) -> list[str]:
        """Problems found (empty: consistent): the vector and text sides hold the same chunks, every
        document has exactly the chunks it records, and every chunk its sentence rows and vectors."""
        ...


@runtime_checkable
class Generator(Protocol):
    """Drafts an answer from numbered passages, citing passage n as ``[n]``; yields the text as it comes.

    The draft is verified against the passages before anyone sees it (rag/answer/verify.py). Errors of a
    model are raised as ``rag.errors.GeneratorError`` subclasses, never with the provider's raw text.
    """

    name: str

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]: ...


# Optional abilities of a generator: small protocols, checked with isinstance.

@runtime_checkable
class Condenser(Protocol):
    """Can rewrite a follow-up as a standalone question (checked by rag.conversation before use)."""

    def condense(self, history: Sequence[ChatMessage], question: str) -> str: ...


@runtime_checkable
class PromptVersioned(Protocol):
    """Drafts from a versioned prompt; the version is recorded in each Answer."""

    prompt_version: str


@runtime_checkable
class HasFallback(Protocol):
    """A generator with another behind it (rag.generators.fallback.WithFallback): when the first fails or
    nothing it wrote survives verification, the answerer drafts with ``fallback`` and marks the answer degraded."""

    fallback: Generator
    fallback_on_error: bool
