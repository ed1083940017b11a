"""What a caller scoped to some collections costs outside search: counts (/healthz), document sets (writes).

Builds a FAISS+SQLite store of N one-chunk documents (random 8-d vectors, no model), 1% in `energy` and the
rest in `markets`, and times the scoped store's count(), content_hashes() and copies_of() for each scope.

Run: PYTHONPATH=. .venv/bin/python bench/scoped_store.py 100000
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.scope import ScopedStore  # noqa: E402
from rag.stores.faiss_sqlite import FaissStore  # noqa: E402
from rag.types import Chunk, Document  # noqa: E402


def build(directory: str, n: int) -> FaissStore:
    store = FaissStore(directory, "bench", 8)
    rng = np.random.default_rng(0)
    batch = []
    for i in range(n):
        doc = Document(doc_id=f"d{i:07d}", title="t", text=f"text {i}", content_hash=hashlib.sha1(str(i).encode()).hexdigest(),
                       collections=["energy" if i % 100 == 0 else "markets"])
        vector = rng.standard_normal((1, 8)).astype("float32")
        batch.append((doc, [Chunk(chunk_id=f"{doc.doc_id}:0", doc_id=doc.doc_id, position=0, text=doc.text)],
                      vector / np.linalg.norm(vector)))
        if len(batch) == 5000:
            store.write(batch)
            batch = []
    if batch:
        store.write(batch)
    return store


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as directory:
        store = build(directory, n)
        for name in ("energy", "markets"):
            scoped = ScopedStore(store, frozenset({name}))
            for what, call in (("count", scoped.count), ("content_hashes", scoped.content_hashes),
                               ("copies_of", partial(scoped.copies_of, "d0000100"))):
                start = time.perf_counter()
                call()
                print(f"{name:8s} {what:15s} {1000 * (time.perf_counter() - start):9.1f} ms")


if __name__ == "__main__":
    main()
