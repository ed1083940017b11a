"""The article a question points to by name, read whole.

"In the Holm Agency's corrected tally, how many crew were aboard?" names what it asks of: of the articles retrieved,
only one names the Holm Agency. The search brings that article's opening paragraphs (they share the question's words:
the tally, the passengers), and the paragraph that gives the crew, three further down, shares nothing with it but
"crew". The other articles give a crew count too, but they are not the one the question asks of, and the answerer
holds them to the question's names (``support_checks.lacks``) and declines.

So when the retrieved articles are told apart by what the question names (one holds every year and every word of
the names the question gives, read whole from the store, and the others do not), the chunks of that article the
search left out are read too, at most ``NAMED_CHUNKS`` of them, as paragraphs read beside the retrieved ones are
(``rag.retrieval.following``), and only where the retrieved passages answer nothing (``ExtractiveGenerator``): then
a sentence of theirs that answers best leads. What the search returns is unchanged. (An article's first chunk is
never read this way: the store gives the chunk after a chunk, and the first follows none.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rag.answer.evidence import anchors_of, holds
from rag.errors import NotFound
from rag.retrieval.following import FOLLOWS, position_of
from rag.types import Document, Passage

NAMED_CHUNKS = 12  # the most chunks of the named article read beside the retrieved passages
READ_NAMED = "named"  # the key, in such a chunk's ``scores``, beside ``FOLLOWS`` (of no retrieved passage: 0)


class ArticleStore(Protocol):
    def get_document(self, doc_id: str) -> Document: ...

    def chunk_ids(self, doc_id: str | None = None) -> list[str]: ...

    def following(self, chunk_ids: Sequence[str]) -> dict[str, Passage]: ...


def named_article(store: ArticleStore, question: str, passages: Sequence[Passage]) -> str | None:
    """The one retrieved article holding every year and every word of the names the question gives
    (``evidence.anchors_of``), read whole, when another retrieved article does not; None otherwise (the question
    gives none, or two articles hold them all)."""
    docs = list(dict.fromkeys(p.doc_id for p in passages))
    years, words = anchors_of(question)
    if len(docs) < 2 or not (years or words):
        return None

    def holds_all(text: str) -> bool:
        return holds(text, (years, [])) and all(holds(text, ([], [w])) for w in words)

    # (an article whose retrieved passages hold them all holds them: only the others are read whole, and not at
    # all once two hold them)
    found = {d: "\n".join(f"{p.title or ''}\n{p.text}" for p in passages if p.doc_id == d) for d in docs}
    holding = [d for d in docs if holds_all(found[d])]
    for doc_id in [d for d in docs if d not in holding]:
        if len(holding) > 1:
            return None
        try:
            document = store.get_document(doc_id)
        except NotFound:
            return None
        if holds_all(f"{document.title or ''}\n{document.text}"):
            holding.append(doc_id)
    return holding[0] if len(holding) == 1 else None


def with_named_article(store: ArticleStore, question: str, passages: Sequence[Passage],
                       limit: int = NAMED_CHUNKS) -> list[Passage]:
    """``passages``, then the chunks of the article the question names (``named_article``) that are not among them,
    in the article's order, marked as read beside the retrieved ones (``FOLLOWS``, of no retrieved passage)."""
    doc_id = named_article(store, question, passages)
    if doc_id is None:
        return list(passages)
    ids = sorted(store.chunk_ids(doc_id), key=position_of)
    held = {p.chunk_id for p in passages}
    before = {ids[i + 1]: ids[i] for i in range(len(ids) - 1)}
    wanted = [c for c in ids if c not in held and c in before][:limit]
    found = store.following([before[c] for c in wanted])
    added = [found[before[c]].model_copy(update={"scores": {FOLLOWS: 0.0, READ_NAMED: 1.0}}) for c in wanted
             if before[c] in found and found[before[c]].chunk_id == c]
    return [*passages, *added]


__all__ = ["NAMED_CHUNKS", "READ_NAMED", "named_article", "with_named_article"]
