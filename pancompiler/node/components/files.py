"""Putting a component's files in place under ``--root``, and only its own.

A component says which files it wants (``Wanted``: path under the root →
``File`` bytes and mode, or ``Link`` target).  ``apply`` compares with the
disk and the component's manifest (``var/lib/pancompiler/ncd/<name>.files``
under the root: every path it wrote before), then writes what differs
atomically, leaves equal files untouched, and removes the files of its
manifest that are no longer wanted, never any other.  The manifest is
written twice, as the union of old and new paths before touching anything
and as the new paths at the end, so a run killed half-way still knows what
it owns.  With ``dry_run`` nothing changes and the unified diffs of what
would are returned instead.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field

from ..atomic import replace_symlink, write_file

MANIFEST_DIR = "var/lib/pancompiler/ncd"


@dataclass(frozen=True)
class File:
    data: bytes
    mode: int = 0o644


@dataclass(frozen=True)
class Link:
    target: str


Wanted = dict[str, "File | Link"]


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def apply(root: str, component: str, wanted: Wanted, dry_run: bool = False, prune: tuple[str, ...] = ()) -> Changes:
    """Make the disk hold ``wanted``; ``prune``: folders to remove once a removal leaves them empty."""
    owned = read_manifest(root, component)
    changes = Changes()
    for rel in sorted(wanted):
        if _differs(root, rel, wanted[rel]):
            changes.written.append(rel)
            changes.diffs.append(_diff(root, rel, wanted[rel]))
    for rel in sorted(owned - set(wanted)):
        if os.path.lexists(_path(root, rel)):
            changes.removed.append(rel)
            changes.diffs.append(_diff(root, rel, None))
    if dry_run:
        return changes
    if set(wanted) - owned:
        write_manifest(root, component, owned | set(wanted))
    for rel in changes.written:
        _put(root, rel, wanted[rel])
    for rel in changes.removed:
        os.unlink(_path(root, rel))
        if os.path.dirname(rel) in prune:
            _remove_if_empty(os.path.dirname(_path(root, rel)))
    if owned != set(wanted):
        write_manifest(root, component, set(wanted))
    return changes


def _path(root: str, rel: str) -> str:
    return os.path.join(root, rel.lstrip("/"))


def _current(root: str, rel: str) -> File | Link | None:
    path = _path(root, rel)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return Link(os.readlink(path))
    if not stat.S_ISREG(info.st_mode):
        return File(b"", -1)
    with open(path, "rb") as fh:
        return File(fh.read(), stat.S_IMODE(info.st_mode))


def _differs(root: str, rel: str, want: File | Link) -> bool:
    return _current(root, rel) != want


def _put(root: str, rel: str, want: File | Link) -> None:
    path = _path(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(want, Link):
        replace_symlink(path, want.target)
    else:
        write_file(path, want.data, want.mode)


def _remove_if_empty(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:
        pass


def _lines(item: File | Link | None) -> list[str]:
    if item is None:
        return []
    if isinstance(item, Link):
        return [f"-> {item.target}\n"]
    text = item.data.decode("utf-8", errors="replace")
    return text.splitlines(keepends=True)


def _diff(root: str, rel: str, want: File | Link | None) -> str:
    before = _current(root, rel)
    name = "/" + rel.lstrip("/")
    lines = list(difflib.unified_diff(_lines(before), _lines(want), fromfile=name if before else "/dev/null",
                                      tofile=name if want is not None else "/dev/null"))
    if not lines and isinstance(want, File) and isinstance(before, File) and before.mode != want.mode:
        lines = [f"mode of {name}: {before.mode:o} -> {want.mode:o}\n"]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def manifest_path(root: str, component: str) -> str:
    return os.path.join(root, MANIFEST_DIR, f"{component}.files")


def read_manifest(root: str, component: str) -> set[str]:
    try:
        with open(manifest_path(root, component), encoding="utf-8") as fh:
            lines = [line.strip() for line in fh if line.strip() and not line.startswith("#")]
    except FileNotFoundError:
        return set()
    return {p for p in lines if not p.startswith("/") and ".." not in p.split("/")}


def write_manifest(root: str, component: str, paths: set[str]) -> None:
    path = manifest_path(root, component)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    body = f"# files written by panc-ncd component {component}; it removes only these\n"
    write_file(path, (body + "".join(f"{p}\n" for p in sorted(paths))).encode(), 0o644)
