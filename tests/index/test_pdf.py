"""PDF articles: reading order, pages carried to passages and citations, titles, and every bad PDF refused
with its reason (in a folder run, which still indexes the rest, and as an upload's 4xx)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.documents import document_from_bytes
from index.readers import Refused, read_bytes
from index.readers.pdf import NO_TEXT
from tests.conftest import API_KEY, REPO, Server, start_server, stop_server
from tests.index.pdfs import column_lines, make_pdf

LEFT = ["Port Merrow approved a harbor", "desalination plant on Monday", "after a long debate in council."]
RIGHT = ["The plant will produce forty", "thousand cubic metres a day", "from the spring of next year."]
AUTH = {"Authorization": f"Bearer {API_KEY}"}


def _two_pages() -> bytes:
    first = [(50.0, 740.0, 20.0, "Harbor Plant Approved"), *column_lines(LEFT * 3, RIGHT * 3, interleave=False, y0=700)]
    second = [(50.0, 720.0, 10.0, "Page two says the turbines arrive in May from Rotterdam by ship.")]
    return make_pdf([first, second])


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_two_pages())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("interleave", [False, True])
def test_two_columns_are_read_left_column_first_however_the_file_draws_them(interleave: bool) -> None:
    parsed = read_bytes(make_pdf([column_lines(LEFT, RIGHT, interleave)]), name="cols.pdf")
    assert parsed.text.index("after a long debate") < parsed.text.index("The plant will produce")
    assert "Port Merrow approved a harbor desalination plant on Monday after a long debate in council." in parsed.text


def test_pages_are_spans_of_the_text_and_chunks_carry_their_page() -> None:
    from rag.indexing.chunker import Chunker

    doc = document_from_bytes("plant", _two_pages(), name="plant.pdf")
    assert doc.page_starts is not None and len(doc.page_starts) == 2
    assert doc.text[doc.page_starts[1]:].startswith("Page two says the turbines")
    chunks = Chunker(400, 80).split(doc)
    assert [c.page for c in chunks] == sorted(c.page for c in chunks) and {c.page for c in chunks} == {1, 2}
    bounds = [*doc.page_starts, len(doc.text)]
    for chunk in chunks:  # a chunk never spans two pages: its text is on the page it names
        assert chunk.page is not None and chunk.text in doc.text[bounds[chunk.page - 1]:bounds[chunk.page]]
        assert ("Rotterdam" in chunk.text) == (chunk.page == 2)


def test_title_comes_from_the_document_info_else_the_largest_type_never_a_file_name() -> None:
    assert document_from_bytes("a", _two_pages(), name="a.pdf").title == "Harbor Plant Approved"
    items = [(50.0, 740.0, 20.0, "Harbor Plant Approved"), (50.0, 700.0, 10.0, "Body text of the plant story here.")]
    assert document_from_bytes("b", make_pdf([items], title="Council Minutes 2025"), name="b.pdf").title == "Council Minutes 2025"
    assert document_from_bytes("c", make_pdf([items], title="draft.html"), name="c.pdf").title == "Harbor Plant Approved"


@pytest.mark.parametrize(("data", "reason"), [
    (make_pdf([[]], drawing=True), NO_TEXT),
    (make_pdf([[], []]), NO_TEXT),
    (_two_pages()[: len(_two_pages()) // 2], "truncated PDF"),
    (b"%PDF-1.4\n" + b"\x00garbage" * 50 + b"\n%%EOF\n", "broken PDF"),
    (b"<html>not a pdf at all</html>\n%%EOF", "not a PDF"),
])
def test_a_pdf_that_cannot_be_read_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(Refused) as refused:
        read_bytes(data, name="bad.pdf")
    assert reason in refused.value.message


def test_an_encrypted_pdf_is_refused_as_needing_a_password() -> None:
    with pytest.raises(Refused, match="encrypted PDF"):
        read_bytes(_encrypted(), name="locked.pdf")


def _pdf_folder(root: Path) -> Path:
    folder = root / "pdfs"
    folder.mkdir()
    (folder / "plant.pdf").write_bytes(_two_pages())
    (folder / "scan.pdf").write_bytes(make_pdf([[]], drawing=True))
    (folder / "locked.pdf").write_bytes(_encrypted())
    (folder / "cut.pdf").write_bytes(_two_pages()[:700])
    return folder


def test_rag_index_of_a_pdf_folder_indexes_the_text_pdf_and_says_why_each_other_is_refused(tmp_path: Path) -> None:
    env = {**os.environ, "RAG_EMBEDDER": "hashing", "RAG_INDEX_DIR": str(tmp_path / "index")}
    done = subprocess.run([sys.executable, "-m", "api.cli", "index", str(_pdf_folder(tmp_path))], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added 1, updated 0, skipped 0 unchanged, refused 3"), done.stdout
    assert f"scan.pdf: {NO_TEXT}" in done.stdout
    assert "locked.pdf: encrypted PDF" in done.stdout and "cut.pdf: truncated PDF" in done.stdout
    found = subprocess.run([sys.executable, "-m", "api.cli", "search", "turbines arrive Rotterdam", "--json", "-k", "3"],
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    passages = json.loads(found.stdout)["passages"]
    assert passages[0]["doc_id"] == "plant" and passages[0]["page"] == 2
    assert {p["page"] for p in passages} <= {1, 2}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("pdf-api")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    server = start_server(base / "index", base / "server.log", env)
    yield server
    stop_server(server)


def test_a_pdf_upload_is_indexed_and_its_citations_carry_the_page(api: Server) -> None:
    with api.client() as client:
        response = client.post("/v1/documents", files={"file": ("plant.pdf", _two_pages(), "application/pdf")}, headers=AUTH)
        assert response.status_code == 201, response.text
        assert response.json()["title"] == "Harbor Plant Approved"
        answer = client.post("/v1/ask", json={"question": "When do the turbines arrive from Rotterdam?"}, headers=AUTH).json()
        assert answer["citations"], answer
        assert all(c["page"] in (1, 2) for c in answer["citations"])
        assert any(c["page"] == 2 and "Rotterdam" in c["text"] for c in answer["citations"])


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("scan.pdf", make_pdf([[]], drawing=True), NO_TEXT),
    ("locked.pdf", None, "encrypted PDF"),
    ("cut.pdf", _two_pages()[:700], "truncated PDF"),
])
def test_a_bad_pdf_upload_gets_a_422_with_the_reason_and_changes_nothing(api: Server, name: str, content: bytes | None,
                                                                          reason: str) -> None:
    with api.client() as client:
        before = client.get("/v1/documents", headers=AUTH).json()["total"]
        response = client.post("/v1/documents", files={"file": (name, content or _encrypted(), "application/pdf")},
                               headers=AUTH)
        assert response.status_code == 422, response.text
        assert reason in response.json()["error"]["message"]
        assert client.get("/v1/documents", headers=AUTH).json()["total"] == before


REAL = Path(__file__).parent / "data" / "pdfs"  # real PDFs, CC-BY-SA-4.0: see data/pdfs/LICENSE.md
BLIND = ("Hello, here is some text without a meaning. This text should show what a printed text will look like at "
         "this place.")


def test_a_latex_two_column_article_reads_in_column_order_with_words_whole_again() -> None:
    doc = document_from_bytes("multicolumn", (REAL / "multicolumn.pdf").read_bytes(), name="multicolumn.pdf")
    assert doc.title == "Two-Column Document with Lorem Ipsum" and doc.page_starts is not None
    text = doc.text
    assert text.index("Abstract") < text.index("Lorem ipsum dolor sit amet") < text.index("Nam dui ligula")
    for word in ("adipiscing", "consectetuer", "tristique", "sollicitudin", "dignissim"):  # hyphenated at line ends
        assert word in text
    assert not re.search(r"\b(adip-iscing|con-sectetuer|tris-tique|sollic-itudin|dig-nissim)\b", text)
    assert "EU Countries Information" in text[doc.page_starts[-1]:]  # the table is on the last page


def test_a_four_page_latex_file_is_its_text_in_order_with_pages_and_no_page_numbers() -> None:
    doc = document_from_bytes("blind", (REAL / "pdflatex-4-pages.pdf").read_bytes(), name="pdflatex-4-pages.pdf")
    assert doc.page_starts is not None and len(doc.page_starts) == 4
    paragraph = " ".join(doc.text.split(" Hello, ")[0].split())
    assert paragraph.startswith(BLIND) and paragraph.endswith("the length of words should match the language.")
    rest = " ".join(doc.text.split()).replace(paragraph, "").strip()
    assert paragraph.startswith(rest)  # nothing but whole copies of the paragraph, and the start of one more
    for start in doc.page_starts[1:]:
        assert not re.match(r"\s*\d", doc.text[start - 10:start])  # no page number left at a page's end


def test_a_password_protected_libreoffice_pdf_is_refused_as_encrypted() -> None:
    with pytest.raises(Refused, match="encrypted PDF"):
        read_bytes((REAL / "libreoffice-writer-password.pdf").read_bytes(), name="locked.pdf")
