"""Any OpenAI-compatible chat endpoint through the official ``openai`` SDK."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from rag.errors import ConfigError, GeneratorFailed, GeneratorTimeout, GeneratorUnavailable
from rag.generators.prompt import PROMPT_VERSION, condense_messages, messages
from rag.settings import OpenAIOptions
from rag.types import ChatMessage, Passage


class OpenAIGenerator:
    name = "openai"
    prompt_version = PROMPT_VERSION

    def __init__(self, options: OpenAIOptions) -> None:
        import openai

        key = os.environ.get(options.api_key_env)
        if not key:
            raise ConfigError(f"generator openai needs an API key in the environment variable {options.api_key_env} "
                              f"(setting openai.api_key_env); local servers accept any value")
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
        o, errors = self.options, self._openai
        try:
            chunks = self.client.chat.completions.create(
                model=o.model, messages=chat, stream=True,  # type: ignore[arg-type]
                max_tokens=max_tokens, temperature=o.temperature)
            for chunk in chunks:
                choices = getattr(chunk, "choices", None)
                if choices and choices[0].delta.content:
                    yield choices[0].delta.content
        except errors.APITimeoutError:
            raise GeneratorTimeout(f"the model at {self._where()} did not answer within {o.timeout:g} s") from None
        except errors.RateLimitError:
            raise GeneratorUnavailable(f"the model at {self._where()} is rate-limiting us; try again shortly") from None
        except errors.AuthenticationError:
            raise GeneratorFailed(f"the model at {self._where()} rejected the API key "
                                  f"(check {o.api_key_env})") from None
        except errors.APIStatusError as exc:
            raise GeneratorFailed(f"the model at {self._where()} answered HTTP {exc.status_code}") from None
        except errors.APIConnectionError:
            raise GeneratorUnavailable(f"could not reach the model at {self._where()}") from None
        except (errors.OpenAIError, ValueError, KeyError, TypeError):  # ValueError: a body that is not JSON
            raise GeneratorFailed(f"the model at {self._where()} sent a response we could not read") from None

    def _where(self) -> str:
        return f"{self.options.base_url or 'api.openai.com'} ({self.options.model})"
