"""The fetch lock: one ``panc-fetch`` at a time per cache.

The lock is ``fcntl.flock`` on ``<cache_root>/fetch.lock`` (CCM's name).
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


class FetchLock:
    def __init__(self, folder: str):
        self.path = os.path.join(folder, LOCK_FILE)
        self.fd: int | None = None

    def acquire(self, retries: int, wait: float) -> FetchLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        for attempt in range(retries + 1):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == retries:
                    holder = _holder(fd)
                    os.close(fd)
                    raise LockBusy(f"another panc-fetch{holder} holds {self.path}") from None
                time.sleep(wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)   # closing drops the flock
            self.fd = None

    def __enter__(self) -> FetchLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {text})" if text.isdigit() else ""
