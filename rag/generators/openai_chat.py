"""Any OpenAI-compatible chat endpoint through the official ``openai`` SDK."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rag.errors import ConfigError, GeneratorError, GeneratorFailed, GeneratorTimeout, GeneratorUnavailable
from rag.generators.errors import Table, translate
from rag.generators.prompt import PROMPT_VERSION, condense_messages, messages
from rag.protocols import Embedder
from rag.types import ChatMessage, Passage


class OpenAIOptions(BaseModel):
    """Any OpenAI-compatible chat endpoint: OpenAI, vLLM, Ollama, llama.cpp server, LM Studio."""

    model_config = ConfigDict(extra="forbid")
    base_url: str | None = Field(default=None, description="e.g. http://localhost:11434/v1; default OpenAI's.")
    model: str = "gpt-4o-mini"
    api_key_env: str = Field(default="OPENAI_API_KEY", description="The environment variable holding the key.")
    timeout: float = Field(default=30.0, gt=0, le=600)
    max_retries: int = Field(default=2, ge=0, le=10, description="Retries with backoff on 429 and 5xx.")
    max_tokens: int = Field(default=400, ge=16, le=8192)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)


class OpenAIGenerator:
    Options = OpenAIOptions
    name = "openai"
    prompt_version = PROMPT_VERSION

    def __init__(self, options: OpenAIOptions, embedder: Embedder | None = None) -> None:
        import openai

        key = os.environ.get(options.api_key_env)
        if not key:
            raise ConfigError(f"generator openai needs an API key in the environment variable {options.api_key_env} "
                              f"(setting generators.openai.api_key_env); local servers accept any value")
        self.options = options
        self._openai = openai
        self.client = openai.OpenAI(base_url=options.base_url, api_key=key, timeout=options.timeout,
                                    max_retries=options.max_retries)

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        return self._chat(messages(question, passages), self.options.max_tokens)

    def condense(self, history: Sequence[ChatMessage], question: str) -> str:
        """The follow-up as a standalone question (checked by rag.conversation before use)."""
        return "".join(self._chat(condense_messages(history, question), min(self.options.max_tokens, 120)))

    def _chat(self, chat: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        o = self.options
        try:
            chunks = self.client.chat.completions.create(
                model=o.model, messages=chat, stream=True,  # type: ignore[arg-type]
                max_tokens=max_tokens, temperature=o.temperature)
            for chunk in chunks:
                choices = getattr(chunk, "choices", None)
                if choices and choices[0].delta.content:
                    yield choices[0].delta.content
        except (self._openai.OpenAIError, ValueError, KeyError, TypeError) as exc:  # ValueError: a body not JSON
            raise self._error(exc) from exc

    def _error(self, exc: BaseException) -> GeneratorError:
        """The SDK's exception as ours, through the one table."""
        sdk, o, where = self._openai, self.options, self._where()
        table: Table = [
            (sdk.APITimeoutError, lambda e: GeneratorTimeout(f"the model at {where} did not answer within {o.timeout:g} s")),
            (sdk.RateLimitError, lambda e: GeneratorUnavailable(f"the model at {where} is rate-limiting us; try again shortly")),
            (sdk.AuthenticationError, lambda e: GeneratorFailed(f"the model at {where} rejected the API key "
                                                                f"(check {o.api_key_env})")),
            (sdk.APIStatusError, lambda e: GeneratorFailed(f"the model at {where} answered HTTP {_status(e)}")),
            (sdk.APIConnectionError, lambda e: GeneratorUnavailable(f"could not reach the model at {where}")),
        ]
        return translate(exc, table, f"the model at {where} sent a response we could not read")

    def _where(self) -> str:
        return f"{self.options.base_url or 'api.openai.com'} ({self.options.model})"


def _status(exc: Any) -> int:
    return int(getattr(exc, "status_code", 0))
