"""The paragraph after each of the best passages, read beside them by the extractive answerer.

A news article often describes in one paragraph and names in the next: "An ex-Thai Navy SEAL died Friday ..." and
then "Retired Petty Officer First Class Saman Kunan, 38, fell unconscious ...". The chunk that matches the question
is the first; the answer is in the second, which nothing in it brings to the search. The extractive answerer reads
the chunk after each of the ``FOLLOWED`` best passages as one more passage (after the retrieved ones, so the
retriever's order stands), with its own citation. What the search returns (``/v1/search``, the trace's passages,
the retrieval metrics) is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rag.types import Passage

FOLLOWED = 3  # the best passages whose next chunk is read
FOLLOWS = "follows"  # the key, in such a chunk's ``scores``, of the rank of the passage it follows


def position_of(chunk_id: str) -> int:
    """A chunk's position in its document, from its id ("doc:3:digest", rag/indexing/chunker.py); -1 for another."""
    try:
        return int(chunk_id.rsplit(":", 2)[-2])
    except (ValueError, IndexError):
        return -1


def preceding(passage: Passage, passages: Sequence[Passage]) -> Passage | None:
    """The passage among ``passages`` that is the chunk just before ``passage`` in its document, if any."""
    at = position_of(passage.chunk_id)
    if at <= 0:
        return None
    return next((p for p in passages if p.doc_id == passage.doc_id and position_of(p.chunk_id) == at - 1), None)


class Following(Protocol):
    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]: ...


def with_following(store: Following, passages: Sequence[Passage], n: int = FOLLOWED) -> list[Passage]:
    """``passages``, then the chunk after each of the first ``n`` that is not among them already, and after any
    that ends by opening what follows ("The agency's director said:"; the statement is the next chunk)."""
    best = list(passages[:n]) + [p for p in passages[n:] if p.text.rstrip().endswith(":")]
    if not best:
        return list(passages)
    found = store.following([p.chunk_id for p in best])
    held = {p.chunk_id for p in passages}
    added: list[Passage] = []
    for rank, passage in enumerate(best, start=1):
        after = found.get(passage.chunk_id)
        if after is None or after.chunk_id in held:
            continue
        held.add(after.chunk_id)
        added.append(after.model_copy(update={"scores": {FOLLOWS: float(rank)}}))
    return [*passages, *added]
