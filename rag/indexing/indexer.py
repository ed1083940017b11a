"""Incremental indexing: skip unchanged documents by content hash, replace changed ones, delete on request.

How documents are read (files, uploads, URLs) lives in ``index/``; this is what is done with them."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from rag.claims.extract import analyze, typed
from rag.claims.records import SentenceRecord, claims_to_json, claims_version
from rag.collections import check_slugs
from rag.errors import NotFound
from rag.indexing.chunker import Chunker
from rag.indexing.copies import keep_within_collections
from rag.indexing.sentences import SentenceBuilder
from rag.protocols import Embedder, Store
from rag.syndication import mark_copies
from rag.types import Chunk, Document


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (copy, original): syndicated, not indexed apart
    joined: list[str] = field(default_factory=list)  # unchanged documents (not embedded again) put in the collections
    warnings: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0

    def summary(self) -> str:
        line = (f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)} unchanged, "
                f"refused {len(self.refused)} ({self.chunks} chunks embedded)")
        if self.joined:
            line += f"; {len(self.joined)} unchanged are now also in the given collections"
        line += "".join(f"\n  copy {copy}: the same story as {original} (recorded as also published by)"
                        for copy, original in self.copies)
        # A file name may hold control characters (a newline, a terminal escape): those are shown escaped.
        return (line + "".join(f"\n  refused {_shown(path)}: {why}" for path, why in self.refused)
                + "".join(f"\n  warning {_shown(where)}: {what}" for where, what in self.warnings))


def _shown(path: str) -> str:
    return path if path.isprintable() else repr(path)


class Indexer:
    """``collections``: every document this indexer writes is added to them (rag/collections.py); an unchanged
    one is not embedded again, only added."""

    def __init__(self, store: Store, embedder: Embedder, chunker: Chunker, batch_documents: int = 200,
                 syndication_threshold: float = 0.6, sentences: SentenceBuilder | None = None,
                 collections: Sequence[str] = ()) -> None:
        """``sentences`` builds each chunk's sentence rows (vectors, typed claims), written with it; None
        writes chunks without them (readers then compute what they need at query time)."""
        self.store = store
        self.sentences = sentences
        self.collections = check_slugs(collections)
        self.syndication_threshold = syndication_threshold
        self.embedder = embedder
        self.chunker = chunker
        self.batch_documents = batch_documents

    def with_collections(self, names: Sequence[str]) -> Indexer:
        """The same indexer, adding what it writes to these collections (ValueError on a malformed name)."""
        other = copy.copy(self)
        other.collections = check_slugs(names)
        return other

    def index_documents(self, documents: Sequence[Document], report: IndexReport | None = None,
                        progress: bool = False) -> IndexReport:
        report = report or IndexReport()
        self.store.check_chunking()
        known = self.store.content_hashes()
        todo = []
        joining: dict[str, list[str]] = {}
        for doc in documents:
            report.warnings.extend((doc.path or doc.doc_id, warning) for warning in doc.warnings)
            if self.collections:
                doc.collections = list(dict.fromkeys([*doc.collections, *self.collections]))
            if known.get(doc.doc_id) == doc.content_hash:
                report.skipped.append(doc.doc_id)
                for name in doc.collections:
                    joining.setdefault(name, []).append(doc.doc_id)
            else:
                todo.append(doc)
        for name, doc_ids in joining.items():  # membership only: nothing to embed again
            self.store.add_to_collection(name, doc_ids)
            report.joined += [d for d in doc_ids if d not in report.joined]
        found = mark_copies(todo, self.store.fingerprints(), self.syndication_threshold, self._text_of)
        report.copies += keep_within_collections(self.store, todo, found, set(known))
        chunked = [(doc, self.chunker.split(doc) if doc.duplicate_of is None else []) for doc in todo]
        total = sum(len(chunks) for _, chunks in chunked)
        with tqdm(total=total, desc="chunks", unit="chunk", disable=not progress or total == 0) as bar:
            for start in range(0, len(chunked), self.batch_documents):
                batch = chunked[start:start + self.batch_documents]
                # One embedding call per batch, not per document: the embedder batches and length-sorts
                # what it is given, and one document's few chunks make small, padded batches.
                vectors, sentences = self._vectors_and_rows([c for _, chunks in batch for c in chunks], bar)
                bounds = np.cumsum([0] + [len(chunks) for _, chunks in batch])
                upserts = [(doc, chunks, vectors[bounds[i]:bounds[i + 1]]) for i, (doc, chunks) in enumerate(batch)]
                self.store.write(upserts, sentences=sentences)
                for doc, chunks in batch:
                    (report.updated if doc.doc_id in known else report.added).append(doc.doc_id)
                    report.chunks += len(chunks)
        return report

    def _text_of(self, doc_id: str) -> str | None:
        try:
            return self.store.get_document(doc_id).text
        except NotFound:
            return None

    def _embed(self, chunks: Sequence[Chunk], bar: tqdm) -> np.ndarray:
        parts = []
        # Large calls: the embedder sorts each call's texts by length, and less padding is less work.
        for start in range(0, len(chunks), 512):
            texts = [c.text for c in chunks[start:start + 512]]
            parts.append(self.embedder.embed_documents(texts))
            bar.update(len(texts))
        if not parts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.concatenate(parts)

    def delete(self, doc_id: str) -> None:
        """Remove a document; its syndicated copies, if any, stand in for it (the first becomes the original,
        chunked and embedded) in the same atomic write."""
        if doc_id not in self.store.content_hashes():
            raise NotFound(f"no document with doc_id {doc_id!r}")
        copies = [self.store.get_document(c) for c in self.store.copies_of(doc_id)]
        known = {k: v for k, v in self.store.fingerprints().items() if k != doc_id}
        mark_copies(copies, known, self.syndication_threshold)
        chunked = [(doc, self.chunker.split(doc) if doc.duplicate_of is None else []) for doc in copies]
        with tqdm(disable=True) as bar:
            vectors, sentences = self._vectors_and_rows([c for _, chunks in chunked for c in chunks], bar)
        bounds = np.cumsum([0] + [len(chunks) for _, chunks in chunked])
        upserts = [(doc, chunks, vectors[bounds[i]:bounds[i + 1]]) for i, (doc, chunks) in enumerate(chunked)]
        self.store.write(upserts, deletes=[doc_id], sentences=sentences)

    def _vectors_and_rows(self, chunks: Sequence[Chunk], bar: tqdm
                          ) -> tuple[np.ndarray, dict[str, list[SentenceRecord]] | None]:
        """The chunks' vectors and sentence rows; one encoder pass gives both when the sentence vectors are
        pooled from the chunks' tokens (rag/indexing/pooled.py), else the chunks are embedded apart."""
        if self.sentences is None or not chunks:
            return self._embed(chunks, bar), None
        parts, rows = [], {}
        for start in range(0, len(chunks), 512):  # the batch size of _embed
            part = chunks[start:start + 512]
            vectors, found = self.sentences.with_vectors([(c.chunk_id, c.text) for c in part])
            parts.append(vectors if vectors is not None else self._embed(part, bar))
            rows.update(found)
            if vectors is not None:
                bar.update(len(part))
        return np.concatenate(parts), rows

    def refresh_claims(self, batch: int = 2000, progress: bool = False) -> int:
        """Recompute the claims of stored sentence rows that another claims version wrote (their text and
        vectors stay), a batch per atomic write; returns the number of rows refreshed. Only a process with the
        parser does it: a regex-only process would replace parsed claims with poorer ones."""
        if self.sentences is None or not typed():
            return 0
        done, version = 0, claims_version()
        with tqdm(desc="claims", unit="sentence", disable=not progress) as bar:
            while True:
                rows = self.store.stale_claims(version, batch)
                if not rows:
                    return done
                found = analyze([text for _, _, text in rows])
                self.store.refresh_claims([(chunk_id, n, claims_to_json(claims), version)
                                           for (chunk_id, n, _), claims in zip(rows, found)])
                done += len(rows)
                bar.update(len(rows))

    def upgrade(self, batch_chunks: int = 512, progress: bool = False) -> int:
        """Add sentence rows to chunks stored without them (an index built before they existed), a batch per
        atomic write; returns the number of chunks upgraded."""
        if self.sentences is None:
            return 0
        done, seen = 0, set[str]()
        with tqdm(desc="sentences", unit="chunk", disable=not progress) as bar:
            while True:
                todo = [(c, t) for c, t in self.store.chunks_without_sentences(batch_chunks) if c not in seen]
                if not todo:
                    return done
                seen.update(c for c, _ in todo)  # a chunk deleted meanwhile is skipped, never retried forever
                self.store.add_sentences(self.sentences(todo))
                done += len(todo)
                bar.update(len(todo))
