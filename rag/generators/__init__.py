"""Generators by name: the built-ins, plus any registered in the ``rag.generators`` entry-point group.

A third-party generator is a callable ``factory(settings, embedder) -> Generator`` published as::

    [project.entry-points."rag.generators"]
    mymodel = "my_package:make_generator"
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from rag.errors import ConfigError
from rag.protocols import Embedder, Generator
from rag.settings import Settings

Factory = Callable[[Settings, Embedder], Generator]


def _openai(settings: Settings, embedder: Embedder) -> Generator:
    from rag.generators.openai_chat import OpenAIGenerator

    return OpenAIGenerator(settings.openai)


def _anthropic(settings: Settings, embedder: Embedder) -> Generator:
    from rag.generators.anthropic_messages import AnthropicGenerator

    return AnthropicGenerator(settings.anthropic)


def _llamacpp(settings: Settings, embedder: Embedder) -> Generator:
    from rag.generators.llamacpp import LlamaCppGenerator

    return LlamaCppGenerator(settings.llamacpp)


BUILT_IN: dict[str, Factory] = {"openai": _openai, "anthropic": _anthropic, "llamacpp": _llamacpp}
GROUP = "rag.generators"


def available() -> dict[str, Factory | None]:
    """Every generator name; plugins are loaded only when picked."""
    names: dict[str, Factory | None] = {"extractive": None, **BUILT_IN}
    for ep in entry_points(group=GROUP):
        names.setdefault(ep.name, None)
    return names


def make_generator(settings: Settings, embedder: Embedder) -> Generator:
    """The model generator named by settings.generator (not 'extractive', which services builds itself)."""
    name = settings.generator
    if name in BUILT_IN:
        return BUILT_IN[name](settings, embedder)
    for ep in entry_points(group=GROUP):
        if ep.name == name:
            try:
                factory = ep.load()
            except Exception as exc:
                raise ConfigError(f"generator {name!r} (entry point {ep.value}) failed to load: {exc}") from None
            return factory(settings, embedder)  # type: ignore[no-any-return]
    raise ConfigError(f"unknown generator {name!r} (RAG_GENERATOR): choose one of {', '.join(available())}")
