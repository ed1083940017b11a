"""What every reader returns (Parsed), how it refuses a file (Refused), and the registry entry (Reader)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rag.errors import InvalidInput

HtmlMode = Literal["article", "all"]


class Refused(InvalidInput):
    """Bytes that are reported and skipped; ``message`` says why."""


@dataclass
class ReadOptions:
    html: HtmlMode = "article"  # "article": the main content only; "all": every piece of visible text
    charset: str | None = None  # from a Content-Type header, when there was one


@dataclass
class Parsed:
    """A reader's result: body text, metadata the content itself carries, page spans and warnings.

    ``meta`` keys: title, source, published_at (ISO), author, language; each possibly absent.
    ``page_starts[i]`` is where page i+1 begins in ``text`` (paged formats only).
    """

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    page_starts: list[int] | None = None
    warnings: list[str] = field(default_factory=list)
    title_from_text: bool = True  # may a headline-looking first line stand in for a missing title


@dataclass(frozen=True)
class Reader:
    format: str
    suffixes: tuple[str, ...]
    content_types: tuple[str, ...]
    read: Callable[[bytes, ReadOptions], Parsed]


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Text of a text format: no NUL bytes, UTF-8 (BOM allowed) unless a header named another charset."""
    if b"\x00" in data:
        raise Refused("binary file (contains NUL bytes)")
    encoding = "utf-8-sig"
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        encoding = charset
    try:
        return data.decode(encoding)
    except LookupError:
        raise Refused(f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise Refused(f"not valid {'UTF-8' if encoding == 'utf-8-sig' else encoding} (byte {exc.start})") from None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
