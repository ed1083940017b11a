"""PostgreSQL collection filters in-process: no filter, a 1% collection and a 99% one ('default'), p50 over 20
queries, then the plan of the 1% search (a throwaway pgserver; the bench vector collection of bench/corpus.py).

Run: PYTHONPATH=. .venv/bin/python bench/pg_collection_filters.py 20000
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from build import batches, collection  # noqa: E402

from rag.types import Filters  # noqa: E402


def main() -> None:
    import pgserver
    import psycopg
    from pgvector.psycopg import register_vector

    from rag.stores.postgres import PostgresStore

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    server = pgserver.get_server(Path(tempfile.mkdtemp(prefix="pg-collections-")) / "pgdata", cleanup_mode="delete")
    try:
        store = PostgresStore(server.get_uri(), "bench", 384)
        coll, pool_vectors = collection(size)
        for upserts in batches(coll, pool_vectors, 200_000):
            for doc, _, _ in upserts:
                doc.collections = ["small"] if int(doc.doc_id[1:]) % 100 == 0 else []
            store.write(upserts)
        queries = pool_vectors[np.random.default_rng(0).integers(0, len(pool_vectors), 20)]
        for name, filters in (("no filter", None), ("1% collection", Filters(collections=["small"])),
                              ("99% collection", Filters(collections=["default"]))):
            times = []
            for query in queries:
                start = time.perf_counter()
                hits = store.search(query, 10, filters)
                times.append(time.perf_counter() - start)
            print(f"{name}: p50 {statistics.median(times) * 1000:.1f} ms, {len(hits)} results")
        store.close()
        with psycopg.connect(server.get_uri()) as conn:
            register_vector(conn)
            plan = conn.execute("EXPLAIN (ANALYZE, COSTS OFF) SELECT c.chunk_id, inner_product(c.embedding, %s) AS score "
                                "FROM rag_chunks c WHERE c.collection_ids && %s::text[] ORDER BY score DESC LIMIT 10",
                                [np.asarray(queries[0], dtype=np.float32), ["small"]]).fetchall()
            print("\n".join(row[0] for row in plan if "Sort Key" not in row[0]))
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
