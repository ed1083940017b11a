"""One reader per format, keyed by file suffix and content type; each maps bytes to text, metadata and pages.

``read_bytes`` is the one entry point: files, uploads and fetched pages all come through it. Adding a format
is one module here with a ``READER`` and one line in ``_READERS``.
"""

from __future__ import annotations

from index.readers import html, markdown, pdf, text
from index.readers.base import HtmlMode, Parsed, Reader, ReadOptions, Refused

__all__ = ["HtmlMode", "Parsed", "ReadOptions", "Reader", "Refused", "READERS", "SUPPORTED", "read_bytes", "reader_for"]

_READERS = (text.READER, markdown.READER, html.READER, pdf.READER)
READERS: dict[str, Reader] = {r.format: r for r in _READERS}
_BY_SUFFIX = {suffix: r for r in _READERS for suffix in r.suffixes}
_BY_TYPE = {kind: r for r in _READERS for kind in r.content_types}
SUPPORTED: tuple[str, ...] = tuple(_BY_SUFFIX)


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 and "/" not in name[dot:] else ""


def reader_for(name: str, content_type: str | None = None) -> Reader:
    """The reader for a content type (from HTTP) when it is one we read, else for the name's suffix."""
    kind = (content_type or "").split(";")[0].strip().lower()
    found = _BY_TYPE.get(kind) or _BY_SUFFIX.get(_suffix(name))
    if found is None:
        what = f"content type {kind!r}" if kind and not _suffix(name) else f"file type {_suffix(name) or '(none)'}"
        raise Refused(f"unsupported {what}; expected one of {', '.join(SUPPORTED)}")
    return found


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_bytes(data: bytes, *, name: str, content_type: str | None = None, html: HtmlMode = "article") -> Parsed:
    """Text, metadata, page spans and warnings of one article's bytes; Refused (with the reason) if unreadable.

    ``name`` is a file name or URL path (its suffix picks the format when ``content_type`` does not), and
    ``content_type`` an HTTP Content-Type, charset included.
    """
    reader = reader_for(name, content_type)
    return reader.read(data, ReadOptions(html=html, charset=_charset(content_type)))
