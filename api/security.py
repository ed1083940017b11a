"""API keys and rate limits: who may call, and how often.

Keys live in settings only as sha256 digests; a presented key is hashed and compared with every stored
digest in constant time. Writing endpoints always need a key (no keys configured: writing is off); reading
endpoints need one when ``require_key_for_read`` is set.

While reading is open, a key that is not one of ours does not block reading: OpenAI clients will not start
without a key, so people send a placeholder (``api_key="unused"``, ``Bearer sk-no-key-required``). Such a
request is served as an anonymous one (rate-limited by client address); a valid key is accepted and counted
as that key. A wrong key gets 403 only where a key is needed: writing, or reading with ``require_key_for_read``.
Each caller (a key, or a client address without one) has a token bucket of ``api.rate_limit_per_minute``
requests.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict
from typing import Annotated

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
                wait = math.ceil((1.0 - tokens) / self.per_second)
                raise RateLimited(f"too many requests; at most {int(self.capacity)} a minute per key. "
                                  f"Retry in {wait} s.", retry_after=wait)
            self._buckets[caller] = (tokens - 1.0, now)
            while len(self._buckets) > MAX_CALLERS:
                self._buckets.popitem(last=False)


class Gate:
    def __init__(self, key_hashes: list[str], require_key_for_read: bool, per_minute: int) -> None:
        self.key_hashes = [bytes.fromhex(h) for h in key_hashes]
        self.require_key_for_read = require_key_for_read
        self.limiter = RateLimiter(per_minute)

    @staticmethod
    def presented(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header[:7].lower() == "bearer ":
            return header[7:].strip() or None
        return request.headers.get("x-api-key") or None

    def _matches(self, key: str) -> str | None:
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()
        found = None
        for known in self.key_hashes:  # every digest compared, so timing does not tell which one matched
            if hmac.compare_digest(digest, known):
                found = known.hex()[:12]
        return found

    def check(self, request: Request, write: bool) -> None:
        key = self.presented(request)
        needed = write or self.require_key_for_read
        who = self._matches(key) if key is not None and self.key_hashes else None
        if who is None and needed:
            if write and not self.key_hashes:
                raise AuthRequired("writing is off: this server has no API keys (set RAG_API_KEYS)")
            if key is None:
                raise AuthRequired("an API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
            raise AuthRejected("the API key is not valid")
        # Reading is open: an unknown key (an OpenAI client's placeholder) reads as an anonymous caller.
        caller = "key:" + who if who else "addr:" + (request.client.host if request.client else "unknown")
        request.state.caller = caller
        self.limiter.take(caller)


def _gate(request: Request) -> Gate:
    return request.app.state.gate  # type: ignore[no-any-return]


def _read(request: Request) -> None:
    _gate(request).check(request, write=False)


def _write(request: Request) -> None:
    _gate(request).check(request, write=True)


ReadAccess = Annotated[None, Depends(_read)]
WriteAccess = Annotated[None, Depends(_write)]
