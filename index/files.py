"""Indexing the files and folders a user names: each file read by its format's reader, each refusal reported."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from index.discover import find_files
from index.documents import read_document
from index.readers import Refused
from rag.indexing.indexer import Indexer, IndexReport
from rag.settings import IndexingSettings
from rag.types import Document


def index_paths(indexer: Indexer, paths: Iterable[Path], settings: IndexingSettings | None = None,
                progress: bool = False) -> IndexReport:
    settings = settings or IndexingSettings()
    report = IndexReport()
    documents: list[Document] = []
    seen: dict[str, str] = {}
    files = list(find_files(paths))
    for path, problem in tqdm(files, desc="files", unit="file", disable=not progress):
        if problem is not None:
            report.refused.append((str(path), problem))
            continue
        try:
            doc = read_document(path, settings.max_file_bytes, settings.html)
        except Refused as exc:
            report.refused.append((str(path), exc.message))
            continue
        except ValueError as exc:  # an invalid doc_id from the file name
            report.refused.append((str(path), str(exc)))
            continue
        if doc.doc_id in seen:
            report.refused.append((str(path), f"duplicate doc_id {doc.doc_id!r} (also {seen[doc.doc_id]})"))
            continue
        seen[doc.doc_id] = str(path)
        documents.append(doc)
    return indexer.index_documents(documents, report, progress=progress)
