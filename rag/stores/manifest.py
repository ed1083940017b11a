"""What every store records about how it was built, and the one check that a run may read or write it."""

from __future__ import annotations

import json

from rag.errors import IndexMismatch

SCHEMA_VERSION = 1


def mismatch(found: dict[str, str], embedder_id: str, dim: int, where: str, elsewhere: str) -> IndexMismatch | None:
    """Why a run with this embedder may not use a store whose manifest is ``found`` (None: it may).

    ``where`` names the store ("the index in DIR"); ``elsewhere`` says where to go instead.
    """
    if "embedder" not in found:
        return None  # a new store: the first write records the manifest
    if found["embedder"] != embedder_id or int(found["dim"]) != dim:
        return IndexMismatch(f"{where} was built with embedder {found['embedder']} ({found['dim']} dimensions), but "
                             f"this run uses {embedder_id} ({dim}): set RAG_EMBEDDER to match, or use {elsewhere}")
    if int(found.get("schema", SCHEMA_VERSION)) != SCHEMA_VERSION:
        return IndexMismatch(f"{where} has schema {found.get('schema')}, this version reads schema {SCHEMA_VERSION}: "
                             f"re-index into {elsewhere}")
    return None


def chunking_mismatch(found: dict[str, str], chunking: dict[str, int], where: str, elsewhere: str) -> IndexMismatch | None:
    """Chunks of one store must all be cut the same way."""
    recorded = found.get("chunking")
    if recorded and chunking and json.loads(recorded) != chunking:
        return IndexMismatch(f"{where} was chunked with {recorded}, this run asks for {json.dumps(chunking)}: "
                             f"use the same chunking settings or {elsewhere}")
    return None
