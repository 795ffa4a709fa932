"""The differences between two configuration trees, path by path.

``diff_trees`` walks both trees in pan order (dict keys sorted, list elements
by index) and descends only where ``same`` says the subtrees differ, so an
unchanged subtree costs one C-level comparison.  Lists are aligned with a
sequence alignment (``difflib.SequenceMatcher``) over element fingerprints:
one inserted element is one ``added`` change, not a change of every later
index; an element removed at one index and the same element inserted at
another is one ``moved`` change; elements replaced one for one are compared
recursively.  A change of pan type is a ``changed`` change whose old and new
kinds differ.  Subtrees whose path matches an ignored glob are skipped.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .values import fingerprint, kind, path_term, same

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"


@dataclass(slots=True)
class Change:
    op: str                   # added, removed, changed, moved
    path: str                 # pan path, e.g. /software/components/xen/domains/0/name
    old: Any = None
    new: Any = None
    old_path: str | None = None    # for moved list elements: where it was

    @property
    def retyped(self) -> bool:
        return self.op == CHANGED and kind(self.old) != kind(self.new)


def path_matcher(globs) -> Callable[[str], bool] | None:
    """A predicate telling whether a path matches one of the shell-style globs."""
    globs = [g.rstrip("/") or "/" for g in globs]
    if not globs:
        return None
    regex = re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs))
    return lambda path: regex.match(path) is not None


def diff_trees(old, new, ignored: Callable[[str], bool] | None = None) -> list[Change]:
    """Every change from ``old`` to ``new``, in pan order."""
    out: list[Change] = []
    if not same(old, new):
        walk(old, new, "", out, ignored or never)
    return out


def never(_path: str) -> bool:
    """The predicate of no ignored path."""
    return False


def walk(a, b, path: str, out: list, ignored) -> None:
    """Append the changes from ``a`` to ``b`` (found at ``path``) to ``out``."""
    if ignored(path or "/"):
        return
    ka, kb = kind(a), kind(b)
    if ka != kb:
        out.append(Change(CHANGED, path or "/", a, b))
    elif ka == "dict":
        _walk_dict(a, b, path, out, ignored)
    elif ka == "list":
        _walk_list(a, b, path, out, ignored)
    else:
        out.append(Change(CHANGED, path or "/", a, b))


def _walk_dict(a: dict, b: dict, path: str, out: list, ignored) -> None:
    for key in sorted(a.keys() | b.keys()):
        sub = f"{path}/{path_term(key)}"
        if key not in b:
            if not ignored(sub):
                out.append(Change(REMOVED, sub, old=a[key]))
        elif key not in a:
            if not ignored(sub):
                out.append(Change(ADDED, sub, new=b[key]))
        elif not same(a[key], b[key]):
            walk(a[key], b[key], sub, out, ignored)


def _walk_list(a: list, b: list, path: str, out: list, ignored) -> None:
    fa = [fingerprint(x) for x in a]
    fb = [fingerprint(x) for x in b]
    found: list[Change] = []
    removed: dict[Any, list[Change]] = {}          # fingerprint -> removals, to pair with insertions
    inserted: list[tuple[Any, Change]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, fa, fb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            walk(a[i1 + k], b[j1 + k], f"{path}/{j1 + k}", found, ignored)
        for i in range(i1 + paired, i2):
            change = Change(REMOVED, f"{path}/{i}", old=a[i])
            removed.setdefault(fa[i], []).append(change)
            found.append(change)
        for j in range(j1 + paired, j2):
            change = Change(ADDED, f"{path}/{j}", new=b[j])
            inserted.append((fb[j], change))
            found.append(change)
    # An element removed here and inserted there is one move.
    for key, change in inserted:
        gone = removed.get(key)
        if gone:
            origin = gone.pop(0)
            origin.op = "drop"
            change.op, change.old, change.old_path = MOVED, change.new, origin.path
    out.extend(c for c in found if c.op != "drop" and not ignored(c.path))
