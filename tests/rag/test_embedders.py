"""The MiniLM embedder's two runtimes, int8 ONNX (the default for every call) and torch, give the same vectors."""

import numpy as np
import pytest

from rag.embedders import MiniLMEmbedder, make_embedder
from rag.errors import ConfigError
from rag.protocols import Embedder
from rag.settings import MiniLMOptions, Settings

TEXTS = [
    "What share of rare earth processing does China control?",
    "China agreed to resume exports of rare earth elements for one year.",
    "The harbor desalination plant will cost 420 million dollars and produce 50,000 cubic metres of water a day.",
    "NdFeB magnets",
    "Ribonucleases and the RNA interference pathway are conserved across all eukaryotes, and are thought to play "
    "a role in the immune response to viruses. " * 3,
]


@pytest.fixture(scope="module")
def torch_minilm() -> Embedder:
    return make_embedder("minilm", MiniLMOptions(query_backend="torch", sentence_backend="torch", document_backend="torch"))


def test_onnx_query_vectors_agree_with_torch_document_vectors(minilm: MiniLMEmbedder, torch_minilm: Embedder) -> None:
    assert minilm.query_backend == "onnx"
    stored = torch_minilm.embed_documents(TEXTS)
    for text, vector in zip(TEXTS, stored):
        query = minilm.embed_query(text)
        assert query.shape == (384,) and query.dtype == np.float32
        assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
        assert float(query @ vector) > 0.99


@pytest.fixture(scope="module")
def onnx_minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder(document_backend="onnx")


def test_onnx_document_vectors_agree_with_torch_and_keep_their_order(onnx_minilm: MiniLMEmbedder, torch_minilm: Embedder) -> None:
    assert onnx_minilm.document_backend == "onnx"
    onnx = onnx_minilm.embed_documents(TEXTS * 7)  # lengths differ and span several batches: sorted, then put back
    assert onnx.shape == (len(TEXTS) * 7, 384) and onnx.dtype == np.float32
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-4)
    torch = torch_minilm.embed_documents(TEXTS)
    assert np.all(np.sum(onnx[:len(TEXTS)] * torch, axis=1) > 0.99)
    assert np.allclose(onnx[:len(TEXTS)], onnx[-len(TEXTS):], atol=1e-5)


def test_bf16_document_vectors_agree_with_float32_and_keep_their_order(torch_minilm: Embedder) -> None:
    bf16 = MiniLMEmbedder(document_backend="torch-bf16")
    assert bf16.document_backend == "torch-bf16"
    vectors = bf16.embed_documents(TEXTS * 7)  # several batches, lengths differ
    assert vectors.shape == (len(TEXTS) * 7, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    float32 = torch_minilm.embed_documents(TEXTS)
    assert np.all(np.sum(vectors[:len(TEXTS)] * float32, axis=1) > 0.999)
    assert bf16.embed_with_spans(TEXTS, [[(0, 5)]] * len(TEXTS)) is None  # pooling needs the ONNX pass


def test_auto_takes_bf16_only_where_the_cpu_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag import embedders

    monkeypatch.setattr(embedders, "native_bf16", lambda: True)
    assert embedders.document_runtime("auto") == "torch-bf16"
    monkeypatch.setattr(embedders, "native_bf16", lambda: False)
    assert embedders.document_runtime("auto") == "onnx"
    assert embedders.document_runtime("torch") == "torch"
    assert Settings.load().minilm.document_backend == "auto"


def test_pooled_sentence_vectors_keep_the_onnx_pass(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from rag import embedders
    from rag.services import build_services

    seen = []
    monkeypatch.setattr(embedders, "MiniLMEmbedder", lambda **kw: seen.append(kw["document_backend"]) or embedders.HashingEmbedder())
    settings = Settings.load(index_dir=tmp_path / "index", embedder="minilm")
    build_services(settings.model_copy(update={"indexing": settings.indexing.model_copy(update={"sentence_vectors": "pooled"})}))
    build_services(settings)
    assert seen == ["onnx", "auto"]


def test_sentences_embedded_in_one_batch_come_back_in_their_order(minilm: MiniLMEmbedder) -> None:
    batch = minilm.embed_sentences(TEXTS)  # lengths differ: the ONNX path sorts by length and puts them back
    one_by_one = np.stack([minilm.embed_sentences([t])[0] for t in TEXTS])
    assert batch.shape == (len(TEXTS), 384)
    assert np.allclose(batch, one_by_one, atol=1e-3)
    assert np.all(np.sum(batch * minilm.embed_documents(TEXTS), axis=1) > 0.99)
    assert minilm.embed_sentences([]).shape == (0, 384)


def test_the_nearest_text_is_the_same_whichever_runtime_embeds_the_query(minilm: MiniLMEmbedder, torch_minilm: Embedder) -> None:
    stored = torch_minilm.embed_documents(TEXTS)
    torch_queries = torch_minilm.embed_documents(["Who controls rare earth refining?", "How much does the plant cost?"])
    onnx_queries = np.stack([minilm.embed_query(q) for q in ["Who controls rare earth refining?", "How much does the plant cost?"]])
    assert list(np.argmax(torch_queries @ stored.T, axis=1)) == list(np.argmax(onnx_queries @ stored.T, axis=1)) == [0, 2]


def test_the_torch_backend_can_be_chosen_for_every_call(torch_minilm: Embedder) -> None:
    assert isinstance(torch_minilm, MiniLMEmbedder) and torch_minilm.query_backend == "torch"
    stored = torch_minilm.embed_documents(TEXTS[:2])
    assert np.allclose(torch_minilm.embed_query(TEXTS[0]), stored[0], atol=1e-5)
    assert np.allclose(torch_minilm.embed_sentences(TEXTS[:2]), stored, atol=1e-5)


def test_an_unknown_backend_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_MINILM__QUERY_BACKEND", "gpu")
    with pytest.raises(ConfigError, match="minilm.query_backend"):
        Settings.load()
