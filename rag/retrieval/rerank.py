"""Reranking the fused candidates: a small protocol, a model-free evidence reranker, a local cross-encoder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from rag.answer.evidence import SentenceVectors, best_scores, warm
from rag.errors import ConfigError
from rag.protocols import Embedder
from rag.types import Passage


@runtime_checkable
class Reranker(Protocol):
    """A reranker may also have ``prepare(passages)``: work on passages likely to be reranked that depends on
    them alone, which the retriever runs on the keyword side's thread while the query embeds."""

    name: str

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        """The same passages, reordered; each gains ``scores['rerank']``."""
        ...


class EvidenceReranker:
    """Scores each passage by its best sentence as evidence for the question, added to the fused score.

    A passage is as good as the sentence in it that answers: sentence-level similarity and shared-term
    coverage are sharper than one vector for a 400-character chunk. ``embedder=None`` gives the lexical
    variant (terms and answer type only), which needs no model call.
    """

    def __init__(self, embedder: Embedder | None, vectors: SentenceVectors | None = None, weight: float = 0.5) -> None:
        self.embedder = embedder
        self.vectors = vectors if vectors is not None else (SentenceVectors(embedder) if embedder else None)
        self.weight = weight
        self.name = "evidence" if embedder else "lexical"

    def prepare(self, passages: Sequence[Passage]) -> None:
        """What ``rerank`` will read of these passages that depends on them alone, computed ahead (and cached)."""
        warm(passages, self.vectors)

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        if not passages:
            return []
        query_vector = self.embedder.embed_query(query) if self.embedder else None
        best = best_scores(query, passages, self.vectors, query_vector, parsed=0)  # regex types only
        return _reorder(passages, best, self.weight)


class CrossEncoderReranker:
    """A local sentence-transformers CrossEncoder directory (none ships on PyPI, so it is opt-in)."""

    name = "cross-encoder"

    def __init__(self, path: Path, weight: float = 1.0) -> None:
        if not (Path(path) / "config.json").is_file():
            raise ConfigError(f"retrieval.cross_encoder_path {path} is not a saved CrossEncoder directory "
                              f"(no config.json)")
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(str(path), device="cpu", local_files_only=True)
        self.weight = weight

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        if not passages:
            return []
        import numpy as np

        # predict() applies the model's own activation (a sigmoid for one-label models): scores in [0, 1].
        scores = np.asarray(self.model.predict([(query, p.text) for p in passages], show_progress_bar=False),
                            dtype=np.float64).reshape(len(passages), -1)[:, -1]
        return _reorder(passages, {p.chunk_id: float(s) for p, s in zip(passages, scores)}, self.weight)


def _reorder(passages: Sequence[Passage], rerank: dict[str, float], weight: float) -> list[Passage]:
    out = []
    for p in passages:
        r = rerank.get(p.chunk_id, 0.0)
        out.append(p.model_copy(update={"score": round(p.score + weight * r, 6),
                                        "scores": {**p.scores, "rerank": round(r, 6)}}))
    out.sort(key=lambda p: -p.score)
    return out
