"""Property tests (Hypothesis): the chunker loses and duplicates nothing, the figure normalizer folds wordings
together and never crashes, and the citation parser reads exactly the [n] markers of any text.

The settings are fixed (derandomized, no example database), so CI runs the same 300 examples per property every
time; RAG_HYPOTHESIS_EXAMPLES=5000 searches deeper.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.answer.evidence import SentenceVectors
from rag.answer.verify import verify
from rag.citations import cite, markers
from rag.claims.extract import analyze
from rag.claims.kinds import asked
from rag.claims.parse import figure_tokens as figures
from rag.claims.parse import numeric_form
from rag.embedders import HashingEmbedder
from rag.indexing.chunker import Chunker
from rag.text import content_terms, keyword_terms, normalize, numbers_in, split_sentences, units_in
from rag.types import Document, Passage

EXAMPLES = int(os.environ.get("RAG_HYPOTHESIS_EXAMPLES", "300"))  # more for a deeper local search
FIXED = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

# Article-like text: words, numbers, sentence ends, line and paragraph breaks, odd unicode now and then.
_WORDS = st.sampled_from(["rare", "earth", "China", "85%", "90-day", "Mr.", "U.S.", "exports", "—", "one", "year",
                          "$510", "million", "processing", "(Reuters)", "“quoted”", "[1]", "e.g.", "naïve", "北京"])
_PIECES = st.one_of(_WORDS, st.sampled_from([" ", " ", " ", ". ", "? ", "\n", "\n\n", ", ", "; ", "\t"]),
                    st.text(min_size=1, max_size=12))
ARTICLE = st.lists(_PIECES, min_size=1, max_size=400).map("".join)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _covers_exactly(chunks: list[str], text: str, overlap: int) -> bool:
    """The chunks, each placed where it occurs in the text (whitespace aside), follow one another with at most
    ``overlap`` characters shared between neighbours and no gap, from the text's start to its end."""
    target = _squeeze(text)
    ends = {0}
    for chunk in chunks:
        piece = _squeeze(chunk)
        ends = {q + len(piece) for p in ends for q in range(max(0, p - overlap), p + 1) if target.startswith(piece, q)}
        if not ends:
            return False
    return len(target) in ends


@FIXED
@given(text=ARTICLE, size=st.integers(20, 400), overlap_share=st.floats(0, 0.5))
def test_chunks_cover_the_text_in_order_within_size_and_overlap(text: str, size: int, overlap_share: float) -> None:
    overlap = int(size * overlap_share)
    doc = Document(doc_id="doc", title="t", text=text, content_hash="h")
    chunks = Chunker(size, overlap).split(doc)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert all(0 < len(c.text) <= size and c.text == c.text.strip() for c in chunks)
    assert all(c.text in text for c in chunks)  # a chunk is a piece of the text, never rewritten
    assert _covers_exactly([c.text for c in chunks], text, overlap), [c.text for c in chunks]
    assert Chunker(size, overlap).split(doc) == chunks  # deterministic ids


@FIXED
@given(text=st.text(max_size=300))
def test_text_helpers_never_fail_on_any_unicode(text: str) -> None:
    for function in (normalize, numeric_form, figures, numbers_in, units_in, split_sentences, content_terms,
                     keyword_terms, asked, markers):
        function(text)
    analyze([text], use_model=False)


@FIXED
@given(text=st.one_of(ARTICLE, st.text(max_size=200)))
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert figures(once) == figures(text)


_NUMBER = st.one_of(st.integers(0, 5000).map(str), st.decimals(0, 999, places=1, allow_nan=False).map(str))


@FIXED
@given(low=_NUMBER, high=_NUMBER, context=st.sampled_from(["", "about ", "China controls "]))
def test_every_way_of_writing_a_percentage_range_normalizes_the_same(low: str, high: str, context: str) -> None:
    forms = [f"{low}–{high}%", f"{low}-{high} percent", f"{low} to {high}%", f"{low}%-{high}%", f"{low} - {high} per cent",
             f"{low}—{high} %", f"{low} to {high} pct"]
    assert len({normalize(context + form) for form in forms}) == 1, {form: normalize(context + form) for form in forms}
    assert len({frozenset(figures(context + form)) for form in forms}) == 1


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12, "eighteen": 18, "thirty": 30, "ninety": 90}


@FIXED
@given(word=st.sampled_from(sorted(_WORD_NUMBERS)), unit=st.sampled_from(["day", "week", "month", "year"]),
       joiner=st.sampled_from([" ", "-"]))
def test_a_duration_in_words_or_digits_or_other_units_has_the_same_figure(word: str, unit: str, joiner: str) -> None:
    n = _WORD_NUMBERS[word]
    plural = "s" if n != 1 and joiner == " " else ""
    spelled = figures(f"a {word}{joiner}{unit}{plural} pause")
    assert spelled == figures(f"a {n}{joiner}{unit}{plural} pause")
    if unit == "year":
        assert spelled == figures(f"{n * 12} months")
    if unit == "week":
        assert spelled == figures(f"{n * 7} days")


_MARKED = st.lists(st.one_of(st.text(alphabet=st.characters(blacklist_characters="[]"), max_size=15),
                             st.integers(0, 999).map(lambda n: f"[{n}]"), st.sampled_from(["[", "]", "[1", "[1000]", "[ 2]"])),
                   max_size=30).map("".join)


@FIXED
@given(text=st.one_of(_MARKED, st.text(max_size=200)))
def test_markers_are_exactly_the_bracketed_numbers_in_first_use_order(text: str) -> None:
    expected: list[int] = []
    for match in re.finditer(r"\[(\d+)\]", text):
        if match.group(1).isascii() and len(match.group(1)) <= 3 and int(match.group(1)) not in expected:
            expected.append(int(match.group(1)))
    assert markers(text) == expected


@FIXED
@given(sentence=st.text(alphabet=st.characters(blacklist_characters="[]", blacklist_categories=["Cs"]), min_size=1, max_size=80)
       .filter(lambda s: s.strip()), numbers=st.lists(st.integers(1, 999), min_size=1, max_size=4))
def test_citing_a_sentence_and_reading_it_back_gives_the_same_numbers(sentence: str, numbers: list[int]) -> None:
    cited = cite(sentence, numbers)
    assert markers(cited) == list(dict.fromkeys(numbers))
    words = _squeeze(re.sub(r"\[\d+\]", "", cited))
    assert words in (_squeeze(sentence), _squeeze(sentence) + ".")  # the sentence itself is kept, a full stop added if none


@settings(FIXED, max_examples=100)
@given(draft=_MARKED, n_passages=st.integers(0, 4))
def test_verification_keeps_only_citations_of_passages_that_exist(draft: str, n_passages: int) -> None:
    passages = [Passage(doc_id=f"d{i}", chunk_id=f"d{i}:0", title=f"T{i}", text=f"Exports resume for {i} days.", score=1.0)
                for i in range(1, n_passages + 1)]
    checked = verify(draft, passages, SentenceVectors(HashingEmbedder()), 0.0)
    for sentence in checked.sentences:
        assert sentence.passages and all(1 <= n <= n_passages for n in sentence.passages)
        assert not markers(sentence.text)
