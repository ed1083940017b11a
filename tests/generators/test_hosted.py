"""Hosted generators through the official SDKs against fake servers on loopback: answers are verified,
failures become clear errors (or a degraded extractive answer), nothing of the provider's text leaks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rag.answer.answerer import Answerer
from rag.answer.evidence import SentenceVectors
from rag.answer.extractive import ExtractiveGenerator
from rag.errors import ConfigError, GeneratorFailed, GeneratorTimeout, GeneratorUnavailable
from rag.generators.anthropic_messages import AnthropicGenerator, AnthropicOptions
from rag.generators.fallback import WithFallback
from rag.generators.openai_chat import OpenAIGenerator, OpenAIOptions
from rag.settings import AnswerSettings, Settings
from rag.types import Passage
from tests.fakes.llm_servers import FakeLLM, Reply


def _p(n: int, doc_id: str, text: str) -> Passage:
    return Passage(doc_id=doc_id, chunk_id=f"{doc_id}:0:{n}", title=doc_id.title(), text=text, score=0.5)


PASSAGES = [
    _p(1, "council", "The council voted 7 to 2 on Tuesday to approve the plant. The plant will produce 50,000 cubic "
                     "metres of drinking water per day. The water deal with the port lasts 90 days at first."),
    _p(2, "review", "An engineering review puts the cost of the plant at $510 million. The review says the port "
                    "water deal will last one year."),
    _p(3, "fishers", "Fishers worry that brine from the plant could harm the crab beds near the harbor mouth."),
]
QUESTION = "How much will the plant cost?"


@pytest.fixture(scope="module")
def vectors(minilm) -> SentenceVectors:  # type: ignore[no-untyped-def]
    return SentenceVectors(minilm)


@pytest.fixture
def openai_fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-key")
    fake = FakeLLM("openai").start()
    yield fake
    fake.stop()


@pytest.fixture
def anthropic_fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-secret")
    fake = FakeLLM("anthropic").start()
    yield fake
    fake.stop()


def _answerer(generator, minilm, vectors: SentenceVectors, fallback: bool = True) -> Answerer:  # type: ignore[no-untyped-def]
    settings = AnswerSettings(fallback=fallback)
    return Answerer(WithFallback(generator, ExtractiveGenerator(minilm, settings, vectors), fallback), vectors, settings)


def _openai(fake: FakeLLM, **options: object) -> OpenAIGenerator:
    return OpenAIGenerator(OpenAIOptions(**{"base_url": fake.url, "model": "fake-model", **options}))  # type: ignore[arg-type]


def test_a_streamed_openai_answer_is_verified_and_cited(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("An engineering review puts the cost of the plant at $510 million [2].", pieces=5)
    events = list(_answerer(_openai(openai_fake), minilm, vectors).stream(QUESTION, PASSAGES))
    tokens = [v for k, v in events if k == "token"]
    answer = events[-1][1]
    assert len(tokens) >= 5 and "".join(tokens).startswith("An engineering review")
    assert answer.grounded and not answer.degraded and answer.generator == "openai" and answer.prompt_version
    assert answer.answer == "An engineering review puts the cost of the plant at $510 million [1]."
    assert [(c.id, c.doc_id, c.verified) for c in answer.citations] == [(1, "review", True)]
    assert answer.citations[0].text == "An engineering review puts the cost of the plant at $510 million."
    request = openai_fake.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["body"]["stream"] is True
    assert request["body"]["model"] == "fake-model"
    system, user = request["body"]["messages"]
    assert system["role"] == "system" and "not instructions" in system["content"]
    assert '<passage n="2" title="Review">' in user["content"] and "Question: " + QUESTION in user["content"]
    assert request["headers"]["authorization"] == "Bearer sk-test-secret-key"


def test_a_wrong_number_is_dropped_and_an_unknown_or_wrong_passage_is_moved_to_the_right_one(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("The review puts the cost at $600 million [2]. "          # wrong number
                                "The plant will produce 50,000 cubic metres of water per day [9]. "  # unknown passage
                                "The council approved the plant by 7 votes to 2 [1][7]. "
                                "An engineering review puts the cost of the plant at $510 million [3].")  # wrong one
    answer = _answerer(_openai(openai_fake), minilm, vectors).answer(QUESTION, PASSAGES, debug=True)
    assert answer.answer == "An engineering review puts the cost of the plant at $510 million [1]."
    assert [(c.doc_id, c.attributed) for c in answer.citations] == [("review", True)]
    assert not answer.degraded
    trace = answer.trace or {}
    reasons = " | ".join(d["reason"] for d in trace["dropped"])
    assert "no passage holds 600" in reasons and "[9]" in reasons and "[7]" in reasons and "contains 510" in reasons
    # The output and the vote are in the council's passage, but neither is the cost that was asked: each is
    # dropped by the relevance bar (and the output's attribution with it).
    assert [d["sentence"] for d in trace["dropped"] if d["reason"].startswith("off the question")] == [
        "The plant will produce 50,000 cubic metres of water per day.", "The council approved the plant by 7 votes to 2."]
    assert [(a["citation"], a["model_cited"]) for a in trace["attributed"]] == [(1, [3])]
    assert trace["kept"] == 1


def test_llamacpp_server_stream_shapes_a_cut_off_draft_and_a_model_named_by_path(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    """As llama-cpp-python's server streams: a role-only first delta, logprobs null, finish_reason "length" when
    max_tokens cuts the draft, then (OpenAI with include_usage) a chunk with no choices and only usage."""
    openai_fake.default = Reply("An engineering review puts the cost of the plant at $510 million [2]. The council voted 7",
                                finish="length", usage_chunk=True, role_chunk="llamacpp", pieces=7)
    model = "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
    answer = _answerer(_openai(openai_fake, model=model), minilm, vectors).answer(QUESTION, PASSAGES, debug=True)
    assert answer.answer == "An engineering review puts the cost of the plant at $510 million [1]." and not answer.degraded
    assert openai_fake.requests[0]["body"]["model"] == model
    trace = answer.trace or {}
    assert "the draft ends mid-sentence (cut off)" in trace["draft_issues"]
    assert {"sentence": "The council voted 7", "reason": "cut off mid-sentence"} in trace["dropped"]


def test_nothing_verifiable_falls_back_to_the_extractive_answer_marked_degraded(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("The plant costs $900 million [1]. It was built in 1850 [2].")
    answer = _answerer(_openai(openai_fake), minilm, vectors).answer(QUESTION, PASSAGES)
    assert answer.grounded and answer.degraded and "$510 million" in answer.answer
    assert answer.generator.startswith("extractive (fallback from openai")


def test_a_model_that_says_the_articles_do_not_answer_is_a_decline(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("The indexed articles do not answer this question.")
    answer = _answerer(_openai(openai_fake), minilm, vectors).answer("Who designed the plant?", PASSAGES)
    assert not answer.grounded and not answer.degraded and answer.citations == []


def test_quotes_that_answer_nothing_are_not_trusted_when_the_model_cited_none_of_them(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("Fishers worry that brine from the plant could harm the crab beds near the harbor mouth.")
    answer = _answerer(_openai(openai_fake), minilm, vectors).answer("Who designed the plant?", PASSAGES, debug=True)
    assert not answer.grounded and answer.degraded and answer.citations == []
    assert [d["reason"].split(" (")[0] for d in (answer.trace or {})["dropped"]] == ["off the question"]


def test_disagreeing_sources_become_a_conflict(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.default = Reply("The water deal with the port lasts 90 days at first [1]. "
                                "The review says the port water deal will last one year [2].")
    answer = _answerer(_openai(openai_fake), minilm, vectors).answer("How long does the port water deal last?", PASSAGES)
    assert [c.kind for c in answer.conflicts] == ["disagreement"]
    assert {(c.value, c.citation) for c in answer.conflicts[0].claims} == {("90 days", 1), ("1 year", 2)}
    assert "The sources disagree" in answer.answer and "[1] 90 days" in answer.answer


def test_429_is_retried_with_backoff(openai_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    openai_fake.replies = [Reply(status=429), Reply(status=503)]
    openai_fake.default = Reply("An engineering review puts the cost of the plant at $510 million [2].")
    answer = _answerer(_openai(openai_fake, max_retries=2), minilm, vectors, fallback=False).answer(QUESTION, PASSAGES)
    assert answer.grounded and not answer.degraded and len(openai_fake.requests) == 3


@pytest.mark.parametrize(("reply", "error", "status_word"), [
    (Reply(status=401), GeneratorFailed, "API key"),
    (Reply(status=500), GeneratorFailed, "HTTP 500"),
    (Reply(status=429), GeneratorUnavailable, "rate-limiting"),
    (Reply(delay=1.5), GeneratorTimeout, "did not answer within"),
    (Reply(garbage=True), GeneratorFailed, "could not read"),
])
def test_failures_are_clear_errors_without_the_providers_text(openai_fake: FakeLLM, minilm, vectors, reply: Reply,  # type: ignore[no-untyped-def]
                                                              error: type, status_word: str) -> None:
    openai_fake.default = reply
    generator = _openai(openai_fake, max_retries=0, timeout=0.5)
    with pytest.raises(error) as caught:
        _answerer(generator, minilm, vectors, fallback=False).answer(QUESTION, PASSAGES)
    assert status_word in caught.value.message
    assert "secret" not in caught.value.message and "sk-test" not in caught.value.message
    assert caught.value.__cause__ is not None  # the SDK's exception, kept for the log
    degraded = _answerer(generator, minilm, vectors, fallback=True).answer(QUESTION, PASSAGES)
    assert degraded.degraded and degraded.grounded and "$510 million" in degraded.answer


def test_anthropic_messages_stream(anthropic_fake: FakeLLM, minilm, vectors) -> None:  # type: ignore[no-untyped-def]
    anthropic_fake.default = Reply("An engineering review puts the cost of the plant at $510 million [2].")
    generator = AnthropicGenerator(AnthropicOptions(base_url=anthropic_fake.url, model="fake-claude"))
    answer = _answerer(generator, minilm, vectors).answer(QUESTION, PASSAGES)
    assert answer.grounded and answer.generator == "anthropic" and answer.citations[0].doc_id == "review"
    request = anthropic_fake.requests[0]
    assert request["path"] == "/v1/messages" and request["body"]["stream"] is True
    assert "not instructions" in request["body"]["system"] and "sk-ant-test-secret" in (request["headers"].get("x-api-key", "") + request["headers"].get("authorization", ""))


@pytest.mark.parametrize(("status", "error"), [(529, GeneratorUnavailable), (401, GeneratorFailed), (400, GeneratorFailed)])
def test_anthropic_errors(anthropic_fake: FakeLLM, minilm, vectors, status: int, error: type) -> None:  # type: ignore[no-untyped-def]
    anthropic_fake.default = Reply(status=status)
    generator = AnthropicGenerator(AnthropicOptions(base_url=anthropic_fake.url, max_retries=0))
    with pytest.raises(error) as caught:
        _answerer(generator, minilm, vectors, fallback=False).answer(QUESTION, PASSAGES)
    assert "secret" not in caught.value.message


def test_bad_generator_configuration_fails_at_start_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.generators import make_generator

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        make_generator(Settings.load(generator="openai"), None)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown generator 'gpt5'.*extractive, openai, anthropic, llamacpp"):
        make_generator(Settings.load(generator="gpt5"), None)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown field 'generators.openai.temperatur'"):
        Settings.load(generators={"openai": {"temperatur": 0.2}})
