"""Indexing logic that the CLI and the API share: chunking documents and writing them incrementally to a store."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
