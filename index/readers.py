"""Reading .txt, .md and .html article files into Documents, refusing what is not an article."""

from __future__ import annotations

import hashlib
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

from index.metadata import MetadataError, from_html_meta, read_sidecar, split_front_matter
from rag.errors import InvalidInput
from rag.types import Document

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm")
DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,199}$"
_DOC_ID = re.compile(DOC_ID_PATTERN)


class Refused(InvalidInput):
    """A file that is reported and skipped; ``message`` says why."""


def validate_doc_id(doc_id: str) -> str:
    if not _DOC_ID.fullmatch(doc_id) or ".." in doc_id:  # fullmatch: "$" alone lets a trailing newline in
        raise InvalidInput(f"doc_id {doc_id!r} must be 1-200 letters, digits, '.', '_' or '-', "
                           f"start with a letter or digit, and not contain '..'")
    return doc_id


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def looks_like_headline(line: str) -> bool:
    line = line.strip()
    n_words = len(line.split())
    return 3 <= n_words <= 25 and len(line) <= 200 and not line.endswith((".", ":", ";", ","))


class _HTMLText(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "header", "footer", "blockquote", "pre", "table", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self.meta: list[tuple[str, str]] = []
        self._skip = 0
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = dict(attrs)
            name = found.get("name") or found.get("property") or found.get("itemprop")
            if name and found.get("content"):
                self.meta.append((name, found["content"] or ""))
        if tag == "body":  # an unclosed <head> ends here (HTML lets authors omit </head>)
            self._skip = 0
        if tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title += data
        elif self._skip == 0:
            if current == "h1":
                self.h1 += data
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (scripts and styles dropped) and its metadata (title, <meta> tags)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).splitlines()]
    text = "\n".join(line for line in lines if line)
    meta = from_html_meta(parser.meta)
    title = parser.title.strip() or parser.h1.strip()
    if title:
        meta["title"] = " ".join(title.split())
    return text, meta


def _markdown_title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.lstrip("#").strip() if line.lstrip().startswith("#") else ""
    return ""


def parse_text(raw: str, suffix: str) -> tuple[str, dict[str, str]]:
    """Body text and metadata (title, source, published_at; each possibly absent) of a file's contents."""
    if suffix in (".html", ".htm"):
        return html_to_text(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if suffix in (".md", ".markdown"):
        meta, text = split_front_matter(text)
        text = text.strip()
        title = _markdown_title(text)
        return text, {"title": title, **meta} if title else meta
    return text, {}


def read_document(path: Path, max_bytes: int) -> Document:
    """Read one article file; raise Refused with the reason when it is not a readable text article."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise Refused(f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .html")
    try:
        data = read_capped(path, max_bytes)
        sidecar = read_sidecar(path)
    except OSError as exc:
        raise Refused(f"unreadable: {exc.strerror or exc}") from None
    except MetadataError as exc:
        raise Refused(exc.message) from None
    return document_from_bytes(path.stem, data, suffix, path=str(path), metadata=sidecar)


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


def document_from_bytes(stem: str, data: bytes, suffix: str, path: str | None = None,
                        metadata: dict[str, str] | None = None) -> Document:
    """A Document from a file's bytes; ``metadata`` (from a sidecar or a request) wins over the file's own."""
    if b"\x00" in data:
        raise Refused("binary file (contains NUL bytes)")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(f"not valid UTF-8 (byte {exc.start})") from None
    try:
        text, meta = parse_text(raw, suffix)
    except MetadataError as exc:
        raise Refused(exc.message) from None
    meta.update(metadata or {})
    if not text.strip():
        raise Refused("no text in file")
    try:
        doc_id = validate_doc_id(stem)
    except InvalidInput as exc:  # one badly named file is reported and skipped; it does not stop the run
        raise Refused(exc.message) from None
    title = meta.get("title")
    if not title:
        first = text.strip().splitlines()[0]
        title = first.strip() if looks_like_headline(first) else doc_id
    return Document(doc_id=doc_id, title=title, text=text, path=path, source=meta.get("source"),
                    published_at=meta.get("published_at"), content_hash=content_hash(text + _meta_key(meta)))


def _meta_key(meta: dict[str, str]) -> str:
    """Metadata is part of what a re-index compares: a changed date or source is a changed document."""
    return "".join(f"\n{k}={meta[k]}" for k in ("source", "published_at", "title") if meta.get(k))
