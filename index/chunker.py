"""Cutting a document into overlapping, sentence-aware chunks with deterministic ids."""

from __future__ import annotations

import hashlib

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.types import Chunk, Document

# Paragraphs first, then lines, then sentence ends, then words: a chunk breaks mid-sentence only
# when one sentence is longer than the chunk.
_SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


class Chunker:
    def __init__(self, size: int, overlap: int) -> None:
        self.size = size
        self.overlap = overlap
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=size, chunk_overlap=overlap, separators=_SEPARATORS, keep_separator="end",
            strip_whitespace=True)

    def settings(self) -> dict[str, int]:
        return {"size": self.size, "overlap": self.overlap}

    def split(self, doc: Document) -> list[Chunk]:
        chunks = []
        for position, text in enumerate(t for t in self._splitter.split_text(doc.text) if t.strip()):
            digest = hashlib.sha1(f"{doc.doc_id}\x00{position}\x00{text}".encode()).hexdigest()[:16]
            chunks.append(Chunk(chunk_id=f"{doc.doc_id}:{position}:{digest}", doc_id=doc.doc_id,
                                position=position, text=text))
        return chunks
