"""API keys and rate limits: who may call, and how often.

Keys live in settings only as sha256 digests; a presented key is hashed and compared with every stored
digest in constant time. Writing endpoints always need a key (no keys configured: writing is off); reading
endpoints need one when ``require_key_for_read`` is set.

While reading is open, a key that is not one of ours does not block reading: OpenAI clients will not start
without a key, so people send a placeholder (``api_key="unused"``, ``Bearer sk-no-key-required``). Such a
request is served as an anonymous one (rate-limited by client address); a valid key is accepted and counted
as that key. A wrong key gets 403 only where a key is needed: writing, or reading with ``require_key_for_read``.
Each caller (a key, or a client address without one) has a token bucket of ``api.rate_limit_per_minute``
requests, one for the whole server (its worker processes share the buckets: api/shared_limits.py).

Keys may be scoped to collections (``KEY@energy+markets``). Who is calling and which collections they read is
worked out once per request, by a dependency the app puts on every route (``identify``); the services a route
receives (api/deps.py) are seen through that scope, so a route added later is scoped without saying so.
A caller without a valid key reads ``api.public_collections`` (unset: everything while no key is scoped,
nothing once one is); with ``require_key_for_read`` they read nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import Depends, Request

from api.errors import AuthRejected, AuthRequired, RateLimited

MAX_CALLERS = 10_000


class RateLimiter:
    """Token buckets per caller: ``per_minute`` tokens, refilled continuously; 0 turns it off."""

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.per_second = per_minute / 60.0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, caller: str) -> None:
        if self.capacity <= 0:
            return
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(caller, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.per_second)
            if tokens < 1.0:
                self._buckets[caller] = (tokens, now)
                raise refusal(self.capacity, self.per_second, tokens)
            self._buckets[caller] = (tokens - 1.0, now)
            while len(self._buckets) > MAX_CALLERS:
                self._buckets.popitem(last=False)


def refusal(capacity: float, per_second: float, tokens: float) -> RateLimited:
    """The 429 for a caller whose bucket holds ``tokens`` (< 1), with the seconds until it holds one."""
    wait = math.ceil((1.0 - tokens) / per_second)
    return RateLimited(f"too many requests; at most {int(capacity)} a minute per key. Retry in {wait} s.",
                       retry_after=wait)


class Limiter(Protocol):
    def take(self, caller: str) -> None: ...


@dataclass(frozen=True)
class Access:
    """Who calls (``key:<digest prefix>`` or ``addr:<address>``), whether with a valid key, and the collections
    they may read and write (None: all of them)."""

    caller: str
    keyed: bool
    collections: frozenset[str] | None


class Gate:
    def __init__(self, key_hashes: list[str], require_key_for_read: bool, per_minute: int,
                 public_collections: list[str] | None = None, limiter: Limiter | None = None) -> None:
        """``limiter``: the token buckets, when not this process's own (api/shared_limits.py: a server's workers')."""
        self.keys: list[tuple[bytes, frozenset[str] | None]] = []
        for entry in key_hashes:
            digest, at, scope = entry.partition("@")
            self.keys.append((bytes.fromhex(digest), frozenset(scope.split("+")) if at else None))
        self.key_hashes = [digest for digest, _ in self.keys]
        self.require_key_for_read = require_key_for_read
        self.limiter = limiter if limiter is not None else RateLimiter(per_minute)
        if require_key_for_read:
            self.public: frozenset[str] | None = frozenset()
        elif public_collections is not None:
            self.public = frozenset(public_collections)
        else:  # unset: today's meaning until a key is scoped; then an anonymous caller must not see more than one
            self.public = frozenset() if any(scope is not None for _, scope in self.keys) else None

    @staticmethod
    def presented(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header[:7].lower() == "bearer ":
            return header[7:].strip() or None
        return request.headers.get("x-api-key") or None

    def _matches(self, key: str) -> tuple[str, frozenset[str] | None] | None:
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()
        found = None
        for known, scope in self.keys:  # every digest compared, so timing does not tell which one matched
            if hmac.compare_digest(digest, known):
                found = known.hex()[:12], scope
        return found

    def identify(self, request: Request) -> Access:
        """The caller and their collections; an invalid or missing key is an anonymous caller here (the
        refusal, where a key is needed, is ``check``'s)."""
        key = self.presented(request)
        matched = self._matches(key) if key is not None and self.keys else None
        if matched is not None:
            return Access("key:" + matched[0], True, matched[1])
        address = request.client.host if request.client else "unknown"
        return Access("addr:" + address, False, self.public)

    def check(self, request: Request, write: bool) -> None:
        key = self.presented(request)
        needed = write or self.require_key_for_read
        access = access_of(request)
        if not access.keyed and needed:
            if write and not self.key_hashes:
                raise AuthRequired("writing is off: this server has no API keys (set RAG_API_KEYS)")
            if key is None:
                raise AuthRequired("an API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
            raise AuthRejected("the API key is not valid")
        # Reading is open: an unknown key (an OpenAI client's placeholder) reads as an anonymous caller.
        request.state.caller = access.caller
        self.limiter.take(access.caller)


def _gate(request: Request) -> Gate:
    return request.app.state.gate  # type: ignore[no-any-return]


def access_of(request: Request) -> Access:
    """This request's Access, worked out on first use (every route's dependency ``identify`` does it first)."""
    access = getattr(request.state, "access", None)
    if not isinstance(access, Access):
        access = request.state.access = _gate(request).identify(request)
    return access


async def identify(request: Request) -> None:
    """On every route (FastAPI(dependencies=...)): who calls and what they may read, before anything else.
    ``async`` like the other dependencies here: they never block, and FastAPI runs a plain ``def`` dependency
    on a worker thread, a hand-off (and back) per dependency per request (bench/RESULTS.md, throughput)."""
    access_of(request)


async def _read(request: Request) -> None:
    _gate(request).check(request, write=False)


async def _write(request: Request) -> None:
    _gate(request).check(request, write=True)


ReadAccess = Annotated[None, Depends(_read)]
WriteAccess = Annotated[None, Depends(_write)]
