"""Peak and current resident memory of a process, from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """{"peak_rss_mb": VmHWM, "rss_mb": VmRSS} of a process, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"peak_rss_mb": fields.get("VmHWM", 0.0), "rss_mb": fields.get("VmRSS", 0.0)}


def machine() -> dict[str, str]:
    """CPU model, cores and memory of this machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    import os

    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory_gb": f"{mem_kb / 1024 / 1024:.1f}"}


def cpu_seconds(pid: int | str = "self") -> float:
    """User plus system CPU time a process has used so far (all its threads), from /proc."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
