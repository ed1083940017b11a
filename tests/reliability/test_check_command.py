"""`rag check`: ok on a whole index; names the problem and exits 1 on a damaged one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rag.claims.extract import typed
from rag.claims.records import claims_version
from tests.conftest import REPO
from tests.reliability.support import Corpus, generation, hashing_env, run_index


def check(index: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli", "check", "--index", str(index)], cwd=REPO, env=hashing_env(index), capture_output=True, text=True, timeout=120)


def indexed(tmp_path: Path) -> Path:
    corpus = Corpus(tmp_path / "articles", seed=9)
    corpus.write(range(5), version=0)
    index = tmp_path / "index"
    assert run_index(corpus.folder, index).returncode == 0
    return index


def test_check_says_ok_with_the_counts_when_the_index_is_whole(tmp_path: Path) -> None:
    result = check(indexed(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ") and "5 documents" in result.stdout


def test_check_names_a_document_missing_a_chunk_and_exits_1(tmp_path: Path) -> None:
    index = indexed(tmp_path)
    with sqlite3.connect(index / "meta.sqlite") as conn:
        conn.execute("DELETE FROM chunks WHERE vid = (SELECT MAX(vid) FROM chunks WHERE doc_id = 'art0002')")
    result = check(index)
    assert result.returncode == 1
    assert "problem: document 'art0002' records" in result.stderr
    assert "problem: 1 vectors without a chunk" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_a_missing_vector_file_without_a_traceback(tmp_path: Path) -> None:
    index = indexed(tmp_path)
    (index / f"vectors-{generation(index)}.faiss").unlink()
    result = check(index)
    assert result.returncode == 1
    assert "is missing although the index records generation" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_index_built_before_sentence_rows_is_noted_upgraded_and_then_checked_row_by_row(tmp_path: Path) -> None:
    index = indexed(tmp_path)
    with sqlite3.connect(index / "meta.sqlite") as conn:  # the layout an older version wrote: no sentence rows
        conn.execute("DROP TABLE sentences")
        conn.execute("DROP TABLE sentence_chunks")
    old = check(index)
    assert old.returncode == 0 and old.stdout.startswith("ok: ")
    assert "rag index --upgrade" in old.stderr
    upgrade = subprocess.run([sys.executable, "-m", "api.cli", "index", "--upgrade", "--index", str(index)], cwd=REPO,
                             env=hashing_env(index), capture_output=True, text=True, timeout=300)
    assert upgrade.returncode == 0, upgrade.stderr
    with sqlite3.connect(index / "meta.sqlite") as conn:
        chunks = conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        assert conn.execute("SELECT COUNT(DISTINCT chunk_id) FROM sentences").fetchone()[0] == chunks
    assert f"upgraded {chunks} chunks" in upgrade.stdout
    upgraded = check(index)
    assert upgraded.returncode == 0 and "upgrade" not in upgraded.stderr
    with sqlite3.connect(index / "meta.sqlite") as conn:
        conn.execute("DELETE FROM sentences WHERE rowid = (SELECT MIN(rowid) FROM sentences)")
    damaged = check(index)
    assert damaged.returncode == 1
    assert "problem: 1 chunks whose sentence rows or vectors differ from the count recorded" in damaged.stderr


def test_upgrade_recomputes_claims_an_older_extraction_stored(tmp_path: Path) -> None:
    if not typed():
        pytest.skip("claims are refreshed only by a process with the parser")
    index = indexed(tmp_path)
    with sqlite3.connect(index / "meta.sqlite") as conn:  # as an older extraction stored them
        rows = conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
        conn.execute("UPDATE sentences SET claims = '[]', claims_version = '0-spacy'")
    before = check(index)
    assert before.returncode == 0 and "older extraction" in before.stderr and "rag index --upgrade" in before.stderr
    upgrade = subprocess.run([sys.executable, "-m", "api.cli", "index", "--upgrade", "--index", str(index)], cwd=REPO,
                             env=hashing_env(index), capture_output=True, text=True, timeout=300)
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"recomputed the claims of {rows} sentences" in upgrade.stdout
    with sqlite3.connect(index / "meta.sqlite") as conn:
        assert conn.execute("SELECT DISTINCT claims_version FROM sentences").fetchall() == [(claims_version(),)]
        assert conn.execute("SELECT COUNT(*) FROM sentences WHERE claims <> '[]'").fetchone()[0] > 0
    after = check(index)
    assert after.returncode == 0 and "older extraction" not in after.stderr
