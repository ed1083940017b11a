"""Anthropic's Messages API through the official ``anthropic`` SDK."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from rag.errors import ConfigError, GeneratorFailed, GeneratorTimeout, GeneratorUnavailable
from rag.generators.prompt import PROMPT_VERSION, SYSTEM, condense_messages, user_message
from rag.settings import AnthropicOptions
from rag.types import ChatMessage, Passage


class AnthropicGenerator:
    name = "anthropic"
    prompt_version = PROMPT_VERSION

    def __init__(self, options: AnthropicOptions) -> None:
        import anthropic

        key = os.environ.get(options.api_key_env)
        if not key:
            raise ConfigError(f"generator anthropic needs an API key in the environment variable "
                              f"{options.api_key_env} (setting anthropic.api_key_env)")
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
        o, errors = self.options, self._anthropic
        try:
            with self.client.messages.stream(model=o.model, max_tokens=max_tokens, system=system,
                                             messages=[{"role": "user", "content": user}]) as stream:
                yield from stream.text_stream
        except errors.APITimeoutError:
            raise GeneratorTimeout(f"the model {o.model} did not answer within {o.timeout:g} s") from None
        except errors.RateLimitError:
            raise GeneratorUnavailable(f"the model {o.model} is rate-limiting us; try again shortly") from None
        except errors.AuthenticationError:
            raise GeneratorFailed(f"the model {o.model} rejected the API key (check {o.api_key_env})") from None
        except errors.APIStatusError as exc:
            status = exc.status_code
            if status == 529:
                raise GeneratorUnavailable(f"the model {o.model} is overloaded; try again shortly") from None
            raise GeneratorFailed(f"the model {o.model} answered HTTP {status}") from None
        except errors.APIConnectionError:
            raise GeneratorUnavailable(f"could not reach the model {o.model}") from None
        except (errors.AnthropicError, ValueError, KeyError, TypeError):  # ValueError: a body that is not JSON
            raise GeneratorFailed(f"the model {o.model} sent a response we could not read") from None
