"""Load a vector collection (bench/corpus.py) into our store through ``store.write`` in large batches, and the
same chunks and vectors into a LangChain FAISS store; each in its own process for its peak RSS.

Run: .venv/bin/python bench/build.py --size 100k [--what ours|langchain|both]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus import CACHE, VectorCollection, parse_size, sentence_pool, sentence_vectors, size_label, vector_collection  # noqa: E402
from procstat import memory_mb  # noqa: E402


def collection(size: int) -> tuple[VectorCollection, np.ndarray]:
    pool = sentence_pool()
    return vector_collection(size, pool), sentence_vectors(pool)


def chunk_id(doc_id: str, position: int, text: str) -> str:
    """The product chunker's id scheme."""
    digest = hashlib.sha1(f"{doc_id}\x00{position}\x00{text}".encode()).hexdigest()[:16]
    return f"{doc_id}:{position}:{digest}"


def chunk_ids(coll: VectorCollection) -> list[str]:
    """Chunk ids in collection order (document i // per_doc, position i % per_doc)."""
    return [chunk_id(f"d{i // coll.per_doc:07d}", i % coll.per_doc, coll.text(i)) for i in range(len(coll))]


class SentenceRows:
    """Each chunk's stored sentence rows, as the product writes them at index time (rag/indexing/sentences.py:
    the answer path's split, a vector for every sentence the evidence scorer ranks, typed claims), built the
    way the collection's chunk vectors are: a sentence's vector and claims are its pool sentence's, computed
    once per pool sentence with the product's own code (the chunk's tag left out, as in the chunk vector)."""

    def __init__(self, pool: list[str], pool_vectors: np.ndarray) -> None:
        from rag.answer.evidence import ranked
        from rag.claims.extract import analyze
        from rag.claims.records import claims_version

        self.index = {s: i for i, s in enumerate(pool)}
        self.vectors = pool_vectors.astype(np.float32)
        self.ranked = [ranked(s) for s in pool]
        self.claims = [tuple(c) for c in analyze(pool)]
        self.version = claims_version()
        self.unmatched = 0

    def __call__(self, chunk_id: str, text: str, tagged: list[tuple[str, int]]) -> list[Any]:
        """``tagged``: the chunk's sentences as written (with their tags) and their pool indices."""
        from rag.answer.evidence import ranked
        from rag.claims.extract import analyze
        from rag.claims.records import SentenceRecord, spans

        rows = []
        for n, (start, end, sentence) in enumerate(spans(text)):
            found = [j for t, j in tagged if t in sentence] or [j for t, j in tagged if sentence in t]
            if not found:
                raise SystemExit(f"bench sentence not in the chunk's pool sentences: {sentence!r}")
            if len(found) == 1 and (sentence, found[0]) in tagged:
                j = found[0]
                claims, vector = self.claims[j], self.vectors[j] if self.ranked[j] else None
            else:  # split unlike the pool (joined or cut at a tag): claims of the text as split, the vector the
                # mean of its pool sentences' (as a chunk's), unit length
                self.unmatched += 1
                claims = tuple(analyze([sentence])[0])
                mean = self.vectors[found].sum(axis=0)
                vector = mean / np.linalg.norm(mean) if ranked(sentence) else None
            rows.append(SentenceRecord(chunk_id, n, start, end, sentence, claims, self.version, vector))
        return rows


def batches(coll: VectorCollection, pool_vectors: np.ndarray, batch_chunks: int,
            rows: SentenceRows | None = None) -> Iterator[tuple[list[Any], dict[str, list[Any]]]]:
    """Lists of (Document, chunks, vectors) covering about ``batch_chunks`` chunks each, with the chunks'
    sentence rows (empty without ``rows``)."""
    from rag.indexing import content_hash
    from rag.types import Chunk, Document

    step = max(coll.per_doc, batch_chunks - batch_chunks % coll.per_doc)
    for start in range(0, len(coll), step):
        stop = min(len(coll), start + step)
        vectors = coll.vectors(pool_vectors, start, stop)
        upserts = []
        sentences: dict[str, list[Any]] = {}
        for first in range(start, stop, coll.per_doc):
            last = min(stop, first + coll.per_doc)
            doc_id = f"d{first // coll.per_doc:07d}"
            texts = [coll.text(i) for i in range(first, last)]
            body = "\n\n".join(texts)
            doc = Document(doc_id=doc_id, title=f"Collection article {doc_id}", text=body,
                           content_hash=content_hash(body))
            chunks = [Chunk(chunk_id=chunk_id(doc_id, p, t), doc_id=doc_id, position=p, text=t) for p, t in enumerate(texts)]
            upserts.append((doc, chunks, vectors[first - start:last - start]))
            if rows is not None:
                for i, c in zip(range(first, last), chunks):
                    sentences[c.chunk_id] = rows(c.chunk_id, c.text, coll.tagged(i))
        yield upserts, sentences


def store_dir(size: int) -> Path:
    return CACHE / f"store-{size_label(size)}"


def langchain_dir(size: int) -> Path:
    return CACHE / f"langchain-{size_label(size)}"


def build_ours(size: int, batch_chunks: int, with_sentences: bool = True) -> dict[str, Any]:
    from rag.services import build_services
    from rag.settings import Settings

    coll, pool_vectors = collection(size)
    rows = SentenceRows(coll.pool, pool_vectors) if with_sentences else None
    out = store_dir(size)
    shutil.rmtree(out, ignore_errors=True)
    store = build_services(Settings.load(index_dir=out)).store
    start = time.perf_counter()
    writes = 0
    for upserts, sentences in batches(coll, pool_vectors, batch_chunks, rows):
        store.write(upserts, sentences=sentences or None)
        writes += 1
    took = time.perf_counter() - start
    docs, chunks = store.count()
    disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"what": "ours", "docs": docs, "chunks": chunks, "writes": writes, "seconds": round(took, 1),
            "chunks_per_s": round(chunks / took, 1), "disk_mb": round(disk / 2**20, 1),
            "sentence_rows": with_sentences, "sentences_split_unlike_pool": rows.unmatched if rows else None,
            **memory_mb()}


def build_langchain(size: int) -> dict[str, Any]:
    import langchain_pipeline

    coll, pool_vectors = collection(size)
    out = langchain_dir(size)
    shutil.rmtree(out, ignore_errors=True)
    ids = chunk_ids(coll)
    embedding = langchain_pipeline.embeddings()  # loaded before the clock starts, as on our side
    start = time.perf_counter()
    texts = [coll.text(i) for i in range(len(coll))]
    metadatas = [{"doc_id": cid.split(":")[0], "chunk_id": cid} for cid in ids]
    langchain_pipeline.build_from_vectors(texts, coll.vectors(pool_vectors, 0, len(coll)), metadatas, out, embedding)
    took = time.perf_counter() - start
    disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"what": "langchain", "chunks": len(coll), "seconds": round(took, 1),
            "chunks_per_s": round(len(coll) / took, 1), "disk_mb": round(disk / 2**20, 1), **memory_mb()}


def run(size: int, what: list[str], batch_chunks: int) -> list[dict[str, Any]]:
    collection(size)  # pool vectors cached before the timed processes start
    results = []
    for name in what:
        proc = subprocess.run([sys.executable, __file__, "--size", str(size), "--what", name, "--worker",
                               "--batch-chunks", str(batch_chunks)], check=True, capture_output=True, text=True)
        results.append({"size": size_label(size), **json.loads(proc.stdout.strip().splitlines()[-1])})
        print(json.dumps(results[-1]), file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=100_000)
    parser.add_argument("--what", choices=["ours", "langchain", "both"], default="both")
    parser.add_argument("--batch-chunks", type=int, default=50_000, help="chunks per store.write")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = build_ours(args.size, args.batch_chunks) if args.what == "ours" else build_langchain(args.size)
        print(json.dumps(result))
        return
    what = ["ours", "langchain"] if args.what == "both" else [args.what]
    print(json.dumps(run(args.size, what, args.batch_chunks), indent=1))


if __name__ == "__main__":
    main()
