"""PDFs for tests, hand-written: exact control of what the file draws, and in which order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eval.pdf_corpus import CHROMIUM

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
