"""RSS and Atom feeds: every article a feed links to, once. Items are deduplicated by guid and by URL, and
recorded as seen only after their documents committed, so a poll killed mid-way loses nothing (the rest is
fetched next time) and repeats nothing (a re-fetched article has the same doc id and content hash)."""

from __future__ import annotations

import calendar
import threading
import xml.sax
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from index.fetch import FEED_TYPES, Fetcher
from index.fetch_state import FetchState
from index.readers import HtmlMode
from index.urls import fetch_many, normalize_url
from rag.errors import FeedInvalid, InvalidInput, RagError
from rag.indexing.indexer import Indexer, IndexReport


@dataclass
class Item:
    feed: str
    url: str
    guid: str | None
    title: str
    published_at: str | None

    @property
    def keys(self) -> list[str]:
        keys = [f"url:{self.url}"]
        if self.guid:
            keys.append(f"guid:{self.feed}\x1f{self.guid}")
        return keys


def parse_feed(feed_url: str, body: bytes, content_type: str = "") -> tuple[list[Item], list[str]]:
    """The feed's items with links (deduplicated by guid and URL), and a problem for each item without one."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-type": content_type or "application/xml"})
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and (not parsed.entries or isinstance(problem, xml.sax.SAXException)):
        raise FeedInvalid(f"malformed feed XML ({problem})"[:400])
    if not parsed.get("version") and not parsed.entries:
        raise FeedInvalid("not an RSS or Atom feed")
    items: list[Item] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, entry in enumerate(parsed.entries, start=1):
        title = " ".join(str(entry.get("title", "")).split())[:200]
        guid = str(entry.get("id") or "") or None
        links = [entry.get("link"), *(x.get("href") for x in entry.get("links", []))]
        link = next((str(x) for x in links if x and str(x).lower().startswith(("http://", "https://"))), None)
        if not link:  # feedparser may offer an Atom entry's id (a urn:) as its link
            problems.append(f"item {n} ({title or guid or 'untitled'!r}) has no link")
            continue
        url = normalize_url(str(link))
        item = Item(feed_url, url, guid, title, _date(entry))
        if seen & set(item.keys):
            continue
        seen |= set(item.keys)
        items.append(item)
    return items, problems


def _date(entry: dict) -> str | None:  # type: ignore[type-arg]
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()


def poll_feed(indexer: Indexer, fetcher: Fetcher, state: FetchState, feed_url: str,
              report: IndexReport | None = None, batch: int = 10, progress: bool = False,
              html: HtmlMode = "article") -> IndexReport:
    """Index the feed's new items, ``batch`` at a time, each batch committed before it is marked seen."""
    report = report or IndexReport()
    try:
        fetched = fetcher.fetch(feed_url, FEED_TYPES)
        items, problems = parse_feed(feed_url, fetched.body, fetched.content_type)
    except InvalidInput as exc:
        report.refused.append((feed_url, exc.message))
        return report
    report.refused += [(feed_url, problem) for problem in problems]
    done = state.seen(key for item in items for key in item.keys)
    todo = [item for item in items if not done & set(item.keys)]
    for start in range(0, len(todo), batch):
        part = todo[start:start + batch]
        known = set(indexer.store.content_hashes())
        outcomes = fetch_many(fetcher, state, [item.url for item in part], known, html=html)
        documents = []
        for item, outcome in zip(part, outcomes):
            if outcome.problem is not None:
                report.refused.append((item.url, outcome.problem))
            elif outcome.document is not None:
                doc = outcome.document
                doc.published_at = doc.published_at or item.published_at
                documents.append(doc)
        indexer.index_documents(documents, report, progress=progress)
        state.remember([(o.url, o.document.doc_id, o.etag, o.last_modified) for o in outcomes if o.document])
        state.mark_seen(feed_url, [(item.keys, o.document.doc_id if o.document else item.url)
                                   for item, o in zip(part, outcomes) if o.problem is None])
    return report


def parse_every(value: str) -> float:
    """Seconds from "90", "30s", "15m", "2h"."""
    text = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        seconds = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        raise InvalidInput(f"--every {value!r}: expected seconds or a number with s, m, h or d (e.g. 15m)") from None
    if seconds < 1:
        raise InvalidInput(f"--every {value!r}: at least one second")
    return seconds


def watch(indexer: Indexer, fetcher: Fetcher, state: FetchState, feeds: list[str], every: float,
          on_report: Callable[[str, IndexReport], None], stop: threading.Event, html: HtmlMode = "article") -> None:
    """Poll the feeds every ``every`` seconds until ``stop`` is set; a failed poll (the store busy or
    unreachable) is reported and tried again next time."""
    while not stop.is_set():
        for feed in feeds:
            if stop.is_set():
                return
            try:
                report = poll_feed(indexer, fetcher, state, feed, html=html)
            except RagError as exc:
                report = IndexReport(refused=[(feed, exc.message)])
            on_report(feed, report)
        if stop.wait(every):
            return
