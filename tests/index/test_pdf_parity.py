"""The shared articles printed by headless Chromium as two-column PDFs: the text read back is the article's,
doc ids and titles are the .txt ones, and every citation of a PDF passage names the page its text is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.dataset import load_dataset
from eval.extraction import score
from eval.pdf_corpus import print_pdfs
from index.documents import read_document
from index.files import index_paths
from rag.types import AskRequest
from tests.conftest import REPO
from tests.index.pdfs import chromium_or_skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_corpus(tmp_path_factory: pytest.TempPathFactory, rare_earths: Path) -> Path:
    chromium_or_skip()
    out = tmp_path_factory.mktemp("rare-earths-pdf")
    print_pdfs(sorted(rare_earths.glob("*.txt")), out)
    return out


def test_two_column_pdfs_read_back_as_their_articles_with_the_same_ids_and_titles(pdf_corpus: Path, rare_earths: Path) -> None:
    for pdf in sorted(pdf_corpus.glob("*.pdf")):
        doc = read_document(pdf, 50_000_000)
        original = read_document(rare_earths / f"{pdf.stem}.txt", 50_000_000)
        assert (doc.doc_id, doc.title) == (original.doc_id, original.title)
        precision, recall = score(doc.text, original.text)
        assert precision > 0.99 and recall > 0.99, (pdf.stem, precision, recall)
        assert doc.page_starts and doc.page_starts[0] == 0


def test_every_citation_of_a_pdf_passage_names_the_page_that_holds_it(pdf_corpus: Path, minilm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rag.services import build_services
    from rag.settings import Settings

    services = build_services(Settings.load(index_dir=tmp_path / "index"), embedder=minilm)
    report = index_paths(services.indexer, [pdf_corpus], services.settings.indexing)
    assert len(report.added) == 5 and not report.refused
    pages = {}
    for pdf in pdf_corpus.glob("*.pdf"):
        doc = read_document(pdf, 50_000_000)
        assert doc.page_starts is not None
        bounds = [*doc.page_starts, len(doc.text)]
        pages[doc.doc_id] = [doc.text[bounds[i]:bounds[i + 1]] for i in range(len(doc.page_starts))]
    cited = 0
    for item in load_dataset(REPO / "eval" / "datasets" / "rare-earths.jsonl"):
        answer = services.engine.ask(AskRequest(question=item.question))
        for citation in answer.citations:
            cited += 1
            assert citation.page is not None, (item.id, citation)
            on_page = " ".join(pages[citation.doc_id][citation.page - 1].split())
            assert " ".join(citation.text.split()) in on_page, (item.id, citation.page, citation.text)
    assert cited >= 30
