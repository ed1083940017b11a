"""Anthropic's Messages API through the official ``anthropic`` SDK."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rag.errors import ConfigError, GeneratorError, GeneratorFailed, GeneratorTimeout, GeneratorUnavailable
from rag.generators.errors import Table, translate
from rag.generators.prompt import PROMPT_VERSION, SYSTEM, condense_messages, user_message
from rag.protocols import Embedder
from rag.types import ChatMessage, Passage


class AnthropicOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_url: str | None = None
    model: str = "claude-haiku-4-5"
    api_key_env: str = "ANTHROPIC_API_KEY"
    timeout: float = Field(default=30.0, gt=0, le=600)
    max_retries: int = Field(default=2, ge=0, le=10)
    max_tokens: int = Field(default=400, ge=16, le=8192)


class AnthropicGenerator:
    Options = AnthropicOptions
    name = "anthropic"
    prompt_version = PROMPT_VERSION

    def __init__(self, options: AnthropicOptions, embedder: Embedder | None = None) -> None:
        import anthropic

        key = os.environ.get(options.api_key_env)
        if not key:
            raise ConfigError(f"generator anthropic needs an API key in the environment variable "
                              f"{options.api_key_env} (setting generators.anthropic.api_key_env)")
        self.options = options
        self._anthropic = anthropic
        self.client = anthropic.Anthropic(base_url=options.base_url, api_key=key, timeout=options.timeout,
                                          max_retries=options.max_retries)

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        return self._chat(SYSTEM, user_message(question, passages), self.options.max_tokens)

    def condense(self, history: Sequence[ChatMessage], question: str) -> str:
        """The follow-up as a standalone question (checked by rag.conversation before use)."""
        system, user = (m["content"] for m in condense_messages(history, question))
        return "".join(self._chat(system, user, min(self.options.max_tokens, 120)))

    def _chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        o = self.options
        try:
            with self.client.messages.stream(model=o.model, max_tokens=max_tokens, system=system,
                                             messages=[{"role": "user", "content": user}]) as stream:
                yield from stream.text_stream
        except (self._anthropic.AnthropicError, ValueError, KeyError, TypeError) as exc:  # ValueError: not JSON
            raise self._error(exc) from exc

    def _error(self, exc: BaseException) -> GeneratorError:
        """The SDK's exception as ours, through the one table."""
        sdk, o = self._anthropic, self.options
        table: Table = [
            (sdk.APITimeoutError, lambda e: GeneratorTimeout(f"the model {o.model} did not answer within {o.timeout:g} s")),
            (sdk.RateLimitError, lambda e: GeneratorUnavailable(f"the model {o.model} is rate-limiting us; try again shortly")),
            (sdk.AuthenticationError, lambda e: GeneratorFailed(f"the model {o.model} rejected the API key "
                                                                f"(check {o.api_key_env})")),
            (sdk.APIStatusError, _status_error(o.model)),
            (sdk.APIConnectionError, lambda e: GeneratorUnavailable(f"could not reach the model {o.model}")),
        ]
        return translate(exc, table, f"the model {o.model} sent a response we could not read")


def _status_error(model: str) -> Any:
    def make(exc: BaseException) -> GeneratorError:
        status = int(getattr(exc, "status_code", 0))
        if status == 529:
            return GeneratorUnavailable(f"the model {model} is overloaded; try again shortly")
        return GeneratorFailed(f"the model {model} answered HTTP {status}")
    return make
