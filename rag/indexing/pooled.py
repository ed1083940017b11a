"""Sentence vectors pooled from their chunk's own encoder pass, instead of a second pass per sentence.

The chunk goes through the model once (its vector is what the index stores); each sentence's vector is the
mean of the chunk's token states inside the sentence's character span, at unit length, the pooling the
model uses for a whole text. Each token state has seen the whole chunk, so the vector is the sentence read
in its context, not alone. Readers treat both forms alike (a unit vector dotted with the query's), so an index
may hold both. Opt-in (``RAG_INDEXING__SENTENCE_VECTORS=pooled``): SQuAD hit@1 is the same with either form, but
the rare-earths gate's fact accuracy drops from 0.905 to 0.857 (bench/RESULTS.md, "Ingest, one encoder pass").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def pool_spans(hidden: np.ndarray, encoding: Any, spans: Sequence[tuple[int, int]]) -> np.ndarray | None:
    """(len(spans), dim) unit vectors, one per character span, from one text's token states ``hidden``
    (tokens, dim) and its tokenizer ``encoding`` (offsets, special-token mask); a span holding no token
    (empty, or cut off by truncation) gets a row of NaN, which the caller replaces."""
    if not spans:
        return None
    offsets = np.asarray(encoding.offsets, dtype=np.int64)
    real = (np.asarray(encoding.special_tokens_mask) == 0) & (np.asarray(encoding.attention_mask) == 1)
    bounds = np.asarray(spans, dtype=np.int64)
    inside = ((offsets[None, :, 0] >= bounds[:, :1]) & (offsets[None, :, 1] <= bounds[:, 1:])
              & (offsets[None, :, 1] > offsets[None, :, 0]) & real[None, :])
    counts = inside.sum(axis=1, keepdims=True)
    summed = inside.astype(np.float32) @ hidden[:len(offsets)]
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    out: np.ndarray = np.where(counts > 0, summed / np.maximum(norms, 1e-12), np.nan).astype(np.float32)
    return out
