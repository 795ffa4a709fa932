"""Measuring a child process tree: wall and CPU time, peak RSS and PSS.

``run_measured`` starts a command, waits for it with ``os.wait4`` (CPU time of
the child and every worker it reaped, and the largest single-process RSS)
while a ``TreeSampler`` thread sums RSS and PSS over the child and all its
descendants from ``/proc`` (PSS counts pages shared by forked workers once).
Shared by ``run.py`` and ``site_bench.py``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.25
TREE_REFRESH = 4        # rescan the process tree every this many samples


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, from /proc/<pid>/stat."""
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        kids.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in kB; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process tree; keeps the peaks."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        tree: list[int] = []
        count = 0
        while not self._stop_event.is_set():
            if count % TREE_REFRESH == 0:
                tree = process_tree(self.pid)
            count += 1
            samples = [memory_kb(p) for p in tree]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(s[0] for s in samples))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(s[1] for s in samples))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass(slots=True)
class Measured:
    wall: float
    cpu: float              # user + system of the child and the workers it reaped
    maxrss_kb: int          # largest single process
    tree_rss_kb: int
    tree_pss_kb: int
    returncode: int
    output: str             # stdout then stderr


def run_measured(cmd: list[str], cwd: Path, interval: float = SAMPLE_SECONDS) -> Measured:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace") + err.read().decode("utf-8", "replace")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, sampler.peak_rss_kb,
                    sampler.peak_pss_kb, os.waitstatus_to_exitcode(status), text)
