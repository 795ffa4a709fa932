"""Checks that need the parsed template (``PS`` rules).

Each check walks the AST of ``syntax.parser``: local variables read before any
assignment or assigned and never read (per function body or statement, in
evaluation order; loops count their own later assignments), includes of
templates found on no include path, binds and fields naming a type nobody
defines, code after ``return()`` in a block, a ``final`` path or
variable written again later in the same template, and uses of the ``nlist``
type or of library functions that call ``deprecated()``.

A template is checked on its own (``check_template``, which can run in a
worker process): what depends on the other templates comes back as
``Pending`` findings (a local that may be a global, a type name, a call, an
include), which ``resolve`` keeps or drops once ``Library`` knows what the
whole library defines: types, global variables, deprecated functions, and
where included templates may be.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..runtime.types import PRIMITIVES
from ..syntax import ast
from ..toolkit.deprecation import deprecation_message
from .astwalk import walk
from .locals import LocalVariables
from .rules import Finding

TERMINAL_CALLS = frozenset({"return"})


@dataclass
class Library:
    """What is known beyond the template being checked."""

    types: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)
    deprecated_functions: dict[str, str] = field(default_factory=dict)   # name -> message
    include_path: list[str] = field(default_factory=list)
    _found: dict[str, bool] = field(default_factory=dict)

    def template_exists(self, name: str, roots: list[str]) -> bool:
        key = name + "\0" + "\0".join(roots)
        if key not in self._found:
            self._found[key] = any(os.path.isfile(os.path.join(root, name + ext))
                                   for root in [*self.include_path, *roots] for ext in (".pan", ".tpl"))
        return self._found[key]


@dataclass
class Pending:
    """A finding that stands or falls with what the rest of the library defines."""

    kind: str           # "local", "type", "call" or "include"
    name: str
    finding: Finding


@dataclass
class Facts:
    """What checking one template found, and what it defines for the others."""

    findings: list[Finding] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)
    deprecated_functions: dict[str, str] = field(default_factory=dict)


def learn(facts: Facts, library: Library) -> None:
    """Add what a template defines to ``library``."""
    library.types |= facts.types
    library.globals |= facts.globals
    library.deprecated_functions.update(facts.deprecated_functions)


def _definitions(template: ast.Template, facts: Facts) -> None:
    for stmt in template.statements:
        if isinstance(stmt, ast.TypeStmt):
            facts.types.add(stmt.name)
        elif isinstance(stmt, ast.VariableStmt):
            facts.globals.add(stmt.name)
        elif isinstance(stmt, ast.FunctionStmt):
            message = deprecation_message(stmt.body)
            if message is not None:
                facts.deprecated_functions[stmt.name] = message


def resolve(pending: list[Pending], library: Library, roots: list[str]) -> list[Finding]:
    """The pending findings that the whole library confirms."""
    kept = []
    for item in pending:
        name = item.name
        if item.kind == "local":
            keep = name not in library.globals
        elif item.kind == "type":
            keep = name not in PRIMITIVES and name not in library.types
        elif item.kind == "call":
            keep = name in library.deprecated_functions
            if keep:
                message = library.deprecated_functions[name]
                item.finding.message = f"function {name} is deprecated" + (f": {message}" if message else "")
        else:
            keep = not library.template_exists(name, roots)
        if keep:
            kept.append(item.finding)
    return kept


def check_template(path: str, template: ast.Template) -> Facts:
    facts = Facts()
    _definitions(template, facts)

    def add(span, rule: str, message: str, pending: tuple[str, str] | None = None) -> None:
        end = span.end_col if span.end_line == span.line else span.col
        finding = Finding(path, span.line, span.col, max(end, span.col), rule, message)
        if pending is None:
            facts.findings.append(finding)
        else:
            facts.pending.append(Pending(pending[0], pending[1], finding))

    _check_statements(template, add)
    for stmt in template.statements:
        for expr in _statement_dml(stmt):
            _check_dml(expr, add)
        for full in _statement_types(stmt):
            _walk_type(full, lambda t: _check_type(t, add), lambda e: _check_dml(e, add))
    return facts


def _check_dml(expr, add) -> None:
    """The checks of one DML body: its local variables, then each expression."""
    LocalVariables(add).run(expr)
    walk(expr, lambda e: _check_expr(e, add))


def _statement_dml(stmt) -> list:
    if isinstance(stmt, (ast.AssignStmt, ast.VariableStmt, ast.IncludeStmt)):
        return [stmt.expr]
    if isinstance(stmt, ast.FunctionStmt):
        return [stmt.body]
    if isinstance(stmt, ast.ValidStmt):
        return [stmt.expr]
    return []


def _statement_types(stmt) -> list:
    if isinstance(stmt, (ast.TypeStmt, ast.BindStmt)):
        return [stmt.type]
    return []


# ------------------------------------------------------------ statement level

def _join(prefix: str, path: str) -> str:
    if path.startswith("/") or "://" in path or ":" in path.split("/")[0]:
        return path
    return (prefix.rstrip("/") + "/" + path) if prefix else path


def _check_statements(template: ast.Template, add) -> None:
    prefix = ""
    final_paths: dict[str, ast.Statement] = {}
    final_vars: set[str] = set()
    for stmt in template.statements:
        if isinstance(stmt, ast.PrefixStmt):
            prefix = stmt.path
        elif isinstance(stmt, ast.IncludeStmt):
            expr = stmt.expr
            if isinstance(expr, ast.Literal) and isinstance(expr.value, str) and expr.value:
                add(expr.span, "PS003", f"template {expr.value} is on no include path",
                    ("include", expr.value))
        elif isinstance(stmt, ast.AssignStmt):
            path = _join(prefix, stmt.path)
            # "?=" writes nothing over an existing (final) value: not an error.
            for final in ([] if stmt.conditional else final_paths):
                if path == final or path.startswith(final.rstrip("/") + "/"):
                    add(stmt.span, "PS006", f"{path} is written after final {final} "
                                            f"(line {final_paths[final].span.line})")
                    break
            if stmt.final:
                final_paths.setdefault(path, stmt)
        elif isinstance(stmt, ast.VariableStmt):
            if stmt.name in final_vars and not stmt.conditional:
                add(stmt.span, "PS006", f"final variable {stmt.name} is written again")
            if stmt.final:
                final_vars.add(stmt.name)


# ------------------------------------------------------------ types

def _walk_type(full: ast.FullType, on_type, on_expr) -> None:
    spec = full.spec
    base = spec.base
    on_type(base)
    if isinstance(base, ast.RecordType):
        for fld in base.fields:
            if isinstance(fld, ast.FieldInclude):
                on_type(fld)
            else:
                _walk_type(fld.type, on_type, on_expr)
    for expr in (full.default, full.with_):
        if expr is not None:
            on_expr(expr)


def _check_type(node, add) -> None:
    if isinstance(node, ast.NamedType):
        name = node.name
    elif isinstance(node, ast.FieldInclude):
        name = node.type_name
    else:
        return
    if name == "nlist":
        add(node.span, "PS007", "type nlist is deprecated: use dict")
    elif name not in PRIMITIVES:
        add(node.span, "PS004", f"type {name} is never defined", ("type", name))


# ------------------------------------------------------------ expressions

def _check_expr(expr, add) -> None:
    if isinstance(expr, ast.Block):
        for i, item in enumerate(expr.exprs[:-1]):
            if isinstance(item, ast.Call) and item.name in TERMINAL_CALLS:
                nxt = expr.exprs[i + 1]
                add(nxt.span, "PS005", f"code after {item.name}() never runs")
                break
    elif isinstance(expr, ast.Call):
        add(expr.span, "PS007", f"function {expr.name} is deprecated", ("call", expr.name))
