"""The keyword side alone, in-process: FTS5's exhaustive BM25 (rank every chunk matching a term) against the
bounded plan of rag/stores/keyword_fts.py at several posting budgets, on a recombined-sentence collection.

Reports per plan p50/p95 latency, topic-hit@10 (the top 10 holds a chunk with a sentence of the question's own
SQuAD paragraph; every pool sentence recurs in many chunks, so this is about finding the topic, not one chunk)
and the overlap of the top 10 with the exhaustive top 10. The SQLite file has the store's own keyword schema
(chunks, chunks_fts, keyword_df), built once per size in data/bench/ (no vectors: only the keyword side).

Run: .venv/bin/python bench/keyword.py --size 1m --queries 100 --budgets 1000,2000,3000
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from corpus import CACHE, SHARED, parse_size, sentence_pool, size_label, vector_collection  # noqa: E402

from rag.stores import keyword_fts  # noqa: E402
from rag.stores.faiss_sqlite import _SCHEMA  # noqa: E402
from rag.text import keyword_terms, split_sentences  # noqa: E402


def build(size: int) -> Path:
    path = CACHE / f"keyword-{size_label(size)}.sqlite"
    if path.exists():
        return path
    coll = vector_collection(size, sentence_pool())
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    conn.executescript(_SCHEMA + keyword_fts.SCHEMA)
    conn.execute("BEGIN")
    for start in range(0, size, coll.per_doc):
        doc = f"d{start // coll.per_doc:07d}"
        conn.execute("INSERT INTO documents (doc_id, title, text, content_hash, n_chunks, indexed_at) "
                     "VALUES (?, ?, '', '-', ?, '-')", (doc, doc, min(coll.per_doc, size - start)))
        conn.executemany("INSERT INTO chunks (chunk_id, doc_id, position, text) VALUES (?, ?, ?, ?)",
                         [(f"{doc}:{i - start}", doc, i - start, coll.text(i))
                          for i in range(start, min(size, start + coll.per_doc))])
    keyword_fts.rebuild_frequencies(conn)
    conn.execute("COMMIT")
    conn.close()
    tmp.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--budgets", default="1000,2000,3000")
    args = parser.parse_args()
    started = time.perf_counter()
    path = build(args.size)
    print(f"{path} ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    conn = sqlite3.connect(path, isolation_level=None)
    squad = json.loads((SHARED / "benchmarks" / "squad2-sub500" / "queries.json").read_text())["queries"]
    items = []
    for q in squad[:args.queries]:
        sentences = [" ".join(s.split())[:-1] for s in split_sentences(q["context"])]
        if keyword_terms(q["question"]):
            items.append((keyword_terms(q["question"]), [s for s in sentences if len(s) >= 39]))

    def texts(vids: list[int]) -> list[str]:
        marks = ",".join("?" * len(vids))
        return [r[0] for r in conn.execute(f"SELECT text FROM chunks WHERE vid IN ({marks})", vids)] if vids else []

    def run(search: object) -> tuple[dict[str, float], list[list[int]]]:
        times, hits, tops = [], [], []
        for terms, sentences in items:
            t0 = time.perf_counter()
            vids = search(terms)  # type: ignore[operator]
            times.append(time.perf_counter() - t0)
            hits.append(any(any(s in text for s in sentences) for text in texts(vids[:10])))
            tops.append(vids[:10])
        times.sort()
        return {"p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(times[int(0.95 * len(times))] * 1000, 1),
                "topic_hit_at_10": round(statistics.mean(hits), 3)}, tops

    def exhaustive(terms: list[str]) -> list[int]:
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return [r[0] for r in conn.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? "
                                           "ORDER BY bm25(chunks_fts) LIMIT 30", (match,))]

    rows = []
    base, truth = run(exhaustive)
    rows.append({"plan": "FTS5 exhaustive bm25", **base})
    for budget in (int(b) for b in args.budgets.split(",")):
        plan = keyword_fts.BoundedKeyword(budget)
        for terms, _ in items:  # the term cache warm, as in a server that has seen the words
            plan.tokens(conn, terms)
        stats, tops = run(lambda terms, plan=plan: [v for v, _ in plan.search(conn, terms, 30)])
        overlap = statistics.mean(len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(tops, truth))
        rows.append({"plan": f"bounded, budget {budget}", **stats, "overlap_at_10": round(overlap, 3)})
    print(json.dumps({"size": size_label(args.size), "queries": len(items), "rows": rows}))


if __name__ == "__main__":
    main()
