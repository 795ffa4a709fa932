"""Writing a file so that readers see the old bytes or the new, never a mix.

``write_file`` writes to a temporary name in the same folder with
``os.write`` (so a full disk surfaces as ``OSError(ENOSPC)`` from the write
itself), flushes it to disk, sets its mode and renames it over the target;
on any error the temporary file is removed and the target is untouched.
``replace_symlink`` does the same for a symbolic link.  ``pause_point``
is the test hook: when ``PANC_NODE_PAUSE`` names the point reached, the
process says so on stderr and waits (tests kill it there with SIGKILL, or
let it go on by creating the file ``PANC_NODE_RESUME`` names).
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_ENV = "PANC_NODE_PAUSE"
RESUME_ENV = "PANC_NODE_RESUME"
CHUNK = 1 << 16


def pause_point(name: str) -> None:
    """Stop here if the environment asks for it: until the file ``PANC_NODE_RESUME`` names exists, at most a minute."""
    if os.environ.get(PAUSE_ENV) != name:
        return
    print(f"paused at {name} (pid {os.getpid()})", file=sys.stderr, flush=True)
    resume = os.environ.get(RESUME_ENV)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (resume and os.path.exists(resume)):
        time.sleep(0.05)


def write_file(path: str, data: bytes, mode: int = 0o644, mtime: float | None = None,
               pause: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically with ``mode`` (and ``mtime`` when given)."""
    folder = os.path.dirname(path) or "."
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            half = len(data) // 2
            _write_all(fd, data[:half])
            if pause:
                pause_point(pause)   # half the bytes are on disk
            _write_all(fd, data[half:])
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    offset = 0
    while offset < len(view):
        offset += os.write(fd, view[offset:offset + CHUNK])


def replace_symlink(path: str, target: str) -> None:
    """Make ``path`` a symbolic link to ``target``, atomically."""
    tmp = os.path.join(os.path.dirname(path) or ".", f".{os.path.basename(path)}.{os.getpid()}.tmp")
    _unlink_quietly(tmp)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def fsync_dir(path: str) -> None:
    """Flush a folder's entries (renames) to disk; harmless where unsupported."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
