"""Fetching one URL safely: http(s) only, every connection checked against private addresses, at most
``max_redirects`` hops, a size cap read in a stream, a deadline, a content-type check and charset detection.

The guard sits where the socket is opened (``GuardedBackend.connect_tcp``): each hop of a redirect and each
new connection resolves the host itself, refuses if any address it resolves to is not public, connects to
the checked address (so a second DNS answer cannot swap it) and checks the peer it actually reached.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from rag.errors import FetchFailed, FetchTooLarge, UnsupportedContent, UrlNotAllowed
from rag.settings import FetchSettings

BINARY_TYPES = frozenset({"application/pdf", "application/x-pdf"})  # read as bytes, not decoded
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown", *BINARY_TYPES})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                        "application/rdf+xml", "application/feed+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")


def address_problem(ip: str) -> str | None:
    """Why a connection to this address is refused (None: it is a public address)."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if str(address) in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254"):
        return f"a cloud metadata address ({address})"
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address ({address})"
    if not address.is_global:
        return f"an address that is not public ({address})"
    return None


class GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to public addresses (all of them allowed with ``allow_private``)."""

    def __init__(self, allow_private: bool, allow_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.allow_networks = [ipaddress.ip_network(n, strict=False) for n in allow_networks]

    def problem(self, ip: str) -> str | None:
        if self.allow_private:
            return None
        address = ipaddress.ip_address(ip.split("%", 1)[0])
        if any(address in network for network in self.allow_networks):
            return None
        return address_problem(ip)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchFailed(f"cannot resolve host {host!r} ({exc.strerror})") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for ip in addresses:  # every answer: a name that also points inside is refused outright
            problem = self.problem(ip)
            if problem is not None:
                raise UrlNotAllowed(f"host {host!r} resolves to {problem}; fetching private addresses is off "
                                    f"(fetch.allow_private, RAG_FETCH__ALLOW_PRIVATE=true)")
        last: Exception | None = None
        for ip in addresses:
            try:
                stream = super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            peer = stream.get_extra_info("socket").getpeername()[0]
            problem = self.problem(str(peer))
            if problem is not None:
                stream.close()
                raise UrlNotAllowed(f"connected to {problem}; fetching private addresses is off")
            return stream
        raise httpcore.ConnectError(str(last) if last else f"no address for {host!r}")


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded: the declared charset, else one the document declares, else detected."""
        for candidate in (self.charset, _declared_charset(self.body)):
            if candidate:
                try:
                    return self.body.decode(candidate)
                except (LookupError, UnicodeDecodeError):
                    continue
        try:
            return self.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(self.body).best()
            return str(best) if best is not None else self.body.decode("cp1252", errors="replace")


def _declared_charset(body: bytes) -> str | None:
    head = body[:2048]
    match = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; UrlNotAllowed otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise UrlNotAllowed(f"{url[:200]!r}: only http and https URLs are fetched")
    if not parts.hostname:
        raise UrlNotAllowed(f"{url[:200]!r}: no host in the URL")
    if parts.username or parts.password:
        raise UrlNotAllowed(f"{url[:200]!r}: URLs with a user name or password are not fetched")
    return url.strip()


class Fetcher:
    """One client for many fetches; ``close()`` when done (or use it as a context manager)."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        transport = httpx.HTTPTransport(retries=0)
        transport._pool = httpcore.ConnectionPool(ssl_context=transport._pool._ssl_context, max_connections=8,
                                                  network_backend=GuardedBackend(settings.allow_private,
                                                                                 settings.allow_networks))
        timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
        self.client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": settings.user_agent,
                                            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                                      "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, accept: frozenset[str] = ARTICLE_TYPES, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        """GET with redirects followed by hand (each hop checked); a 304 comes back as ``not_modified``."""
        deadline = time.monotonic() + self.settings.timeout
        current = check_url(url)
        seen = {current}
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.settings.max_redirects + 1):
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.has_redirect_location:
                        target = urljoin(current, response.headers.get("location", ""))
                        if target in seen:
                            raise FetchFailed(f"redirect loop (back to {target})")
                        current = check_url(target)
                        seen.add(current)
                        continue
                    return self._read(url, response, accept, deadline)
            except httpx.TimeoutException:
                raise FetchFailed(f"timed out after {self.settings.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{type(exc).__name__}: {exc}"[:300]) from None
        raise FetchFailed(f"more than {self.settings.max_redirects} redirects")

    def _read(self, url: str, response: httpx.Response, accept: frozenset[str], deadline: float) -> Fetched:
        if response.status_code == 304:
            return Fetched(str(response.url), 304, "", b"")
        if response.status_code >= 400:
            raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
        if response.status_code != 200:
            raise FetchFailed(f"HTTP {response.status_code} (expected 200)")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in accept:
            raise UnsupportedContent(f"content type {kind or '(none)'!r} is not read; expected one of "
                                     f"{', '.join(sorted(accept))}")
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchTooLarge(f"the body is {int(declared):,} bytes; the limit is {cap:,} "
                                f"(RAG_FETCH__MAX_BYTES)")
        body = bytearray()
        for part in response.iter_bytes():
            body += part
            if len(body) > cap:
                raise FetchTooLarge(f"the body is over the limit of {cap:,} bytes (RAG_FETCH__MAX_BYTES)")
            if time.monotonic() > deadline:
                raise FetchFailed(f"timed out after {self.settings.timeout:g} s (still reading the body)")
        return Fetched(str(response.url), 200, kind, bytes(body), response.charset_encoding,
                       response.headers.get("etag"), response.headers.get("last-modified"))
