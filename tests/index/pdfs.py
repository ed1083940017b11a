"""PDFs for tests: hand-written ones (exact control of what the file draws, and in which order) and articles
printed by headless Chromium in two columns."""

from __future__ import annotations

import html
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
TWO_COLUMNS = "body{column-count:2;column-gap:2em;font:11pt serif} h1{column-span:all;font-size:20pt}"

Item = tuple[float, float, float, str]  # x, y, size, text (Helvetica)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[Item]], title: str | None = None, drawing: bool = False) -> bytes:
    """A PDF whose pages draw the given text items in the given order; ``drawing`` adds a filled
    rectangle (a page with marks but no text, like a scan's image)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for items in pages:
        ops = ["0.5 0.5 0.5 rg 50 50 500 700 re f"] if drawing else []
        for x, y, size, text in items:
            ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({_escape(text)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    info = None
    if title is not None:
        objects.append(f"<< /Title ({_escape(title)}) >>")
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    trailer = f"/Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "")
    out += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def column_lines(left: list[str], right: list[str], interleave: bool, y0: float = 720, step: float = 14) -> list[Item]:
    """Two columns of lines; ``interleave`` draws them row by row (left, right, left, ...)."""
    lefts = [(50.0, y0 - i * step, 10.0, line) for i, line in enumerate(left)]
    rights = [(320.0, y0 - i * step, 10.0, line) for i, line in enumerate(right)]
    if not interleave:
        return lefts + rights
    out: list[Item] = []
    for i in range(max(len(lefts), len(rights))):
        out += lefts[i:i + 1] + rights[i:i + 1]
    return out


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("RAG_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed; `make test` installs it")
        pytest.skip("chromium is not installed (make test installs it)")
    return CHROMIUM


def article_html(text: str) -> str:
    """An article's .txt as a two-column page: a headline-looking first line becomes the <h1> and <title>."""
    from index.documents import looks_like_headline

    lines = [line for line in text.splitlines() if line.strip()]
    head = ""
    if lines and looks_like_headline(lines[0]):
        title = html.escape(lines.pop(0))
        head = f"<title>{title}</title>"
        lines.insert(0, f"<h1>{title}</h1>")
        body = lines[0] + "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    else:
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}<style>{TWO_COLUMNS}</style></head><body>{body}</body></html>"


def print_pdfs(sources: list[Path], out: Path) -> list[Path]:
    """Each .txt article printed to ``out/STEM.pdf`` through a two-column HTML page in headless Chromium."""
    chromium = chromium_or_skip()
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    with tempfile.TemporaryDirectory(prefix="pdf-html-") as tmp:
        for source in sources:
            page = Path(tmp) / f"{source.stem}.html"
            page.write_text(article_html(source.read_text(encoding="utf-8")), encoding="utf-8")
            target = out / f"{source.stem}.pdf"
            profile = Path(tmp) / "profile"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}",
                            f"--print-to-pdf={target}", page.resolve().as_uri()],
                           check=True, capture_output=True, timeout=120)
            pdfs.append(target)
    return pdfs
