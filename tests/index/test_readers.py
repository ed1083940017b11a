import json
from pathlib import Path

import pytest

from index.documents import read_document, validate_doc_id
from index.readers import Refused
from rag.errors import InvalidInput


def test_a_headline_first_line_becomes_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story-1.txt"
    path.write_text("Port Reopens After Storm Damage\n\nThe port reopened on Monday.")
    doc = read_document(path, 10_000)
    assert (doc.doc_id, doc.title) == ("story-1", "Port Reopens After Storm Damage")


def test_a_paragraph_first_line_leaves_the_file_name_as_title(tmp_path: Path) -> None:
    path = tmp_path / "story-2.txt"
    path.write_text("The port reopened on Monday after a week of repairs, officials said.\nMore text.")
    assert read_document(path, 10_000).title == "story-2"


def test_html_keeps_visible_text_and_drops_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Harbor News Today</title><style>p{}</style></head><body>"
                    "<script>alert('x')</script><p>The harbor &amp; the bay.</p></body></html>")
    doc = read_document(path, 10_000)
    assert doc.title == "Harbor News Today"
    assert doc.text == "The harbor & the bay."


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_text("# A Heading Here\n\nBody text.")
    assert read_document(path, 10_000).title == "A Heading Here"


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "no text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("latin1.txt", "caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8"),
    ("big.txt", b"x" * 2000, "limit is 1,000"),
    ("image.png", b"not really", "unsupported file type"),
])
def test_unusable_files_are_refused_with_the_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(Refused, match=reason):
        read_document(path, 1000)


@pytest.mark.parametrize("doc_id", ["../x", "a/b", "", ".hidden", "a..b", "x" * 300])
def test_path_like_doc_ids_are_rejected(doc_id: str) -> None:
    with pytest.raises(InvalidInput):
        validate_doc_id(doc_id)


# -- metadata: front matter, <meta> tags, sidecar ------------------------------------------------

def test_markdown_front_matter_gives_title_source_and_date(tmp_path: Path) -> None:
    path = tmp_path / "deal.md"
    path.write_text("---\ntitle: Rare Earth Deal Reached\nsource: Example Wire\ndate: 2025-11-01\ntags: [trade]\n---\n"
                    "# Headline In Body\n\nBeijing agreed to resume exports.\n")
    doc = read_document(path, 10_000)
    assert (doc.title, doc.source, doc.published_at) == ("Rare Earth Deal Reached", "Example Wire", "2025-11-01")
    assert doc.text.startswith("# Headline In Body") and "source:" not in doc.text


def test_html_meta_tags_give_source_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<html><head><title>Magnets Flow Again</title>'
                    '<meta property="article:published_time" content="2025-11-02T08:30:00Z">'
                    '<meta property="og:site_name" content="Daily Metals"></head>'
                    '<body><p>Exports resumed on Monday after talks.</p></body></html>')
    doc = read_document(path, 10_000)
    assert (doc.title, doc.source, doc.published_at) == ("Magnets Flow Again", "Daily Metals", "2025-11-02T08:30:00+00:00")


def test_a_sidecar_overrides_the_file_and_works_for_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Beijing agreed to resume exports of rare earth magnets.")
    (tmp_path / "note.meta.json").write_text(json.dumps({"title": "Export Note", "source": "Desk",
                                                         "published_at": "2025-10-30"}))
    doc = read_document(path, 10_000)
    assert (doc.title, doc.source, doc.published_at) == ("Export Note", "Desk", "2025-10-30")


def test_changed_metadata_changes_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Beijing agreed to resume exports of rare earth magnets.")
    before = read_document(path, 10_000).content_hash
    (tmp_path / "note.meta.json").write_text(json.dumps({"published_at": "2025-10-30"}))
    assert read_document(path, 10_000).content_hash != before


@pytest.mark.parametrize(("name", "content", "sidecar", "reason"), [
    ("a.md", "---\ndate: last tuesday\n---\nBody text here.", None, "not an ISO date"),
    ("b.md", "---\ntitle: [unclosed\n---\nBody text here.", None, "not valid YAML"),
    ("c.txt", "Body text here.", "{not json", "not valid JSON"),
    ("d.txt", "Body text here.", '{"author": "x"}', "unknown key 'author'"),
    ("e.txt", "Body text here.", '["list"]', "must be a JSON object"),
])
def test_bad_metadata_refuses_the_file_with_the_reason(tmp_path: Path, name: str, content: str,
                                                       sidecar: str | None, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    if sidecar is not None:
        (tmp_path / (path.stem + ".meta.json")).write_text(sidecar)
    with pytest.raises(Refused, match=reason):
        read_document(path, 10_000)
