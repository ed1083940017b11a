"""Shared by the fault tests: generated articles, the indexer as a subprocess, and the index checks after a fault."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from index.documents import read_document
from rag.indexing.chunker import Chunker
from rag.services import Services, build_services
from rag.settings import Settings
from rag.text import split_sentences
from rag.types import SearchRequest
from tests.conftest import REPO

WORDS = ("rare earth magnet supply china export processing mine refinery price tonne lithium cobalt gallium "
         "germanium policy tariff market demand quota licence smelter alloy battery turbine").split()
HASHING = {"RAG_EMBEDDER": "hashing", "HF_HUB_OFFLINE": "1"}


def article(rnd: random.Random, number: int, version: int, paragraphs: tuple[int, int] = (2, 5)) -> str:
    body = "\n\n".join(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(40, 120))).capitalize() + "."
                       for _ in range(rnd.randint(*paragraphs)))
    return f"Article {number} version {version} on supply\n\n{body}\n"


@dataclass
class Corpus:
    """Article files in one folder, and every content hash each doc_id has ever had on disk."""

    folder: Path
    seed: int = 0
    versions: dict[str, set[str]] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)

    def write(self, numbers: range | list[int], version: int, prefix: str = "art") -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            # One stream per article: a stream per call gave art0100 the body of art0000 when written in a second
            # call, and two articles with one body are syndicated copies (one source), not two documents.
            rnd = random.Random(f"{self.seed}-{version}-{prefix}-{number}")
            path = self.folder / f"{prefix}{number:04d}.txt"
            path.write_text(article(rnd, number, version))
            doc = read_document(path, 20_000_000)
            self.versions.setdefault(doc.doc_id, set()).add(doc.content_hash)
            self.current[doc.doc_id] = doc.content_hash


def generation(index: Path) -> int:
    """The committed generation of a FAISS index directory (0: nothing committed)."""
    if not (index / "meta.sqlite").exists():
        return 0
    with sqlite3.connect(index / "meta.sqlite") as conn:
        try:
            row = conn.execute("SELECT value FROM manifest WHERE key='generation'").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return 0  # the first run is still creating the tables: nothing committed yet
    return int(row[0]) if row else 0


def only_committed_vectors(index: Path) -> bool:
    """No temporary or uncommitted vector file is left taking space."""
    return sorted(p.name for p in index.glob("vectors-*")) == [f"vectors-{generation(index)}.faiss"]


def hashing_env(index: Path, batch: int = 3, **extra: str) -> dict[str, str]:
    return {**os.environ, **HASHING, "RAG_INDEX_DIR": str(index), "RAG_INDEXING__BATCH_DOCUMENTS": str(batch),
            **extra}


def index_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "api.cli", "index", str(folder)]


def run_index(folder: Path, index: Path, batch: int = 3, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(index_command(folder), cwd=REPO, env=hashing_env(index, batch, **extra),
                          capture_output=True, text=True, timeout=timeout)


def open_index(index: Path) -> Services:
    return build_services(Settings.load(index_dir=index, embedder="hashing"))


def check_consistent(services: Services, versions: dict[str, set[str]]) -> int:
    """Assert the index is whole: verify() is clean, every document is one version of a known article with
    exactly the chunks that version is cut into, each with its sentence rows, and search answers. Returns the number of documents."""
    store = services.store
    problems = store.verify()
    assert problems == [], problems
    hashes = store.content_hashes()
    assert set(hashes) <= set(versions), f"documents that were never files: {set(hashes) - set(versions)}"
    chunker = Chunker(services.settings.chunking.size, services.settings.chunking.overlap)
    for doc_id, digest in hashes.items():
        assert digest in versions[doc_id], f"{doc_id}: content that no version of the file had"
        stored = store.get_document(doc_id)
        expected = [c.chunk_id for c in chunker.split(stored)]
        assert store.chunk_ids(doc_id) == expected, f"{doc_id}: chunks differ from what its text is cut into"
        rows = store.sentences(expected)  # written in the same commit as the chunks: all there or none
        assert set(rows) == set(expected), f"{doc_id}: chunks without their sentence rows"
        assert all([r.text for r in rows[c.chunk_id]] == split_sentences(c.text) for c in chunker.split(stored))
        assert store.document_info(doc_id)["chunks"] == len(expected)
    if hashes:
        passages = services.engine.search(SearchRequest(query="gallium export quota", k=5))
        assert passages and all(p.doc_id in hashes for p in passages)
    return len(hashes)
