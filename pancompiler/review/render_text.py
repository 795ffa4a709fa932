"""The terminal view of a build diff: one block per object, colour on a TTY.

Changed paths read ``~ /path: old → new`` (with the pan types when the type
changed), ``+ /path = value``, ``- /path = value`` and ``↕ /old → /new``
for a list element that moved; rendered files follow as unified diffs.  The
last line is the summary.  Colour uses plain ANSI escapes (green added, red
removed, yellow changed, bold object names); ``colour=False`` gives plain
text for logs and pipes.
"""

from __future__ import annotations

from .builds import BuildDiff, FileDiff, ObjectDiff, Summary
from .compare import ADDED, MOVED, REMOVED, Change
from .values import kind, pan_literal

VALUE_LIMIT = 300
_CODES = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "dim": "2"}


class _Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled:
            return text
        return f"\x1b[{_CODES[style]}m{text}\x1b[0m"


def change_line(change: Change, limit: int | None = VALUE_LIMIT) -> tuple[str, str]:
    """(marker, text) for one change: the same words in every output format."""
    if change.op == ADDED:
        return "+", f"{change.path} = {pan_literal(change.new, limit)}"
    if change.op == REMOVED:
        return "-", f"{change.path} = {pan_literal(change.old, limit)}"
    if change.op == MOVED:
        return "↕", f"{change.old_path} → {change.path}: {pan_literal(change.new, limit)}"
    text = f"{change.path}: {pan_literal(change.old, limit)} → {pan_literal(change.new, limit)}"
    if change.retyped:
        text += f"  ({kind(change.old)} → {kind(change.new)})"
    return "~", text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def object_headline(obj: ObjectDiff) -> str:
    """'new object', 'object removed' or 'N paths changed, M files'."""
    if obj.status == ADDED:
        return "new object"
    if obj.status == REMOVED:
        return "object removed"
    text = plural(len(obj.changes), "path") + " changed"
    return text + (", " + plural(len(obj.files), "file") if obj.files else "")


def summary_line(s: Summary) -> str:
    objects = (f"{plural(s.objects_changed, 'object')} changed, {s.objects_added} added, "
               f"{s.objects_removed} removed, {s.objects_unchanged} unchanged")
    paths = (f"{plural(s.paths, 'path')} changed ({s.paths_added} added, {s.paths_removed} removed, "
             f"{s.paths_changed} changed, {s.paths_moved} moved)")
    return f"{objects}; {paths}; {plural(s.files_changed, 'rendered file')} changed"


def render_text(diff: BuildDiff, colour: bool = False) -> str:
    paint = _Paint(colour)
    out = [paint("bold", f"pancompiler review: {diff.old_label} → {diff.new_label}")]
    for obj in diff.objects:
        out.extend(_object_lines(obj, paint))
    if diff.files:
        out.append(paint("bold", "site-wide files"))
        for fdiff in diff.files:
            out.extend(_file_lines(fdiff, paint))
    out.append(paint("bold", ("Summary: " if diff.has_differences else "No differences: ")
                     + summary_line(diff.summary)))
    return "\n".join(out) + "\n"


_MARK_STYLE = {"+": "green", "-": "red", "~": "yellow", "↕": "cyan"}


def _object_lines(obj: ObjectDiff, paint: _Paint) -> list[str]:
    mark, style = {ADDED: ("+", "green"), REMOVED: ("-", "red")}.get(obj.status, ("~", "bold"))
    lines = [paint(style, f"{mark} {obj.name}") + f" ({object_headline(obj)})"]
    for change in obj.changes:
        mark, text = change_line(change)
        lines.append("    " + paint(_MARK_STYLE[mark], f"{mark} {text}"))
    for fdiff in obj.files:
        lines.extend(_file_lines(fdiff, paint))
    return lines


def _file_lines(fdiff: FileDiff, paint: _Paint) -> list[str]:
    lines = [f"    {fdiff.status} file {fdiff.path}"]
    if not fdiff.diff:
        lines.append("      (binary file)")
    for line in fdiff.diff.splitlines():
        style = ("bold" if line.startswith(("---", "+++")) else "green" if line.startswith("+")
                 else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else None)
        lines.append("      " + (paint(style, line) if style else line))
    return lines
