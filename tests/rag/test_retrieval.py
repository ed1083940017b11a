"""Hybrid retrieval: fusion order, filters before top-k, diversity, and the keyword side kept in step."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from rag.embedders import HashingEmbedder
from rag.engine import NOTHING_MATCHES
from rag.errors import StorageFull
from rag.indexing.chunker import Chunker
from rag.indexing.indexer import Indexer
from rag.retrieval.diversity import diversify
from rag.retrieval.fusion import rrf, score_fusion
from rag.retrieval.retriever import Retriever
from rag.settings import RetrievalSettings
from rag.stores.faiss_sqlite import FaissStore
from rag.text import keyword_terms
from rag.types import AskRequest, Document, Filters, Passage


def _p(chunk_id: str, score: float, doc_id: str | None = None, text: str | None = None) -> Passage:
    return Passage(doc_id=doc_id or chunk_id, chunk_id=chunk_id, title=chunk_id, text=text or chunk_id, score=score)


def _doc(doc_id: str, text: str, **meta: str) -> Document:
    return Document(doc_id=doc_id, title=doc_id, text=text, content_hash=str(hash((doc_id, text, *meta.items()))),
                    **meta)


def _index(directory: Path, docs: list[Document]) -> tuple[FaissStore, HashingEmbedder]:
    embedder = HashingEmbedder()
    store = FaissStore(directory, embedder.id, embedder.dim, chunking={"size": 300, "overlap": 50})
    Indexer(store, embedder, Chunker(300, 50)).index_documents(docs)
    return store, embedder


# -- fusion ---------------------------------------------------------------------------------------

def test_rrf_ranks_a_passage_found_by_both_searches_first() -> None:
    dense = [_p("a", 0.9), _p("b", 0.8), _p("c", 0.7)]
    keyword = [_p("c", 12.0), _p("d", 11.0), _p("a", 3.0)]
    fused = rrf({"dense": dense, "keyword": keyword}, {"dense": 1.0, "keyword": 1.0}, k=60)
    assert [p.chunk_id for p in fused][:2] == ["a", "c"]  # a: ranks 1+3, c: ranks 3+1, tie broken by first seen
    assert fused[0].scores == {"dense": 0.9, "keyword": 3.0}
    keyword_heavy = rrf({"dense": dense, "keyword": keyword}, {"dense": 0.2, "keyword": 1.0}, k=60)
    assert keyword_heavy[0].chunk_id == "c"


def test_score_fusion_keeps_a_clear_lead_that_rank_fusion_loses() -> None:
    # Keyword search finds "x" far better than anything else; dense search barely separates the candidates.
    dense = [_p("y", 0.61), _p("z", 0.60), _p("x", 0.59)]
    keyword = [_p("x", 20.0), _p("y", 2.0), _p("z", 1.0)]
    lists = {"dense": dense, "keyword": keyword}
    weights = {"dense": 0.5, "keyword": 0.5}
    assert rrf(lists, weights)[0].chunk_id == "y"
    fused = score_fusion(lists, weights)
    assert fused[0].chunk_id == "x"
    assert fused[0].score == pytest.approx(0.5 * 0.59 / 0.61 + 0.5 * 1.0, abs=1e-5)


def test_a_passage_missing_from_one_list_scores_zero_there() -> None:
    fused = score_fusion({"dense": [_p("a", 0.5)], "keyword": [_p("b", 4.0)]}, {"dense": 1.0, "keyword": 1.0})
    assert {p.chunk_id: p.score for p in fused} == {"a": 1.0, "b": 1.0}
    assert fused[0].scores.keys() != fused[1].scores.keys()


# -- keyword side in step with the vectors -------------------------------------------------------

def test_update_and_delete_keep_keyword_and_vector_sides_in_step(tmp_path: Path) -> None:
    store, embedder = _index(tmp_path / "ix", [_doc("harbor", "The harbor plant desalinates seawater."),
                                               _doc("mine", "The lithium mine employs miners.")])
    assert [p.doc_id for p in store.keyword_search(["seawater"], 5)] == ["harbor"]
    indexer = Indexer(store, embedder, Chunker(300, 50))
    indexer.index_documents([_doc("harbor", "The harbor plant now treats brackish groundwater.")])
    assert store.keyword_search(["seawater"], 5) == []
    assert [p.doc_id for p in store.keyword_search(["groundwater"], 5)] == ["harbor"]
    indexer.delete("harbor")
    assert store.keyword_search(["groundwater", "harbor"], 5) == []
    assert {p.doc_id for p in store.search(embedder.embed_query("harbor groundwater"), 5)} == {"mine"}
    assert store.vector_ids() == store.text_ids() == store.keyword_ids()


def test_a_failed_write_leaves_the_keyword_side_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, embedder = _index(tmp_path / "ix", [_doc("harbor", "The harbor plant desalinates seawater.")])

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_index_file", full)
    with pytest.raises(StorageFull):  # the store turns a full disk into its own error
        Indexer(store, embedder, Chunker(300, 50)).index_documents([_doc("mine", "Cobalt tailings everywhere.")])
    assert store.keyword_search(["cobalt"], 5) == []
    assert [p.doc_id for p in store.keyword_search(["seawater"], 5)] == ["harbor"]
    assert store.vector_ids() == store.text_ids() == store.keyword_ids()


def test_an_index_from_before_the_keyword_side_gets_it_built_on_open(tmp_path: Path) -> None:
    store, embedder = _index(tmp_path / "ix", [_doc("harbor", "The harbor plant desalinates seawater.")])
    conn = sqlite3.connect(tmp_path / "ix" / "meta.sqlite")
    with conn:
        conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
        conn.execute("DELETE FROM manifest WHERE key = 'keyword_index'")
    conn.close()
    reopened = FaissStore(tmp_path / "ix", embedder.id, embedder.dim)
    assert [p.doc_id for p in reopened.keyword_search(["seawater"], 5)] == ["harbor"]


def test_keyword_terms_drop_stopwords_and_keep_names_and_numbers() -> None:
    assert keyword_terms("What did Bessent say about the 85–90% share in April 2025?") == [
        "bessent", "85", "90", "share", "april", "2025"]
    assert keyword_terms("U.S. rare-earth output, rare earth") == ["rare", "earth", "output"]


def test_hostile_keyword_queries_are_plain_terms(tmp_path: Path) -> None:
    store, _ = _index(tmp_path / "ix", [_doc("harbor", "The harbor plant desalinates seawater.")])
    for query in ['harbor" OR NOT "x', "NEAR(a b)", "*", "col:harbor", "harbor AND", '"""', "^harbor"]:
        store.keyword_search(keyword_terms(query), 5)  # no FTS5 syntax error reaches the caller


# -- filters -------------------------------------------------------------------------------------

def _many(tmp_path: Path) -> tuple[FaissStore, HashingEmbedder]:
    docs = [_doc(f"near{i}", f"Rare earth magnets exports from China rose in month {i}.", source="Wire",
                 published_at=f"2025-0{1 + i % 9}-01") for i in range(25)]
    docs.append(_doc("far", "A recipe for lemon cake with rare sugar.", source="Kitchen", published_at="2024-06-30"))
    return _index(tmp_path / "ix", docs)


@pytest.mark.parametrize("mode", ["dense", "keyword", "hybrid"])
def test_filters_apply_before_the_top_k(tmp_path: Path, mode: str) -> None:
    store, embedder = _many(tmp_path)
    retriever = Retriever(embedder, store, RetrievalSettings(mode=mode, rerank="none", candidates=5))
    # "far" is the worst match; a filter applied after truncating to 5 candidates would find nothing.
    found = retriever.search("rare earth magnets exports China", 1, Filters(doc_ids=["far"]))
    assert [p.doc_id for p in found] == ["far"]
    assert [p.doc_id for p in retriever.search("rare earth magnets", 3, Filters(sources=["Kitchen"]))] == ["far"]
    dated = retriever.search("rare earth magnets", 30, Filters(published_after=date(2025, 8, 1)))
    assert dated and {p.published_at for p in dated} <= {"2025-08-01", "2025-09-01"}
    before = retriever.search("rare earth", 30, Filters(published_before=date(2024, 12, 31)))
    assert [p.doc_id for p in before] == ["far"]


def test_filters_that_match_nothing_give_a_declined_answer_not_an_error(tmp_path: Path) -> None:
    from rag.services import build_services
    from rag.settings import Settings

    _many(tmp_path)
    engine = build_services(Settings.load(index_dir=tmp_path / "ix", embedder="hashing",
                                          chunking={"size": 300, "overlap": 50})).engine
    answer = engine.ask(AskRequest(question="rare earth exports?", filters=Filters(sources=["Nobody"])))
    assert not answer.grounded and answer.answer == NOTHING_MATCHES and answer.citations == []


def test_filter_validation_names_the_field() -> None:
    with pytest.raises(ValidationError, match="published_after"):
        Filters.model_validate({"published_after": "last tuesday"})
    with pytest.raises(ValidationError, match="author"):
        Filters.model_validate({"author": "x"})
    with pytest.raises(ValidationError, match="later than"):
        Filters(published_after=date(2025, 2, 1), published_before=date(2025, 1, 1))


# -- diversity -----------------------------------------------------------------------------------

def test_identical_chunks_from_two_articles_collapse_to_one(tmp_path: Path) -> None:
    text = "Beijing agreed to resume exports of rare earth magnets for 90 days."
    store, embedder = _index(tmp_path / "ix", [_doc("wire-a", text), _doc("wire-b", text),
                                               _doc("other", "Rare earth exports resume for one year, says another.")])
    found = Retriever(embedder, store, RetrievalSettings(rerank="none")).search("rare earth exports resume", 3)
    assert sorted(p.doc_id for p in found if p.doc_id.startswith("wire")) in (["wire-a"], ["wire-b"])
    assert "other" in {p.doc_id for p in found}


def test_near_identical_sentences_with_different_figures_are_both_kept() -> None:
    a = _p("a", 0.9, text="The deal lasts 90 days.")
    b = _p("b", 0.8, text="The deal lasts 120 days.")
    same = np.ones(4, dtype=np.float32) / 2
    kept = diversify([a, b], 2, {"a": same, "b": same}, max_per_document=3, duplicate_threshold=0.9)
    assert [p.chunk_id for p in kept] == ["a", "b"]
    c = _p("c", 0.7, text="The deal lasts 90 days!")
    assert [p.chunk_id for p in diversify([a, c], 2, {"a": same, "c": same}, 3, 0.9)] == ["a"]


def test_one_article_cannot_fill_every_slot_while_others_answer() -> None:
    ranked = [_p(f"a{i}", 1 - i / 10, doc_id="A") for i in range(5)] + [_p("b0", 0.3, doc_id="B")]
    kept = diversify(ranked, 4, {}, max_per_document=3, duplicate_threshold=1.0)
    assert [p.chunk_id for p in kept] == ["a0", "a1", "a2", "b0"]
    alone = diversify(ranked[:5], 4, {}, max_per_document=3, duplicate_threshold=1.0)
    assert len(alone) == 4  # nothing else to show: the cap never returns fewer than k
