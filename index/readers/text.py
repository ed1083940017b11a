"""Plain text: the file is the article."""

from __future__ import annotations

from index.readers.base import Parsed, Reader, ReadOptions, decode_text, normalize_newlines


def read(data: bytes, options: ReadOptions) -> Parsed:
    return Parsed(normalize_newlines(decode_text(data, options.charset)))


READER = Reader("text", (".txt",), ("text/plain",), read)
