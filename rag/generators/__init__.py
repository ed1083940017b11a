"""Generators by name: built-ins and plugins alike are entry points of the ``rag.generators`` group.

An entry point names a factory: a class (or any callable) carrying an ``Options`` pydantic model that refuses
unknown keys, called as ``factory(options, embedder)`` to make a Generator. A plugin publishes one as::

    [project.entry-points."rag.generators"]
    mymodel = "my_package:MyGenerator"

and is configured like a built-in: ``[generators.mymodel]`` in the TOML file, ``RAG_GENERATORS__MYMODEL__KEY``
in the environment, each section validated against that generator's ``Options`` when settings load. The
built-ins are declared in this project's pyproject.toml the same way, and listed here too so that a source
checkout that was never installed still has them (tests check the two lists agree).
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pydantic import BaseModel

from rag.errors import ConfigError
from rag.protocols import Embedder, Generator

if TYPE_CHECKING:
    from rag.settings import Settings

GROUP = "rag.generators"
EXTRACTIVE = "extractive"  # quotes the passages; built by services, and the fallback of every other generator
BUILT_IN = {
    "openai": "rag.generators.openai_chat:OpenAIGenerator",
    "anthropic": "rag.generators.anthropic_messages:AnthropicGenerator",
    "llamacpp": "rag.generators.llamacpp:LlamaCppGenerator",
}


@runtime_checkable
class GeneratorFactory(Protocol):
    """What an entry point of the group must name."""

    Options: type[BaseModel]

    def __call__(self, options: Any, embedder: Embedder) -> Generator: ...


def registered() -> dict[str, EntryPoint]:
    """Every generator entry point by name: the built-ins, then installed plugins (which cannot replace them)."""
    found = {name: EntryPoint(name=name, value=value, group=GROUP) for name, value in BUILT_IN.items()}
    for ep in entry_points(group=GROUP):
        found.setdefault(ep.name, ep)
    return found


def available() -> list[str]:
    return [EXTRACTIVE, *registered()]


def load_factory(name: str) -> GeneratorFactory:
    """The factory registered as ``name``, checked to carry a strict Options model."""
    ep = registered().get(name)
    if ep is None:
        raise ConfigError(f"unknown generator {name!r}: choose one of {', '.join(available())} "
                          f"(or install a plugin registering it in the {GROUP} entry-point group)")
    try:
        factory = ep.load()
    except Exception as exc:
        raise ConfigError(f"generator {name!r} (entry point {ep.value}) failed to load: {exc}") from exc
    options = getattr(factory, "Options", None)
    if not (isinstance(factory, GeneratorFactory) and isinstance(options, type) and issubclass(options, BaseModel)):
        raise ConfigError(f"generator {name!r} (entry point {ep.value}) has no Options model: a generator "
                          f"declares `Options`, a pydantic model of its settings")
    if options.model_config.get("extra") != "forbid":
        raise ConfigError(f"generator {name!r}: its Options must refuse unknown keys "
                          f"(model_config = ConfigDict(extra='forbid'))")
    return factory


def validate_options(name: str, section: dict[str, Any]) -> BaseModel:
    """One settings section checked against its generator's Options; a ValidationError names the field."""
    return load_factory(name).Options.model_validate(section)


def make_generator(settings: Settings, embedder: Embedder) -> Generator:
    """The model generator named by ``settings.generator`` (not 'extractive', which services builds itself)."""
    factory = load_factory(settings.generator)
    return factory(settings.generator_options(settings.generator), embedder)


__all__ = ["BUILT_IN", "EXTRACTIVE", "GROUP", "GeneratorFactory", "available", "load_factory",
           "make_generator", "registered", "validate_options"]
