"""Cutting a document into overlapping, sentence-aware chunks with deterministic ids and their page."""

from __future__ import annotations

import bisect
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
        offset = 0
        for position, text in enumerate(t for t in self._splitter.split_text(doc.text) if t.strip()):
            digest = hashlib.sha1(f"{doc.doc_id}\x00{position}\x00{text}".encode()).hexdigest()[:16]
            page = None
            if doc.page_starts:
                # Chunks come in order and overlap by at most ``overlap``: look for each from just after the
                # previous one's start (the splitter strips whitespace, so it is a substring of the text).
                found = doc.text.find(text, offset)
                start = found if found >= 0 else offset
                offset = start + 1
                page = bisect.bisect_right(doc.page_starts, start)  # pages count from 1
            chunks.append(Chunk(chunk_id=f"{doc.doc_id}:{position}:{digest}", doc_id=doc.doc_id,
                                position=position, text=text, page=page))
        return chunks
