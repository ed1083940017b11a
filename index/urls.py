"""Articles from URLs: a stable doc id per URL, fetched bytes read like a file, and incremental re-indexing
(a conditional GET first, then the content hash)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from index.documents import document_from_bytes
from index.fetch import ARTICLE_TYPES, BINARY_TYPES, Fetched, Fetcher
from index.fetch_state import FetchState
from index.readers import HtmlMode, Refused
from rag.errors import InvalidInput
from rag.indexing.indexer import Indexer, IndexReport
from rag.types import Document


def is_url(value: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", value))


def normalize_url(url: str) -> str:
    """The URL without its fragment, scheme and host lower-cased, an empty path as "/"."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    for default in (":80",) if parts.scheme.lower() == "http" else (":443",):
        netloc = netloc.removesuffix(default)
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def url_doc_id(url: str) -> str:
    """Readable and stable: the site and the last part of the path, then a hash of the whole URL."""
    normal = normalize_url(url)
    parts = urlsplit(normal)
    host = (parts.hostname or "url").removeprefix("www.")
    tail = [p for p in parts.path.split("/") if p]
    slug = re.sub(r"\.(html?|php|aspx?)$", "", tail[-1]) if tail else ""
    readable = re.sub(r"[^A-Za-z0-9]+", "-", f"{host}-{slug}").strip("-")[:80].strip("-") or "url"
    return f"{readable}-{hashlib.sha256(normal.encode()).hexdigest()[:10]}"


def read_fetched(fetched: Fetched, doc_id: str, metadata: dict[str, str] | None = None,
                 html: HtmlMode = "article") -> Document:
    """The one adapter from fetched bytes to a Document: text decoded with the detected charset (a PDF as it
    came), then read by the reader registered for its content type, as a file of that type would be."""
    if fetched.content_type in BINARY_TYPES:
        data, kind = fetched.body, fetched.content_type
    else:
        data, kind = fetched.text().encode("utf-8"), f"{fetched.content_type}; charset=utf-8"
    name = urlsplit(fetched.url).path.rsplit("/", 1)[-1]
    doc = document_from_bytes(doc_id, data, name=name, content_type=kind, metadata=metadata, html=html)
    doc.url = fetched.url
    if not doc.source:
        doc.source = (urlsplit(fetched.url).hostname or "").removeprefix("www.") or None
    return doc


@dataclass
class Outcome:
    """What fetching one URL gave: a document, "not modified", or the reason it was refused."""

    url: str
    document: Document | None = None
    unchanged: bool = False
    problem: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def fetch_one(fetcher: Fetcher, state: FetchState | None, url: str, known: set[str],
              metadata: dict[str, str] | None = None, html: HtmlMode = "article") -> Outcome:
    try:
        doc_id = url_doc_id(url)
        validators = state.validators(normalize_url(url)) if state is not None and doc_id in known else (None, None)
        fetched = fetcher.fetch(url, ARTICLE_TYPES, *validators)
        if fetched.not_modified:
            return Outcome(url, unchanged=True)
        doc = read_fetched(fetched, doc_id, metadata, html)
    except (InvalidInput, Refused) as exc:
        return Outcome(url, problem=exc.message)
    return Outcome(url, document=doc, etag=fetched.etag, last_modified=fetched.last_modified)


def fetch_many(fetcher: Fetcher, state: FetchState | None, urls: Sequence[str], known: set[str],
               metadata: Sequence[dict[str, str] | None] | None = None, workers: int = 4,
               html: HtmlMode = "article") -> list[Outcome]:
    """Fetch in a few threads (most of a fetch is waiting), results in the order of ``urls``."""
    extra = list(metadata) if metadata is not None else [None] * len(urls)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        return list(pool.map(lambda pair: fetch_one(fetcher, state, pair[0], known, pair[1], html), zip(urls, extra)))


def index_urls(indexer: Indexer, fetcher: Fetcher, state: FetchState | None, urls: Iterable[str],
               report: IndexReport | None = None, progress: bool = False, html: HtmlMode = "article") -> IndexReport:
    """Fetch and index URLs; each failure is reported with its reason and the rest are indexed."""
    report = report or IndexReport()
    unique = list(dict.fromkeys(normalize_url(u) if is_url(u) else u for u in urls))
    known = set(indexer.store.content_hashes())
    outcomes = fetch_many(fetcher, state, unique, known, html=html)
    documents = []
    for outcome in outcomes:
        if outcome.problem is not None:
            report.refused.append((outcome.url, outcome.problem))
        elif outcome.unchanged:
            report.skipped.append(url_doc_id(outcome.url))
        elif outcome.document is not None:
            documents.append(outcome.document)
    indexer.index_documents(documents, report, progress=progress)
    if state is not None:  # after the documents committed: a crash before this only costs a re-fetch
        state.remember([(normalize_url(o.url), o.document.doc_id, o.etag, o.last_modified)
                        for o in outcomes if o.document is not None])
    return report


def read_url_list(path: str) -> list[str]:
    """One URL a line; blank lines and lines starting with # are ignored."""
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")]
