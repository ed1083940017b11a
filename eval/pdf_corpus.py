"""A corpus of .txt articles printed to two-column PDFs by headless Chromium, doc ids kept (the file stem).

    python -m eval.pdf_corpus --corpus ../shared/corpus/rare-earths --out /tmp/rare-earths-pdf

Then ``rag eval eval/datasets/rare-earths.jsonl --corpus /tmp/rare-earths-pdf`` scores the PDF corpus the
way the .txt one is scored (the datasets name doc ids, which are the same).
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from index.documents import looks_like_headline

CHROMIUM = "/usr/bin/chromium"
TWO_COLUMNS = "body{column-count:2;column-gap:2em;font:11pt serif} h1{column-span:all;font-size:20pt}"


def article_html(text: str) -> str:
    """An article's .txt as a two-column page: a headline-looking first line becomes the <h1> and <title>."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = heading = ""
    if lines and looks_like_headline(lines[0]):
        title = html.escape(lines.pop(0))
        head, heading = f"<title>{title}</title>", f"<h1>{title}</h1>"
    body = heading + "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}<style>{TWO_COLUMNS}</style></head>"
            f"<body>{body}</body></html>")


def print_pdfs(sources: list[Path], out: Path, chromium: str = CHROMIUM) -> list[Path]:
    """Each .txt article printed to ``out/STEM.pdf`` (about a second a page)."""
    if shutil.which(chromium) is None:
        raise SystemExit(f"{chromium} not found: install Debian's chromium (make test does)")
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    with tempfile.TemporaryDirectory(prefix="pdf-corpus-") as tmp:
        for source in sources:
            page = Path(tmp) / f"{source.stem}.html"
            page.write_text(article_html(source.read_text(encoding="utf-8")), encoding="utf-8")
            target = out / f"{source.stem}.pdf"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--disable-background-networking", "--no-first-run", f"--user-data-dir={Path(tmp) / 'profile'}",
                            f"--print-to-pdf={target}", page.resolve().as_uri()],
                           check=True, capture_output=True, timeout=120)
            pdfs.append(target)
    return pdfs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    pdfs = print_pdfs(sorted(args.corpus.glob("*.txt")), args.out)
    print(f"{len(pdfs)} PDFs in {args.out}")


if __name__ == "__main__":
    main()
