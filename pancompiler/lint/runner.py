"""Lint a set of templates: check each one (in parallel), then resolve across the library.

Each template is read, tokenized, parsed and checked on its own, in worker
processes when there are many (``jobs``): panlint's checks (``lint.style``),
the parser's (``lint.semantic``), and which lines carry suppression comments
(``lint.suppress``).  The parser's checks that depend on other templates
(types, global variables, deprecated functions, include paths) come back
pending; once every template has said what it defines, ``semantic.resolve``
keeps the confirmed ones.  Silenced findings and unselected rules are then
dropped.  A template that does not parse gets a ``PS000`` finding and only
the checks that need no AST.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from ..errors import PanSyntaxError
from ..source import SourceFile
from ..syntax import ast
from ..syntax.lossless import scan
from ..syntax.parser import parse_text
from ..toolkit.files import ToolError, find_templates, read_template
from . import semantic, style, suppress
from .rules import Finding

# Below this many templates, worker processes cost more than they save.
PARALLEL_THRESHOLD = 40


@dataclass
class Checked:
    """Everything learnt from one template, small enough to send between processes."""

    path: str
    root: str
    findings: list[Finding] = field(default_factory=list)
    facts: semantic.Facts = field(default_factory=semantic.Facts)
    silenced: dict[int, set[str]] = field(default_factory=dict)
    error: str | None = None       # an unreadable file: reported, no findings


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
    for part in reversed(template.name.split("/")[:-1]):
        if os.path.basename(folder) != part:
            return os.path.dirname(os.path.abspath(path))
        folder = os.path.dirname(folder)
    return folder


_MAVEN_HEADER = re.compile(r"^[ \t]*\$\{[^}\s]*\}[ \t]*$", re.MULTILINE)
_MAVEN_PROPERTY = re.compile(r"\$\{[^}\s]*\}")
_MASKED = re.compile(r"_{4,}")      # what mask_maven leaves of a placeholder in an identifier


def mask_maven(text: str) -> str:
    """Make a component source's Maven placeholders parse, as panlint's ``--allow_mvn_templates``.

    Component sources hold ``${project.artifactId}`` in template names and
    identifiers, and a whole header line such as ``${componentschema}``,
    filled in by the build.  Outside strings and comments each placeholder
    becomes underscores of the same length (so every column stays), and the
    header line becomes ``template maven_placeholder;``.
    """
    header = _MAVEN_HEADER.search(text)
    if header is not None and not re.search(r"\btemplate\b", text[:header.start()]):
        text = text[:header.start()] + "template maven_placeholder;" + text[header.end():]
    try:
        toks = scan(text)
    except PanSyntaxError:
        return text
    blank = lambda m: "_" * len(m.group())       # noqa: E731
    return "".join(_MAVEN_PROPERTY.sub(blank, t.text) if t.kind in ("maven", "tname") else t.text
                   for t in toks)


def check_file(path: str, allow_maven: bool = False) -> Checked:
    """All checks of one template that need nothing from the others."""
    try:
        text = read_template(path)
    except ToolError as exc:
        return Checked(path, os.path.dirname(os.path.abspath(path)), error=str(exc))
    if allow_maven:
        text = mask_maven(text)
    source = SourceFile(os.path.abspath(path), text)
    checked = Checked(path, os.path.dirname(os.path.abspath(path)))
    try:
        toks = scan(text, source)
    except PanSyntaxError as exc:
        checked.findings.append(_syntax_finding(path, exc))
        return checked
    lines = style.split_lines(text, toks)
    checked.findings += style.check_lines(path, lines, toks)
    checked.silenced = suppress.silenced_lines(lines)
    try:
        template = parse_text(text, source)
    except PanSyntaxError as exc:
        checked.findings.append(_syntax_finding(path, exc))
        return checked
    checked.root = namespace_root(path, template)
    checked.facts = semantic.check_template(path, template)
    if allow_maven:
        # A name holding a placeholder is only known after the build fills it in.
        checked.facts.pending = [p for p in checked.facts.pending
                                 if "${" not in p.name and not _MASKED.search(p.name)]
    return checked


def learn_types_from(paths: list[str], library: semantic.Library) -> None:
    """Type names defined by templates on the include path (tokens only, no parse)."""
    for path in find_templates([p for p in paths if os.path.isdir(p)]):
        try:
            toks = [t for t in scan(read_template(path)) if t.is_code()]
        except (ToolError, PanSyntaxError):     # a broken template elsewhere is not ours to report
            continue
        for i in range(len(toks) - 2):
            if toks[i].text == "type" and toks[i + 1].kind == "word" and toks[i + 2].text == "=":
                library.types.add(toks[i + 1].text)


def _check_all(files: list[str], jobs: int, allow_maven: bool) -> list[Checked]:
    check = functools.partial(check_file, allow_maven=allow_maven)
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        return [check(path) for path in files]
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(check, files, chunksize=max(1, len(files) // (jobs * 8))))


def lint(paths: list[str], selected: set[str], include_path: list[str] | None = None,
         jobs: int = 1, unreadable: list[str] | None = None, allow_maven: bool = False) -> list[Finding]:
    """Findings of the ``selected`` rules in every template under ``paths``.

    ``jobs``: worker processes (0: one per CPU).  Raises ToolError for a
    missing path, and for an unreadable template unless ``unreadable`` is a
    list to collect their messages in (the other templates are then linted).
    ``allow_maven``: accept Maven placeholders in headers (``mask_maven``).
    """
    files = find_templates(paths)
    checked = _check_all(files, jobs or os.cpu_count() or 1, allow_maven)
    for item in checked:
        if item.error:
            if unreadable is None:
                raise ToolError(item.error)
            unreadable.append(item.error)
    checked = [item for item in checked if not item.error]
    library = semantic.Library(include_path=list(include_path or []))
    if include_path:
        learn_types_from(include_path, library)
    for item in checked:
        semantic.learn(item.facts, library)
    roots = sorted({item.root for item in checked})
    findings: list[Finding] = []
    for item in checked:
        found = item.findings + item.facts.findings + semantic.resolve(item.facts.pending, library, roots)
        found = suppress.apply(found, item.silenced)
        findings += [f for f in found if f.rule in selected]
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.rule))
    return findings
