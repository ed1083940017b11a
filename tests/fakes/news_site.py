"""A news site on loopback, speaking real HTTP: article pages with the usual navigation, meta tags and footer
(bodies read at run time from the shared rare-earth articles, never copied into the repo), an RSS and an
Atom feed, a wire story syndicated by three sites, and the responses a fetcher must survive: slow, huge,
redirecting in a chain or a loop, 404, an image, Latin-1 text, malformed and linkless feeds.

Article pages answer conditional GETs (ETag and Last-Modified) with 304; ``hits`` counts requests by path
and ``not_modified`` the 304s."""

from __future__ import annotations

import contextlib
import hashlib
import html
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SITE = "The Harbour Ledger"
NAV = ["World", "Business", "Markets", "Technology", "Opinion", "Climate"]
MODIFIED = formatdate(1_700_000_000, usegmt=True)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def article_page(title: str, body: str, site: str = SITE, published: str = "2025-06-12T08:30:00Z",
                 byline: str = "By a staff reporter", related: list[str] | None = None) -> str:
    """A page laid out like a real news article: header, navigation, the story, related links, footer."""
    nav = "".join(f'<li><a href="/section/{n.lower()}">{n}</a></li>' for n in NAV)
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(body))
    links = "".join(f'<li><a href="/related/{i}">{html.escape(r)}</a></li>' for i, r in enumerate(related or []))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<header><a href="/">{html.escape(site)}</a><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">{html.escape(byline)}</p>
{paras}
</article>
<aside><h2>Related</h2><ul>{links}</ul></aside>
</main>
<footer><p>Copyright 2025 {html.escape(site)}. All rights reserved.</p></footer>
</body></html>"""


class NewsSite:
    """``with NewsSite(corpus) as site:`` serves on ``site.url`` until the block ends."""

    def __init__(self, corpus: Path, slow_seconds: float = 5.0, many: int = 30, delay: float = 0.0,
                 port: int = 0) -> None:
        self.files = sorted(corpus.glob("*.txt"))
        self.slow_seconds = slow_seconds
        self.delay = delay  # seconds before each /many/ page, so a poll takes long enough to be killed mid-way
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.extra: dict[str, tuple[int, str, bytes]] = {}  # path -> (status, content type, body): set by tests
        self.articles: dict[str, tuple[str, str]] = {}  # slug -> (title, body text)
        for path in self.files:
            text = path.read_text(encoding="utf-8")
            lines = _paragraphs(text)
            title = " ".join(lines[0].split()[:12]).rstrip(".,;:")
            self.articles[path.stem] = (title, text)
        # /many/<i>.html: ``many`` distinct stories, each a disjoint run of the corpus's paragraphs
        paragraphs = [p for path in self.files for p in _paragraphs(path.read_text(encoding="utf-8"))]
        self.many = [paragraphs[i::many] for i in range(many)] if paragraphs else []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- content ---------------------------------------------------------------------------------

    def article_url(self, slug: str) -> str:
        return f"{self.url}/world/{slug}.html"

    def wire_urls(self) -> list[str]:
        return [f"{self.url}/{site}/wire-story.html" for site in ("harbour", "coastal", "valley")]

    def page(self, path: str) -> tuple[int, str, bytes] | None:
        if path in self.extra:
            return self.extra[path]
        if path.startswith("/world/") and path.endswith(".html"):
            slug = path[len("/world/"):-len(".html")]
            if slug in self.articles:
                title, body = self.articles[slug]
                return 200, "text/html; charset=utf-8", article_page(title, body).encode()
        if path.endswith("/wire-story.html"):
            return self._wire(path.split("/")[1])
        if path.startswith("/many/") and path.endswith(".html"):
            n = path[len("/many/"):-len(".html")]
            if n.isdigit() and int(n) < len(self.many):
                time.sleep(self.delay)
                body = "\n".join(self.many[int(n)])
                return 200, "text/html", article_page(f"Story {n}: " + " ".join(body.split()[:8]), body).encode()
        if path == "/many.rss":
            return 200, "application/rss+xml", _rss([(f"Story {i}", f"{self.url}/many/{i}.html", f"urn:many:{i}")
                                                     for i in range(len(self.many))]).encode()
        if path == "/feed.rss":
            return 200, "application/rss+xml; charset=utf-8", self.rss().encode()
        if path == "/feed.atom":
            return 200, "application/atom+xml", self.atom().encode()
        if path == "/broken.rss":
            return 200, "application/rss+xml", self.rss().encode()[:-200]  # cut off mid-element
        if path == "/nolinks.rss":
            return 200, "application/rss+xml", _rss([("A note without a link", None, "n-1"),
                                                     ("Another one", None, "n-2")]).encode()
        if path == "/latin1.html":
            body = article_page("Café owners count the cost", "Le café de la gare served crème brûlée "
                                "to 120 guests a day before the harbour closed.")
            return 200, "text/html; charset=iso-8859-1", body.encode("iso-8859-1")
        if path == "/cp1252.html":  # no charset in the header: the page's own <meta charset> says it
            body = article_page("Harbour fees rise", "The port’s fees rose by 4€ a tonne — the first rise in a decade.")
            return 200, "text/html", body.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').encode("cp1252")
        if path == "/image.png":
            return 200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        return None

    def _wire(self, site: str) -> tuple[int, str, bytes] | None:
        names = {"harbour": SITE, "coastal": "Coastal Courier", "valley": "Valley Times"}
        if site not in names or not self.articles:
            return None
        slug = sorted(self.articles)[1]
        title, body = self.articles[slug]
        headline = {"harbour": title, "coastal": title.upper(), "valley": f"{title} (wire)"}[site]
        if site == "valley":  # a regional copy trims the last paragraph and adds a credit line
            body = "\n".join(_paragraphs(body)[:-1]) + "\nReporting by the wire desk; editing by the night staff."
        return 200, "text/html", article_page(headline, body, names[site], byline="From the wire").encode()

    def feed_items(self) -> list[tuple[str, str | None, str]]:
        items: list[tuple[str, str | None, str]] = [(t, self.article_url(s), f"urn:ledger:{s}")
                                                    for s, (t, _) in sorted(self.articles.items())]
        first = items[0]
        items.append((first[0], first[1], first[2]))  # the same item twice, as feeds often carry
        items.append(("Briefing: markets at a glance", None, "urn:ledger:briefing"))  # an item without a link
        return items

    def rss(self) -> str:
        return _rss(self.feed_items())

    def atom(self) -> str:
        entries = "".join(
            f"<entry><title>{html.escape(t)}</title><id>{g}</id><updated>2025-06-12T08:30:00Z</updated>"
            + (f'<link rel="alternate" href="{html.escape(u)}"/>' if u else "") + "</entry>"
            for t, u, g in self.feed_items())
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{SITE}</title><id>urn:ledger</id><updated>2025-06-12T08:30:00Z</updated>{entries}</feed>")

    # -- HTTP ------------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                path = self.path.split("?")[0]
                site.hits[path] += 1
                if path == "/slow":
                    time.sleep(site.slow_seconds)
                    return self._send(200, "text/html", b"<p>too late</p>")
                if path == "/huge":  # 50 MB with no Content-Length: only a streamed cap stops it
                    return self._huge()
                if path == "/huge-declared":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50_000_000))
                    self.end_headers()
                    return
                if path.startswith("/redirect/"):
                    n = int(path.rsplit("/", 1)[1])
                    target = f"/redirect/{n - 1}" if n > 1 else f"/world/{sorted(site.articles)[0]}.html"
                    return self._redirect(target)
                if path in ("/loop/a", "/loop/b"):
                    return self._redirect("/loop/b" if path == "/loop/a" else "/loop/a")
                if path == "/to-metadata":
                    return self._redirect("http://169.254.169.254/latest/meta-data/")
                if path.startswith("/to/"):  # a redirect to any URL: /to/http://...
                    return self._redirect(self.path[len("/to/"):])
                found = site.page(path)
                if found is None:
                    return self._send(404, "text/html", b"<h1>Not found</h1>")
                status, kind, body = found
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if status == 200 and (self.headers.get("If-None-Match") == etag
                                      or self.headers.get("If-Modified-Since") == MODIFIED):
                    site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(status, kind, body, {"ETag": etag, "Last-Modified": MODIFIED})

            def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    self.close_connection = True

            def _redirect(self, target: str) -> None:
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _huge(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                block = b"<p>" + b"padding " * 8000 + b"</p>\n"
                try:
                    for _ in range(50_000_000 // len(block) + 1):
                        self.wfile.write(block)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        return Handler


def _rss(items: list[tuple[str, str | None, str]]) -> str:
    body = "".join(
        f"<item><title>{html.escape(t)}</title>" + (f"<link>{html.escape(u)}</link>" if u else "")
        + f'<guid isPermaLink="false">{g}</guid><pubDate>Thu, 12 Jun 2025 08:30:00 GMT</pubDate></item>'
        for t, u, g in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{SITE}</title><link>http://ledger.example/</link><description>News</description>"
            f"{body}</channel></rss>")


def main() -> None:
    """Serve the site until interrupted: python -m tests.fakes.news_site [--port 8765] [--corpus DIR]."""
    import argparse

    parser = argparse.ArgumentParser(description="The tests' loopback news site")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "rare-earths")
    args = parser.parse_args()
    site = NewsSite(args.corpus, port=args.port)
    print(f"serving {len(site.articles)} articles, /feed.rss and /feed.atom on {site.url}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        site.server.serve_forever()


if __name__ == "__main__":
    main()
