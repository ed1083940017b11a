"""Throw-away indexes for evaluation: one per configuration or benchmark, sharing loaded embedders."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from index.files import index_paths
from rag.embedders import make_embedder
from rag.protocols import Embedder
from rag.services import Services, build_services
from rag.settings import Settings
from rag.types import Document


class Workspace:
    """Builds indexes in a temporary folder; each embedder is loaded once."""

    def __init__(self, root: Path | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="rag-eval-") if root is None else None
        self.root: Path = Path(self._tmp.name) if self._tmp else Path(root or ".")
        self._embedders: dict[tuple[str, str], Embedder] = {}
        self._count = 0

    def embedder(self, settings: Settings) -> Embedder:
        """The embedder the settings ask for (name and MiniLM backends), loaded once."""
        key = (settings.embedder, settings.minilm.model_dump_json())
        if key not in self._embedders:
            self._embedders[key] = make_embedder(settings.embedder, settings.minilm)
        return self._embedders[key]

    def services(self, settings: Settings, index_dir: Path | None = None) -> Services:
        return build_services(settings.model_copy(update={"index_dir": index_dir or settings.index_dir}),
                              embedder=self.embedder(settings))

    def build(self, settings: Settings, paths: Sequence[Path] = (), documents: Sequence[Document] = (),
              progress: bool = False) -> Services:
        self._count += 1
        services = self.services(settings, self.root / f"index-{self._count}")
        indexer = services.indexer
        if paths:
            index_paths(indexer, paths, settings.indexing, progress=progress)
        if documents:
            indexer.index_documents(documents, progress=progress)
        return services

    def close(self) -> None:
        if self._tmp:
            self._tmp.cleanup()
