"""The profile cache, laid out as quattor CCM's under ``cache_root``.

::

    fetch.lock            held while a panc-fetch runs (lock.py)
    global.lock           "no\\n", as CCM writes it (CIDs not locked)
    latest.cid            the newest complete profile, e.g. "3\\n"
    current.cid           the profile consumers read; written last
    profile.<CID>/        profile (the bytes as served, decompressed),
                          profile.json or profile.xml (a link to it),
                          profile.url, meta.json (ETag, Last-Modified, sha256)
    tmp/                  a new profile.<CID> is built here, then renamed

A new profile is written completely under ``tmp/``, flushed, renamed to
``profile.<CID>`` (CIDs count up modulo 9999, as CCM's), then ``latest.cid``
and ``current.cid`` are replaced atomically, in that order: a run killed at
any point leaves ``current.cid`` naming a complete profile, and the next run
clears ``tmp/``.  ``purge`` keeps the current profile and the ``keep_old``
newest older ones.  CCM's ``data/`` copy is not kept: the conditional GET
uses the current profile's own file and ETag, so an unverified download can
never make the server answer 304 to a node without a good copy.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from typing import Any

from .atomic import fsync_dir, pause_point, write_file

MAX_CID = 9999
PROFILE_DIR = "profile."


class CacheError(Exception):
    """The cache is missing, unreadable or cannot be written."""


@dataclass(frozen=True)
class Cached:
    """The current profile of a cache."""

    cid: int
    folder: str
    url: str
    fmt: str
    meta: dict[str, Any]

    @property
    def profile_path(self) -> str:
        return os.path.join(self.folder, "profile")

    def read(self) -> bytes:
        with open(self.profile_path, "rb") as fh:
            return fh.read()


def _read_meta(path: str) -> dict[str, Any]:
    """``meta.json``, or nothing for a profile CCM's ccm-fetch wrote (it has none)."""
    try:
        with open(path, encoding="utf-8") as fh:
            meta = json.load(fh)
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


class Cache:
    def __init__(self, root: str, world_readable: bool = False):
        self.root = root
        self.file_mode = 0o644 if world_readable else 0o600
        self.dir_mode = 0o755 if world_readable else 0o700

    def create(self) -> None:
        """Create the cache folder (the lock file lives there)."""
        try:
            os.makedirs(self.root, mode=self.dir_mode, exist_ok=True)
            os.chmod(self.root, self.dir_mode)
        except OSError as exc:
            raise CacheError(f"cannot create the cache {self.root}: {exc.strerror or exc}") from None

    def recover(self) -> None:
        """With the lock held: clear what a killed run left in ``tmp/``; write ``global.lock``."""
        try:
            staging = os.path.join(self.root, "tmp")
            os.makedirs(staging, mode=self.dir_mode, exist_ok=True)
            os.chmod(staging, self.dir_mode)
            for name in os.listdir(staging):
                shutil.rmtree(os.path.join(staging, name), ignore_errors=True)
            for name in os.listdir(self.root):
                if name.startswith(".") and name.endswith(".tmp"):
                    os.unlink(os.path.join(self.root, name))
            if not os.path.exists(os.path.join(self.root, "global.lock")):
                write_file(os.path.join(self.root, "global.lock"), b"no\n", self.file_mode)
        except OSError as exc:
            raise CacheError(f"cannot prepare the cache {self.root}: {exc.strerror or exc}") from None

    def read_cid(self, name: str) -> int | None:
        try:
            with open(os.path.join(self.root, name), encoding="ascii") as fh:
                text = fh.read().strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() and int(text) < MAX_CID else None

    def current(self) -> Cached | None:
        """The profile ``current.cid`` names, or None if there is none (yet)."""
        cid = self.read_cid("current.cid")
        if cid is None:
            return None
        folder = os.path.join(self.root, f"{PROFILE_DIR}{cid}")
        try:
            with open(os.path.join(folder, "profile.url"), encoding="utf-8") as fh:
                url = fh.read().strip()
            with open(os.path.join(folder, "profile"), "rb") as fh:
                start = fh.read(64).lstrip()
        except OSError:
            return None
        meta = _read_meta(os.path.join(folder, "meta.json"))
        fmt = meta.get("format") or ("json" if start[:1] in (b"{", b"[") else "xml")
        return Cached(cid, folder, url, fmt, meta)

    def next_cid(self) -> int:
        known = [c for c in (self.read_cid("latest.cid"), self.read_cid("current.cid")) if c is not None]
        return (max(known) + 1) % MAX_CID if known else 1

    def store(self, data: bytes, url: str, fmt: str, meta: dict[str, Any], mtime: float | None) -> int:
        """Write a new profile and make it current; return its CID."""
        cid = self.next_cid()
        name = f"{PROFILE_DIR}{cid}"
        staging = os.path.join(self.root, "tmp", name)
        final = os.path.join(self.root, name)
        try:
            shutil.rmtree(staging, ignore_errors=True)
            os.mkdir(staging, self.dir_mode)
            write_file(os.path.join(staging, "profile"), data, self.file_mode, mtime, pause="cache-write")
            os.symlink("profile", os.path.join(staging, f"profile.{fmt}"))
            write_file(os.path.join(staging, "profile.url"), f"{url}\n".encode(), self.file_mode)
            meta_bytes = (json.dumps(dict(meta, format=fmt), indent=1, sort_keys=True) + "\n").encode()
            write_file(os.path.join(staging, "meta.json"), meta_bytes, self.file_mode)
            fsync_dir(staging)
            if os.path.exists(final):      # an old profile with the same CID, after wrapping round
                shutil.rmtree(final)
            os.rename(staging, final)
            fsync_dir(self.root)
            self.write_cid("latest.cid", cid)
            pause_point("before-current")
            self.write_cid("current.cid", cid)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if self.read_cid("current.cid") != cid:
                self._forget(final, cid)
            raise CacheError(f"cannot write profile.{cid} in {self.root}: {exc.strerror or exc}") from None
        return cid

    def _forget(self, final: str, cid: int) -> None:
        """Undo a half-made switch: the new profile never became current."""
        current = self.read_cid("current.cid")
        if self.read_cid("latest.cid") == cid and current is not None:
            try:
                self.write_cid("latest.cid", current)
            except OSError:
                pass
        if current != cid:
            shutil.rmtree(final, ignore_errors=True)

    def write_cid(self, name: str, cid: int) -> None:
        write_file(os.path.join(self.root, name), f"{cid}\n".encode(), self.file_mode)

    def purge(self, keep_old: int) -> list[int]:
        """Remove profiles but the current, the latest and the ``keep_old`` newest before the current."""
        current = self.read_cid("current.cid")
        if current is None:
            return []
        cids = []
        for name in os.listdir(self.root):
            rest = name[len(PROFILE_DIR):]
            if name.startswith(PROFILE_DIR) and rest.isdigit():
                cids.append(int(rest))
        latest = self.read_cid("latest.cid")
        older = sorted((c for c in cids if c not in (current, latest)), key=lambda c: (current - c) % MAX_CID)
        removed = older[keep_old:]
        for cid in removed:
            shutil.rmtree(os.path.join(self.root, f"{PROFILE_DIR}{cid}"), ignore_errors=True)
        return sorted(removed)
