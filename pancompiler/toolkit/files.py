"""Finding, reading and rewriting the template files a tool was pointed at.

Paths given on a command line are files or folders; folders are searched
recursively for ``*.pan`` files (hidden folders skipped), in sorted order so
output is stable.  Files are read as UTF-8 with their line ends kept, and
rewritten atomically (temporary file, then rename) with their permissions
kept, so an interrupted run never leaves half a template behind.
"""

from __future__ import annotations

import os
import tempfile


class ToolError(Exception):
    """A problem with the user's input, shown as one line, never a traceback."""


def find_templates(paths: list[str]) -> list[str]:
    """Every template named by ``paths`` (files, or folders searched for ``*.pan``)."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".pan"))
        elif os.path.isfile(path):
            found.append(path)
        else:
            raise ToolError(f"{path}: no such file or directory")
    return found


def read_template(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise ToolError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise ToolError(f"{path}: {exc.strerror}") from None


def write_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, line ends as given), keeping its mode."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".panc-tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:           # a new file: the usual mode
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
