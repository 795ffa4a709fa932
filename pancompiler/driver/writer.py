"""Writing output files safely: a temporary file renamed into place.

A crash or kill while writing never leaves a truncated profile, and a file
whose new bytes equal the old ones is left untouched (same bytes, same
modification time), which keeps incremental builds and rsync-style
deployments quiet.
"""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, data: bytes, *, keep_unchanged: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return True if the file changed."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    if keep_unchanged:
        try:
            if os.path.getsize(path) == len(data):
                with open(path, "rb") as fh:
                    if fh.read() == data:
                        return False
        except OSError:
            pass
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def clean_temporaries(outdir: str) -> int:
    """Remove temporary files a killed build left behind; returns how many."""
    removed = 0
    cache = os.path.join(outdir, ".pancompiler", "templates")   # the template cache: not ours to walk
    for dirpath, dirnames, filenames in os.walk(outdir):
        dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) != cache]
        for f in filenames:
            if f.startswith(".") and f.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(dirpath, f))
                    removed += 1
                except OSError:
                    pass
    return removed
