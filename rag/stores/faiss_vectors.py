"""The FAISS side of FaissStore: which index type for how many vectors, and reading, searching, listing it.

Below ``ivf_threshold`` vectors the index is exact (``IndexIDMap2(IndexFlatIP)``). From there on it is an
inverted file with 8-bit scalar-quantized codes (``IndexIVFScalarQuantizer``, about 4 x sqrt(N) lists,
a quarter of the memory of float32) whose direct map is a hash table, so ``reconstruct`` and
``remove_ids`` by chunk id keep working. The lists are re-trained when the index has grown fourfold
since training, and the index goes back to exact when deletions halve it below the threshold.
Readers memory-map the file (``IO_FLAG_MMAP_IFC``): the vectors stay in the page cache, shared
between processes, instead of being copied into each one.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import faiss
import numpy as np

TRAIN_PER_LIST = 32  # k-means sample: 32 points per list (faiss warns below 39; quality holds, time halves)
TRAIN_ITERATIONS = 10


def new_flat(dim: int) -> faiss.Index:
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


def is_ivf(index: faiss.Index) -> bool:
    return isinstance(index, faiss.IndexIVF)


def read(path: Path, mmap: bool) -> faiss.Index:
    """The index in ``path``; memory-mapped and read-only when ``mmap`` (never modify such an index)."""
    flags = faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY if mmap else 0
    return faiss.read_index(str(path), flags)


def all_ids(index: faiss.Index) -> np.ndarray:
    """Every vector id in the index."""
    if is_ivf(index):
        lists = index.invlists  # type: ignore[attr-defined]
        parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
                 for i in range(lists.nlist) if lists.list_size(i)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return faiss.vector_to_array(index.id_map).astype(np.int64)  # type: ignore[attr-defined]


def lists_for(n: int) -> int:
    return max(16, int(4 * math.sqrt(n)))


def reshape(index: faiss.Index, dim: int, ivf_threshold: int) -> faiss.Index:
    """The index to store for its size: unchanged, or rebuilt as IVF (crossing the threshold, or grown
    fourfold since the lists were trained), or back to exact (deletions halved it below the threshold)."""
    n = index.ntotal
    if is_ivf(index):
        if n < ivf_threshold // 2:
            return _rebuild_flat(index, dim)
        if lists_for(n) >= 2 * index.nlist:  # type: ignore[attr-defined]  # 4 x sqrt(n) doubled: n grew fourfold since training
            return _rebuild_ivf(index, dim)
        return index
    if n >= ivf_threshold:
        return _rebuild_ivf(index, dim)
    return index


def _contents(index: faiss.Index) -> tuple[np.ndarray, np.ndarray]:
    ids = all_ids(index)
    if len(ids) == 0:
        return ids, np.zeros((0, index.d), dtype=np.float32)
    return ids, np.ascontiguousarray(index.reconstruct_batch(ids), dtype=np.float32)


def _rebuild_flat(index: faiss.Index, dim: int) -> faiss.Index:
    ids, vectors = _contents(index)
    flat = new_flat(dim)
    if len(ids):
        flat.add_with_ids(vectors, ids)
    return flat


def _rebuild_ivf(index: faiss.Index, dim: int) -> faiss.Index:
    faiss.omp_set_num_threads(os.cpu_count() or 1)  # k-means uses every core (search() sets its thread to one)
    ids, vectors = _contents(index)
    nlist = lists_for(len(ids))
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                        faiss.METRIC_INNER_PRODUCT)
    ivf.cp.niter = TRAIN_ITERATIONS
    ivf.cp.min_points_per_centroid = 1  # the sample size is chosen above; no warning about it
    sample = min(len(ids), TRAIN_PER_LIST * nlist)
    picked = np.random.default_rng(0).choice(len(ids), size=sample, replace=False)
    ivf.train(vectors[np.sort(picked)])
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    ivf.add_with_ids(vectors, ids)
    return ivf  # faiss's Python wrapper keeps the quantizer alive as long as the index


def search(index: faiss.Index, query: np.ndarray, k: int, allowed: np.ndarray | None,
           nprobe: int, exact_filter_limit: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, ids) of the k nearest among ``allowed`` (None: all); ids -1 pad a short result.

    On an IVF index a filter allowing at most ``exact_filter_limit`` chunks is scored exactly over them.
    """
    k = min(k, index.ntotal)
    # One query is scanned by one thread either way; a second OpenMP thread only adds a barrier that, on a
    # busy 2-core machine, cost 5-90 ms per search (measured). This applies to the calling thread only.
    faiss.omp_set_num_threads(1)
    # Few allowed chunks (a small collection): score just them. On IVF they may sit in lists the probe does
    # not visit; on a flat index a selector still walks every vector (a search of 1% of 100k: 7.0 -> 4.1 ms).
    if allowed is not None and len(allowed) <= exact_filter_limit and (is_ivf(index) or 8 * len(allowed) <= index.ntotal):
        try:
            vectors = index.reconstruct_batch(allowed)
        except RuntimeError:  # a chunk written after this generation was loaded: the selector skips it
            vectors = None
        if vectors is not None:
            scores = vectors @ query[0]
            top = np.argsort(-scores, kind="stable")[:k]
            return scores[top].astype(np.float32), allowed[top]
    if not is_ivf(index):
        params = None if allowed is None else faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))  # type: ignore[call-arg]
        scores, ids = index.search(query, k, params=params)  # type: ignore[call-arg]
        return scores[0], ids[0]
    params = faiss.SearchParametersIVF(nprobe=nprobe)  # type: ignore[call-arg]
    if allowed is not None:
        params.sel = faiss.IDSelectorBatch(allowed)
    scores, ids = index.search(query, k, params=params)  # type: ignore[call-arg]
    return scores[0], ids[0]
