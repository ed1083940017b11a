"""Fusing ranked lists from different searches into one ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rag.types import Passage


def rrf(lists: Mapping[str, Sequence[Passage]], weights: Mapping[str, float], k: int = 60) -> list[Passage]:
    """Weighted reciprocal rank fusion: sum of weight / (k + rank) over the lists a passage is in."""
    fused: dict[str, float] = {}
    seen: dict[str, Passage] = {}
    for name, ranked in lists.items():
        for rank, passage in enumerate(ranked, start=1):
            fused[passage.chunk_id] = fused.get(passage.chunk_id, 0.0) + weights.get(name, 1.0) / (k + rank)
            _merge(seen, name, passage)
    return _ordered(seen, fused)


def score_fusion(lists: Mapping[str, Sequence[Passage]], weights: Mapping[str, float]) -> list[Passage]:
    """Weighted sum of scores scaled to [0, 1] per list (by the list's best score).

    Unlike rank fusion this keeps how far apart the candidates are: a passage that one search finds far
    better than the rest keeps its lead. A passage missing from a list scores 0 there.
    """
    fused: dict[str, float] = {}
    seen: dict[str, Passage] = {}
    for name, ranked in lists.items():
        if not ranked:
            continue
        scores = [p.score for p in ranked]
        low, high = min(min(scores), 0.0), max(scores)
        span = (high - low) or 1.0
        for passage in ranked:
            fused[passage.chunk_id] = fused.get(passage.chunk_id, 0.0) + weights.get(name, 1.0) * (passage.score - low) / span
            _merge(seen, name, passage)
    return _ordered(seen, fused)


def _merge(seen: dict[str, Passage], name: str, passage: Passage) -> None:
    kept = seen.get(passage.chunk_id)
    if kept is None:  # one copy per passage, made here: the lists' passages are left as they were
        kept = seen[passage.chunk_id] = passage.model_copy(update={"scores": dict(passage.scores)})
    kept.scores[name] = passage.score


def _ordered(seen: dict[str, Passage], fused: dict[str, float]) -> list[Passage]:
    out = list(seen.values())
    for p in out:  # the copies _merge made, so set in place
        p.score = round(fused[p.chunk_id], 6)
    out.sort(key=lambda p: -p.score)
    return out
