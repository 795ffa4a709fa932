"""Which objects may change when templates or files change, without compiling.

The answer comes from the incremental state the last build left in
``<profiles>/.pancompiler/state.json`` (read through the driver's
``BuildState``, never written): for every object, the templates and files
each lookup found (name, kind, file, include path searched) and the objects
it read with ``value()``.  An object is affected when it includes a named
template, when a changed file is one it read, or when a changed file would
now be found by one of its lookups (a new template shadowing another one on
the include path), and then every object that reads an affected object is
affected too, transitively.  Each affected object comes with the first
reason found.
"""

from __future__ import annotations

import json
import os
from collections import deque
from dataclasses import dataclass, field

from ..driver.state import FORMAT_VERSION, STATE_DIR, STATE_FILE, BuildState
from .profiles import ReviewError

TEMPLATE_SUFFIXES = (".pan", ".tpl")


@dataclass
class ImpactResult:
    objects: dict[str, str] = field(default_factory=dict)       # object -> why it may change
    total: int = 0                                             # objects in the build
    unmatched: list[str] = field(default_factory=list)          # changes no object depends on


def find_state(path: str) -> str:
    """The profiles folder holding the build state, from a site root, build or profiles folder."""
    for candidate in (path, os.path.join(path, "profiles"), os.path.join(path, "build", "profiles")):
        if os.path.isfile(os.path.join(candidate, STATE_DIR, STATE_FILE)):
            return candidate
    raise ReviewError(f"no build state under {path} (looked for profiles/{STATE_DIR}/{STATE_FILE}): "
                      "build the site first with panc --site")


def load_state(profiles_dir: str) -> BuildState:
    state = BuildState(profiles_dir)
    state.load()
    if not state.objects:                          # explain why the state is unusable
        try:
            with open(state.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise ReviewError(f"{state.path}: unreadable build state ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ReviewError(f"{state.path}: build state of another pancompiler version; rebuild the site")
    return state


class _Inputs:
    """Indexes over the state's input rows: by name and by file."""

    def __init__(self, rows: list):
        self.rows = rows
        self.by_name: dict[str, list[int]] = {}
        self.by_path: dict[str, list[int]] = {}
        for i, (name, _kind, path, _lookup) in enumerate(rows):
            self.by_name.setdefault(name, []).append(i)
            if path is not None:
                self.by_path.setdefault(os.path.normpath(path), []).append(i)

    def of_template(self, name: str) -> set[int]:
        return set(self.by_name.get(name, ()))

    def of_file(self, path: str) -> set[int]:
        """Rows that read ``path`` or whose lookup would find it now."""
        found = set(self.by_path.get(path, ()))
        if os.path.isdir(path):
            prefix = path.rstrip(os.sep) + os.sep
            found.update(i for p, ids in self.by_path.items() if p.startswith(prefix) for i in ids)
        parts = path.split(os.sep)
        for cut in range(1, len(parts)):
            folder, rel = os.sep.join(parts[:cut]), "/".join(parts[cut:])
            names = [rel] + [rel[: -len(s)] for s in TEMPLATE_SUFFIXES if rel.endswith(s)]
            for name in names:
                for i in self.by_name.get(name, ()):
                    if i not in found and _searched(self.rows[i], folder, name != rel):
                        found.add(i)
        return found


def _searched(row: list, folder: str, is_template: bool) -> bool:
    """Whether the lookup of ``row`` searches ``folder`` for its name."""
    _name, kind, _path, lookup = row
    if lookup == ["object"] or len(lookup) != 2 or is_template == (kind in ("TEXT", "ABSENT_TEXT")):
        return False
    loadpath, include_path = lookup
    return any(os.path.normpath(os.path.join(base, rel) if rel else base) == folder
               for base in include_path for rel in loadpath)


def _describe(row: list, obj: str) -> str:
    name, kind, path, lookup = row
    if name == obj:
        return "its object template changed"
    if lookup == ["object"]:
        return f"reads {name}, whose object template changed"
    if kind in ("TEXT", "ABSENT_TEXT"):
        return f"reads file {name}"
    if path is None:
        return f"looks up template {name}"
    return f"includes {name}"


def compute_impact(state: BuildState, templates=(), files=()) -> ImpactResult:
    """The objects affected by the named templates and changed files (absolute paths)."""
    inputs = _Inputs(state.inputs)
    hit: set[int] = set()
    result = ImpactResult(total=len(state.objects))
    for name in templates:
        rows = inputs.of_template(name)
        if not rows:
            result.unmatched.append(name)
        hit |= rows
    for path in files:
        rows = inputs.of_file(path)
        if not rows:
            result.unmatched.append(path)
        hit |= rows
    # An object's recorded inputs include those of the objects it reads, so an
    # input is explained by the object it came through when that object read it.
    direct = {obj: [i for i in entry.get("inputs", ()) if i in hit] for obj, entry in state.objects.items()}
    direct = {obj: ids for obj, ids in direct.items() if ids}
    for obj in sorted(direct):
        refs = [r for r in state.referenced_objects(obj) if r in direct]
        inherited = {i for r in refs for i in state.objects[r].get("inputs", ())}
        own = [i for i in direct[obj] if i not in inherited]
        result.objects[obj] = _describe(state.inputs[own[0]], obj) if own else f"reads {refs[0]}"
    # Readers of affected objects, transitively (for states that list only direct inputs).
    readers: dict[str, list[str]] = {}
    for obj in sorted(state.objects):
        for ref in state.referenced_objects(obj):
            readers.setdefault(ref, []).append(obj)
    queue = deque(sorted(direct))
    while queue:
        obj = queue.popleft()
        for reader in readers.get(obj, ()):
            if reader not in result.objects:
                result.objects[reader] = f"reads {obj}"
                queue.append(reader)
    result.objects = dict(sorted(result.objects.items()))
    return result


def changed_files(top: str, spec: str) -> list[str]:
    """Files changed in a git range (``A..B``, ``A...B``) or since a revision (working tree included)."""
    from .gitrevs import git
    listed = git(top, "diff", "--name-only", "-z", "--no-renames", spec, "--", what=f"git diff {spec}")
    names = set(filter(None, listed.split("\0")))
    if ".." not in spec:
        others = git(top, "ls-files", "-z", "--others", "--exclude-standard", what="git ls-files")
        names |= set(filter(None, others.split("\0")))
    return sorted(os.path.join(top, n) for n in names)
