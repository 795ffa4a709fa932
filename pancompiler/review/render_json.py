"""The build diff as JSON for tools: summary, objects, changes, file diffs.

Each change carries ``op``, ``path``, the ``old``/``new`` values as JSON, their
pan types (``old_type``/``new_type``) and their pan literals, so a tool can
use either; a moved list element also has ``old_path``.  Keys are sorted and
lists keep the diff's order, so the output is stable.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from .builds import BuildDiff, FileDiff
from .compare import ADDED, MOVED, REMOVED, Change
from .values import kind, pan_literal, plain


def _change(change: Change) -> dict:
    data: dict = {"op": change.op, "path": change.path}
    if change.op != ADDED:
        data.update(old=plain(change.old), old_type=kind(change.old), old_pan=pan_literal(change.old))
    if change.op != REMOVED:
        data.update(new=plain(change.new), new_type=kind(change.new), new_pan=pan_literal(change.new))
    if change.op == MOVED:
        data["old_path"] = change.old_path
        for key in ("old", "old_type", "old_pan"):
            data.pop(key, None)
    return data


def _file(fdiff: FileDiff) -> dict:
    return {"path": fdiff.path, "status": fdiff.status, "diff": fdiff.diff, "binary": not fdiff.diff}


def to_data(diff: BuildDiff) -> dict:
    summary = asdict(diff.summary)
    summary.update(objects=diff.summary.objects, paths=diff.summary.paths)
    return {
        "old": diff.old_label, "new": diff.new_label, "summary": summary,
        "differences": diff.has_differences,
        "objects": [{"name": o.name, "status": o.status, "changes": [_change(c) for c in o.changes],
                     "files": [_file(f) for f in o.files]} for o in diff.objects],
        "files": [_file(f) for f in diff.files],
    }


def render_json(diff: BuildDiff) -> str:
    return json.dumps(to_data(diff), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
