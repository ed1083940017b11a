"""Typed claims identical across two checkouts: every sentence of the ingest bench corpus and of the SQuAD sample's
passages, typed by ``rag.claims.extract.analyze`` (spaCy), written by one checkout and checked by the other.

Run (a speed change to the claims path must leave every sentence's claims as they were). bench/corpus.py puts its
own checkout first on sys.path, so each checkout runs its own copy of this script:
  git worktree add ../before main && cp bench/claims_same.py ../before/bench/
  (cd ../before && PYTHONPATH=. .venv/bin/python bench/claims_same.py --size 1k --write /tmp/claims.json)
  PYTHONPATH=. .venv/bin/python bench/claims_same.py --size 1k --check /tmp/claims.json
Each run also prints the CPU seconds ``analyze`` took over those sentences (one thread, the model loaded first).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus import SHARED, article_folder, parse_size  # noqa: E402


def sentences(size: int, squad: Path) -> list[str]:
    """The distinct sentences of the bench articles' chunks (as ingest splits them), then of the SQuAD passages."""
    from index.documents import read_document
    from rag.claims.records import spans
    from rag.indexing.chunker import Chunker
    from rag.settings import Settings

    settings = Settings.load()
    chunker = Chunker(settings.chunking.size, settings.chunking.overlap)
    texts = [c.text for p in sorted(article_folder(size).glob("*.txt")) for c in chunker.split(read_document(p, 50_000_000))]
    texts += list(dict.fromkeys(q["context"] for q in json.loads((squad / "queries.json").read_text())["queries"]))
    return list(dict.fromkeys(s for t in texts for _, _, s in spans(t)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=1000)
    parser.add_argument("--squad", type=Path, default=SHARED / "benchmarks" / "squad2-sub500")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--check", type=Path)
    args = parser.parse_args()
    from rag.claims.extract import analyze, typed

    if not typed():
        sys.exit("spaCy's model is not installed: nothing to compare")
    texts = sentences(args.size, args.squad)
    cpu = time.process_time()
    claims = analyze(texts)
    cpu = time.process_time() - cpu
    rows = {t: [dataclasses.astuple(v) for v in c] for t, c in zip(texts, claims)}
    rows = json.loads(json.dumps(rows))  # tuples as lists, as read back
    print(f"{len(texts)} sentences, {sum(map(len, claims))} claims, analyze {cpu:.2f} CPU s", file=sys.stderr)
    if args.write:
        args.write.write_text(json.dumps(rows))
    if args.check:
        before = json.loads(args.check.read_text())
        differ = [t for t in texts if before.get(t) != rows[t]]
        missing = [t for t in before if t not in rows]
        for t in differ[:10]:
            print("DIFFERS:", t, "\n  before:", before.get(t), "\n  after: ", rows[t], file=sys.stderr)
        print(f"same: {len(texts) - len(differ)} of {len(texts)}; differ {len(differ)}; not typed here {len(missing)}")
        sys.exit(1 if differ or missing else 0)


if __name__ == "__main__":
    main()
