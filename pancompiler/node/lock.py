"""Run locks: one ``panc-fetch`` at a time per cache, one ``panc-ncd`` per root.

The lock is ``fcntl.flock`` on a file: ``<cache_root>/fetch.lock`` (CCM's
name) for fetches, ``var/lib/pancompiler/ncd/ncd.lock`` under the root for
component runs.
The kernel drops it when its holder exits, however it exits, so a lock left
by a run killed with SIGKILL is stale by construction and the next run takes
it over; the file itself stays and records the holder's pid for messages.
``acquire`` tries ``retries`` more times, ``wait`` seconds apart, then
raises ``LockBusy`` naming the holder.
"""

from __future__ import annotations

import fcntl
import os
import time

LOCK_FILE = "fetch.lock"


class LockBusy(Exception):
    """Another run holds the lock."""


class RunLock:
    def __init__(self, folder: str, name: str = LOCK_FILE, program: str = "panc-fetch"):
        self.path = os.path.join(folder, name)
        self.program = program
        self.fd: int | None = None

    def acquire(self, retries: int, wait: float) -> RunLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        for attempt in range(retries + 1):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == retries:
                    holder = _holder(fd)
                    os.close(fd)
                    raise LockBusy(f"another {self.program}{holder} holds {self.path}") from None
                time.sleep(wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)   # closing drops the flock
            self.fd = None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {text})" if text.isdigit() else ""
