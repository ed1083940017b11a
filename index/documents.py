"""Turning one article's bytes (a file, an upload, a fetched page) into a Document, refusing what is not one."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from index.metadata import MetadataError, read_sidecar
from index.readers import HtmlMode, Refused, read_bytes
from rag.errors import InvalidInput
from rag.indexing import content_hash
from rag.types import Document

DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,199}$"
_DOC_ID = re.compile(DOC_ID_PATTERN)


def validate_doc_id(doc_id: str) -> str:
    if not _DOC_ID.fullmatch(doc_id) or ".." in doc_id:  # fullmatch: "$" alone lets a trailing newline in
        raise InvalidInput(f"doc_id {doc_id!r} must be 1-200 letters, digits, '.', '_' or '-', "
                           f"start with a letter or digit, and not contain '..'")
    return doc_id


def looks_like_headline(line: str) -> bool:
    line = line.strip()
    n_words = len(line.split())
    return 3 <= n_words <= 25 and len(line) <= 200 and not line.endswith((".", ":", ";", ","))


def read_document(path: Path, max_bytes: int, html: HtmlMode = "article") -> Document:
    """Read one article file; raise Refused with the reason when it is not a readable article."""
    try:
        data = read_capped(path, max_bytes)
        sidecar = read_sidecar(path)
    except OSError as exc:
        raise Refused(f"unreadable: {exc.strerror or exc}") from None
    except MetadataError as exc:
        raise Refused(exc.message) from None
    return document_from_bytes(path.stem, data, name=path.name, path=str(path), metadata=sidecar, html=html)


def read_capped(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, never reading past ``max_bytes`` (a file that grew after stat() is still refused)."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file")
    if info.st_size == 0:
        raise Refused("empty file")
    if info.st_size > max_bytes:
        raise Refused(f"file is {info.st_size:,} bytes; the limit is {max_bytes:,} (RAG_INDEXING__MAX_FILE_BYTES)")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Refused(f"file is over the limit of {max_bytes:,} bytes (RAG_INDEXING__MAX_FILE_BYTES)")
    if not data:
        raise Refused("empty file")
    return data


def document_from_bytes(doc_id: str, data: bytes, *, name: str, content_type: str | None = None,
                        path: str | None = None, metadata: dict[str, str] | None = None,
                        html: HtmlMode = "article") -> Document:
    """A Document from an article's bytes; ``metadata`` (from a sidecar or a request) wins over the article's own."""
    parsed = read_bytes(data, name=name, content_type=content_type, html=html)
    meta = {**parsed.meta, **(metadata or {})}
    text = parsed.text
    if not text.strip():
        raise Refused("no text in file")
    try:
        doc_id = validate_doc_id(doc_id)
    except InvalidInput as exc:  # one badly named file is reported and skipped; it does not stop the run
        raise Refused(exc.message) from None
    title = meta.get("title")
    if not title:
        first = text.strip().splitlines()[0]
        title = first.strip() if parsed.title_from_text and looks_like_headline(first) else doc_id
    return Document(doc_id=doc_id, title=title, text=text, path=path, source=meta.get("source"),
                    published_at=meta.get("published_at"), content_hash=content_hash(text + _meta_key(meta)),
                    page_starts=parsed.page_starts, warnings=parsed.warnings)


def _meta_key(meta: dict[str, str]) -> str:
    """Metadata is part of what a re-index compares: a changed date or source is a changed document."""
    return "".join(f"\n{k}={meta[k]}" for k in ("source", "published_at", "title") if meta.get(k))
