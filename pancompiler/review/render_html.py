"""A standalone HTML report of a build diff: one page, no external resources.

Each object is a section with a side-by-side table (path, old value, new
value, pan types when they differ) and its rendered files as coloured
unified diffs.  A filter box (object name or configuration path) and a status
menu hide the other sections; the filter is kept in the URL fragment
(``report.html#filter=hv01&status=changed``) so a link shows the same view.
The page is rendered with jinja2 (autoescaped) from ``templates/``.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from .builds import BuildDiff, FileDiff, ObjectDiff
from .compare import ADDED, MOVED, REMOVED
from .render_text import object_headline
from .values import kind, pan_literal

VALUE_LIMIT = 2000

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("pancompiler.review", "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _rows(obj: ObjectDiff) -> list[dict]:
    rows = []
    for c in obj.changes:
        row = {"op": c.op, "path": c.path, "path_text": c.path, "old": "", "new": "",
               "old_type": "", "new_type": ""}
        if c.op != ADDED and c.op != MOVED:
            row["old"] = pan_literal(c.old, VALUE_LIMIT)
        if c.op != REMOVED:
            row["new"] = pan_literal(c.new, VALUE_LIMIT)
        if c.op == MOVED:
            row["path_text"] = f"{c.old_path} → {c.path}"
            row["old"] = f"(moved from {c.old_path})"
        if c.retyped:
            row["old_type"], row["new_type"] = kind(c.old), kind(c.new)
        rows.append(row)
    return rows


def _file(fdiff: FileDiff) -> Markup:
    lines = []
    for line in fdiff.diff.splitlines():
        cls = ("" if line.startswith(("---", "+++")) else "add" if line.startswith("+")
               else "del" if line.startswith("-") else "hunk" if line.startswith("@@") else "")
        lines.append(Markup('<span class="{}">{}</span>').format(cls, line) if cls else escape(line) + "\n")
    body = Markup("").join(lines) if lines else Markup("(binary file)")
    return Markup('<h3 class="file"><code>{}</code> ({})</h3><pre class="file">{}</pre>').format(
        fdiff.path, fdiff.status, body)


def render_html(diff: BuildDiff) -> str:
    objects = [{"name": o.name, "status": o.status, "headline": object_headline(o), "rows": _rows(o),
                "files": o.files} for o in diff.objects]
    return _ENV.get_template("report.html.j2").render(
        old=diff.old_label, new=diff.new_label, s=diff.summary, objects=objects, files=diff.files,
        file=_file)
