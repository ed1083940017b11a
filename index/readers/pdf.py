"""PDF (pypdf, BSD-3): text in reading order with the page each part is on, title from the document info or
the first heading. Scans, encrypted and broken files are refused with the reason."""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

from index.readers.base import Parsed, Reader, ReadOptions, Refused

NO_TEXT = "no text layer (scanned PDF; OCR is not supported)"
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\u00ad": ""})
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]$")
_STARTS_ITEM = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]\s|\(?\d{1,3}[.)]\s)")
_BROKEN = "\x00"  # marks a line-end hyphen until the whole document has been read
_HYPHENATED = re.compile(r"(\w+)-\x00(\w+)")
_WORD = re.compile(r"[\w-]+")
_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$")
_FILE_NAME_TITLE = re.compile(r"(?i)(\.(?:html?|pdf|docx?|txt|md|odt|rtf|tex)$|^untitled$|^microsoft word - |^https?://|^file:)")


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float


def _open(data: bytes):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    if b"%PDF-" not in data[:1024]:
        raise Refused("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise Refused("truncated PDF (no end-of-file marker; was the download or copy cut short?)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are encrypted with an empty password: readable by all
            except (DependencyError, NotImplementedError) as exc:
                raise Refused(f"encrypted PDF that cannot be opened here ({exc})") from None
            if not opened:
                raise Refused("encrypted PDF (it needs a password; save a decrypted copy to index it)")
        len(reader.pages)
    except Refused:
        raise
    except (PdfReadError, PdfStreamError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Refused(f"broken PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    return reader


def _page_lines(page, middle: float) -> list[_Line]:  # type: ignore[no-untyped-def]
    """The page's text lines as pypdf reads them (its spacing), each with where it starts and its type size;
    text drawn right of ``middle`` after text left of it on the same baseline is a line of its own (columns)."""
    lines: list[_Line] = []
    current: list[str] = []
    where: list[tuple[float, float, float]] = []

    def close() -> None:
        text = " ".join("".join(current).translate(_LIGATURES).split())
        if text and where:
            lines.append(_Line(text, *where[0]))
        current.clear()
        where.clear()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                close()
            if piece.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                if where and where[0][0] < middle <= x:
                    close()
                if not where:
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    where.append((x, y, abs(size * tm[3] * cm[3]) or abs(size)))
            current.append(piece)

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _column_order(lines: list[_Line], width: float) -> list[_Line]:
    """Two columns drawn row by row (left, right, left, ...) are read column by column; other pages as drawn."""
    sides = [line.x >= width * 0.45 for line in lines]
    right = sum(sides)
    if right < 2 or right > len(sides) - 2 or sum(a != b for a, b in zip(sides, sides[1:])) < 4:
        return lines
    return sorted(lines, key=lambda line: (line.x >= width * 0.45, -line.y, line.x))


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Lines rejoined into paragraphs: a wider gap than the usual line spacing, a change of type size (a
    heading) or a list item starts a new one."""
    # Line spacing in units of the type size, so that a heading's taller lines are not paragraph breaks.
    gaps = [(a.y - b.y) / a.size for a, b in zip(lines, lines[1:]) if a.size > 0 and 0 < a.y - b.y < 4 * a.size]
    spacing = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        new = previous is None or _STARTS_ITEM.match(line.text) is not None
        if previous is not None and not new:
            gap = (previous.y - line.y) / max(previous.size, 0.1)
            resized = abs(line.size - previous.size) > 0.1 * max(previous.size, 0.1)
            new = resized or (spacing > 0 and gap > 1.35 * spacing) or (gap < 0 and bool(_ENDS_SENTENCE.search(previous.text)))
        if new:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
        previous = line
    return [_join(p) for p in paragraphs]


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out += _BROKEN + line  # "adip-" + "iscing" or "defense-" + "grade": settled for the whole document
        else:  # a line may break after a dash or slash inside a word ("crucial—but"), not after a spaced one
            glued = out.endswith(("-", "—", "–", "/")) and not out[-2:-1].isspace()
            out += line if glued else " " + line
    return out


def _mend_hyphens(text: str) -> str:
    """A word broken at a line end is joined without its hyphen when the document spells it whole elsewhere
    and never with that hyphen; otherwise the hyphen is the word's own ("defense-grade")."""
    words = {w.lower() for w in _WORD.findall(_HYPHENATED.sub(" ", text))}

    def mend(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        whole = (head + tail).lower() in words and f"{head}-{tail}".lower() not in words
        return head + tail if whole else f"{head}-{tail}"

    return _HYPHENATED.sub(mend, text)


def _heading(lines: list[_Line]) -> str:
    """The first page's text in its largest type, when that is clearly larger than the body's."""
    if len(lines) < 3:
        return ""
    body = statistics.median(line.size for line in lines)
    top = max(line.size for line in lines)
    if top < body * 1.15:
        return ""
    heading = " ".join(line.text for line in lines if line.size >= top * 0.95)
    return heading if 2 <= len(heading) <= 300 else ""


def read(data: bytes, options: ReadOptions) -> Parsed:
    reader = _open(data)
    parts: list[str] = []
    page_starts: list[int] = []
    offset = 0
    heading = ""
    for number, page in enumerate(reader.pages, start=1):
        try:
            width = float(page.mediabox.width)
            lines = _column_order(_page_lines(page, width * 0.45), width)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged page
            raise Refused(f"broken PDF (page {number} cannot be read: {type(exc).__name__})") from None
        if lines:  # a page number printed at the foot (or head) of the page is not the article's text
            lowest, highest = min(lines, key=lambda line: line.y), max(lines, key=lambda line: line.y)
            lines = [line for line in lines if not ((line is lowest or line is highest) and _PAGE_NUMBER.match(line.text))]
        if number == 1:
            heading = _heading(lines)
        paragraphs = _paragraphs(lines)
        page_starts.append(offset)
        page_text = "\n\n".join(paragraphs)
        if page_text:
            page_text += "\n\n"
        parts.append(page_text)
        offset += len(page_text)
    body = "".join(parts).rstrip()
    if _BROKEN in body:  # mending keeps lengths apart from the marker: shift the page starts with it
        page_starts = [len(_mend_hyphens(body[:start]).replace(_BROKEN, "")) for start in page_starts]
        body = _mend_hyphens(body).replace(_BROKEN, "")
    if not body.strip():
        raise Refused(NO_TEXT)
    meta: dict[str, str] = {}
    info = reader.metadata
    title = " ".join(str(info.title or "").split()) if info else ""
    if title and not _FILE_NAME_TITLE.search(title) and len(title) <= 300:
        meta["title"] = title
    elif heading:
        meta["title"] = heading
    if info and info.author and str(info.author).strip():
        meta["author"] = " ".join(str(info.author).split())[:200]
    return Parsed(body, meta, page_starts=page_starts)


READER = Reader("pdf", (".pdf",), ("application/pdf", "application/x-pdf"), read)
