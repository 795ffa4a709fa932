"""Re-indent a pan template in the style of Pan-Indenter, on real tokens.

Pan-Indenter (stfc/Pan-Indenter), which quattor sites run in CI, indents with
four spaces per level and moves the level by at most one per line: a line
with more closing than opening brackets (``}`` ``)``) is dedented before it is
printed, one with more opening brackets indents the lines after it, and a line
that starts with a closer and ends with an opener (``} else {``) is printed
one level out.  Trailing whitespace goes.  This module applies exactly those
rules, but counts brackets on the tokens of ``syntax.lossless`` instead of
regular expressions, so brackets in strings, comments, annotations and
heredocs never count, and it leaves alone every line that starts inside a
multi-line token (heredoc bodies, annotation bodies, continued strings) and,
as Pan-Indenter does, the indentation of lines holding an annotation, so no
string value, annotation or heredoc changes: only the whitespace before and
after code.  The result depends only on the stripped lines, so
formatting twice gives the same text as formatting once.
"""

from __future__ import annotations

import re

from ..source import SourceFile
from ..syntax.lossless import Tok, scan

INDENT = "    "
_OPEN = frozenset("{(")
_CLOSE = frozenset("})")
_MULTILINE = frozenset({"annotation", "string", "heredoc_body"})
_PHYSICAL_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|)")


def physical_lines(text: str) -> list[tuple[str, str]]:
    """``(content, line end)`` pairs; pan's line ends are \\n, \\r\\n and \\r only."""
    lines = []
    pos, n = 0, len(text)
    while pos < n:
        m = _PHYSICAL_LINE.match(text, pos)
        lines.append((m.group(1), m.group(2)))
        pos = m.end()
    return lines


def format_text(text: str, source: SourceFile | None = None) -> str:
    """The re-indented text; raises PanSyntaxError when ``text`` does not tokenize."""
    toks = scan(text, source)
    lines = physical_lines(text)
    count = len(lines)
    verbatim = [False] * (count + 2)      # starts inside a multi-line token: copied byte for byte
    open_end = [False] * (count + 2)      # ends inside a multi-line token: trailing blanks are content
    opens = [0] * (count + 2)
    closes = [0] * (count + 2)
    first_code: list[Tok | None] = [None] * (count + 2)
    last_code: list[Tok | None] = [None] * (count + 2)
    for tok in toks:
        kind = tok.kind
        if kind == "ws" or kind == "nl" or kind == "comment":
            continue
        line = tok.line
        if kind in _MULTILINE:
            end_line = tok.end_line
            if end_line > line:
                for i in range(line + 1, end_line + 1):
                    verbatim[i] = True
                for i in range(line, end_line):
                    open_end[i] = True
            if kind == "heredoc_body":
                verbatim[line] = True
                continue
            if kind == "annotation":
                # As Pan-Indenter does, a line holding an annotation keeps its indentation.
                verbatim[line] = True
                continue
        elif kind == "punct":
            if tok.text in _OPEN:
                opens[line] += 1
            elif tok.text in _CLOSE:
                closes[line] += 1
        if first_code[line] is None:
            first_code[line] = tok
        last_code[line] = tok
    out: list[str] = []
    level = 0
    for number, (content, eol) in enumerate(lines, start=1):
        change = (opens[number] > closes[number]) - (closes[number] > opens[number])
        first, last = first_code[number], last_code[number]
        curly_out = (first is not None and first.text in _CLOSE and last.text in _OPEN
                     and not verbatim[number])
        if change < 0:
            level += change
        if curly_out:
            level -= 1
        if verbatim[number]:
            out.append(content if open_end[number] else content.rstrip(" \t\f"))
            out.append(eol)
        else:
            body = content.lstrip(" \t\f") if open_end[number] else content.strip(" \t\f")
            if body:
                out.append(INDENT * level if level > 0 else "")
                out.append(body)
            out.append(eol if eol or not body else "\n")
        if change > 0:
            level += change
        if curly_out:
            level += 1
    return "".join(out)
