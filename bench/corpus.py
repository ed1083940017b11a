"""Benchmark collections from a pool of real sentences (the shared benchmarks and articles), deterministic by seed.

Two kinds, both recombining whole sentences of the pool:
- article files (``--kind files``) for real ingest: folders of .txt articles the product and LangChain index
  from scratch with the model;
- vector collections (``--kind vectors``) for 100k and 1M chunks, too many to embed on two cores: every
  unique pool sentence is embedded once with the real model (cached in data/bench/), each chunk is 2-4 whole
  sentences and its vector is the normalized mean of its sentences' vectors.

Run: .venv/bin/python bench/corpus.py --size 10000 --kind files
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag.text import split_sentences  # noqa: E402

SHARED = REPO.parent / "shared"
CACHE = REPO / "data" / "bench"
SEED = 20240601
CHUNK_CHARS = 400  # the product's default chunk size; synthetic chunks stay under it
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def parse_size(text: str) -> int:
    return SIZES.get(text.lower()) or int(text.replace("_", ""))


def size_label(size: int) -> str:
    return next((k for k, v in SIZES.items() if v == size), str(size))


def _pool_texts(shared: Path) -> Iterator[str]:
    squad = json.loads((shared / "benchmarks" / "squad2-sub500" / "queries.json").read_text())["queries"]
    yield from dict.fromkeys(q["context"] for q in squad)
    for line in (shared / "benchmarks" / "rgb" / "en_fact.json").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            yield from row["positive"] + row["negative"]  # positive_wrong are edited copies of positive
    for path in sorted((shared / "corpus" / "rare-earths").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def sentence_pool(shared: Path = SHARED) -> list[str]:
    """Unique sentences of 40-300 characters from the shared benchmarks and articles, in a fixed order."""
    seen: dict[str, None] = {}
    for text in _pool_texts(shared):
        for sentence in split_sentences(text):
            sentence = " ".join(sentence.split())
            if 40 <= len(sentence) <= 300 and sentence[-1] in ".!?\"'":
                seen.setdefault(sentence, None)
    return list(seen)


def questions(shared: Path = SHARED) -> list[str]:
    """Distinct benchmark questions (SQuAD 2.0 sample, RGB, rare-earths eval set), in a fixed order."""
    out: dict[str, None] = {}
    for q in json.loads((shared / "benchmarks" / "squad2-sub500" / "queries.json").read_text())["queries"]:
        out.setdefault(q["question"].strip(), None)
    for line in (shared / "benchmarks" / "rgb" / "en_fact.json").read_text().splitlines():
        if line.strip():
            out.setdefault(json.loads(line)["query"].strip(), None)
    for line in (REPO / "eval" / "datasets" / "rare-earths.jsonl").read_text().splitlines():
        if line.strip():
            out.setdefault(json.loads(line)["question"].strip(), None)
    return [q for q in out if q]


def write_articles(size: int, out: Path, seed: int = SEED) -> tuple[int, int]:
    """Write .txt articles until the product's chunker would cut about ``size`` chunks; (articles, chunks)."""
    from rag.indexing.chunker import Chunker
    from rag.types import Document

    pool = sentence_pool()
    rng = random.Random(seed)
    chunker = Chunker(CHUNK_CHARS, 80)
    out.mkdir(parents=True, exist_ok=True)
    chunks = articles = 0
    while chunks < size:
        paragraphs = [" ".join(rng.sample(pool, rng.randint(2, 5))) for _ in range(rng.randint(4, 12))]
        title = f"Briefing {articles:06d}: " + " ".join(rng.choice(pool).split()[:7]).rstrip(".,;:")
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        doc_id = f"a{articles:06d}"
        chunks += len(chunker.split(Document(doc_id=doc_id, title=title, text=text, content_hash="-")))
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        articles += 1
    (out / "DONE").write_text(json.dumps({"articles": articles, "chunks": chunks, "seed": seed}))
    return articles, chunks


def article_folder(size: int) -> Path:
    """The cached article folder of this size, written on first use."""
    folder = CACHE / f"articles-{size_label(size)}"
    if not (folder / "DONE").exists():
        write_articles(size, folder)
    return folder


def sentence_vectors(pool: list[str]) -> np.ndarray:
    """The pool's sentence vectors from the packaged model, computed once and cached by content."""
    digest = hashlib.sha1("\n".join(pool).encode()).hexdigest()[:12]
    path = CACHE / f"sentences-{digest}.npy"
    if path.exists():
        return np.load(path)
    from rag.embedders import MiniLMEmbedder  # the real model, whatever embeds queries in the product

    start = time.perf_counter()
    vectors = MiniLMEmbedder(batch_size=64).embed_documents(pool)
    print(f"embedded {len(pool)} pool sentences in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def _tagged(sentence: str, number: int) -> str:
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            break
    return f"{sentence[:-1]} [{letters}]{sentence[-1]}"


@dataclass
class VectorCollection:
    """Chunks as tuples of pool sentence indices, grouped into documents of ``per_doc`` chunks."""

    pool: list[str]
    sentences: np.ndarray  # (n_chunks, 4) pool indices, -1 padded
    per_doc: int

    def __len__(self) -> int:
        return len(self.sentences)

    def text(self, i: int) -> str:
        """The chunk's sentences, each marked with a tag unique to this chunk: the pool repeats sentences, and
        a server caching per-sentence work would otherwise hit its cache far more often than on real text."""
        return " ".join(t for t, _ in self.tagged(i))

    def tagged(self, i: int) -> list[tuple[str, int]]:
        """The chunk's sentences as ``text`` writes them, with their pool indices."""
        return [(_tagged(self.pool[j], i * 4 + n), int(j)) for n, j in enumerate(self.sentences[i]) if j >= 0]

    def vectors(self, pool_vectors: np.ndarray, start: int, stop: int, block: int = 50_000) -> np.ndarray:
        """Rows ``start:stop``, computed ``block`` rows at a time: all at once, 1M chunks took two (n, 4, dim)
        temporaries, 12 GB, which evicted the store's files from the page cache before the timed searches."""
        out = np.empty((max(0, stop - start), pool_vectors.shape[1]), dtype=np.float32)
        for first in range(start, stop, block):
            idx = self.sentences[first:min(stop, first + block)]
            mask = (idx >= 0)[..., None]
            summed = (pool_vectors[np.maximum(idx, 0)] * mask).sum(axis=1)
            out[first - start:first - start + len(idx)] = summed / np.linalg.norm(summed, axis=1, keepdims=True)
        return out


def vector_collection(size: int, pool: list[str], seed: int = SEED, per_doc: int = 10) -> VectorCollection:
    """``size`` distinct chunks of 2-4 whole pool sentences, each under the chunk size; a chunk's vector is the
    normalized mean of its sentences' vectors (the tags are left out of it)."""
    rng = np.random.default_rng(seed)
    lengths = np.asarray([len(s) + 9 for s in pool])  # a space and the tag
    rows: list[tuple[int, ...]] = []
    seen: set[tuple[int, ...]] = set()
    while len(rows) < size:
        want = size - len(rows)
        counts = rng.integers(2, 5, size=want * 2)
        picks = rng.integers(0, len(pool), size=(want * 2, 4))
        for count, pick in zip(counts, picks):
            row = tuple(int(j) for j in pick[:count])
            if len(set(row)) < count or lengths[list(row)].sum() > CHUNK_CHARS or row in seen:
                continue
            seen.add(row)
            rows.append(row)
            if len(rows) == size:
                break
    sentences = np.full((size, 4), -1, dtype=np.int32)
    for i, row in enumerate(rows):
        sentences[i, :len(row)] = row
    return VectorCollection(pool, sentences, per_doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=1000, help="chunks: 1k, 10k, 100k, 1m or a number")
    parser.add_argument("--kind", choices=["files", "vectors"], default="files")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.kind == "files":
        folder = article_folder(args.size)
        print(f"{folder}: {(folder / 'DONE').read_text()} ({time.perf_counter() - start:.1f} s)")
    else:
        pool = sentence_pool()
        pool_vectors = sentence_vectors(pool)
        collection = vector_collection(args.size, pool)
        print(f"{len(collection)} chunks from {len(pool)} sentences ({pool_vectors.shape}), "
              f"{time.perf_counter() - start:.1f} s; e.g. {collection.text(0)!r}")


if __name__ == "__main__":
    main()
