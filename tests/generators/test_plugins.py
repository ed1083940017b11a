"""Generators configured like plugins: a plugin package with its own entry point, configured from a TOML
section and from the environment, in a real `rag` process; built-ins registered the same way."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rag.errors import ConfigError
from rag.generators import BUILT_IN, GROUP, available
from rag.protocols import Condenser, PromptVersioned
from rag.settings import Settings
from tests.conftest import REPO

PLUGIN = '''
"""A generator published by another package: quotes the first sentence of the first passage."""
from pydantic import BaseModel, ConfigDict

class EchoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    style: str = "plain"
    sentences: int = 1

class EchoGenerator:
    Options = EchoOptions
    name = "echo"

    def __init__(self, options, embedder):
        self.options = options
        self.prompt_version = f"echo-v1-{options.style}"

    def stream(self, question, passages):
        first = passages[0].text.split(". ")[: self.options.sentences]
        yield ". ".join(first).rstrip(".") + ". [1]"
'''

ARTICLE = ("Harbor Plant Approved\n\nThe council approved a desalination plant on Tuesday. The plant will produce "
           "50,000 cubic metres of drinking water per day. Fishers worry about brine near the crab beds.\n")


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A separately installed distribution: its package and its dist-info with an entry point in our group."""
    site = tmp_path_factory.mktemp("site")
    (site / "echo_generator").mkdir()
    (site / "echo_generator" / "__init__.py").write_text(PLUGIN)
    info = site / "echo_generator-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: echo-generator\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\necho = echo_generator:EchoGenerator\n")
    return site


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "harbor.txt").write_text(ARTICLE)
    index = folder / "index"
    done = rag(["index", str(folder), "--index", str(index)], {})
    assert done.returncode == 0, done.stderr
    return index


def rag(args: list[str], env: dict[str, str], site: Path | None = None) -> subprocess.CompletedProcess[str]:
    paths = [str(REPO), *([str(site)] if site else [])]
    full = {**{k: v for k, v in os.environ.items() if not k.startswith("RAG_")}, "RAG_EMBEDDER": "hashing",
            "PYTHONPATH": os.pathsep.join(paths), **env}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=full, capture_output=True,
                          text=True, timeout=300)


def test_a_plugin_generator_is_configured_from_its_toml_section(plugin_path: Path, small_index: Path,
                                                               tmp_path: Path) -> None:
    config = tmp_path / "rag.toml"
    config.write_text('generator = "echo"\n\n[generators.echo]\nstyle = "from-toml"\nsentences = 2\n')
    done = rag(["ask", "How much water will the plant produce?", "--json", "--config", str(config),
                "--index", str(small_index)], {}, plugin_path)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["generator"] == "echo" and answer["prompt_version"] == "echo-v1-from-toml"
    assert "50,000 cubic metres" in answer["answer"] and not answer["degraded"]  # two sentences quoted, verified


def test_the_environment_configures_a_plugin_and_beats_the_file(plugin_path: Path, small_index: Path,
                                                               tmp_path: Path) -> None:
    config = tmp_path / "rag.toml"
    config.write_text('[generators.echo]\nstyle = "from-toml"\n')
    done = rag(["ask", "What did the council approve?", "--json", "--config", str(config), "--index", str(small_index)],
               {"RAG_GENERATOR": "echo", "RAG_GENERATORS__ECHO__STYLE": "from-env"}, plugin_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["prompt_version"] == "echo-v1-from-env"


@pytest.mark.parametrize("how", ["toml", "env"])
def test_an_unknown_option_in_a_plugin_section_is_refused_at_start_naming_it(plugin_path: Path, small_index: Path,
                                                                            tmp_path: Path, how: str) -> None:
    config = tmp_path / "rag.toml"
    config.write_text('generator = "echo"\n\n[generators.echo]\ncolour = "red"\n' if how == "toml" else "")
    env = {"RAG_GENERATORS__ECHO__COLOUR": "red"} if how == "env" else {}
    done = rag(["serve", "--config", str(config), "--index", str(small_index), "--port", "9"], env, plugin_path)
    assert done.returncode == 1
    assert "unknown field 'generators.echo.colour'" in done.stderr and "Traceback" not in done.stderr


def test_a_section_for_a_generator_nobody_registered_is_refused(plugin_path: Path) -> None:
    with pytest.raises(ConfigError, match="generators.nothing: unknown generator 'nothing'"):
        Settings.load(generators={"nothing": {"x": 1}})


def test_the_built_ins_are_the_entry_points_this_project_declares() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"][GROUP]
    assert declared == BUILT_IN
    assert available()[:4] == ["extractive", "openai", "anthropic", "llamacpp"]


def test_built_in_options_validate_in_their_sections_and_abilities_are_protocols() -> None:
    from rag.generators.openai_chat import OpenAIGenerator, OpenAIOptions

    settings = Settings.load(generators={"openai": {"model": "local", "temperature": "0.5"}})
    options = settings.generator_options("openai")
    assert isinstance(options, OpenAIOptions) and options.model == "local" and options.temperature == 0.5
    assert Settings.load().generator_options("openai") == OpenAIOptions()
    with pytest.raises(ConfigError, match=r"generators.openai.temperature: Input should be less than or equal to 2"):
        Settings.load(generators={"openai": {"temperature": 9}})
    assert issubclass(OpenAIGenerator, Condenser)


class _Plain:
    name = "plain"

    def stream(self, question, passages):  # type: ignore[no-untyped-def]
        yield "x"


class _Able(_Plain):
    prompt_version = "able-v1"

    def condense(self, history, question):  # type: ignore[no-untyped-def]
        return question


def test_the_fallback_wrapper_has_exactly_the_abilities_of_what_it_wraps() -> None:
    from rag.generators.fallback import WithFallback
    from rag.protocols import HasFallback

    plain, able = WithFallback(_Plain(), _Plain()), WithFallback(_Able(), _Plain())
    assert not isinstance(plain, Condenser) and not isinstance(plain, PromptVersioned)
    assert isinstance(able, Condenser) and isinstance(able, PromptVersioned) and able.prompt_version == "able-v1"
    assert isinstance(plain, HasFallback) and not isinstance(_Able(), HasFallback)


def test_the_old_variable_names_still_work_and_log_a_deprecation(monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("RAG_OPENAI__MODEL", "old-name-model")
    monkeypatch.setenv("RAG_LLAMACPP__N_CTX", "2048")
    with caplog.at_level(logging.WARNING, logger="rag.settings"):
        settings = Settings.load()
    assert settings.generator_options("openai").model == "old-name-model"  # type: ignore[attr-defined]
    assert settings.generator_options("llamacpp").n_ctx == 2048  # type: ignore[attr-defined]
    assert "RAG_OPENAI__MODEL is deprecated" in caplog.text and "RAG_GENERATORS__OPENAI__MODEL" in caplog.text
    monkeypatch.setenv("RAG_GENERATORS__OPENAI__MODEL", "new-name-model")
    assert Settings.load().generator_options("openai").model == "new-name-model"  # type: ignore[attr-defined]
