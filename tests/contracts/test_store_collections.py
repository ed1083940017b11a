"""The Store contract for collections (rules in rag/collections.py): membership, filters and deletes, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import numpy as np
import pytest
from pydantic import ValidationError

from rag.collections import CollectionNotEmpty
from rag.errors import IndexLocked, InvalidInput, NotFound
from rag.indexing.indexer import Indexer
from rag.protocols import Store
from rag.types import Chunk, Document, Filters
from tests.contracts.conftest import OpenStore
from tests.contracts.test_store_contract import CHUNKER, EMBEDDER, document, upsert

QUERY = EMBEDDER.embed_query("rare earth magnets refining")


def put(store: Store, doc_id: str, text: str, collections: list[str] | None = None) -> None:
    doc = document(doc_id, text)
    doc.collections = collections or []
    store.write([upsert(doc)])


def team_store(store: Store) -> None:
    put(store, "energy-1", "Rare earth magnets and refining capacity in China, for wind turbines.", ["energy"])
    put(store, "energy-2", "Refining rare earth oxides needs solvent extraction plants.", ["energy"])
    put(store, "markets-1", "Rare earth magnet prices rose as refining quotas tightened, traders said.", ["markets"])
    put(store, "shared", "Magnets, refining and rare earth supply chains for both desks.", ["energy", "markets"])
    put(store, "plain", "Rare earth refining without any collection named.")


def members(store: Store, name: str) -> set[str]:
    rows, total = store.list_documents(100, 0, collections=[name])
    assert total == len(rows)
    return {r["doc_id"] for r in rows}


def test_a_document_written_without_a_collection_belongs_to_default(store: Store) -> None:
    team_store(store)
    assert store.document_info("plain")["collections"] == ["default"]
    assert store.document_info("shared")["collections"] == ["energy", "markets"]
    assert store.collections() == {"default": 1, "energy": 3, "markets": 2}


def test_a_document_in_two_collections_is_stored_and_embedded_once(store: Store) -> None:
    team_store(store)
    chunks = store.chunk_ids("shared")
    assert store.count() == (5, len(store.chunk_ids()))
    for name in ("energy", "markets"):
        hits = store.search(QUERY, 10, Filters(collections=[name]))
        assert [p.chunk_id for p in hits if p.doc_id == "shared"] == chunks


@pytest.mark.parametrize(("names", "allowed"), [
    (["energy"], {"energy-1", "energy-2", "shared"}),
    (["markets"], {"markets-1", "shared"}),
    (["energy", "markets"], {"energy-1", "energy-2", "markets-1", "shared"}),
    (["default"], {"plain"}),
    (["nobody"], set()),
    ([], set()),
])
def test_a_collection_filter_restricts_dense_and_keyword_search_before_ranking(
        store: Store, names: list[str], allowed: set[str]) -> None:
    team_store(store)
    filters = Filters(collections=names)
    assert {p.doc_id for p in store.search(QUERY, 10, filters)} == allowed
    assert {p.doc_id for p in store.keyword_search(["refining", "magnets"], 10, filters)} == allowed
    if allowed:  # the best allowed chunk comes back even at k=1, when better ones are filtered out
        best = store.search(QUERY, 1, filters)
        assert len(best) == 1 and best[0].doc_id in allowed


def test_a_collection_filter_combines_with_the_other_filters(store: Store) -> None:
    team_store(store)
    hits = store.search(QUERY, 10, Filters(collections=["energy"], doc_ids=["shared", "markets-1"]))
    assert {p.doc_id for p in hits} == {"shared"}


def test_a_selective_collection_filter_still_returns_k_exact_results(store: Store) -> None:
    """One document in 'small' among 400 others nearer to the query: k results, ranked exactly."""
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(410, 256)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = vectors[0].copy()
    upserts = []
    for i in range(41):
        doc = document(f"d{i:02d}", f"Document {i}")
        doc.collections = ["small"] if i == 40 else ["big"]
        chunks = [Chunk(chunk_id=f"d{i:02d}:{j}", doc_id=doc.doc_id, position=j, text=f"part {j}") for j in range(10)]
        upserts.append((doc, chunks, vectors[i * 10:(i + 1) * 10]))
    store.write(upserts)
    hits = store.search(query, 5, Filters(collections=["small"]))
    expected = sorted(range(400, 410), key=lambda i: -float(vectors[i] @ query))[:5]
    assert [p.chunk_id for p in hits] == [f"d40:{i % 10}" for i in expected]


def test_reindexing_a_document_with_another_collection_adds_membership_without_embedding_again(store: Store) -> None:
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    doc = document("story", "Rare earth refining moved to Malaysia, the company said.")
    report = indexer.with_collections(["energy"]).index_documents([doc.model_copy()])
    assert report.added == ["story"]
    chunks = store.chunk_ids("story")
    report = indexer.with_collections(["markets"]).index_documents([doc.model_copy()])
    assert report.skipped == ["story"] and report.chunks == 0 and report.joined == ["story"]
    assert store.document_info("story")["collections"] == ["energy", "markets"] and store.chunk_ids("story") == chunks
    changed = document("story", "Rare earth refining moved to Malaysia and Texas, the company said.")
    indexer.index_documents([changed])  # replaced content, no collection named: it keeps its memberships
    assert store.document_info("story")["collections"] == ["energy", "markets"]
    assert {p.doc_id for p in store.search(QUERY, 10, Filters(collections=["markets"]))} == {"story"}


def test_deleting_a_document_removes_its_membership(store: Store) -> None:
    team_store(store)
    store.write([], deletes=["shared"])
    assert store.collections() == {"default": 1, "energy": 2, "markets": 1}
    assert "shared" not in members(store, "energy")
    put(store, "shared", "Back again, alone.")  # a new document of the same id starts from 'default'
    assert store.document_info("shared")["collections"] == ["default"]
    assert store.verify() == []


def test_add_and_remove_change_what_a_filter_sees(store: Store) -> None:
    team_store(store)
    store.add_to_collection("markets", ["energy-1", "energy-1"])
    assert members(store, "markets") == {"markets-1", "shared", "energy-1"}
    assert "energy-1" in {p.doc_id for p in store.search(QUERY, 10, Filters(collections=["markets"]))}
    store.remove_from_collection("markets", ["energy-1", "markets-1"])
    assert members(store, "markets") == {"shared"}
    assert store.document_info("markets-1")["collections"] == ["default"]  # left in none: back to default
    assert "markets-1" in {p.doc_id for p in store.search(QUERY, 10, Filters(collections=["default"]))}
    assert {p.doc_id for p in store.keyword_search(["refining"], 10, Filters(collections=["markets"]))} == {"shared"}


def test_adding_an_unknown_document_changes_nothing(store: Store) -> None:
    team_store(store)
    with pytest.raises(NotFound, match="nope"):
        store.add_to_collection("energy", ["energy-1", "nope"])
    assert store.collections() == {"default": 1, "energy": 3, "markets": 2}
    with pytest.raises(NotFound):
        store.add_to_collection("fresh", ["nope"])
    assert "fresh" not in store.collections()


def test_an_empty_collection_is_listed_and_deleted_without_asking(store: Store) -> None:
    store.create_collection("sports")
    store.create_collection("sports")
    assert store.collections() == {"default": 0, "sports": 0}
    assert store.delete_collection("sports") == 0
    assert store.collections() == {"default": 0}


def test_deleting_a_collection_holding_documents_is_refused_by_default(store: Store) -> None:
    team_store(store)
    with pytest.raises(CollectionNotEmpty, match="3 documents"):
        store.delete_collection("energy")
    assert store.collections()["energy"] == 3 and store.count()[0] == 5


def test_deleting_with_keep_keeps_every_document(store: Store) -> None:
    team_store(store)
    chunks = len(store.chunk_ids())
    assert store.delete_collection("energy", "keep") == 3
    assert store.collections() == {"default": 3, "markets": 2}
    assert store.document_info("shared")["collections"] == ["markets"]
    assert store.document_info("energy-1")["collections"] == ["default"]
    assert len(store.chunk_ids()) == chunks and store.verify() == []
    assert store.search(QUERY, 10, Filters(collections=["energy"])) == []


def test_deleting_with_delete_removes_only_documents_in_no_other_collection(store: Store) -> None:
    team_store(store)
    assert store.delete_collection("energy", "delete") == 3
    assert set(store.content_hashes()) == {"markets-1", "shared", "plain"}
    assert store.document_info("shared")["collections"] == ["markets"]
    assert store.collections() == {"default": 1, "markets": 2}
    assert {p.doc_id for p in store.search(QUERY, 10)} == {"markets-1", "shared", "plain"}
    assert store.keyword_search(["solvent"], 10) == []
    assert store.verify() == []


def test_unknown_and_default_collections_cannot_be_deleted(store: Store) -> None:
    team_store(store)
    with pytest.raises(NotFound):
        store.delete_collection("nobody", "delete")
    with pytest.raises(InvalidInput, match="default"):
        store.delete_collection("default", "keep")
    assert store.count()[0] == 5


def test_membership_changes_wait_for_the_writer_lock(
        open_store: OpenStore, hold_write_lock: Callable[[Store], AbstractContextManager[None]]) -> None:
    first = open_store()
    team_store(first)
    second = open_store(lock_timeout=0.2)
    with hold_write_lock(first):
        for change in (lambda: second.add_to_collection("markets", ["energy-1"]),
                       lambda: second.delete_collection("energy", "keep"), lambda: second.create_collection("new")):
            with pytest.raises(IndexLocked):
                change()
    assert members(second, "markets") == {"markets-1", "shared"} and "new" not in second.collections()


def test_membership_is_seen_by_another_handle_and_survives_reopening(open_store: OpenStore) -> None:
    first = open_store()
    team_store(first)
    first.add_to_collection("sports", ["plain"])
    second = open_store()
    assert second.document_info("plain")["collections"] == ["default", "sports"]
    assert {p.doc_id for p in second.search(QUERY, 10, Filters(collections=["sports"]))} == {"plain"}


@pytest.mark.parametrize("bad", ["Energy", "a b", "", "x" * 65, "énergie", "../x"])
def test_malformed_collection_names_are_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValidationError, match="collections"):
        Filters(collections=[bad])
    with pytest.raises(ValidationError, match="collections"):
        Document(doc_id="d", title="t", text="x", content_hash="h", collections=[bad])


def test_malformed_collection_names_are_refused_by_the_store(store: Store) -> None:
    team_store(store)
    for call in (lambda: store.create_collection("Bad Name"), lambda: store.add_to_collection("Bad", ["plain"]),
                 lambda: store.delete_collection("x" * 65, "keep")):
        with pytest.raises(InvalidInput, match="not a collection name"):
            call()


STORY = ("The port authority said on Tuesday that the new rare earth refinery near the harbour will process "
         "twelve thousand tonnes of ore a year once its second line opens, and that the company expects to hire "
         "four hundred workers from the valley towns before the end of the decade, officials added in a statement.")


def test_a_syndicated_copy_is_only_recorded_within_the_same_collections(store: Store) -> None:
    indexer = Indexer(store, EMBEDDER, CHUNKER)
    indexer.with_collections(["energy"]).index_documents([document("wire", STORY)])
    other_team = indexer.with_collections(["markets"]).index_documents([document("site-b", STORY + " More at 11.")])
    assert other_team.copies == [] and store.document_info("site-b")["duplicate_of"] is None
    assert store.chunk_ids("site-b")  # indexed as an original: the markets desk finds the story
    assert store.document_info("wire")["also_published_by"] == []  # and energy never sees a markets document
    same_team = indexer.with_collections(["energy"]).index_documents([document("site-c", STORY + " Updated.")])
    assert same_team.copies == [("site-c", "wire")]
    assert store.document_info("site-c")["collections"] == ["energy"]


def test_a_broad_collection_filter_returns_k_results_all_from_it(store: Store) -> None:
    """A collection holding most chunks (PostgreSQL searches HNSW first, then filters): k results, none outside."""
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(400, 256)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    upserts = []
    for i in range(40):
        doc = document(f"d{i:02d}", f"Document {i}")
        doc.collections = ["small"] if i % 10 == 0 else ["big"]
        chunks = [Chunk(chunk_id=f"d{i:02d}:{j}", doc_id=doc.doc_id, position=j, text=f"part {j}") for j in range(10)]
        upserts.append((doc, chunks, vectors[i * 10:(i + 1) * 10]))
    store.write(upserts)
    query = vectors[0] + vectors[11]  # near a 'small' chunk and a 'big' one
    query /= np.linalg.norm(query)
    hits = store.search(query, 10, Filters(collections=["big"]))
    assert len(hits) == 10 and all(int(p.doc_id[1:]) % 10 for p in hits)
    assert hits[0].chunk_id == "d01:1"  # the nearest allowed chunk
    assert [p.score for p in hits] == sorted((p.score for p in hits), reverse=True)


def test_documents_and_counts_of_collections_come_from_one_query_each(store: Store) -> None:
    team_store(store)
    assert store.documents_in(["energy"]) == {"energy-1", "energy-2", "shared"}
    assert store.documents_in(["energy", "markets"]) == {"energy-1", "energy-2", "markets-1", "shared"}
    assert store.documents_in(["nobody"]) == set() and store.documents_in([]) == set()
    both = store.count_in(["energy", "markets"])  # "shared" counted once
    assert both == (4, sum(len(store.chunk_ids(d)) for d in ("energy-1", "energy-2", "markets-1", "shared")))
    assert store.count_in(["default"]) == (1, len(store.chunk_ids("plain")))
    assert store.count_in([]) == (0, 0)
