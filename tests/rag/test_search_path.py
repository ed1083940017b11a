"""The search path's shortcuts give what the plain code gives: prefix matching through precomputed heads, the
fusion's single copy per candidate, a candidate's figures parsed on first use."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rag.answer.evidence import _has_term, _heads, _pool, _prefix_match, candidates
from rag.claims.parse import figure_tokens, numeric_form
from rag.retrieval.fusion import rrf, score_fusion
from rag.text import units_in
from rag.types import Passage

_WORDS = st.text(alphabet="abcdefghino", min_size=1, max_size=9)  # "ion": roots too


@given(term=_WORDS, vocabulary=st.sets(_WORDS, max_size=12))
def test_has_term_with_heads_is_prefix_match(term: str, vocabulary: set[str]) -> None:
    assert _has_term(term, vocabulary, _heads(vocabulary)) == _prefix_match(term, vocabulary)


def test_a_short_stem_matches_the_noun_of_its_root() -> None:
    # the light stemmer makes "located" "locat": too short for the six-letter heads, same root as "location"
    for term, vocabulary in (("locat", {"location"}), ("location", {"locat", "soho"}), ("elect", {"election"})):
        assert _prefix_match(term, vocabulary) and _has_term(term, vocabulary, _heads(vocabulary))
    for term, vocabulary in (("locat", {"locomotion"}), ("nation", {"nat"}), ("union", {"un"})):
        assert not _prefix_match(term, vocabulary) and not _has_term(term, vocabulary, _heads(vocabulary))


def test_a_sentence_saying_located_covers_a_question_asking_the_location() -> None:
    archive = Passage(doc_id="a", chunk_id="a:0", title="A", score=1.0,
                      text="The Hale archive was founded in 1820. It is now located in the old mill.")
    found = {c.text: c for c in candidates("What is the location of the Hale archive?", [archive], None, None)}
    assert found["It is now located in the old mill."].coverage == 1.0  # "location", and "Hale archive" it refers to


def _passage(chunk_id: str, score: float) -> Passage:
    return Passage(doc_id=chunk_id.split(":")[0], chunk_id=chunk_id, title="t", text="x", score=score,
                   scores={"seed": 1.0})


def test_fusion_scores_copies_and_leaves_the_lists_alone() -> None:
    for fuse in (lambda lists: score_fusion(lists, {"dense": 1.0, "keyword": 0.5}),
                 lambda lists: rrf(lists, {"dense": 1.0, "keyword": 0.5})):
        dense = [_passage("a:0", 0.9), _passage("b:0", 0.5)]
        keyword = [_passage("b:0", 12.0), _passage("c:0", 6.0)]
        fused = fuse({"dense": dense, "keyword": keyword})
        assert {p.chunk_id for p in fused} == {"a:0", "b:0", "c:0"}
        assert [p.score for p in fused] == sorted((p.score for p in fused), reverse=True)
        both = next(p for p in fused if p.chunk_id == "b:0")
        assert both.scores == {"seed": 1.0, "dense": 0.5, "keyword": 12.0}
        # the searches' own passages keep their scores: only the fused copies changed
        assert [(p.score, p.scores) for p in dense + keyword] == [(0.9, {"seed": 1.0}), (0.5, {"seed": 1.0}),
                                                                  (12.0, {"seed": 1.0}), (6.0, {"seed": 1.0})]
        assert all(p is not q for p in fused for q in dense + keyword)


def test_candidate_figures_are_parsed_on_first_use() -> None:
    text = "Output rose 12% to 4.5 million tonnes in March 2023, the ministry said."
    candidate = _pool([Passage(doc_id="d", chunk_id="d:0", title="t", text=text, score=1.0)])[0]
    assert vars(candidate)["_numbers"] is None and vars(candidate)["_units"] is None  # not parsed yet
    assert candidate.numbers == figure_tokens(text) and candidate.numbers
    assert candidate.units == units_in(numeric_form(text))
