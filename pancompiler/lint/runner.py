"""Lint a set of templates: tokenize, parse, learn the library, run every check.

Two passes: the first reads, tokenizes and parses every template and learns
what the library defines (types, global variables, deprecated functions);
the second runs panlint's checks (``lint.style``) and the parser's
(``lint.semantic``) on each template, drops silenced findings
(``lint.suppress``) and keeps the selected rules.  A template that does not
parse gets a ``PS000`` finding and only the checks that need no AST.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import PanSyntaxError
from ..source import SourceFile
from ..syntax import ast
from ..syntax.lossless import Tok, scan
from ..syntax.parser import parse_text
from ..toolkit.files import find_templates, read_template
from . import semantic, style, suppress
from .rules import Finding


@dataclass
class Checked:
    path: str
    text: str
    toks: list[Tok] | None
    template: ast.Template | None
    error: Finding | None


def _load(path: str) -> Checked:
    text = read_template(path)
    source = SourceFile(os.path.abspath(path), text)
    try:
        toks = scan(text, source)
    except PanSyntaxError as exc:
        return Checked(path, text, None, None, _syntax_finding(path, exc))
    try:
        template = parse_text(text, source)
    except PanSyntaxError as exc:
        return Checked(path, text, toks, None, _syntax_finding(path, exc))
    return Checked(path, text, toks, template, None)


def _syntax_finding(path: str, exc: PanSyntaxError) -> Finding:
    span = exc.span
    line, col = (span.line, span.col) if span is not None else (1, 1)
    end = span.end_col if span is not None and span.end_line == span.line else col
    return Finding(path, line, col, max(col, end), "PS000", exc.message)


def namespace_root(path: str, template: ast.Template | None) -> str:
    """The folder a template's name is relative to (its include-path entry)."""
    folder = os.path.dirname(os.path.abspath(path))
    if template is None:
        return folder
    parts = template.name.split("/")[:-1]
    for part in reversed(parts):
        if os.path.basename(folder) != part:
            return os.path.dirname(os.path.abspath(path))
        folder = os.path.dirname(folder)
    return folder


def learn_types_from(paths: list[str], library: semantic.Library) -> None:
    """Type names defined by templates on the include path (tokens only, no parse)."""
    for path in find_templates([p for p in paths if os.path.isdir(p)]):
        try:
            toks = [t for t in scan(read_template(path)) if t.is_code()]
        except Exception:       # a broken template elsewhere is not ours to report
            continue
        for i in range(len(toks) - 2):
            if toks[i].text == "type" and toks[i + 1].kind == "word" and toks[i + 2].text == "=":
                library.types.add(toks[i + 1].text)


def lint(paths: list[str], selected: set[str], include_path: list[str] | None = None) -> list[Finding]:
    files = find_templates(paths)
    checked = [_load(path) for path in files]
    library = semantic.Library(include_path=list(include_path or []))
    if include_path:
        learn_types_from(include_path, library)
    for item in checked:
        if item.template is not None:
            semantic.learn(item.template, library)
    roots = sorted({namespace_root(c.path, c.template) for c in checked})
    findings: list[Finding] = []
    for item in checked:
        found: list[Finding] = [item.error] if item.error else []
        if item.toks is not None:
            lines = style.split_lines(item.text, item.toks)
            found += style.check_lines(item.path, lines, item.toks)
            if item.template is not None:
                found += semantic.check_template(item.path, item.template, library, roots)
            found = suppress.apply(found, suppress.silenced_lines(lines))
        findings += [f for f in found if f.rule in selected]
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.rule))
    return findings
