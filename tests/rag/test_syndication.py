"""Syndicated copies on real articles: a copy with another headline, boilerplate or a cut ending is recognized,
different reports of the same event are not, and the first of several copies in one batch is the original."""

from __future__ import annotations

from pathlib import Path

from rag.syndication import copy_labels, fingerprint, mark_copies, similarity
from rag.types import Document


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, title=doc_id, text=text, content_hash=doc_id)


def _articles(rare_earths: Path) -> dict[str, str]:
    return {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(rare_earths.glob("*.txt"))}


def test_a_wire_copy_is_close_and_another_report_of_the_same_event_is_not(rare_earths: Path) -> None:
    texts = _articles(rare_earths)
    story = texts["004"]
    paragraphs = [p for p in story.split("\n") if p.strip()]
    copy = "\n".join(["BREAKING", "By the wire desk | Coastal Courier", *paragraphs[:-1], "Reporting by staff."])
    original, copied = fingerprint(story), fingerprint(copy)
    assert original and copied and similarity(original, copied) >= 0.6
    for other in ("002", "003"):  # the same rare-earth deal, reported by others in their own words
        theirs = fingerprint(texts[other])
        assert theirs and similarity(original, theirs) < 0.2


def test_the_first_of_several_copies_is_the_original_and_short_notes_are_never_copies(rare_earths: Path) -> None:
    story = _articles(rare_earths)["000"]
    batch = [_doc("a", story), _doc("b", "Updated. " + story), _doc("c", story + "\nCorrection appended."),
             _doc("note", "Markets closed early."), _doc("note-2", "Markets closed early.")]
    assert mark_copies(batch, {}, 0.6) == [("b", "a"), ("c", "a")]
    assert [d.duplicate_of for d in batch] == [None, "a", "a", None, None]
    assert batch[3].fingerprint is None  # under 40 words: too short to call a copy
    known = {"a": batch[0].fingerprint or ""}
    again = [_doc("a", story)]
    assert mark_copies(again, known, 0.6) == [] and again[0].duplicate_of is None  # re-indexing itself is no copy
    assert mark_copies([_doc("d", story)], known, 1.0) == []  # 1 turns the check off


def test_copies_are_named_by_source_else_site_else_doc_id() -> None:
    packed = "\x1e".join(["Valley Times\x1f\x1fv", "\x1fhttps://www.coastal.example/a\x1fc", "\x1f\x1fbare", "Valley Times\x1f\x1fv2"])
    assert copy_labels(packed) == ["Valley Times", "bare", "coastal.example"]
    assert copy_labels(None) == []
