"""The one exception tree of the product; every error carries a stable ``code``.

    RagError                      code
    ├── InvalidInput              invalid_input       (bad question, k, file, dataset line)
    │   ├── UrlNotAllowed         url_not_allowed     (not http/https, or a private/loopback/metadata address)
    │   ├── FetchFailed           fetch_failed        (timeout, 4xx/5xx, too many redirects, connection refused)
    │   ├── FetchTooLarge         fetch_too_large     (the body is over fetch.max_bytes)
    │   ├── UnsupportedContent    unsupported_content (a content type we do not read)
    │   └── FeedInvalid           feed_invalid        (malformed RSS/Atom XML, or no items)
    ├── NotFound                  not_found           (unknown document)
    ├── IndexEmpty                index_empty         (nothing indexed yet)
    ├── IndexMismatch             index_mismatch      (index built with another embedder/chunker)
    ├── IndexLocked               index_locked        (another writer holds the index)
    ├── IndexCorrupt              index_corrupt       (files on disk disagree)
    ├── StoreUnavailable          store_unavailable   (the shared database cannot be reached; retry)
    ├── StorageFull               storage_full        (the disk filled during a write; nothing was changed)
    ├── ConfigError               config_error        (bad settings; raised at start-up)
    ├── Conflict                  conflict            (a doc_id already holds other content)
    ├── GeneratorError            (a hosted or local model failed; never the provider's raw text)
    │   ├── GeneratorFailed       generator_failed      (401/403/4xx, refusal, garbage, 5xx after retries)
    │   ├── GeneratorUnavailable  generator_unavailable (rate-limited or unreachable)
    │   └── GeneratorTimeout      generator_timeout     (no answer in time)
    └── (in api/errors.py, HTTP only: AuthRequired, AuthRejected, RateLimited, PayloadTooLarge,
         UnsupportedMediaType)

Where a library's exception is the cause, ours is raised ``from`` it (a model SDK's: rag/generators/errors.py),
so logs keep the traceback while ``message`` stays ours. index/ raises InvalidInput subclasses (Refused,
MetadataError). The API maps codes to HTTP statuses in one table (``api/errors.py``); the CLI prints ``message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class RagError(Exception):
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(RagError):
    code = "invalid_input"


class UrlNotAllowed(InvalidInput):
    code = "url_not_allowed"


class FetchFailed(InvalidInput):
    code = "fetch_failed"


class FetchTooLarge(InvalidInput):
    code = "fetch_too_large"


class UnsupportedContent(InvalidInput):
    code = "unsupported_content"


class FeedInvalid(InvalidInput):
    code = "feed_invalid"


class NotFound(RagError):
    code = "not_found"


class IndexEmpty(RagError):
    code = "index_empty"

    def __init__(self, message: str = "The index is empty: index some articles first (rag index PATH).") -> None:
        super().__init__(message)


class IndexMismatch(RagError):
    code = "index_mismatch"


class IndexLocked(RagError):
    code = "index_locked"


class IndexCorrupt(RagError):
    code = "index_corrupt"


class StoreUnavailable(RagError):
    code = "store_unavailable"


class StorageFull(RagError):
    code = "storage_full"

    def __init__(self, message: str = "disk full: the index could not be written. It keeps its last complete write "
                                      "(nothing half-written); free some space and run the same command again.") -> None:
        super().__init__(message)


def is_disk_full(exc: BaseException | None) -> bool:
    """A full disk reaches us as OSError ENOSPC/EDQUOT, SQLite's "database or disk is full" or a FAISS write error."""
    import errno

    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(exc) or "No space left on device" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class Conflict(RagError):
    code = "conflict"


class ConfigError(RagError):
    code = "config_error"


class GeneratorError(RagError):
    code = "generator_failed"


class GeneratorFailed(GeneratorError):
    code = "generator_failed"


class GeneratorUnavailable(GeneratorError):
    code = "generator_unavailable"


class GeneratorTimeout(GeneratorError):
    code = "generator_timeout"


def describe_validation(errors: Iterable[Any]) -> str:
    """One line naming each problem of a pydantic ValidationError's ``errors()``, for people to read."""
    problems = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        kind = error.get("type", "")
        if kind == "json_invalid":
            problems.append(f"malformed JSON: {error.get('ctx', {}).get('error', 'could not parse the body')}")
        elif kind == "extra_forbidden":
            problems.append(f"unknown field {where!r}")
        elif kind == "missing":
            problems.append(f"missing field {where!r}")
        else:
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
    return "; ".join(problems)
