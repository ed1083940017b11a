"""On a small corpus the bounded keyword plan must give FTS5's own BM25 top k: the SQuAD 2.0 sample's passages,
every question's top 30 (scores within 1e-4) from ``store.keyword_search`` against FTS5's exhaustive ranking.

Run: .venv/bin/python bench/keyword_exact.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.embedders import HashingEmbedder  # noqa: E402
from rag.indexing.chunker import Chunker  # noqa: E402
from rag.indexing.indexer import Indexer  # noqa: E402
from rag.stores.faiss_sqlite import FaissStore  # noqa: E402
from rag.text import keyword_terms  # noqa: E402
from rag.types import Document  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    queries = json.loads((SHARED / "benchmarks" / "squad2-sub500" / "queries.json").read_text())["queries"]
    contexts = list(dict.fromkeys(q["context"] for q in queries))
    with tempfile.TemporaryDirectory() as tmp:
        embedder = HashingEmbedder()  # the keyword side does not depend on the embedder
        store = FaissStore(tmp, embedder.id, embedder.dim, chunking={"size": 400, "overlap": 80})
        Indexer(store, embedder, Chunker(400, 80)).index_documents(
            [Document(doc_id=f"c{i}", title="", text=t, content_hash=str(i)) for i, t in enumerate(contexts)])
        conn = sqlite3.connect(Path(tmp) / "meta.sqlite")
        same = total = 0
        for q in queries:
            terms = keyword_terms(q["question"])
            if not terms:
                continue
            got = [p.score for p in store.keyword_search(terms, 30)]
            match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
            want = [r[0] for r in conn.execute("SELECT -bm25(chunks_fts) FROM chunks_fts WHERE chunks_fts MATCH ? "
                                               "ORDER BY bm25(chunks_fts) LIMIT 30", (match,))]
            total += 1
            same += len(got) == len(want) and all(abs(a - b) < 1e-4 for a, b in zip(got, want))
        conn.close()
    print(f"SQuAD sample ({store.count()[1]} chunks): bounded top-30 = FTS5's exhaustive top-30 for {same}/{total} questions")


if __name__ == "__main__":
    main()
