"""Article metadata (title, source, published date) from YAML front matter, HTML <meta> tags or a sidecar.

Precedence, lowest first: what the body says (headline), the file's own metadata (front matter, <meta>, PDF
info), then a sidecar ``NAME.meta.json`` beside the file, which a user can write for any file.

Dates a user writes (front matter, sidecar, API field) must be ISO and are refused otherwise. Dates a page
carries are read from the formats pages use (ISO 8601, RFC 822/1123, "November 20, 2019 13:42"); one that
cannot be read costs the date, with a warning, never the article.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from rag.errors import InvalidInput

FIELDS = ("title", "source", "published_at")
_ALIASES = {"date": "published_at", "published": "published_at", "pubdate": "published_at",
            "publish_date": "published_at", "published_time": "published_at", "publisher": "source",
            "site_name": "source"}
_HTML_META = {"article:published_time": "published_at", "og:published_time": "published_at", "date": "published_at",
              "pubdate": "published_at", "publish-date": "published_at", "dc.date": "published_at",
              "og:site_name": "source", "publisher": "source", "og:title": "title", "dc.title": "title"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
SIDECAR_SUFFIX = ".meta.json"
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                     r"(?:\s*(?:[+-]\d{4}|[A-Za-z]{1,5}))?$")
# Zone names news pages print (the parser knows only UTC/GMT by name); hours east of UTC, in seconds.
_ZONES = {name: int(hours * 3600) for name, hours in {
    "EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "CT": -6, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "PT": -8, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11}.items()}


class MetadataError(InvalidInput):
    """Metadata that cannot be read; the file is refused with this message."""


def parse_date(value: Any, where: str) -> str:
    """An ISO date (YYYY-MM-DD) or date-time string; anything else is refused naming where it came from."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise MetadataError(f"{where}: published_at {text[:40]!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_page_date(value: str) -> str | None:
    """A date from a page's own metadata as ISO, or None when no known format reads it."""
    text = " ".join(str(value).split())[:100]
    try:
        return parse_date(text, "page")
    except MetadataError:
        pass
    if _RFC822.match(text):  # "Wed, 20 Nov 2019 13:42:00 GMT"; the parser would read "1:42 PM" as 01:42
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    if not re.search(r"\b\d{4}\b", text):  # dateutil would fill a missing year with this year's
        return None
    from dateutil import parser

    try:
        parsed = parser.parse(text, default=datetime(2000, 1, 1), tzinfos=_ZONES)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    return parsed.isoformat() if re.search(r"\d:\d\d", text) else parsed.date().isoformat()


def clean(raw: dict[str, Any], where: str, strict: bool) -> dict[str, str]:
    """Known fields as strings; with ``strict`` an unknown key is an error (front matter may carry others)."""
    out: dict[str, str] = {}
    for key, value in raw.items():
        name = _ALIASES.get(str(key).lower(), str(key).lower())
        if name not in FIELDS:
            if strict:
                raise MetadataError(f"{where}: unknown key {key!r}; expected one of {', '.join(FIELDS)}")
            continue
        if value is None or str(value).strip() == "":
            continue
        if name == "published_at":
            out[name] = parse_date(value, where)
        else:
            if not isinstance(value, (str, int, float)):
                raise MetadataError(f"{where}: {name} must be text")
            out[name] = " ".join(str(value).split())[:500]
    return out


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter of a Markdown file (if any) and the body without it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (line {line + 2})" if line is not None else ""
        raise MetadataError(f"front matter is not valid YAML{at}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MetadataError("front matter must be a YAML mapping of key: value lines")
    return clean(data, "front matter", strict=False), text[match.end():]


def from_html_meta(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[str]]:
    """<meta name|property=... content=...> pairs of a page: its metadata, and warnings for what was unreadable."""
    raw: dict[str, str] = {}
    for name, content in pairs:
        field = _HTML_META.get(name.lower())
        if field and field not in raw and content.strip():
            raw[field] = content
    return page_metadata(raw, "<meta> tags")


def page_metadata(raw: dict[str, Any], where: str) -> tuple[dict[str, str], list[str]]:
    """Metadata a document carries itself: a date no format reads is dropped with a warning."""
    warnings = []
    date_text = raw.pop("published_at", None)
    meta = clean(raw, where, strict=False)
    if date_text is not None and str(date_text).strip():
        parsed = parse_page_date(str(date_text))
        if parsed is None:
            shown = " ".join(str(date_text).split())[:40]
            warnings.append(f"{where}: published date {shown!r} is in no known date format; not used")
        else:
            meta["published_at"] = parsed
    return meta, warnings


def sidecar_path(article: Path) -> Path:
    return article.with_name(article.stem + SIDECAR_SUFFIX)


def read_sidecar(article: Path, max_bytes: int = 100_000) -> dict[str, str]:
    path = sidecar_path(article)
    if not path.is_file() or path.is_symlink():
        return {}
    if path.stat().st_size > max_bytes:
        raise MetadataError(f"{path.name}: larger than {max_bytes:,} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(f"{path.name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise MetadataError(f"{path.name}: must be a JSON object")
    return clean(data, path.name, strict=True)
