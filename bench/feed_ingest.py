"""Feed ingest speed: `rag index --feed`'s code path (fetch the feed, fetch each linked page over HTTP, read
it, look for copies, chunk, embed, write) against the loopback news site of the tests, in pages per second.

The site serves --pages distinct stories cut from the shared rare-earth articles (each page a real article
layout around about 5,700/N words of real text). Run twice: the fresh poll, then a second poll that finds
nothing new (what `rag watch` costs when a feed has not changed).

Run: PYTHONPATH=. .venv/bin/python bench/feed_ingest.py --pages 60 [--embedder hashing|minilm]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--embedder", choices=["hashing", "minilm"], default="minilm")
    args = parser.parse_args()

    from index.feeds import poll_feed
    from index.fetch import Fetcher
    from index.fetch_state import FetchState
    from rag.services import build_services
    from rag.settings import FetchSettings, Settings
    from rag.syndication import fingerprint
    from tests.fakes.news_site import NewsSite

    with tempfile.TemporaryDirectory() as tmp, NewsSite(SHARED / "corpus" / "rare-earths", many=args.pages) as site:
        settings = Settings.load(index_dir=Path(tmp) / "index", embedder=args.embedder)
        services = build_services(settings)
        services.embedder.embed_documents(["warm up"])
        fingerprint("warm up " * 30)  # importing datasketch (it pulls in scipy) is a one-off cost per process
        state = FetchState(Path(tmp) / "index" / "fetch.sqlite")
        with Fetcher(FetchSettings(allow_private=True)) as fetcher:
            start = time.perf_counter()
            report = poll_feed(services.indexer, fetcher, state, site.url + "/many.rss")
            first = time.perf_counter() - start
            start = time.perf_counter()
            again = poll_feed(services.indexer, fetcher, state, site.url + "/many.rss")
            second = time.perf_counter() - start
        pages = len(report.added)
        print(f"embedder {args.embedder}: {pages} pages ({report.chunks} chunks, {len(report.refused)} refused, "
              f"{len(report.copies)} copies) in {first:.2f} s = {pages / first:.1f} pages/s; "
              f"second poll (nothing new, {len(again.added)} added) {second * 1000:.0f} ms")


if __name__ == "__main__":
    main()
