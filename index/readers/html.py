"""HTML pages: the article's main content (trafilatura) or every piece of visible text, plus page metadata.

Both modes return inert plain text: no script, style, template, event handler or link target survives.
``indexing.html = "all"`` keeps every piece of visible text (the reader before main-content extraction).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from index.metadata import from_html_meta
from index.readers.base import Parsed, Reader, ReadOptions, decode_text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class _HTMLText(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                        "header", "footer", "blockquote", "pre", "table", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self.lang = ""
        self.meta: list[tuple[str, str]] = []
        self._skip = 0
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = dict(attrs)
            name = found.get("name") or found.get("property") or found.get("itemprop")
            if name and found.get("content"):
                self.meta.append((name, found["content"] or ""))
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "body":  # an unclosed <head> ends here (HTML lets authors omit </head>)
            self._skip = 0
        if tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title += data
        elif self._skip == 0:
            if current == "h1":
                self.h1 += data
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _visible(html: str) -> tuple[str, dict[str, str], list[str]]:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    meta, warnings = from_html_meta(parser.meta)
    title = parser.title.strip() or parser.h1.strip()
    if title:
        meta["title"] = " ".join(title.split())
    if parser.lang.strip():
        meta["language"] = parser.lang.strip()[:20]
    return _tidy("".join(parser.parts)), meta, warnings


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (scripts and styles dropped) and its metadata (title, <meta> tags)."""
    text, meta, _ = _visible(html)
    return text, meta


_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed")
# htmldate's extensive search (every date-like string in the page) costs more than the rest of the extraction
# together (bench/ingest.py --files); the page's metadata, <time> elements and URL are where dates are.
_DATES = {"extensive_search": False, "original_date": True}


def _page_meta(tree: Any) -> tuple[dict[str, str], list[str]]:
    """Title, <meta> tags and language of a parsed page, read the way the visible-text reader reads them."""
    pairs = []
    for element in tree.iter("meta"):
        name = element.get("name") or element.get("property") or element.get("itemprop")
        if name and element.get("content"):
            pairs.append((name, element.get("content") or ""))
    meta, warnings = from_html_meta(pairs)
    title = tree.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        meta["title"] = " ".join(title.text_content().split())
    if (tree.get("lang") or "").strip():
        meta["language"] = tree.get("lang").strip()[:20]
    return meta, warnings


def _article(tree: Any) -> Any:
    """trafilatura's main content and metadata (None when it finds no body)."""
    import trafilatura

    # What a browser never shows as text (a <noscript> nag, a <template>) is never article text either;
    # JSON-LD stays for the extractor's metadata (author, date), which it never puts in the text.
    for element in list(tree.iter(*_NEVER_TEXT)):
        if element.tag != "script" or "ld+json" not in (element.get("type") or ""):
            element.drop_tree()  # its tail (the text after it) stays
    return trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                       include_images=False, include_links=False, deduplicate=False,
                                       date_extraction_params=_DATES)


def read(data: bytes, options: ReadOptions) -> Parsed:
    charset = options.charset
    if charset is None and (found := _CHARSET.search(data[:4096])):
        charset = found.group(1).decode("ascii")
    html = decode_text(data, charset)
    if options.html == "all":
        text, meta, warnings = _visible(html)
        return Parsed(text, meta, warnings=warnings)
    import trafilatura

    article = None
    try:
        tree = trafilatura.load_html(html)
        if tree is not None:
            meta, warnings = _page_meta(tree)
            article = _article(tree)
    except Exception:  # noqa: BLE001 - a page the extractor chokes on still has its visible text
        article = None
    body = _tidy(getattr(article, "text", None) or "")
    if not body:  # a very short page, or no article in it: keep what is visible
        text, meta, warnings = _visible(html)
        return Parsed(text, meta, warnings=warnings)
    found_meta = {"title": getattr(article, "title", None), "author": getattr(article, "author", None),
                  "source": getattr(article, "sitename", None), "published_at": getattr(article, "date", None),
                  "language": getattr(article, "language", None)}
    # The page's own <meta> tags keep precedence (they carry times and zones); the extractor fills gaps.
    for key, value in found_meta.items():
        if value and str(value).strip() and (key == "title" or key not in meta):
            meta[key] = " ".join(str(value).split())[:500]
    return Parsed(body, meta, warnings=warnings)


READER = Reader("html", (".html", ".htm", ".xhtml"), ("text/html", "application/xhtml+xml"), read)
