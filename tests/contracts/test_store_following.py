"""The Store contract for the chunk after a chunk: read beside the best passages (rag/retrieval/following.py)."""

from __future__ import annotations

from rag.protocols import Store
from tests.contracts.test_store_contract import add_articles, document, upsert

PARAGRAPHS = ("An ex-Navy diver died on Friday while helping the rescue of a youth football team trapped in a cave.\n\n"
              "Retired Petty Officer Saman Kunan, 38, fell unconscious while laying oxygen tanks along the passages.\n\n"
              "A comrade tried to resuscitate him, but he was pronounced dead at a local hospital later that day.")


def test_each_chunk_comes_with_the_next_chunk_of_its_document_and_the_last_with_none(store: Store) -> None:
    add_articles(store)
    doc, chunks, vectors = upsert(document("rescue", PARAGRAPHS, title="Rescuer dies", source="Wire"))
    assert len(chunks) == 3
    store.write([(doc, chunks, vectors)])
    ids = [c.chunk_id for c in chunks]
    found = store.following([*ids, "no-such-chunk", store.chunk_ids("harbor")[0]])
    assert set(found) == set(ids[:2])  # the last chunk, an unknown id and a one-chunk document have none
    after = found[ids[0]]
    assert (after.chunk_id, after.doc_id, after.text, after.title, after.source) == (
        ids[1], "rescue", chunks[1].text, "Rescuer dies", "Wire")
    assert found[ids[1]].chunk_id == ids[2]
    assert store.following([]) == {}


def test_a_replaced_document_has_the_following_chunks_of_its_new_text(store: Store) -> None:
    doc, chunks, vectors = upsert(document("rescue", PARAGRAPHS))
    store.write([(doc, chunks, vectors)])
    new_doc, new_chunks, new_vectors = upsert(document("rescue", PARAGRAPHS.split("\n\n", 1)[1]))
    store.write([(new_doc, new_chunks, new_vectors)])
    assert store.following([chunks[0].chunk_id]) == {}  # the old chunk is gone
    assert store.following([new_chunks[0].chunk_id])[new_chunks[0].chunk_id].text == new_chunks[1].text
