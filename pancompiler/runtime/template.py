"""Compiling a parsed template into runnable statements, with panc's checks.

``compile_template`` checks what each template kind may contain (declaration,
structure, unique...), resolves ``prefix`` into absolute paths, builds type
objects, folds constants and turns every statement into a closure
``run(ev)``.  The result, a ``CompiledTemplate``, holds no per-object state and
is shared by every object that includes the template.  Statements are marked
*static* (function, type and bind in ordinary templates; everything in unique
and declaration templates) when they run only on a template's first inclusion
into an object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import EvaluationError, PanError, PanSyntaxError, ReturnSignal
from ..source import Span
from ..syntax import ast
from .dml import MISSING, Compiler
from .paths import Path, PathError, is_valid_template_name, parse_path
from .types import FullType, PrimitiveType, build_full_type
from .values import NULL, UNDEF, PanDict, protect

KIND_NAMES = ("object", "ordinary", "unique", "declaration", "structure")
ALLOWED_INCLUDES = {
    "object": {"ordinary", "unique", "declaration"},
    "ordinary": {"ordinary", "unique", "declaration"},
    "unique": {"ordinary", "unique", "declaration"},
    "declaration": {"declaration"},
    "structure": {"structure", "declaration"},
}
_VAR_REF = re.compile(r"\$\{([^}]*)\}")
# panc's identifier rule for computed includes; a name passing it may still be
# refused by the lookup ("invalid template name"), e.g. 'a/../b'.
_INCLUDE_IDENTIFIER = re.compile(r"\w[\w+.-]*(?:/[\w+.-]+)*", re.ASCII)


@dataclass(slots=True)
class CompiledTemplate:
    name: str
    kind: str
    source_path: str
    statements: list          # [(static: bool, run(ev))]
    span: Span


class ConstantContext:
    """A minimal evaluator for compile-time constants, like panc's CompileTimeContext.

    It has locals but no globals, no SELF, no OBJECT or TEMPLATE, no user
    functions and no configuration tree; panc's limits there are fixed (1000
    iterations, depth 50).  Anything else a DML block needs raises, so the
    block is simply not a constant.
    """

    locals: dict
    self_value = MISSING
    owned_ids = None
    function_name = None
    max_iteration = 1000
    max_recursion = 50
    compile_time = True

    def __init__(self):
        self.locals = {}

    @property
    def object_name(self):
        raise EvaluationError("OBJECT is not defined in a compile-time context")

    @property
    def template_name(self):
        raise EvaluationError("TEMPLATE is not defined in a compile-time context")

    def read_global(self, name, default):
        return default

    def is_global(self, name):
        return False

    def call_function(self, name, args, span):
        raise EvaluationError(f"function '{name}' is not defined in a compile-time context")

    def __getattr__(self, name):
        raise EvaluationError(f"invalid use of {name} in compile-time context")


class TemplateCompiler(Compiler):
    """Compiles one template's statements (and its type specs)."""

    def __init__(self, builtins: dict, template: ast.Template):
        super().__init__(builtins)
        self.template = template

    # Used by types.build_full_type
    def constant_value(self, node: ast.Expr):
        try:
            fn = self.compile(node)
            value = fn(ConstantContext())
        except ReturnSignal as ret:
            value = ret.value
        except PanSyntaxError:
            raise
        except PanError:
            raise PanSyntaxError("DML block for default value does not evaluate to a compile-time constant",
                                 node.span) from None
        if value is UNDEF or value is NULL:
            raise PanSyntaxError("undef is not a valid default value", node.span)
        if isinstance(value, (PanDict,)) or isinstance(value, list):
            protect(value)
        return value

    def compile_validation(self, node: ast.Expr):
        return self.compile(node)


def _check_template_name(tpl: ast.Template) -> None:
    name = tpl.name
    if not is_valid_template_name(name):
        raise PanSyntaxError(f"invalid template name ({name})", tpl.name_span)


def compile_template(tpl: ast.Template, builtins: dict) -> CompiledTemplate:
    """Check and compile a parsed template."""
    _check_template_name(tpl)
    comp = TemplateCompiler(builtins, tpl)
    kind = tpl.kind
    statements = []
    defined: dict[str, Span] = {}
    prefix: str | None = None       # current prefix (None when cleared)
    absolute_prefix: str | None = None
    static_kind = kind in ("unique", "declaration")
    append = statements.append
    for stmt in tpl.statements:
        cls = type(stmt)
        if cls is ast.AssignStmt and kind != "declaration":     # most statements: no other check
            append((static_kind, _assign(comp, stmt, kind, prefix)))
            continue
        if kind == "declaration" and cls not in (ast.FunctionStmt, ast.TypeStmt, ast.IncludeStmt,
                                                 ast.BindStmt, ast.VariableStmt, ast.ValidStmt):
            if cls is not ast.PrefixStmt:
                raise PanSyntaxError("statement not allowed in declaration template", stmt.span)
        if kind == "structure" and cls in (ast.VariableStmt, ast.BindStmt, ast.ValidStmt,
                                           ast.FunctionStmt, ast.TypeStmt):
            raise PanSyntaxError(
                "only relative assigment and include statements are allowed in structure templates",
                stmt.span)
        if cls is ast.PrefixStmt:
            prefix = _resolve_prefix(stmt, absolute_prefix)
            if prefix is not None and not stmt.path.startswith("/") and stmt.path:
                pass
            elif prefix is not None:
                absolute_prefix = prefix
            else:
                absolute_prefix = None
            continue
        if cls in (ast.TypeStmt, ast.FunctionStmt):
            key = ("T$" if cls is ast.TypeStmt else "F$") + stmt.name
            if key in defined:
                what = "type" if cls is ast.TypeStmt else "function"
                raise PanSyntaxError(
                    f"duplicate {what} definition for {stmt.name}; previous definition at "
                    f"{defined[key].location()}", stmt.span)
            defined[key] = stmt.span
        run = _COMPILERS[cls](comp, stmt, kind, prefix)
        static = static_kind or cls in (ast.FunctionStmt, ast.TypeStmt, ast.BindStmt, ast.ValidStmt)
        append((static, run))
    return CompiledTemplate(tpl.name, kind, tpl.source.path, statements, tpl.span)


def _resolve_prefix(stmt: ast.PrefixStmt, prefix):
    text = stmt.path
    if text == "":
        return None
    try:
        path = parse_path(text, allow_all_relative=True)
    except PathError as exc:
        raise PanSyntaxError(str(exc), stmt.span) from None
    if path.kind == "external":
        raise PanSyntaxError("cannot construct relative path from external path", stmt.span)
    if path.kind == "absolute":
        return text.rstrip("/") or "/"
    if prefix is None:
        raise PanSyntaxError(f"given relative prefix ({text}) requires prior absolute prefix", stmt.span)
    return prefix.rstrip("/") + "/" + text


def _statement_terms(stmt, kind: str, prefix) -> tuple[tuple, bool]:
    """The terms of an assignment's path and whether it is relative, with panc's checks."""
    text = stmt.path
    try:
        path = parse_path(text, allow_all_relative=kind == "structure" or prefix is not None)
        path_kind = path.kind
        terms = path.terms
        if path_kind == "relative" and prefix is not None:
            terms = _under_prefix(prefix, terms, text)
            path_kind = "absolute"
    except PathError as exc:
        raise PanSyntaxError(str(exc), stmt.span) from None
    if path_kind == "external":
        raise PanSyntaxError(f"assignment cannot be made to an external path ({text})", stmt.span)
    if kind == "structure":
        if path_kind == "absolute":
            raise PanSyntaxError("structure templates can only contain assignments to relative paths",
                                 stmt.span)
    elif path_kind == "relative":
        raise PanSyntaxError(
            "ordinary, object, and unique templates can only contain assignments to absolute paths",
            stmt.span)
    return terms, path_kind == "relative"


def _under_prefix(prefix: str, terms: tuple, text: str) -> tuple:
    """The terms of the relative path ``text`` (``terms``) under the absolute ``prefix``:
    those of the joined text ``prefix/text``, without parsing it (half of the
    statements of large templates are under a prefix)."""
    try:
        joined = parse_path(prefix, allow_all_relative=True).terms + terms
    except PathError:       # the prefix alone is no valid path: let the joined text report it
        return parse_path(prefix.rstrip("/") + "/" + text).terms
    if joined and type(joined[0]) is int:
        raise PathError("first term in path must be a key, not an index")
    return joined


# ----------------------------------------------------------- the statements

def constant_result(fn):
    """The value of a DML closure if it is a compile-time constant, else MISSING.

    panc evaluates every assignment and variable statement this way while
    compiling and keeps the value when it succeeds; a block that calls
    ``deprecated()`` is then silent, as in panc, and runs no code per object.
    """
    try:
        value = fn(ConstantContext())
    except ReturnSignal as ret:
        value = ret.value
    except (PanError, RecursionError):
        return MISSING
    if isinstance(value, (PanDict, list)):
        protect(value)              # shared by every object: copied before any write
    return value


def _constant_fn(fn):
    value = constant_result(fn)
    if value is MISSING:
        return fn
    return _constant(value)


def _constant(value):
    """A statement's closure for a value known while compiling."""
    def constant(ev):
        return value

    constant.is_constant = True
    return constant


def _assign(comp: TemplateCompiler, stmt: ast.AssignStmt, kind, prefix):
    terms, relative = _statement_terms(stmt, kind, prefix)
    expr = stmt.expr
    compiled = None
    if type(expr) is ast.Literal:
        value = expr.value          # most statements: nothing to compile or evaluate
    else:
        compiled = comp.compile(expr)
        value = constant_result(compiled)
    conditional = stmt.conditional
    final = stmt.final
    span = stmt.span
    if conditional and value is NULL:
        # panc turns a conditional assignment of constant null into a no-op
        # (no parents are created); only the final flag is still set.
        def conditional_delete(ev):
            if final and not relative:
                ev.final.add(terms)
        return conditional_delete
    if value is not MISSING and value is not NULL and terms:

        def assign_constant(ev):        # the common case: no DML frame, no SELF
            try:
                ev.assign_constant(terms, relative, value, conditional, final)
            except PanError as exc:
                if exc.path is None:
                    exc.path = ("" if relative else "/") + "/".join(str(t) for t in terms)
                raise exc.at(span)

        assign_constant.__name__ = "assign"
        return assign_constant
    fn = compiled if value is MISSING else _constant(value)

    def assign(ev):
        try:
            ev.assign_path(terms, relative, fn, conditional, final)
        except PanError as exc:
            if exc.path is None:
                exc.path = ("" if relative else "/") + "/".join(str(t) for t in terms)
            raise exc.at(span)

    return assign


def _variable(comp: TemplateCompiler, stmt: ast.VariableStmt, kind, prefix):
    name = stmt.name
    if name in ("SELF", "ARGV", "ARGC", "OBJECT", "TEMPLATE", "FUNCTION"):
        raise PanSyntaxError(f"automatic variable ({name}) may not be set directly", stmt.span)
    expr = stmt.expr
    fn = _constant(expr.value) if type(expr) is ast.Literal else _constant_fn(comp.compile(expr))
    conditional = stmt.conditional
    final = stmt.final
    span = stmt.span

    def variable(ev):
        try:
            ev.assign_global(name, fn, conditional, final)
        except PanError as exc:
            raise exc.at(span)

    return variable


def _include(comp: TemplateCompiler, stmt: ast.IncludeStmt, kind, prefix):
    expr = stmt.expr
    span = stmt.span
    if _mentions_self(expr):
        raise PanSyntaxError("SELF cannot be used within include statement", stmt.span)
    fn = comp.compile(expr)
    if getattr(fn, "constant", False):
        value = fn.value
        if not (type(value) is str or value is UNDEF or value is NULL):
            raise PanSyntaxError("DML block must evaluate to a string property, null, or undef", span)
        if type(value) is str and not _INCLUDE_IDENTIFIER.fullmatch(value):
            raise PanSyntaxError(f"invalid identifier ({value})", span)
        if type(value) is str:
            def include_constant(ev):       # the common case: nothing to evaluate or check
                ev.include(value, span)
            include_constant.__name__ = "include"
            return include_constant

    def include(ev):
        try:
            name = ev.run_dml(fn, MISSING)
        except PanError as exc:
            raise exc.at(span)
        if name is UNDEF or name is NULL:
            return
        if type(name) is not str:
            raise EvaluationError(
                "DML block for computed include statement didn't evaluate to undef, null, or a string", span)
        if not _INCLUDE_IDENTIFIER.fullmatch(name):
            raise EvaluationError(f"invalid identifier for include: {name}", span)
        ev.include(name, span)

    return include


def _mentions_self(node) -> bool:
    if isinstance(node, ast.Variable):
        if node.name == "SELF":
            return True
    for attr in getattr(node, "__slots__", ()):
        child = getattr(node, attr, None)
        if isinstance(child, ast.Expr) and _mentions_self(child):
            return True
        if isinstance(child, list) and any(isinstance(c, ast.Expr) and _mentions_self(c) for c in child):
            return True
    return False


def _function(comp: TemplateCompiler, stmt: ast.FunctionStmt, kind, prefix):
    name = stmt.name
    span = stmt.span
    if name in comp.builtins or name in ("SELF", "OBJECT", "TEMPLATE", "FUNCTION", "ARGV", "ARGC"):
        raise PanSyntaxError(f"{name} cannot be used as a function", span)
    body = comp.compile(stmt.body)

    def function(ev):
        ev.define_function(name, body, span)

    return function


def _type(comp: TemplateCompiler, stmt: ast.TypeStmt, kind, prefix):
    name = stmt.name
    span = stmt.span
    full = build_full_type(stmt.type, comp, name)

    def type_(ev):
        ev.define_type(name, full, span)

    return type_


def _bind_path(text: str, span):
    """Static bind paths are parsed now; ``${VAR}`` ones when they run."""
    if "${" in text:
        return None
    try:
        path = parse_path(text)
    except PathError as exc:
        raise PanSyntaxError(str(exc), span) from None
    if path.kind != "absolute":
        raise PanSyntaxError(f"only absolute paths can be used with bind statements ({text})", span)
    return path


def _dynamic_path(ev, text: str, span) -> Path:
    def repl(m):
        value = ev.read_global(m.group(1), MISSING)
        if value is MISSING or type(value) not in (str, int):
            raise EvaluationError(f"variable ({m.group(1)}) in path '{text}' is undefined or not a string",
                                  span)
        return str(value)

    expanded = _VAR_REF.sub(repl, text)
    try:
        path = parse_path(expanded)
    except PathError as exc:
        raise EvaluationError(str(exc), span) from None
    if path.kind != "absolute":
        raise EvaluationError(f"only absolute paths can be used with bind statements ({expanded})", span)
    return path


def _bind(comp: TemplateCompiler, stmt: ast.BindStmt, kind, prefix):
    span = stmt.span
    path = _bind_path(stmt.path, span)
    full = build_full_type(stmt.type, comp)
    text = stmt.path

    def bind(ev):
        ev.add_bind(path if path is not None else _dynamic_path(ev, text, span), full, span)

    return bind


def _valid(comp: TemplateCompiler, stmt: ast.ValidStmt, kind, prefix):
    span = stmt.span
    path = _bind_path(stmt.path, span)
    full = FullType(PrimitiveType("element", None), None, comp.compile_validation(stmt.expr), span)
    text = stmt.path

    def valid(ev):
        ev.add_bind(path if path is not None else _dynamic_path(ev, text, span), full, span)

    return valid


_COMPILERS = {
    ast.AssignStmt: _assign,
    ast.VariableStmt: _variable,
    ast.IncludeStmt: _include,
    ast.FunctionStmt: _function,
    ast.TypeStmt: _type,
    ast.BindStmt: _bind,
    ast.ValidStmt: _valid,
}

__all__ = ["CompiledTemplate", "compile_template", "ALLOWED_INCLUDES"]
