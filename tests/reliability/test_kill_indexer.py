"""`rag index` killed with SIGKILL at random points: the index stays whole and a re-run finishes the job."""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reliability.support import Corpus, check_consistent, generation, hashing_env, index_command, only_committed_vectors, open_index, run_index

ARTICLES = 200
KILLS = 20
BATCH = 2  # documents per commit: 100 commits per full run


def timed_run(folder: Path, index: Path) -> float:
    started = time.monotonic()
    result = run_index(folder, index, batch=BATCH)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


@pytest.mark.slow
def test_indexer_killed_at_twenty_random_points_leaves_a_whole_index_and_a_rerun_finishes(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", seed=7)
    corpus.write(range(ARTICLES), version=0)
    (tmp_path / "empty").mkdir()
    # Each kill waits for a random commit (watching the index's generation), then a random part of one commit's
    # time: random points that land while files are being written however fast this machine runs today.
    startup = timed_run(tmp_path / "empty", tmp_path / "scratch-empty")
    full = timed_run(corpus.folder, tmp_path / "scratch-full")
    per_commit = max(full - startup, 0.2) / (ARTICLES // BATCH)
    rnd = random.Random(20)
    index = tmp_path / "index"
    mid_run, mid_writing, documents_checked, commits = 0, 0, 0, []
    for cycle in range(KILLS):
        if cycle:  # new content for every file: each run replaces every document, so each run has the full work
            corpus.write(range(ARTICLES), version=cycle)
        before = generation(index)
        process = subprocess.Popen(index_command(corpus.folder), cwd=REPO, env=hashing_env(index, BATCH),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target, jitter = before + rnd.randint(1, ARTICLES // BATCH * 9 // 10), rnd.uniform(0, per_commit)
        deadline = time.monotonic() + 120
        while process.poll() is None and generation(index) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(jitter)
        alive = process.poll() is None
        process.kill()
        process.wait()
        mid_run += alive
        written = generation(index) - before
        commits.append(written)
        mid_writing += 0 < written < ARTICLES // BATCH
        documents_checked += check_consistent(open_index(index), corpus.versions)
    print(f"\n{KILLS} kills, {mid_run} while running, {mid_writing} between the first and last commit; "
          f"commits before each kill: {commits}; {documents_checked} documents checked after kills "
          f"(full run {full:.2f} s, start-up {startup:.2f} s)")
    assert mid_run == KILLS, "every kill must land while the indexer is still running"
    assert mid_writing >= KILLS // 2, f"too few kills landed mid-indexing: {commits}"

    finished = run_index(corpus.folder, index, batch=BATCH)
    assert finished.returncode == 0, finished.stderr
    services = open_index(index)
    assert check_consistent(services, corpus.versions) == ARTICLES
    assert services.store.content_hashes() == corpus.current, "every file indexed, at its current content"
    assert services.store.count()[1] == sum(len(services.store.chunk_ids(d)) for d in corpus.current)
    assert only_committed_vectors(index)
    again = run_index(corpus.folder, index, batch=BATCH)
    assert f"skipped {ARTICLES} unchanged" in again.stdout
