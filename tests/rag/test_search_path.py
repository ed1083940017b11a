"""The search path's shortcuts give what the plain code gives: prefix matching through precomputed heads, the
fusion's single copy per candidate, a candidate's figures parsed on first use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rag.answer.evidence import _has_term, _heads, _pool, _prefix_match, best_scores, candidates
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


# Questions whose focus checks take points off some sentences (what is not, the opposite relation, a ranking by
# another measure, a derived work, a name only apart), over passages holding such sentences beside ones that answer.
_FOCUS_PASSAGES = [
    ("imports", "China imports most of its cobalt from Congo. China exports most rare earth magnets to Japan. "
                "Exports of magnets rose in 2024."),
    ("not", "The treaty did not seek to limit exports. The treaty sought to limit tariffs on magnets. "
            "Officials said the treaty lasts one year."),
    ("film", "The film based on the novel Dune was released in 2021. The novel Dune was published in 1965."),
    ("award", "2019 CFDA Awards winners: Brandon Maxwell, Rick Owens take top honors. "
              "LSU QB Joe Burrow wins the Maxwell Award in 2019."),
    ("rank", "By revenue, Lynas is the largest rare earth miner outside China. By output, MP Materials is the "
             "largest producer in the US. MP Materials opened a magnet plant in Texas."),
]
_FOCUS_QUESTIONS = [
    "Which country does China export rare earth magnets to?", "Where does China import cobalt from?",
    "What did the treaty not seek to limit?", "How long does the treaty last?", "When was the novel Dune published?",
    "Who won the Maxwell Award in 2019?", "Which company is the largest rare earth producer by output?",
    "Which company is the largest rare earth miner by revenue?", "When did exports of magnets rise?",
]


def _best_of_candidates(question: str, passages: list[Passage]) -> dict[str, float]:
    best: dict[str, float] = {}
    for c in candidates(question, passages, None, None, parsed=0):
        best.setdefault(c.passage.chunk_id, c.score)
    return best


def test_each_passages_best_is_the_best_of_its_fully_checked_candidates(rare_earths) -> None:  # type: ignore[no-untyped-def]
    """The rerank's ``best_scores`` skips the focus checks of sentences that cannot be their passage's best:
    each passage's best is the one ``candidates`` gives with every sentence checked."""
    from rag.indexing.chunker import Chunker

    splitter = Chunker(400, 60)._splitter
    passages = [Passage(doc_id=d, chunk_id=f"{d}:0", title=d, text=t, score=0.5) for d, t in _FOCUS_PASSAGES]
    articles = sorted(rare_earths.glob("*"))
    shared = [Passage(doc_id=a.name, chunk_id=f"{a.name}:{i}", title=a.name, text=t, score=0.5)
              for a in articles for i, t in enumerate(splitter.split_text(a.read_text(errors="replace"))[:8])]
    questions = [*_FOCUS_QUESTIONS, "What share of rare earth processing does China control?",
                 "Who is the US president mentioned in the articles?", "How long will the resumption of exports last?",
                 "Which companies outside China process rare earths?", "What did Beijing not agree to?"]
    checked = 0
    for question in questions:
        for group in (passages, shared[:10], shared[10:20], shared[20:30], shared):
            expected = _best_of_candidates(question, group)
            assert best_scores(question, group, None, None) == expected, question
            checked += len(expected)
    assert checked > 500
    # the focus checks do take points off here, so the shortcut is tested where it matters
    penalised = [c for q in _FOCUS_QUESTIONS for c in candidates(q, passages, None, None, parsed=0) if c.mismatch]
    assert len(penalised) >= 3


def test_the_reranker_prepares_the_keyword_sides_passages_on_its_thread(rare_earths_index) -> None:  # type: ignore[no-untyped-def]
    """Hybrid search hands the keyword side's first passages to the reranker's ``prepare`` from the keyword thread
    (while the query embeds), and the ranking is the one it gives without that preparation."""
    import threading

    from rag.retrieval import retriever as retriever_module
    from rag.retrieval.rerank import EvidenceReranker
    from rag.services import build_services
    from rag.settings import Settings

    services = build_services(Settings.load(None, index_dir=rare_earths_index))
    retriever = services.retriever
    reranker = retriever.reranker
    assert isinstance(reranker, EvidenceReranker)
    prepared: list[tuple[str, list[str]]] = []
    real = reranker.prepare

    def recording(found: Sequence[Passage]) -> None:
        prepared.append((threading.current_thread().name, [p.chunk_id for p in found]))
        real(found)

    question = "How long will the resumption of Chinese rare earth exports last?"
    reranker.prepare = recording  # type: ignore[method-assign,assignment]
    with_prepare = retriever.search(question, 5)
    keyword = retriever.store.keyword_search(retriever_module._terms(question), retriever.settings.candidates)
    assert prepared and prepared[0][0].startswith("keyword")
    assert prepared[0][1] == [p.chunk_id for p in keyword[:retriever_module.PREPARED]]
    fresh = build_services(Settings.load(None, index_dir=rare_earths_index)).retriever
    fresh.reranker = _WithoutPrepare(fresh.reranker)  # a reranker without it
    without = fresh.search(question, 5)
    assert [(p.chunk_id, p.score) for p in with_prepare] == [(p.chunk_id, p.score) for p in without]


class _WithoutPrepare:
    """A reranker that has only ``rerank``."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name = inner, inner.name

    def rerank(self, query: str, passages: Any) -> list[Passage]:
        return list(self.inner.rerank(query, passages))
