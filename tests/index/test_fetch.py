"""The fetcher against a real HTTP server on loopback: every bad response is refused with its reason, and the
guard refuses private addresses at every hop unless they are allowed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.fetch import FEED_TYPES, Fetcher, address_problem
from index.urls import normalize_url, read_fetched, url_doc_id
from rag.errors import FetchFailed, FetchTooLarge, RagError, UnsupportedContent, UrlNotAllowed
from rag.settings import FetchSettings
from tests.fakes.news_site import NewsSite

LOOPBACK_ONLY = FetchSettings(allow_networks=["127.0.0.1/32"], timeout=1.5, max_bytes=2_000_000)


@pytest.fixture(scope="module")
def site(rare_earths: Path) -> Iterator[NewsSite]:
    with NewsSite(rare_earths, slow_seconds=4) as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(LOOPBACK_ONLY) as running:
        yield running


def test_an_article_page_is_fetched_decoded_and_read_like_a_file(site: NewsSite, fetcher: Fetcher) -> None:
    slug = sorted(site.articles)[0]
    fetched = fetcher.fetch(site.article_url(slug))
    doc = read_fetched(fetched, url_doc_id(site.article_url(slug)))
    assert doc.url == site.article_url(slug) and doc.source == "The Harbour Ledger"
    assert doc.published_at == "2025-06-12T08:30:00+00:00"
    assert site.articles[slug][1].split("\n")[0].strip()[:80] in doc.text
    assert fetched.etag and fetched.last_modified


def test_the_declared_charset_decodes_a_latin1_page(site: NewsSite, fetcher: Fetcher) -> None:
    doc = read_fetched(fetcher.fetch(site.url + "/latin1.html"), "latin1")
    assert "Le café de la gare served crème brûlée" in doc.text


def test_a_charset_declared_only_in_the_page_decodes_it(site: NewsSite, fetcher: Fetcher) -> None:
    doc = read_fetched(fetcher.fetch(site.url + "/cp1252.html"), "cp1252")
    assert "The port’s fees rose by 4€ a tonne — the first rise in a decade." in doc.text


@pytest.mark.parametrize(("path", "error", "reason"), [
    ("/slow", FetchFailed, "timed out after 1.5 s"),
    ("/missing", FetchFailed, "HTTP 404 Not Found"),
    ("/loop/a", FetchFailed, "redirect loop"),
    ("/redirect/7", FetchFailed, "more than 5 redirects"),
    ("/huge", FetchTooLarge, "over the limit of 2,000,000 bytes"),
    ("/huge-declared", FetchTooLarge, "the body is 50,000,000 bytes"),
    ("/image.png", UnsupportedContent, "content type 'image/png' is not read"),
])
def test_bad_responses_are_refused_with_their_reason(site: NewsSite, fetcher: Fetcher, path: str,
                                                     error: type[RagError], reason: str) -> None:
    with pytest.raises(error) as caught:
        fetcher.fetch(site.url + path)
    assert reason in caught.value.message


def test_five_redirects_are_followed(site: NewsSite, fetcher: Fetcher) -> None:
    fetched = fetcher.fetch(site.url + "/redirect/5")
    assert fetched.url.endswith(f"/world/{sorted(site.articles)[0]}.html")


def test_a_conditional_get_comes_back_not_modified(site: NewsSite, fetcher: Fetcher) -> None:
    url = site.article_url(sorted(site.articles)[2])
    first = fetcher.fetch(url)
    assert fetcher.fetch(url, etag=first.etag).not_modified
    assert fetcher.fetch(url, last_modified=first.last_modified).not_modified


def test_private_addresses_are_refused_unless_allowed(site: NewsSite) -> None:
    with Fetcher(FetchSettings()) as guarded:
        for url in (site.url + "/world/x.html", "http://localhost:9/", "http://[::1]:9/", "http://169.254.169.254/",
                    "http://10.1.2.3/", "http://0.0.0.0:9/"):
            with pytest.raises(UrlNotAllowed):
                guarded.fetch(url)
        before = sum(site.hits.values())
        with pytest.raises(UrlNotAllowed, match="RAG_FETCH__ALLOW_PRIVATE"):
            guarded.fetch(site.url + "/feed.rss", FEED_TYPES)
        assert sum(site.hits.values()) == before  # refused before connecting, not after
    with Fetcher(FetchSettings(allow_private=True)) as open_fetcher:
        assert open_fetcher.fetch(site.url + "/feed.rss", FEED_TYPES).status == 200


def test_every_redirect_hop_is_checked(site: NewsSite, fetcher: Fetcher) -> None:
    # The first hop is allowed (127.0.0.1/32); the hop it redirects to is not, and is never connected to.
    with pytest.raises(UrlNotAllowed, match=r"a cloud metadata address \(169.254.169.254\)"):
        fetcher.fetch(site.url + "/to-metadata")
    with pytest.raises(UrlNotAllowed, match=r"a loopback address \(127.0.0.2\)"):
        fetcher.fetch(site.url + "/to/http://127.0.0.2:9/private")
    with pytest.raises(UrlNotAllowed, match="only http and https"):
        fetcher.fetch(site.url + "/to/file:///etc/passwd")


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "gopher://x/", "http:///nohost",
                                 "http://user:pw@example.org/"])
def test_only_plain_http_and_https_urls_are_fetched(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(UrlNotAllowed):
        fetcher.fetch(url)


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.0.0.8", "private"), ("192.168.1.1", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"),
    ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("100.64.0.1", "not public"), ("0.0.0.0", "unspecified"),
    ("::ffff:127.0.0.1", "loopback"), ("240.0.0.1", "reserved")])
def test_addresses_that_are_not_public_are_named(address: str, kind: str) -> None:
    problem = address_problem(address)
    assert problem is not None and kind in problem


def test_public_addresses_pass() -> None:
    assert address_problem("93.184.216.34") is None and address_problem("2606:4700::1111") is None


def test_doc_ids_are_readable_and_stable_per_url() -> None:
    a = url_doc_id("https://www.Example.com/world/2025/rare-earths-deal.html#top")
    assert a == url_doc_id("https://www.example.com/world/2025/rare-earths-deal.html")
    assert a.startswith("example-com-rare-earths-deal-") and a != url_doc_id("https://example.com/other.html")
    assert normalize_url("HTTP://Example.com:80") == "http://example.com/"
