"""Checking a drafted answer against the passages, sentence by sentence, before anyone sees it.

A draft cites passages by their number in the prompt: ``[n]`` means passage n. For each sentence:
unknown numbers are removed; a citation stays only if its passage supports the sentence (every figure and
name of it, after normalization, and a sentence close in meaning: rag/answer/support.py). A sentence left
with no supporting citation (the model gave none, or a wrong one) is *attributed*: the passage that supports
it by the same rule is cited instead, and the move is recorded. Only a sentence no passage supports is
dropped, as are repeats, a sentence cut off at the end of the draft, questions, and "the passages do not say".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.answer.evidence import SentenceVectors
from rag.answer.support import Claims, PassageFacts, as_written, best_supporting, show
from rag.citations import MARKER
from rag.text import normalize, split_sentences
from rag.types import Dropped, Passage

_GROUPED = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})+)\]")  # [1, 2] -> [1][2]
_COMPLETE = re.compile(r"(?:[.!?;:][\"'\u201d\u2019)\]]*|\[\d{1,3}\])\s*$")
SAYS_NO_ANSWER = re.compile(r"\b(?:do|does|did) not (?:answer|say|mention|contain|provide)|\bno information\b|"
                            r"\bnot (?:mentioned|stated|answered) in\b|\bcannot (?:answer|find)\b", re.IGNORECASE)


@dataclass
class Supported:
    text: str                 # the sentence without markers
    passages: list[int]       # 1-based passage numbers that support it, in order
    attributed: bool = False  # the verifier chose the passage: the model cited none, or only wrong ones


@dataclass
class Attribution:
    sentence: str
    passage: int              # 1-based number in the prompt
    cited: list[int]          # what the model wrote: [] (no citation), or the numbers that failed
    similarity: float


@dataclass
class Verified:
    sentences: list[Supported] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    attributed: list[Attribution] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)   # about the draft as a whole: empty, cut off, repeating


def _split(draft: str) -> list[str]:
    draft = _GROUPED.sub(lambda m: "".join(f"[{n.strip()}]" for n in m.group(1).split(",")), draft)
    # A marker after the full stop belongs to the sentence before it: "It rose. [1] Then" -> "It rose [1]. Then"
    draft = re.sub(r"([.!?])((?:\s*\[\d{1,3}\])+)", r"\2\1", draft)
    # A cited sentence ends at its marker and stop, whatever follows ("... the movie's director" opens a snippet)
    draft = re.sub(r"(\[\d{1,3}\][.!?])[ \t]+", r"\1\n", draft)
    return split_sentences(draft)


def _plain(sentence: str) -> str:
    text = re.sub(r"\s+([.!?;:,])", r"\1", MARKER.sub("", sentence)).strip()
    return re.sub(r"\s{2,}", " ", text)


def verify(draft: str, passages: Sequence[Passage], vectors: SentenceVectors, min_similarity: float,
           attribute: bool = True) -> Verified:
    out = Verified()
    sentences = _split(draft)
    if not draft.strip():
        out.issues.append("the draft was empty")
    elif not sentences:
        out.issues.append("the draft held no sentence")
    facts = [PassageFacts(p) for p in passages]
    seen: set[str] = set()
    for i, sentence in enumerate(sentences):
        text = _plain(sentence)
        while MARKER.search(text):  # "[1[0]]" is "[1]" once "[0]" is gone: markers never survive as text
            text = _plain(text)
        if not any(ch.isalnum() for ch in text):
            continue
        key = normalize(re.sub(r"[^\w\s%$]", " ", text))
        if key in seen:
            out.dropped.append(Dropped(sentence=sentence, reason="repeats an earlier sentence"))
            continue
        seen.add(key)
        if i == len(sentences) - 1 and not _COMPLETE.search(sentence):
            out.issues.append("the draft ends mid-sentence (cut off)")
            out.dropped.append(Dropped(sentence=sentence, reason="cut off mid-sentence"))
            continue
        _check(sentence, text, facts, vectors, min_similarity, attribute, out)
    repeats = sum(1 for d in out.dropped if d.reason == "repeats an earlier sentence")
    if repeats:
        out.issues.append(f"the draft repeats itself ({repeats} repeated sentence{'s' if repeats > 1 else ''} dropped)")
    return out


def _check(sentence: str, text: str, facts: Sequence[PassageFacts], vectors: SentenceVectors,
           min_similarity: float, attribute: bool, out: Verified) -> None:
    cited = [int(n) for n in MARKER.findall(sentence)]
    known = list(dict.fromkeys(n for n in cited if 1 <= n <= len(facts)))
    unknown = sorted(set(cited) - set(known))
    if unknown:
        out.dropped.append(Dropped(sentence=sentence, reason=f"cites passage(s) {unknown} that were not given"))
    claims = Claims.of(text)
    support = _cited_support(sentence, claims, [facts[n - 1] for n in known], known, vectors, min_similarity, out)
    if support:
        out.sentences.append(Supported(text, support))
        return
    if text.rstrip().endswith("?"):
        out.dropped.append(Dropped(sentence=sentence, reason="a question, not a claim"))
        return
    if SAYS_NO_ANSWER.search(text):
        out.dropped.append(Dropped(sentence=sentence, reason="says the passages do not answer"))
        return
    if not attribute:
        if not cited:
            out.dropped.append(Dropped(sentence=sentence, reason="no citation"))
        return
    match, why = best_supporting(claims, facts, vectors, min_similarity, exclude=set(known))
    if match is None:
        lead = "no citation" if not cited else "no cited passage supports it"
        out.dropped.append(Dropped(sentence=sentence, reason=f"{lead}, and {why}"))
        return
    out.sentences.append(Supported(text, [match.number], attributed=True))
    out.attributed.append(Attribution(text, match.number, cited, round(match.similarity, 3)))


def _cited_support(sentence: str, claims: Claims, held: Sequence[PassageFacts], known: list[int],
                   vectors: SentenceVectors, min_similarity: float, out: Verified) -> list[int]:
    """The cited passages that support the sentence; each rejected one is recorded with its reason."""
    if not known:
        return []
    missing = claims.figures - set().union(*(f.figures for f in held))
    if missing:
        out.dropped.append(Dropped(sentence=sentence, reason="no cited passage contains "
                                                             + ", ".join(sorted(show(m) for m in missing))))
        return []
    unnamed = set.intersection(*(f.missing_names(claims) for f in held))
    if unnamed:
        out.dropped.append(Dropped(sentence=sentence, reason="no cited passage names " + as_written(unnamed, sentence)))
        return []
    support = []
    for n, f in zip(known, held):
        if claims.figures and not claims.figures & f.figures:
            out.dropped.append(Dropped(sentence=sentence, reason=f"citation [{n}] removed: its passage holds "
                                                                 f"none of the sentence's figures"))
            continue
        sim = f.closest(claims.text, vectors)
        if sim < min_similarity:
            out.dropped.append(Dropped(sentence=sentence, reason=f"citation [{n}] removed: its passage is not "
                                                                 f"about this (similarity {sim:.2f} < {min_similarity})"))
        else:
            support.append(n)
    if not support:
        out.dropped.append(Dropped(sentence=sentence, reason="no cited passage supports it"))
    return support
