"""Indexing onto a full disk (a small tmpfs): a clear error, the previous index intact, and a re-run with room works."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import API_KEY, start_server, stop_server
from tests.reliability.support import Corpus, check_consistent, hashing_env, only_committed_vectors, open_index, run_index


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def grow(mount: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(mount)], check=True)


def index_first_set(index: Path, folder: Path, count: int, seed: int) -> tuple[Corpus, dict[str, str]]:
    """Index a small first set that fits the disk; returns it and the index's content hashes."""
    first = Corpus(folder, seed=seed)
    first.write(range(count), version=0)
    assert run_index(first.folder, index, batch=200).returncode == 0
    return first, open_index(index).store.content_hashes()


def assert_clear_disk_full_error(result: subprocess.CompletedProcess[str]) -> None:
    print(result.stderr)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error: disk full" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.slow
def test_indexing_onto_a_full_disk_fails_clearly_and_keeps_the_previous_index(small_disk: Path, tmp_path: Path) -> None:
    index = small_disk / "index"
    first, before = index_first_set(index, tmp_path / "first", 30, seed=1)
    assert before == first.current

    big = Corpus(tmp_path / "big", seed=2)
    big.write(range(1500), version=0, prefix="big")
    versions = {**first.versions, **big.versions}

    # One batch: the failed run commits nothing, so the index has exactly the documents it had.
    assert_clear_disk_full_error(run_index(big.folder, index, batch=10_000))
    assert check_consistent(open_index(index), versions) == len(before)
    assert open_index(index).store.content_hashes() == before
    assert only_committed_vectors(index), "a failed write leaves no vector file taking space"

    # Many batches: those committed before the disk filled stay, each document whole; the first ones are untouched.
    assert_clear_disk_full_error(run_index(big.folder, index, batch=50))
    services = open_index(index)
    check_consistent(services, versions)
    assert {d: h for d, h in services.store.content_hashes().items() if d in before} == before
    assert only_committed_vectors(index)

    grow(small_disk, "64m")
    finished = run_index(big.folder, index, batch=50)
    assert finished.returncode == 0, finished.stderr
    services = open_index(index)
    assert check_consistent(services, versions) == len(before) + 1500
    assert services.store.content_hashes() == {**first.current, **big.current}


@pytest.mark.slow
def test_uploads_onto_a_full_disk_get_507_and_the_server_keeps_serving(small_disk: Path, tmp_path: Path) -> None:
    index = small_disk / "index"
    _, before = index_first_set(index, tmp_path / "first", 20, seed=3)
    server = start_server(index, tmp_path / "server.log", {**hashing_env(index), "RAG_API_KEYS": API_KEY,
                                                           "RAG_API__RATE_LIMIT_PER_MINUTE": "0"})
    try:
        with server.client() as client:
            headers = {"Authorization": f"Bearer {API_KEY}"}
            statuses = []
            for n in range(400):  # ~20 KB each: the 3 MB disk fills long before the last one
                text = f"Upload {n} about the harbor desalination plant. " + "Filler words about water. " * 800
                response = client.post("/v1/documents", headers=headers, json={"doc_id": f"up-{n}", "text": text})
                statuses.append(response.status_code)
                if response.status_code == 507:
                    assert response.json()["error"]["code"] == "storage_full"
                    assert "disk full" in response.json()["error"]["message"]
                    break
                assert response.status_code == 201, response.text
            assert statuses[-1] == 507, f"the disk never filled: {statuses}"
            assert client.post("/v1/search", json={"query": "harbor desalination"}).status_code == 200
            assert client.get("/healthz").status_code == 200
    finally:
        stop_server(server)
    services = open_index(index)
    assert services.store.verify() == []
    stored = services.store.content_hashes()
    assert {d: h for d, h in stored.items() if d in before} == before
    assert len(stored) == len(before) + len(statuses) - 1  # every acknowledged upload, and not the refused one
    assert only_committed_vectors(index)
