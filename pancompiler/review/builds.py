"""The diff of two builds: objects added, removed and changed, rendered files.

``diff_sides`` pairs the objects of two ``Side``s by name.  A profile whose
bytes are the same on both sides is unchanged without being parsed; the
others are parsed and compared with ``compare.diff_trees``.  Rendered files
(xl.cfg, auto, grub, graph) are compared as text and shown as unified diffs;
a file below ``xen/<host>/`` or ``grub/<host>/`` belongs to the object
``<host>`` and is shown with it, the others are site-wide.  Everything comes
out sorted: objects by name, changes in pan order, files by path.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field

from .compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    Change,
    diff_trees,
    never,
    path_matcher,
)
from .jsontext import diff_json_text
from .profiles import Side, load_profile, read_bytes


@dataclass
class FileDiff:
    path: str                 # relative to the build folder, e.g. xen/hv01/vm01.cfg
    status: str               # added, removed, changed
    diff: str                 # unified diff ('' for binary files)
    owner: str | None = None  # the object the file belongs to, if any


@dataclass
class ObjectDiff:
    name: str
    status: str               # added, removed, changed
    changes: list[Change] = field(default_factory=list)
    files: list[FileDiff] = field(default_factory=list)


@dataclass
class Summary:
    objects_added: int = 0
    objects_removed: int = 0
    objects_changed: int = 0
    objects_unchanged: int = 0
    paths_added: int = 0
    paths_removed: int = 0
    paths_changed: int = 0
    paths_moved: int = 0
    files_changed: int = 0

    @property
    def paths(self) -> int:
        return self.paths_added + self.paths_removed + self.paths_changed + self.paths_moved

    @property
    def objects(self) -> int:
        return self.objects_added + self.objects_removed + self.objects_changed


@dataclass
class BuildDiff:
    old_label: str
    new_label: str
    objects: list[ObjectDiff] = field(default_factory=list)
    files: list[FileDiff] = field(default_factory=list)      # site-wide rendered files
    summary: Summary = field(default_factory=Summary)

    @property
    def has_differences(self) -> bool:
        return bool(self.objects or self.files)


@dataclass
class Filters:
    ignore: tuple = ()        # globs: '/...' for configuration paths, others for rendered files
    objects: tuple = ()       # globs on object names

    def wants_object(self, name: str) -> bool:
        return not self.objects or any(fnmatch.fnmatchcase(name, g) for g in self.objects)


def diff_sides(old: Side, new: Side, filters: Filters | None = None) -> BuildDiff:
    filters = filters or Filters()
    ignored = path_matcher([g for g in filters.ignore if g.startswith("/")])
    file_ignored = path_matcher([g for g in filters.ignore if not g.startswith("/")])
    result = BuildDiff(old.label, new.label)
    by_name: dict[str, ObjectDiff] = {}
    names = sorted(n for n in old.profiles.keys() | new.profiles.keys() if filters.wants_object(n))
    for name in names:
        entry = _diff_object(name, old.profiles.get(name), new.profiles.get(name), ignored)
        if entry is not None:
            by_name[name] = entry
        elif name in old.profiles:
            result.summary.objects_unchanged += 1
    all_objects = old.profiles.keys() | new.profiles.keys()
    for fdiff in _diff_files(old.rendered, new.rendered, all_objects, file_ignored):
        if fdiff.owner is None:
            if not filters.objects:
                result.files.append(fdiff)
            continue
        if not filters.wants_object(fdiff.owner):
            continue
        entry = by_name.get(fdiff.owner)
        if entry is None:
            entry = by_name[fdiff.owner] = ObjectDiff(fdiff.owner, CHANGED)
            result.summary.objects_unchanged -= 1
        entry.files.append(fdiff)
    result.objects = [by_name[n] for n in sorted(by_name)]
    _count(result)
    return result


def _diff_object(name: str, old_path: str | None, new_path: str | None, ignored) -> ObjectDiff | None:
    if old_path is None:
        return ObjectDiff(name, ADDED)
    if new_path is None:
        return ObjectDiff(name, REMOVED)
    old_bytes, new_bytes = read_bytes(old_path), read_bytes(new_path)
    if old_bytes == new_bytes and old_path.endswith(".json") == new_path.endswith(".json"):
        return None
    if _is_json(old_path) and _is_json(new_path):
        try:
            changes = diff_json_text(old_bytes.decode(), new_bytes.decode(), ignored or never)
        except ValueError:                   # UnicodeDecodeError and JSONDecodeError included
            for path, data in ((old_path, old_bytes), (new_path, new_bytes)):
                load_profile(path, data)     # raises the error naming the unreadable file
            raise
    else:
        changes = diff_trees(load_profile(old_path, old_bytes), load_profile(new_path, new_bytes), ignored)
    return ObjectDiff(name, CHANGED, changes) if changes else None


def _is_json(path: str) -> bool:
    return path.endswith((".json", ".json.gz"))


def _owner(rel: str, objects) -> str | None:
    parts = rel.split("/")
    if len(parts) >= 3 and parts[1] in objects:
        return parts[1]
    return None


def _diff_files(old: dict, new: dict, objects, ignored) -> list[FileDiff]:
    diffs = []
    for rel in sorted(old.keys() | new.keys()):
        if ignored is not None and ignored(rel):
            continue
        a = _read_text(old.get(rel))
        b = _read_text(new.get(rel))
        if a == b:
            continue
        status = ADDED if rel not in old else REMOVED if rel not in new else CHANGED
        if isinstance(a, bytes) or isinstance(b, bytes):
            text = ""
        else:
            lines = difflib.unified_diff((a or "").splitlines(keepends=True), (b or "").splitlines(keepends=True),
                                         f"a/{rel}" if rel in old else "/dev/null",
                                         f"b/{rel}" if rel in new else "/dev/null")
            text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                           for line in lines)
        diffs.append(FileDiff(rel, status, text, _owner(rel, objects)))
    return diffs


def _read_text(path: str | None):
    if path is None:
        return None
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def _count(result: BuildDiff) -> None:
    s = result.summary
    for obj in result.objects:
        if obj.status == ADDED:
            s.objects_added += 1
        elif obj.status == REMOVED:
            s.objects_removed += 1
        else:
            s.objects_changed += 1
        for change in obj.changes:
            if change.op == ADDED:
                s.paths_added += 1
            elif change.op == REMOVED:
                s.paths_removed += 1
            elif change.op == MOVED:
                s.paths_moved += 1
            else:
                s.paths_changed += 1
        s.files_changed += len(obj.files)
    s.files_changed += len(result.files)
