"""A real PostgreSQL 16 + pgvector for tests, from the pgserver package: one server per test session, a fresh
database per test, and leftovers of a killed session stopped by the PID in their postmaster.pid."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(tempfile.gettempdir()) / f"rag-test-pgserver-{os.getuid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_postgres(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() in ("postgres", "postmaster")
    except OSError:
        return False


def stop_leftovers(root: Path = ROOT) -> list[int]:
    """Stop the servers of test sessions that died without cleaning up (SIGKILL, OOM); returns their PIDs.

    Each session runs its server in ``run-<session pid>``; a directory whose session is gone is a leftover.
    """
    stopped = []
    for run in root.glob("run-*"):
        owner = run.name.removeprefix("run-")
        if owner.isdigit() and _alive(int(owner)):
            continue  # a live session, maybe another user of this machine running tests right now
        pid_file = run / "pgdata" / "postmaster.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            if _alive(pid) and _is_postgres(pid):
                os.kill(pid, signal.SIGQUIT)  # immediate shutdown; the data is thrown away below
                deadline = time.monotonic() + 10
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
                stopped.append(pid)
        shutil.rmtree(run, ignore_errors=True)
    return stopped


class PgServer:
    """One running server; ``fresh_database()`` gives each test its own database."""

    def __init__(self) -> None:
        import pgserver

        ROOT.mkdir(parents=True, exist_ok=True)
        stop_leftovers()
        self.run_dir = ROOT / f"run-{os.getpid()}"
        self.run_dir.mkdir(exist_ok=True)
        self._server: Any = pgserver.get_server(self.run_dir / "pgdata", cleanup_mode="delete")
        self._names = itertools.count()
        # Test data is thrown away: skip the fsyncs that make CREATE DATABASE slow on a busy disk.
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            self._admin(f"ALTER SYSTEM SET {setting} = off")
        self._admin("SELECT pg_reload_conf()")
        self._admin("CREATE EXTENSION IF NOT EXISTS vector SCHEMA public")  # shared by the stores in fresh_schema()

    def uri(self, database: str = "postgres") -> str:
        return str(self._server.get_uri(database))

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.uri(), autocommit=True) as conn:
            conn.execute(sql)

    def fresh_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return self.uri(name)

    def drop_database(self, uri: str) -> None:
        import psycopg

        name = psycopg.conninfo.conninfo_to_dict(uri)["dbname"]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def fresh_schema(self) -> str:
        """A URL whose tables go to a new schema of the shared database (pgvector's type stays in public):
        much quicker than a database per test, and the way to keep several stores in one database."""
        import psycopg

        name = f"s{os.getpid()}_{next(self._names)}"
        self._admin(f"CREATE SCHEMA {name}")
        return psycopg.conninfo.make_conninfo(self.uri(), options=f"-c search_path={name},public")

    def drop_schema(self, uri: str) -> None:
        import psycopg

        options = psycopg.conninfo.conninfo_to_dict(uri)["options"]
        name = str(options).split("search_path=")[1].split(",")[0]
        self._admin(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def stop(self) -> None:
        self._server.cleanup()
        shutil.rmtree(self.run_dir, ignore_errors=True)
