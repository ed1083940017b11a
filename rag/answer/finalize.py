"""From a verified draft to the Answer people see: citations renumbered by first use, each pointing at the
sentence of its passage that was relied on, and any disagreement between sources stated."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.answer.conflicts import Cited, describe, find_conflicts
from rag.answer.evidence import SentenceVectors
from rag.answer.parts import answered_parts
from rag.answer.verify import Verified
from rag.citations import cite
from rag.claims.kinds import asked
from rag.text import split_sentences
from rag.types import Answer, Citation, Conflict, Passage

DECLINE = "The indexed articles do not answer this question."


def declined(question: str, reason: str = DECLINE, **extra: object) -> Answer:
    return Answer(question=question, answer=reason, grounded=False, citations=[], **extra)  # type: ignore[arg-type]


def build_answer(question: str, verified: Verified, passages: Sequence[Passage], vectors: SentenceVectors,
                 generator: str, prompt_version: str | None = None) -> Answer:
    numbering: dict[int, int] = {}
    parts: list[str] = []
    relied: dict[int, list[str]] = {}
    attributed: set[int] = set()
    cited: list[Cited] = []
    for sentence in verified.sentences:
        ids = [numbering.setdefault(n, len(numbering) + 1) for n in sentence.passages]
        for n in sentence.passages:
            relied.setdefault(n, []).append(sentence.text)
            if sentence.attributed:
                attributed.add(n)
        parts.append(cite(sentence.text, ids))
        first = passages[sentence.passages[0] - 1]
        cited.append(Cited(sentence.text, ids[0], first.doc_id, first.published_at, _article(first, passages)))
    citations = []
    for n, number in numbering.items():
        p = passages[n - 1]
        citations.append(Citation(id=number, doc_id=p.doc_id, title=p.title, chunk_id=p.chunk_id,
                                  text=_relied_sentence(p, relied[n], vectors), published_at=p.published_at,
                                  source=p.source, url=p.url, passage=p.text,
                                  also_published_by=p.also_published_by, page=p.page, attributed=n in attributed))
    conflicts: list[Conflict] = []
    # a question asking two things has the disagreements of each ("Who came out last, and how old was he?": not the
    # ages of two miners)
    for part in answered_parts(question, " ".join(s.text for s in verified.sentences)):
        for conflict in _conflicts(part, cited, vectors):
            if not any(_same_sides(conflict, c) for c in conflicts):
                conflicts.append(conflict)
    parts += [describe(c) for c in conflicts]
    return Answer(question=question, answer=" ".join(parts), grounded=True, citations=citations,
                  conflicts=conflicts, generator=generator, prompt_version=prompt_version)


def _conflicts(question: str, cited: list[Cited], vectors: SentenceVectors) -> list[Conflict]:
    for c in cited:
        c.similarity = None
    if cited and asked(question):  # how close each quoted sentence is to the question: a side of a question asking
        # for a kind of answer must say what is asked (rag/answer/conflicts.py; no other reads it)
        closeness = vectors([c.text for c in cited]) @ vectors.embedder.embed_query(question)
        for c, sim in zip(cited, closeness.tolist()):
            c.similarity = float(sim)
    return find_conflicts(question, cited, vectors.claims, vectors)


def _article(first: Passage, passages: Sequence[Passage]) -> str:
    """What the answer read of a quoted passage's article: its title, that passage, then its other passages (where
    the article names what it is about: the band of an album, the company a payment was made to)."""
    return "\n".join([first.title, first.text, *dict.fromkeys(p.text for p in passages
                                                                if p.doc_id == first.doc_id and p.text != first.text)])


def _same_sides(a: Conflict, b: Conflict) -> bool:
    return {(c.value, c.citation) for c in a.claims} == {(c.value, c.citation) for c in b.claims}


def _relied_sentence(passage: Passage, said: list[str], vectors: SentenceVectors) -> str:
    """The passage's sentence closest to what the answer says it says (itself, when quoted)."""
    sentences = split_sentences(passage.text)
    if not sentences:
        return passage.text
    folded = {" ".join(s.split()).lower(): s for s in sentences}
    for text in said:
        if " ".join(text.split()).lower() in folded:
            return folded[" ".join(text.split()).lower()]
    scores = vectors(sentences) @ vectors(said).T
    return sentences[int(np.argmax(scores.max(axis=1)))]
