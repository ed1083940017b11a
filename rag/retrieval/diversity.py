"""Diversity in the final top k: near-duplicates collapsed, no single article filling every slot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from rag.claims.variants import changed_facts
from rag.text import normalize, numbers_in
from rag.types import Passage


def near_duplicates(a: Passage, b: Passage, vectors: Mapping[str, np.ndarray], threshold: float) -> bool:
    """Same text, or nearly the same meaning with the same figures.

    Two copies of a wire story are duplicates; two near-identical sentences with different figures
    (90 days vs one year) or names (born in Bristol vs in Leeds) are a disagreement, and both must reach
    the answerer.
    """
    if normalize(a.text) == normalize(b.text):
        return True
    va, vb = vectors.get(a.chunk_id), vectors.get(b.chunk_id)
    if va is None or vb is None or float(va @ vb) < threshold:
        return False
    return numbers_in(a.text) == numbers_in(b.text) and not changed_facts(a.text, b.text)


def diversify(ranked: Sequence[Passage], k: int, vectors: Mapping[str, np.ndarray],
              max_per_document: int, duplicate_threshold: float) -> list[Passage]:
    """The best k passages, skipping near-duplicates of ones already taken and capping each document.

    Capped passages are used only when nothing else is left, so fewer than k are never returned for
    diversity's sake.
    """
    chosen: list[Passage] = []
    held: list[Passage] = []
    per_doc: dict[str, int] = {}
    for passage in ranked:
        if len(chosen) >= k:
            break
        if any(near_duplicates(passage, c, vectors, duplicate_threshold) for c in chosen):
            continue
        if per_doc.get(passage.doc_id, 0) >= max_per_document:
            held.append(passage)
            continue
        chosen.append(passage)
        per_doc[passage.doc_id] = per_doc.get(passage.doc_id, 0) + 1
    return chosen + held[:k - len(chosen)]
