"""Markdown for a pull-request comment: a summary table, then one collapsible
``<details>`` section per object holding a ``diff`` code block.

GitHub refuses comments over 65,536 characters, so the text is kept under
``limit`` characters: objects are added in order while they fit, and a last
line says how many objects (and paths) were left out.  The summary at the
top always covers the whole diff.
"""

from __future__ import annotations

import html
import re

from .builds import BuildDiff, FileDiff, ObjectDiff
from .render_text import VALUE_LIMIT, change_line, object_headline
from .values import kind, pan_literal

DEFAULT_LIMIT = 60_000
MARKER = "<!-- pancompiler-review -->"      # lets a CI job find and update its own comment


def _fence(body: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


def _code_block(body: str, lang: str = "diff") -> str:
    fence = _fence(body)
    return f"{fence}{lang}\n{body.rstrip(chr(10))}\n{fence}\n"


def _object_section(obj: ObjectDiff) -> str:
    headline = object_headline(obj)
    parts = [f"<details><summary><code>{html.escape(obj.name)}</code>: {headline}</summary>\n\n"]
    if obj.changes:
        lines = []
        for change in obj.changes:
            mark, text = change_line(change)
            if mark == "~":
                retyped = f"  ({kind(change.old)} → {kind(change.new)})" if change.retyped else ""
                lines.append(f"- {change.path} = {pan_literal(change.old, VALUE_LIMIT)}")
                lines.append(f"+ {change.path} = {pan_literal(change.new, VALUE_LIMIT)}{retyped}")
            else:
                lines.append(f"{'!' if mark == '↕' else mark} {text}")
        parts.append(_code_block("\n".join(lines)))
    for fdiff in obj.files:
        parts.append(_file_section(fdiff))
    parts.append("\n</details>\n")
    return "".join(parts)


def _file_section(fdiff: FileDiff) -> str:
    body = fdiff.diff or "(binary file)\n"
    return f"\n`{fdiff.path}` ({fdiff.status})\n\n" + _code_block(body)


def render_markdown(diff: BuildDiff, limit: int = DEFAULT_LIMIT) -> str:
    s = diff.summary
    head = [MARKER, f"### pancompiler review: `{diff.old_label}` → `{diff.new_label}`", ""]
    if not diff.has_differences:
        head.append(f"No differences in the generated configurations ({s.objects_unchanged} objects compared).")
        return "\n".join(head) + "\n"
    head += [
        "| objects changed | added | removed | unchanged | paths changed | rendered files changed |",
        "|---:|---:|---:|---:|---:|---:|",
        (f"| {s.objects_changed} | {s.objects_added} | {s.objects_removed} | {s.objects_unchanged} "
         f"| {s.paths} (+{s.paths_added} −{s.paths_removed} ~{s.paths_changed} ↕{s.paths_moved}) "
         f"| {s.files_changed} |"), "", ""]
    text = "\n".join(head)
    sections = [_object_section(obj) for obj in diff.objects]
    if diff.files:
        sections.append("<details><summary>site-wide files</summary>\n\n"
                        + "".join(_file_section(f) for f in diff.files) + "\n</details>\n")
    budget = limit - len(text) - 200               # room for the truncation note
    shown = 0
    for section in sections:
        if len(section) > budget:
            break
        text += section
        budget -= len(section)
        shown += 1
    left = diff.objects[shown:]
    if shown < len(sections):
        paths = sum(len(o.changes) for o in left)
        text += (f"\n**Truncated:** {len(sections) - shown} more sections not shown "
                 f"({len(left)} objects, {paths} paths); run `panc-review diff` locally for the full view.\n")
    return text
