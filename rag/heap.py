"""Give the allocator's free memory back to the system once a serving process has worked and gone idle.

glibc's malloc keeps what a process frees: the free chunks inside its heaps stay resident, and a heap is only
shrunk from its top, past ``M_TRIM_THRESHOLD`` (which glibc raises as large blocks come and go). In the soak the
worker that takes the uploads had about 28 MB of whole free pages between live blocks every ten seconds, and its
RSS kept what its busiest moments needed (bench/RESULTS.md, "A worker's heap given back"). ``malloc_trim(0)``
hands every free page of every arena back (``MADV_DONTNEED``), the top and the middle.

``HeapTrimmer`` does it from a daemon thread: it wakes every ``every`` seconds, and when the process has used
CPU since the last trim (it has worked, so it may have freed), it waits for an idle moment (no CPU used over
``IDLE_PROBE``, for at most ``IDLE_WAIT``) and trims. The call runs without the GIL; a thread that allocates
meanwhile waits for the arena's lock. Its count, time and the resident memory it gave back are kept for
``/metrics``. Where there is no glibc (musl, macOS) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

EVERY = 10.0  # seconds between looks; in the 30-minute soak a trim took 1.6 ms of CPU and gave back 28 MB (RESULTS.md)
WORKED = 0.05  # CPU seconds used since the last trim below which there is nothing new to give back
IDLE_PROBE = 0.05  # seconds over which the process must use under IDLE_CPU of CPU to count as idle
IDLE_CPU = 0.005
IDLE_WAIT = 1.0  # the longest it waits for an idle moment before trimming anyway


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim  # type: ignore[no-any-return]


def resident_bytes() -> int:
    """This process's resident memory (``/proc/self/statm``), 0 where there is none."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class TrimStats:
    trims: int = 0
    seconds: float = 0.0  # wall time inside malloc_trim
    cpu_seconds: float = 0.0  # this thread's CPU time inside it
    released: int = 0  # resident bytes given back (RSS before minus after each trim, summed)


class HeapTrimmer:
    """Trims the process's heap after work, when idle (module docstring). ``start()`` starts its daemon thread;
    ``trim()`` trims now. ``enabled`` is False where the C library cannot trim."""

    def __init__(self, every: float = EVERY, cpu: Callable[[], float] = time.process_time) -> None:
        self.every, self._cpu = every, cpu
        self._trim = _malloc_trim()
        self.enabled = self._trim is not None
        self.stats = TrimStats()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last = cpu()

    def trim(self) -> int:
        """Give the free heap back now; returns the resident bytes it gave back."""
        if self._trim is None:
            return 0
        before, wall, cpu = resident_bytes(), time.perf_counter(), time.thread_time()
        self._trim(0)
        after = resident_bytes()
        self.stats.trims += 1
        self.stats.seconds += time.perf_counter() - wall
        self.stats.cpu_seconds += time.thread_time() - cpu
        self.stats.released += max(0, before - after)
        self._last = self._cpu()  # the trim's own CPU is not work
        return max(0, before - after)

    def worked(self) -> bool:
        """The process has used CPU since the last trim (or the start)."""
        return self._cpu() - self._last >= WORKED

    def _wait_idle(self) -> None:
        deadline = time.monotonic() + IDLE_WAIT
        while time.monotonic() < deadline and not self._stop.is_set():
            before = self._cpu()
            if self._stop.wait(IDLE_PROBE):
                return
            if self._cpu() - before < IDLE_CPU:
                return

    def step(self) -> bool:
        """One look: trims (after an idle moment) if the process has worked since the last trim."""
        if not self.worked():
            return False
        self._wait_idle()
        if self._stop.is_set():
            return False
        self.trim()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.step()
            except Exception:  # never let memory housekeeping end the thread quietly in a loop of errors
                log.exception("heap trim failed; no more trims in this process")
                return

    def start(self) -> HeapTrimmer:
        if self.enabled and self.every > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="heap-trim", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


_trimmers: list[HeapTrimmer] = []


def start(every: float = EVERY) -> HeapTrimmer:
    """The process's trimmer, started (once); ``every`` <= 0 leaves it stopped."""
    if not _trimmers:
        _trimmers.append(HeapTrimmer(every))
    return _trimmers[0].start() if every > 0 else _trimmers[0]


def snapshot() -> TrimStats | None:
    """The process's trimmer's figures, None when none was started."""
    return _trimmers[0].stats if _trimmers else None
