"""Shared fixtures: the real packaged embedder (loaded once), the shared articles, a running server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RARE_EARTHS = SHARED / "corpus" / "rare-earths"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def rare_earths() -> Path:
    if not RARE_EARTHS.is_dir():
        pytest.skip("../shared/corpus/rare-earths is not beside this checkout")
    return RARE_EARTHS


@pytest.fixture(scope="module")
def site(rare_earths: Path):  # type: ignore[no-untyped-def]
    """The rare-earth articles served as a news site on loopback (pages, RSS feed, wire copies)."""
    from tests.fakes.news_site import NewsSite

    with NewsSite(rare_earths) as running:
        yield running


@pytest.fixture(scope="session")
def minilm():  # type: ignore[no-untyped-def]
    from rag.embedders import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def rare_earths_index(tmp_path_factory: pytest.TempPathFactory, rare_earths: Path, minilm) -> Path:  # type: ignore[no-untyped-def]
    """The shared articles indexed once with the real model; copy it before writing to it."""
    from index.files import index_paths
    from rag.indexing.chunker import Chunker
    from rag.indexing.indexer import Indexer
    from rag.services import build_services
    from rag.settings import Settings

    directory = tmp_path_factory.mktemp("rare-earths-index")
    settings = Settings.load(index_dir=directory)
    services = build_services(settings, embedder=minilm)
    index_paths(Indexer(services.store, minilm, Chunker(settings.chunking.size, settings.chunking.overlap)), [rare_earths])
    return directory


def copy_index(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log = log

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)


def start_server(index_dir: Path, log: Path, extra_env: dict[str, str] | None = None,
                 args: list[str] | None = None, module: list[str] | None = None) -> Server:
    """``module``: what to run instead of ``-m api.cli serve`` (it must take --port). One worker process unless
    ``args`` or ``extra_env`` say otherwise (as shipped, one per core): a test server loads its models once, and
    its /metrics carry no worker labels; tests/api/test_workers.py runs two."""
    port = free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_WORKERS": "1", **(extra_env or {})}
    handle = open(log, "wb")
    command = module or ["-m", "api.cli", "serve"]
    process = subprocess.Popen([sys.executable, *command, "--port", str(port), *(args or [])],
                               cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a loaded CI machine takes its time to load the model
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return Server(process, url, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"server did not start:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


API_KEY = "test-key-0123456789abcdef"
# The shared server takes many requests a minute from one address; the rate limit has its own server and test.
UNLIMITED = {"RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, rare_earths_index: Path) -> Iterator[Server]:
    """A real uvicorn server on a loopback port, over a copy of the shared articles' index (read it only)."""
    base = tmp_path_factory.mktemp("server")
    running = start_server(copy_index(rare_earths_index, base / "index"), base / "server.log", UNLIMITED)
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """A real PostgreSQL 16 + pgvector (the pgserver package) for the session; see tests/contracts/pg.py."""
    pytest.importorskip("pgserver", reason="pgserver is not installed (pip install -e '.[dev]' brings it)")
    from tests.contracts.pg import PgServer

    running = PgServer()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def two_teams_index(tmp_path_factory: pytest.TempPathFactory, rare_earths: Path, minilm) -> Path:  # type: ignore[no-untyped-def]
    """The shared articles in collection ``rare-earths`` and other text about the same things in ``decoy-desk``
    (tests/api/collections_world.py), indexed once with the real model; copy it before writing to it."""
    from rag.services import build_services
    from rag.settings import Settings
    from tests.api.collections_world import build

    directory = tmp_path_factory.mktemp("two-teams-index")
    services = build_services(Settings.load(index_dir=directory), embedder=minilm)
    build(services.store, services.indexer, rare_earths)
    return directory
