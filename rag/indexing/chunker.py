"""Cutting a document into overlapping, sentence-aware chunks with deterministic ids; a paged document (PDF)
is cut page by page, so that every chunk, and every citation of it, has exactly one page."""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.text import ABBREVIATIONS
from rag.types import Chunk, Document

# Paragraphs first, then lines, then sentence ends (also inside a closing quotation mark: '... in 2032.” '), then
# words: a chunk breaks mid-sentence only when one sentence is longer than the chunk (a long run of quoted
# sentences was cut mid-sentence: "... will reopen in" | "2032 after repairs").
# A stop after an initial ("H.M. King", "U.S. officials") or a title ("Rear Adm. Apakorn", "Gen. Prayuth") ends no
# sentence (rag.text.split_sentences reads them so): a chunk cut there would split a name from its sentence. Nor
# does the time of day's ("at 6:40 a.m. Sunday"), which a sentence goes on after as often as not.
_TITLES = sorted(a for a in ABBREVIATIONS if a.isalpha())
_STOP = r"(?<!\b[A-Z])(?<!\b[ap]\.m)" + "".join(rf"(?<!\b{a.capitalize()})" for a in _TITLES) + r"\. "
_SEPARATORS = ["\n\n", "\n", _STOP, *(re.escape(s) for s in ("? ", "! ", ".\u201d ", '." ', "?\u201d ", '?" ', "!\u201d ",
                                                             '!" ', ".\u2019 ", "; ", ", ", " ")), ""]


class Chunker:
    def __init__(self, size: int, overlap: int) -> None:
        self.size = size
        self.overlap = overlap
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=size, chunk_overlap=overlap, separators=_SEPARATORS, keep_separator="end", is_separator_regex=True,
            strip_whitespace=True)

    def settings(self) -> dict[str, int]:
        return {"size": self.size, "overlap": self.overlap}

    def split(self, doc: Document) -> list[Chunk]:
        pieces: list[tuple[int | None, str]]
        if doc.page_starts:
            bounds = [*doc.page_starts, len(doc.text)]
            pieces = [(page, doc.text[bounds[page - 1]:bounds[page]]) for page in range(1, len(bounds))]
        else:
            pieces = [(None, doc.text)]
        chunks: list[Chunk] = []
        for page, text in pieces:
            for part in self._splitter.split_text(text):
                if not part.strip():
                    continue
                position = len(chunks)
                digest = hashlib.sha1(f"{doc.doc_id}\x00{position}\x00{part}".encode()).hexdigest()[:16]
                chunks.append(Chunk(chunk_id=f"{doc.doc_id}:{position}:{digest}", doc_id=doc.doc_id,
                                    position=position, text=part, page=page))
        return chunks
