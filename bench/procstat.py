"""Memory and CPU time of a process (or a server and its worker processes), from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def memory_mb(pid: int | str = "self", family: bool | None = None) -> dict[str, float]:
    """{"peak_rss_mb": VmHWM, "rss_mb": VmRSS} of a process, in MiB; ``family`` (default: for another process, a
    server, not for this one): summed over it and its live descendants (its worker processes)."""
    fields = {"VmHWM": 0, "VmRSS": 0}
    for member in family_of(pid) if (pid != "self" if family is None else family) else [pid]:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in fields:
                    fields[key] += int(value.split()[0])
        except FileNotFoundError:  # exited meanwhile
            continue
    return {"peak_rss_mb": round(fields["VmHWM"] / 1024, 1), "rss_mb": round(fields["VmRSS"] / 1024, 1)}


def machine() -> dict[str, str]:
    """CPU model, cores and memory of this machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory_gb": f"{mem_kb / 1024 / 1024:.1f}"}


def cpu_seconds(pid: int | str = "self", family: bool | None = None) -> float:
    """User plus system CPU time a process has used so far (all its threads), from /proc; ``family`` (default: for
    another process, a server, not for this one): its live descendants' too (a server's worker processes)."""
    total = 0
    for member in family_of(pid) if (pid != "self" if family is None else family) else [pid]:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # exited meanwhile
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def family_of(pid: int | str) -> list[int | str]:
    """A process and its live descendants, from each process's parent in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    members: list[int | str] = [pid]
    todo = [int(pid) if pid != "self" else os.getpid()]
    while todo:
        found = children.get(todo.pop(), [])
        members.extend(found)
        todo.extend(found)
    return members


def family_memory_mb(pid: int | str) -> dict[str, float]:
    """Resident memory of a process and its live descendants, in MiB: ``rss_mb`` summed (shared pages counted once
    per process) and ``pss_mb`` (each shared page split between the processes mapping it; what they cost together)."""
    rss = pss = 0
    for member in family_of(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                key, _, value = line.partition(":")
                if key == "Rss":
                    rss += int(value.split()[0])
                elif key == "Pss":
                    pss += int(value.split()[0])
        except FileNotFoundError:
            continue
    return {"rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1)}


def worker_processes(pid: int | str) -> int:
    """How many worker processes serve for a server: its descendants started by multiprocessing's spawn (uvicorn's
    workers), or 1 when it serves itself."""
    spawned = 0
    for member in family_of(pid)[1:]:
        try:
            spawned += b"multiprocessing.spawn" in Path(f"/proc/{member}/cmdline").read_bytes()
        except FileNotFoundError:
            continue
    return spawned or 1
