from rag.indexing import content_hash
from rag.indexing.chunker import Chunker
from rag.types import Document


def _doc(text: str, doc_id: str = "d1") -> Document:
    return Document(doc_id=doc_id, title="t", text=text, content_hash=content_hash(text))


TEXT = "\n\n".join(
    f"Paragraph {p}. " + " ".join(f"Sentence {p}.{s} says something about rare earth exports." for s in range(6))
    for p in range(8))


def test_chunks_respect_the_size_and_cover_every_sentence() -> None:
    chunks = Chunker(size=300, overlap=60).split(_doc(TEXT))
    assert len(chunks) > 5
    assert all(len(c.text) <= 300 for c in chunks)
    joined = " ".join(c.text for c in chunks)
    for p in range(8):
        for s in range(6):
            assert f"Sentence {p}.{s} says" in joined


def test_chunks_break_between_sentences_not_inside_them() -> None:
    chunks = Chunker(size=300, overlap=60).split(_doc(TEXT))
    for chunk in chunks:
        assert chunk.text.rstrip().endswith((".", "exports."))


def test_chunk_ids_are_deterministic_and_change_with_content() -> None:
    chunker = Chunker(size=300, overlap=60)
    first = [c.chunk_id for c in chunker.split(_doc(TEXT))]
    again = [c.chunk_id for c in chunker.split(_doc(TEXT))]
    changed = [c.chunk_id for c in chunker.split(_doc(TEXT.replace("Paragraph 7", "Paragraph seven")))]
    assert first == again
    assert len(set(first)) == len(first)
    assert first[:5] == changed[:5] and first != changed


def test_neighbouring_chunks_overlap() -> None:
    chunks = Chunker(size=300, overlap=100).split(_doc(" ".join(f"Word{i} is here." for i in range(200))))
    shared = [set(a.text.split()) & set(b.text.split()) for a, b in zip(chunks, chunks[1:])]
    assert all(s for s in shared)


def test_a_run_of_quoted_sentences_breaks_where_a_quotation_ends_a_sentence() -> None:
    # no plain ". " inside: the sentences end in a closing quotation mark, straight or curly
    text = "Chen said: " + " ".join(f"“Berth {i} will reopen in {2030 + i % 9} after repairs.”" if i % 2 else
                                    f'"Quay {i} closes in {2030 + i % 9} for good."' for i in range(40))
    chunks = Chunker(size=300, overlap=60).split(_doc(text))
    assert len(chunks) > 5
    for chunk in chunks[1:]:  # (the first opens with the lead-in)
        assert chunk.text.startswith(("“", '"')) and chunk.text.endswith(("”", '"')), chunk.text


def test_a_chunk_is_not_cut_after_a_time_of_day() -> None:
    sentence = "The river below the Lunde dam peaked at 4.2 metres at 6:40 a.m. Sunday, two hours after the rain stopped."
    text = f"Heavy rain fell on the hills above Norlant all week, and the reservoir behind the dam filled fast. {sentence}"
    chunks = Chunker(size=200, overlap=0).split(_doc(text))
    assert any(sentence in c.text for c in chunks)
    assert not any(c.text.endswith("a.m.") for c in chunks)
