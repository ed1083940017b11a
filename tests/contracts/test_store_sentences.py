"""The Store contract for sentence rows: each chunk's sentences, claims and vectors, written and removed with it."""

from __future__ import annotations

import numpy as np
import pytest

from rag.claims.records import claims_version
from rag.indexing.sentences import SentenceBuilder
from rag.protocols import Store
from rag.text import split_sentences
from rag.types import Chunk
from tests.contracts.test_store_contract import ARTICLES, EMBEDDER, document, snapshot, upsert

BUILD = SentenceBuilder(EMBEDDER)
TEXT = ("China controls roughly 70% of global output. Lynas Rare Earths opened a plant in Texas in 2024. "
        "Is that enough? Yes.")


def write(store: Store, docs: list[tuple[str, str]], deletes: tuple[str, ...] = ()) -> list[Chunk]:
    upserts = [upsert(document(doc_id, text)) for doc_id, text in docs]
    chunks = [c for _, cs, _ in upserts for c in cs]
    store.write(upserts, deletes=deletes, sentences=BUILD([(c.chunk_id, c.text) for c in chunks]))
    return chunks


def add_articles(store: Store) -> list[Chunk]:
    return write(store, [(doc_id, text) for doc_id, (_, text, _, _) in ARTICLES.items()])


def test_each_chunk_comes_back_with_its_sentences_claims_and_vectors(store: Store) -> None:
    chunks = write(store, [("figures", TEXT)])
    rows = store.sentences([c.chunk_id for c in chunks] + ["no-such-chunk"])
    assert set(rows) == {c.chunk_id for c in chunks}
    for chunk in chunks:
        records = rows[chunk.chunk_id]
        assert [r.text for r in records] == split_sentences(chunk.text)
        assert [r.n for r in records] == list(range(len(records)))
        for r in records:
            assert chunk.text[r.start:r.end] == r.text and r.claims_version == claims_version()
            if r.text.endswith("?") or len(r.text.split()) < 4:
                assert r.vector is None  # never ranked as evidence: not embedded
            else:
                assert r.vector is not None and r.vector.shape == (EMBEDDER.dim,)
                np.testing.assert_allclose(r.vector, EMBEDDER.embed_documents([r.text])[0], atol=2e-3)
    claims = {v.kind: v for r in rows[chunks[0].chunk_id] for v in r.claims}
    assert claims["percentage"].text.endswith("70%") and claims["percentage"].scope == "global output"
    assert store.sentences([]) == {}
    assert store.verify() == []


def test_replacing_and_deleting_a_document_replace_and_remove_its_sentence_rows(store: Store) -> None:
    first = add_articles(store)
    old = [c.chunk_id for c in first if c.doc_id == "mine"]
    new = write(store, [("mine", "The lithium mine now employs 450 people and ships ore by truck.")], deletes=("harbor",))
    assert store.sentences(old) == {}
    assert [r.text for r in store.sentences([new[0].chunk_id])[new[0].chunk_id]] == split_sentences(new[0].text)
    assert store.sentences([c.chunk_id for c in first if c.doc_id == "harbor"]) == {}
    assert store.verify() == []


def test_a_write_failing_midway_writes_no_sentence_rows(store: Store) -> None:
    add_articles(store)
    before = snapshot(store)
    rows_before = store.sentences(store.chunk_ids())
    good = upsert(document("cobalt", "Cobalt prices fell sharply this quarter."))
    taken = store.chunk_ids("magnets")[0]
    doc = document("clash", "This chunk reuses an id that another document holds.")
    clash = (doc, [Chunk(chunk_id=taken, doc_id="clash", position=0, text=doc.text)], EMBEDDER.embed_documents([doc.text]))
    sentences = BUILD([(c.chunk_id, c.text) for _, cs, _ in (good, clash) for c in cs])
    with pytest.raises(Exception):  # noqa: B017  # each backend's own integrity error
        store.write([good, clash], deletes=["mine"], sentences=sentences)
    assert snapshot(store) == before
    assert store.sentences([c.chunk_id for c in good[1]]) == {}
    after = store.sentences(store.chunk_ids())
    assert {k: [r.text for r in v] for k, v in after.items()} == {k: [r.text for r in v] for k, v in rows_before.items()}
    assert store.verify() == []


def test_a_store_without_sentence_rows_is_upgraded_in_place_and_check_then_requires_them(store: Store) -> None:
    upserts = [upsert(document(doc_id, text)) for doc_id, (_, text, _, _) in ARTICLES.items()]
    store.write(upserts)  # as an index built before sentence rows existed
    ids = store.chunk_ids()
    assert store.verify() == [] and store.sentences(ids) == {}
    assert {c for c, _ in store.chunks_without_sentences(100)} == set(ids)
    store.add_sentences(BUILD(store.chunks_without_sentences(2)))
    assert len(store.sentences(ids)) == 2
    problems = store.verify()  # part-way: a store with rows must have them for every chunk
    assert len(problems) == 1 and "rag index --upgrade" in problems[0] and problems[0].startswith(f"{len(ids) - 2} chunks")
    store.add_sentences(BUILD(store.chunks_without_sentences(100)))
    assert store.chunks_without_sentences(100) == [] and set(store.sentences(ids)) == set(ids)
    assert store.verify() == []


def test_check_finds_a_chunk_whose_sentence_rows_or_vectors_went_missing(store: Store, backend: str) -> None:
    chunks = write(store, [("figures", TEXT)])
    table = "sentences" if backend == "faiss" else "rag_sentences"
    statement = f"UPDATE {table} SET vector = NULL WHERE chunk_id = '{chunks[0].chunk_id}' AND n = 0"
    if backend == "faiss":
        store._conn().execute(statement)  # type: ignore[attr-defined]
    else:
        with store._connection() as conn:  # type: ignore[attr-defined]
            conn.execute(statement)
    assert store.verify() == ["1 chunks whose sentence rows or vectors differ from the count recorded"]


def test_claims_an_older_extraction_stored_are_found_and_replaced_with_text_and_vectors_kept(store: Store) -> None:
    chunks = write(store, [("figures", TEXT)])
    ids = [c.chunk_id for c in chunks]
    before = store.sentences(ids)
    assert store.stale_claims(claims_version(), 100) == []
    rows = [(r.chunk_id, r.n, r.text) for records in before.values() for r in records]
    store.refresh_claims([(c, n, "[]", "0-old") for c, n, _ in rows])  # as an older version wrote them
    assert sorted(store.stale_claims(claims_version(), 100)) == sorted(rows)
    assert len(store.stale_claims(claims_version(), 2)) == 2
    assert all(r.claims == () and r.claims_version == "0-old" for rs in store.sentences(ids).values() for r in rs)
    fresh = {(r.chunk_id, r.n): r for records in before.values() for r in records}
    store.refresh_claims([(c, n, fresh[(c, n)].claims_json(), claims_version()) for c, n, _ in rows]
                         + [("no-such-chunk", 0, "[]", claims_version())])  # a row gone meanwhile is left out
    assert store.stale_claims(claims_version(), 100) == []
    after = store.sentences(ids)
    for chunk_id, records in before.items():
        assert [(r.text, r.claims, r.claims_version) for r in after[chunk_id]] == \
            [(r.text, r.claims, r.claims_version) for r in records]
        for old, new in zip(records, after[chunk_id]):
            assert (old.vector is None) == (new.vector is None)
            if old.vector is not None and new.vector is not None:
                np.testing.assert_array_equal(old.vector, new.vector)
    assert store.verify() == []
