"""How much of a saved web page's stored text is its article: 4-word shingle precision, recall and F1.

    python -m eval.extraction --data DIR [--types article] [--limit N] [--json]

DIR holds pages with hand-labelled bodies in the layout of WCXB's development set (github.com/Murrough-Foley/
web-content-extraction-benchmark, CC-BY-4.0): ``html/ID.html.gz`` (or ``.html``), ``ground-truth/ID.json``
with ``ground_truth.main_content``, and ``metadata.json`` giving each page's type. Nothing is committed here.

Scored the way the article-extraction benchmarks score extractors: bags of 4-word shingles of the lower-cased
words, precision and recall per page, averaged over pages; F1 of the two averages. Systems, on the same pages:
``service`` is the text the index stores (what ``GET /v1/documents/{id}`` returns; index/documents.py with the
default ``indexing.html = "article"``), ``all-visible`` is ``indexing.html = "all"``, ``trafilatura`` is
``trafilatura.extract`` with its defaults. A page the service refuses scores 0 and is listed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.documents import document_from_bytes
from index.readers import Refused

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def score(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of one page; an empty prediction of a non-empty truth scores (0, 0)."""
    pred, true = shingles(predicted), shingles(truth)
    if not pred or not true:
        return (1.0, 1.0) if not pred and not true else (0.0, 0.0)
    overlap = sum((pred & true).values())
    return overlap / sum(pred.values()), overlap / sum(true.values())


def load(data: Path, types: set[str], limit: int | None) -> list[tuple[str, bytes, str]]:
    """(page id, html bytes, labelled body) of the pages of the given types."""
    kinds = {}
    if (data / "metadata.json").is_file():
        kinds = {k: v.get("page_type") for k, v in json.loads((data / "metadata.json").read_text())["files"].items()}
    root = data / "dev" if (data / "dev").is_dir() else data
    pages = []
    for truth_file in sorted((root / "ground-truth").glob("*.json")):
        page_id = truth_file.stem
        labelled = json.loads(truth_file.read_text())
        kind = kinds.get(page_id) or labelled.get("_internal", {}).get("page_type", {}).get("primary", "article")
        if types and kind not in types:
            continue
        body = labelled["ground_truth"].get("main_content") or ""
        gz, plain = root / "html" / f"{page_id}.html.gz", root / "html" / f"{page_id}.html"
        html = gzip.decompress(gz.read_bytes()) if gz.is_file() else plain.read_bytes()
        pages.append((page_id, html, body))
        if limit and len(pages) >= limit:
            break
    return pages


def _service(mode: str) -> Callable[[str, bytes], str]:
    def extract(page_id: str, html: bytes) -> str:
        return document_from_bytes(f"p{page_id}", html, name=f"{page_id}.html", html=mode).text  # type: ignore[arg-type]
    return extract


def _trafilatura(page_id: str, html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Callable[[str, bytes], str]] = {
    "service": _service("article"), "all-visible": _service("all"), "trafilatura": _trafilatura}


def evaluate(pages: list[tuple[str, bytes, str]]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, extract in SYSTEMS.items():
        precisions, recalls, refused, started = [], [], {}, time.perf_counter()
        for page_id, html, truth in pages:
            try:
                text = extract(page_id, html)
            except Refused as exc:
                refused[page_id], text = exc.message, ""
            p, r = score(text, truth)
            precisions.append(p)
            recalls.append(r)
        p, r = sum(precisions) / len(pages), sum(recalls) / len(pages)
        results[name] = {"pages": len(pages), "precision": round(p, 3), "recall": round(r, 3),
                         "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "refused": refused,
                         "pages_per_s": round(len(pages) / (time.perf_counter() - started), 1)}
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of pages and labelled bodies (see above)")
    parser.add_argument("--types", default="article", help="comma-separated page types; '' for all")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pages = load(args.data, {t for t in args.types.split(",") if t}, args.limit)
    if not pages:
        raise SystemExit(f"no pages with labelled bodies under {args.data}")
    results = evaluate(pages)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'system':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'refused':>9}{'pages/s':>9}")
    for name, r in results.items():
        print(f"{name:<14}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}{len(r['refused']):>9}{r['pages_per_s']:>9}")
        for page_id, why in list(r["refused"].items())[:10]:
            print(f"    refused {page_id}: {why}")


if __name__ == "__main__":
    main()
