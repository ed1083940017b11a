"""Markdown: YAML front matter gives the metadata, the first ``#`` heading the title."""

from __future__ import annotations

from index.metadata import MetadataError, split_front_matter
from index.readers.base import Parsed, Reader, ReadOptions, Refused, decode_text, normalize_newlines


def read(data: bytes, options: ReadOptions) -> Parsed:
    text = normalize_newlines(decode_text(data, options.charset))
    try:
        meta, text = split_front_matter(text)  # written by the user: a bad date refuses the file, with why
    except MetadataError as exc:
        raise Refused(exc.message) from None
    text = text.strip()
    title = _title(text)
    return Parsed(text, {"title": title, **meta} if title else meta)


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.lstrip("#").strip() if line.lstrip().startswith("#") else ""
    return ""


READER = Reader("markdown", (".md", ".markdown"), ("text/markdown", "text/x-markdown"), read)
