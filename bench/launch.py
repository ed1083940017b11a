"""The one server launcher of the benchmarks: start a command on a free loopback port, wait for /healthz, stop it.

Used by bench/query.py (our service and the LangChain app), bench/chat_latency.py and bench/soak.py (a start
may take minutes on a busy machine: the tests' launcher allows 90 s).
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def launch(command: list[str], env: dict[str, str], log: Path, port: int, name: str = "server",
           timeout: float = 300.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``command`` (which must listen on ``port``) and return it once /healthz answers 200."""
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(process)
    raise RuntimeError(f"{name} did not start in {timeout:.0f} s; see {log}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
