"""Two processes opening a new index at once: the switch to WAL waits for the other instead of failing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from rag.sqlite_file import use_wal


def test_the_switch_to_wal_waits_while_another_connection_holds_the_file(tmp_path: Path) -> None:
    path = tmp_path / "meta.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    late = sqlite3.connect(path, timeout=0, isolation_level=None)  # no busy wait of its own
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        late.execute("PRAGMA journal_mode=WAL")
    threading.Timer(0.3, holder.execute, ("COMMIT",)).start()
    began = time.monotonic()
    use_wal(late)
    assert time.monotonic() - began >= 0.2
    assert late.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    use_wal(holder)  # already WAL: nothing to switch, nothing to wait for


def test_the_switch_gives_up_with_the_error_after_its_wait(tmp_path: Path) -> None:
    path = tmp_path / "meta.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    late = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(late, wait=0.2)
    holder.execute("COMMIT")
