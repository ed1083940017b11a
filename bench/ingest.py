"""Real ingest, same article files, same model, same machine: ours (Indexer, the code behind `rag index`)
against LangChain (TextLoader + splitter + FAISS.from_documents); each pipeline in its own process for its peak RSS.

Run: .venv/bin/python bench/ingest.py --size 1k [--pipeline ours|langchain|both|ours-nosentences|parts]

``ours-nosentences`` indexes without sentence rows (chunk vectors only, as before they existed); ``parts`` times
the steps of ours on the same chunks, one after the other in one process: the pure encode floor (the chunks
embedded with the fastest packaged form, ONNX int8 on every core), the same pass also pooling each sentence's
vector (what ingest does), the sentence vectors embedded alone (as before), and the typed claims (spaCy), in
wall and CPU seconds.

With extraction on (saved web pages, PDFs): .venv/bin/python bench/ingest.py --files DIR
reads every .html/.pdf under DIR (pages/s and PDF pages/s read, then the same files indexed end to end;
--read-only stops after reading).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus import CACHE, article_folder, parse_size, size_label  # noqa: E402
from procstat import memory_mb  # noqa: E402


def ingest_ours(folder: Path, out: Path, sentences: bool = True) -> dict[str, Any]:
    from index.files import index_paths
    from rag.services import build_services
    from rag.settings import Settings

    start = time.perf_counter()
    services = build_services(Settings.load(index_dir=out))
    if not sentences:
        services.indexer.sentences = None
    else:
        from rag.claims.extract import typed

        typed()  # spaCy loaded before the clock starts, as the model is
    loaded, cpu = time.perf_counter(), time.process_time()
    report = index_paths(services.indexer, [folder], services.settings.indexing)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    docs, chunks = services.store.count()
    return {"load_s": loaded - start, "index_s": done - loaded, "docs": docs, "chunks": chunks,
            "refused": len(report.refused), "cpu_s": round(cpu, 2), "chunks_per_cpu_s": round(chunks / cpu, 2)}


def ingest_files(folder: Path, out: Path, index: bool = True) -> dict[str, Any]:
    """Extraction alone (the readers), then the whole `rag index` path, over a folder of pages and PDFs."""
    from pypdf import PdfReader

    from index.documents import read_document
    from index.files import index_paths
    from rag.services import build_services
    from rag.settings import Settings

    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm", ".pdf"))
    html = [p for p in files if p.suffix.lower() != ".pdf"]
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    pdf_pages = sum(len(PdfReader(p).pages) for p in pdfs)
    timings, cpu = {}, {}  # wall and CPU seconds: on a shared machine the CPU figure is the steadier one
    for kind, group in (("html", html), ("pdf", pdfs)):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in group:
            read_document(path, 50_000_000)
        timings[kind], cpu[kind] = time.perf_counter() - start, time.process_time() - start_cpu
    read = {"html_pages": len(html), "html_read_pages_per_s": round(len(html) / timings["html"], 1) if html else None,
            "html_read_pages_per_cpu_s": round(len(html) / cpu["html"], 1) if html else None,
            "pdf_files": len(pdfs), "pdf_pages": pdf_pages,
            "pdf_read_pages_per_s": round(pdf_pages / timings["pdf"], 1) if pdfs else None,
            "pdf_read_pages_per_cpu_s": round(pdf_pages / cpu["pdf"], 1) if pdfs else None}
    if not index:
        return read
    print(json.dumps(read), file=sys.stderr)
    services = build_services(Settings.load(index_dir=out))
    start = time.perf_counter()
    report = index_paths(services.indexer, [folder], services.settings.indexing)
    index_s = time.perf_counter() - start
    return {**read, "indexed": len(report.added), "refused": len(report.refused), "chunks": report.chunks,
            "index_s": round(index_s, 1), "index_files_per_s": round(len(report.added) / index_s, 2)}


def ingest_langchain(folder: Path, out: Path) -> dict[str, Any]:
    import langchain_pipeline

    start = time.perf_counter()
    embedding = langchain_pipeline.embeddings()
    loaded, cpu = time.perf_counter(), time.process_time()
    chunks = langchain_pipeline.ingest_folder(folder, out, embedding)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    return {"load_s": loaded - start, "index_s": done - loaded, "docs": len(list(folder.glob("*.txt"))),
            "chunks": chunks, "refused": 0, "cpu_s": round(cpu, 2), "chunks_per_cpu_s": round(chunks / cpu, 2)}


def parts(folder: Path) -> dict[str, Any]:
    """Each step of our ingest on the same chunks: wall and CPU seconds, and chunks/s of each."""
    from index.documents import read_document
    from rag.answer.evidence import ranked
    from rag.claims.extract import analyze, typed
    from rag.claims.records import spans
    from rag.embedders import MiniLMEmbedder
    from rag.indexing.chunker import Chunker
    from rag.indexing.sentences import SentenceBuilder
    from rag.settings import Settings

    settings = Settings.load()
    chunker = Chunker(settings.chunking.size, settings.chunking.overlap)
    chunks = [c for p in sorted(folder.glob("*.txt")) for c in chunker.split(read_document(p, 50_000_000))]
    embedder = MiniLMEmbedder()
    onnx = embedder if embedder.document_backend == "onnx" else MiniLMEmbedder(document_backend="onnx")
    typed()
    build = SentenceBuilder(embedder)
    embedder.embed_documents([c.text for c in chunks[:32]])  # kernels set up before the clock starts

    sentences = list(dict.fromkeys(s for c in chunks for _, _, s in spans(c.text)))
    out: dict[str, Any] = {"chunks": len(chunks), "sentences": len(sentences),
                           "document_backend": embedder.document_backend}
    wanted = [[(a, b) for a, b, s in spans(c.text) if ranked(s) and a >= 0] for c in chunks]
    steps = {"encode_floor": lambda: embedder.embed_documents([c.text for c in chunks]),
             # (pooling reads the ONNX pass's token states: the pooled opt-in runs on ONNX whatever the CPU)
             "chunk_and_pooled_sentence_vectors": lambda: onnx.embed_with_spans([c.text for c in chunks], wanted),
             "sentence_vectors_alone": lambda: build.embed([t for t in sentences if ranked(t)]),
             "claims": lambda: analyze(sentences),
             "claims_regex_only": lambda: analyze(sentences, use_model=False)}
    for name, step in steps.items():
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        out[name] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "chunks_per_s": round(len(chunks) / wall, 1)}
        print(name, out[name], file=sys.stderr)
    return out


def worker(pipeline: str, size: int) -> dict[str, Any]:
    folder = article_folder(size)
    if pipeline == "parts":
        return parts(folder)
    out = CACHE / "ingest" / f"{pipeline}-{size_label(size)}"
    shutil.rmtree(out, ignore_errors=True)
    result = ingest_langchain(folder, out) if pipeline == "langchain" else ingest_ours(folder, out, pipeline == "ours")
    result.update(memory_mb())
    result.update({"pipeline": pipeline, "size": size_label(size),
                   "chunks_per_s": round(result["chunks"] / result["index_s"], 1),
                   "docs_per_s": round(result["docs"] / result["index_s"], 2),
                   "load_s": round(result["load_s"], 2), "index_s": round(result["index_s"], 2)})
    return result


def run(size: int, pipelines: list[str]) -> list[dict[str, Any]]:
    """Each pipeline in a fresh process (so peak RSS is its own); the article folder is written first."""
    article_folder(size)
    results = []
    for pipeline in pipelines:
        proc = subprocess.run([sys.executable, __file__, "--size", str(size), "--pipeline", pipeline, "--worker"],
                              check=True, capture_output=True, text=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=1000)
    parser.add_argument("--pipeline", choices=["ours", "langchain", "both", "ours-nosentences", "parts"], default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help="a folder of .html and .pdf files: extraction speed")
    parser.add_argument("--read-only", action="store_true", help="with --files: the readers only, no indexing")
    args = parser.parse_args()
    if args.files:
        out = CACHE / "ingest" / "files"
        shutil.rmtree(out, ignore_errors=True)
        print(json.dumps(ingest_files(args.files, out, index=not args.read_only), indent=1))
        return
    if args.worker:
        print(json.dumps(worker(args.pipeline, args.size)))
        return
    pipelines = ["ours", "langchain"] if args.pipeline == "both" else [args.pipeline]
    print(json.dumps(run(args.size, pipelines), indent=1))


if __name__ == "__main__":
    main()
