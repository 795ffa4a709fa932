"""Which files of a profiles folder are served, and a consistent snapshot of each.

:func:`resolve` maps a request path to a file of the folder or refuses it:
only visible components (no ``..``, no hidden names such as the build's
``.pancompiler/`` state), no backslashes or NUL, only profile files
(``.json``, ``.xml`` and their ``.gz``) and the index files, only regular
files, and never a symlink leading out of the folder or to another kind of
file.  :class:`OpenProfile` opens the file once and takes its validators and
its whole body from that one descriptor: the compiler replaces a profile by
renaming a new file over it, so an open descriptor keeps the old bytes and a
request sees either the old or the new profile, never a mix; the validators
(ETag, Last-Modified) come from the same descriptor so they always describe
the bytes sent.
:class:`GzipCache` keeps the compressed form of recently served files.
"""

from __future__ import annotations

import gzip
import os
import stat
import threading
from collections import OrderedDict
from typing import Self
from urllib.parse import unquote

SERVED_SUFFIXES = (".json", ".xml", ".json.gz", ".xml.gz")
CONTENT_TYPES = {".json": "application/json", ".xml": "text/xml"}


class NotServed(Exception):
    """The path names nothing this server serves (answered 404, or 400 when malformed)."""

    def __init__(self, reason: str, status: int = 404) -> None:
        super().__init__(reason)
        self.status = status


class OpenProfile:
    """One served file, opened once: validators from its descriptor, body read on demand.

    The validators (ETag, Last-Modified) are known before the body is read,
    so a 304 costs an ``fstat``; :meth:`read` then reads the whole body
    through the same descriptor, so what is sent is the file the validators
    describe even if a build renames a new one over it meanwhile.
    """

    __slots__ = ("content_type", "fd", "inode", "mtime_ns", "path", "size", "stored_gzip")

    def __init__(self, path: str) -> None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            self.fd = os.open(path, flags)
        except OSError as exc:
            raise NotServed(f"cannot open: {exc.strerror}") from None
        st = os.fstat(self.fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(self.fd)
            raise NotServed("not a regular file")
        self.path = path
        self.inode, self.mtime_ns, self.size = st.st_ino, st.st_mtime_ns, st.st_size
        self.content_type, self.stored_gzip = _content_type(path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    @property
    def mtime(self) -> int:
        return self.mtime_ns // 1_000_000_000

    @property
    def key(self) -> tuple[str, int, int, int]:
        """Identifies these exact bytes (for caches): path, inode, mtime, size."""
        return (self.path, self.inode, self.mtime_ns, self.size)

    def etag(self, variant: str = "") -> str:
        return f'"{self.inode:x}-{self.mtime_ns:x}-{self.size:x}{variant}"'

    def read(self) -> bytes:
        """The whole body, from the descriptor's start."""
        chunks = []
        offset = 0
        while True:
            chunk = os.pread(self.fd, max(self.size - offset, 65536), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)


def resolve(root: str, url_path: str) -> str:
    """The file of ``root`` (a real, absolute path) that ``url_path`` names."""
    path = url_path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        raise NotServed("not an absolute path", 400)
    decoded = unquote(path, errors="strict") if "%" in path else path
    if "\0" in decoded or "\\" in decoded:
        raise NotServed("NUL or backslash in path", 400)
    parts = decoded.split("/")[1:]
    if not parts or any(p == "" or p.startswith(".") for p in parts):
        raise NotServed("empty, dot or hidden path component")
    if not parts[-1].endswith(SERVED_SUFFIXES):
        raise NotServed("not a profile file")
    candidate = os.path.join(root, *parts)
    real = os.path.realpath(candidate)
    inside = os.path.relpath(real, root).split(os.sep)
    if inside[0] == ".." or any(p.startswith(".") for p in inside):
        raise NotServed("leads out of the folder or into hidden files")
    if not real.endswith(SERVED_SUFFIXES):
        raise NotServed("a symlink to something else than a profile file")
    return real


def _content_type(path: str) -> tuple[str, bool]:
    stored_gzip = path.endswith(".gz")
    base = path[:-3] if stored_gzip else path
    return CONTENT_TYPES[os.path.splitext(base)[1]], stored_gzip


class GzipCache:
    """Compressed bodies of recently served files, bounded in total bytes."""

    def __init__(self, max_bytes: int = 64 << 20, level: int = 6) -> None:
        self._entries: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()
        self._size = 0
        self._max = max_bytes
        self._level = level
        self._lock = threading.Lock()

    def compressed(self, profile: OpenProfile) -> bytes:
        key = profile.key
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                return hit
        data = gzip.compress(profile.read(), self._level, mtime=profile.mtime)
        with self._lock:
            if key not in self._entries and len(data) <= self._max:
                self._entries[key] = data
                self._size += len(data)
                while self._size > self._max:
                    _, old = self._entries.popitem(last=False)
                    self._size -= len(old)
        return data
