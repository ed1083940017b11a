"""Checking a drafted answer against the passages it cites, sentence by sentence, before anyone sees it.

A draft cites passages by their number in the prompt: ``[n]`` means passage n. For each sentence:
unknown numbers are removed; a citation stays only if its passage holds every figure of the sentence
(after normalization) and is close to it in meaning; a sentence left with no citation is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rag.answer.claims import figures
from rag.answer.evidence import SentenceVectors
from rag.citations import MARKER
from rag.text import split_sentences
from rag.types import Dropped, Passage

_GROUPED = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})+)\]")  # [1, 2] -> [1][2]


@dataclass
class Supported:
    text: str                 # the sentence without markers
    passages: list[int]       # 1-based passage numbers that support it, in order


@dataclass
class Verified:
    sentences: list[Supported] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


def _split(draft: str) -> list[str]:
    draft = _GROUPED.sub(lambda m: "".join(f"[{n.strip()}]" for n in m.group(1).split(",")), draft)
    # A marker after the full stop belongs to the sentence before it: "It rose. [1] Then" -> "It rose [1]. Then"
    draft = re.sub(r"([.!?])((?:\s*\[\d{1,3}\])+)", r"\2\1", draft)
    return split_sentences(draft)


def verify(draft: str, passages: Sequence[Passage], vectors: SentenceVectors, min_similarity: float) -> Verified:
    out = Verified()
    for sentence in _split(draft):
        cited = [int(n) for n in MARKER.findall(sentence)]
        text = re.sub(r"\s+([.!?;:,])", r"\1", MARKER.sub("", sentence)).strip()
        text = re.sub(r"\s{2,}", " ", text)
        if not any(ch.isalnum() for ch in text):
            continue
        known = list(dict.fromkeys(n for n in cited if 1 <= n <= len(passages)))
        unknown = sorted(set(cited) - set(known))
        if unknown:
            out.dropped.append(Dropped(sentence=sentence, reason=f"cites passage(s) {unknown} that were not given"))
        if not known:
            if not unknown:
                out.dropped.append(Dropped(sentence=sentence, reason="no citation"))
            continue
        wanted = figures(text)
        held = {n: figures(passages[n - 1].title + "\n" + passages[n - 1].text) for n in known}
        missing = wanted - set().union(*held.values())
        if missing:
            out.dropped.append(Dropped(sentence=sentence, reason="no cited passage contains "
                                                                 + ", ".join(sorted(_show(m) for m in missing))))
            continue
        similarity = [_closest(text, passages[n - 1], vectors) for n in known]
        support = []
        for n, sim in zip(known, similarity):
            if wanted and not wanted & held[n]:
                out.dropped.append(Dropped(sentence=sentence, reason=f"citation [{n}] removed: its passage holds "
                                                                     f"none of the sentence's figures"))
            elif float(sim) < min_similarity:
                out.dropped.append(Dropped(sentence=sentence, reason=f"citation [{n}] removed: its passage is not "
                                                                     f"about this (similarity {float(sim):.2f} < "
                                                                     f"{min_similarity})"))
            else:
                support.append(n)
        if not support:
            out.dropped.append(Dropped(sentence=sentence, reason="no cited passage supports it"))
        if support:
            out.sentences.append(Supported(text, support))
    return out


def _closest(text: str, passage: Passage, vectors: SentenceVectors) -> float:
    """Similarity of the sentence to the passage's closest sentence (a whole chunk dilutes the match)."""
    sentences = split_sentences(passage.text) or [passage.text]
    return float(np.max(vectors(sentences) @ vectors([text])[0]))


def _show(figure: str) -> str:
    kind, _, value = figure.partition(":")
    return {"dur": f"the duration {value}", "num": value, "month": f"the month {value}"}.get(kind, figure)
