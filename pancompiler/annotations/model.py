"""The documented declarations of a template: what panc's annotation output holds.

``document`` pairs a template's AST with its lossless tokens and returns a
tree of ``Node``s in panc's order: the template, then for each statement its
``type``/``variable``/``function`` element (binds contribute their type specs
directly), type specs as ``basetype`` elements holding ``field`` and
``include`` elements, and a ``default`` element for a default that is a plain
literal.  Each template, variable, type, function and field carries the
annotations written just before its first token (after the previous code
token), nearest first, as JavaCC hands them to panc.  ``annotations.xml``
writes this tree as panc does; ``docgen`` builds the documentation site on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import PanSyntaxError
from ..runtime.javadouble import java_double_str
from ..runtime.paths import escape
from ..runtime.values import NULL, UNDEF
from ..source import Span
from ..syntax import ast
from ..syntax.lossless import Tok
from .parse import Annotation, AnnotationError, parse_annotation


@dataclass
class Node:
    """One element: its tag, attributes (in panc's order), annotations and children."""

    tag: str
    attrs: list[tuple[str, str]]
    annotations: list[Annotation] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    span: Span | None = None
    ast: object = None

    def attr(self, name: str) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return None


def source_range(span: Span) -> str:
    return f"{span.line}.{span.col}-{span.end_line}.{span.end_col}"


class _Annotations:
    """Finds the annotations just before a token, by that token's line and column."""

    def __init__(self, toks: list[Tok], source):
        self.toks = toks
        self.source = source
        self.index = {(t.line, t.col): i for i, t in enumerate(toks) if t.is_code()}

    def before(self, span: Span) -> list[Annotation]:
        i = self.index.get((span.line, span.col))
        if i is None:
            return []
        found = []
        j = i - 1
        while j >= 0 and not self.toks[j].is_code():
            tok = self.toks[j]
            if tok.kind == "annotation":
                try:
                    found.append(parse_annotation(tok.text))
                except AnnotationError as exc:
                    raise PanSyntaxError(str(exc), tok.span(self.source)) from None
            j -= 1
        return found


_KIND = {"ordinary": "ORDINARY", "object": "OBJECT", "declaration": "DECLARATION",
         "structure": "STRUCTURE", "unique": "UNIQUE"}


def document(template: ast.Template, toks: list[Tok]) -> Node:
    notes = _Annotations(toks, template.source)
    root = Node("template", [("name", template.name), ("source-range", source_range(template.span)),
                             ("type", _KIND[template.kind])],
                notes.before(template.span), span=template.span, ast=template)
    for stmt in template.statements:
        if isinstance(stmt, (ast.TypeStmt, ast.VariableStmt, ast.FunctionStmt)):
            tag = {ast.TypeStmt: "type", ast.VariableStmt: "variable", ast.FunctionStmt: "function"}[type(stmt)]
            node = Node(tag, [("name", stmt.name), ("source-range", source_range(stmt.span))],
                        notes.before(stmt.span), span=stmt.span, ast=stmt)
            if isinstance(stmt, ast.TypeStmt):
                node.children = _full_type(stmt.type, notes)
            root.children.append(node)
        elif isinstance(stmt, ast.BindStmt):
            root.children.extend(_full_type(stmt.type, notes))
    return root


def _range_text(r: ast.Range | None) -> str | None:
    if r is None:
        return None
    lo = 0 if r.min is None else r.min
    return f"{lo}.." + ("" if r.max is None else str(r.max))


def _full_type(full: ast.FullType, notes: _Annotations) -> list[Node]:
    base = full.spec.base
    attrs = []
    if isinstance(base, ast.NamedType):
        attrs.append(("name", base.name))
    elif isinstance(base, ast.ChoiceType):
        attrs.append(("name", "choice"))
    attrs.append(("source-range", source_range(base.span)))
    attrs.append(("extensible", "true" if isinstance(base, ast.RecordType) and base.extensible else "false"))
    rng = _range_text(getattr(base, "range", None))
    if rng is not None:
        attrs.append(("range", rng))
    node = Node("basetype", attrs, span=base.span, ast=full)
    if isinstance(base, ast.RecordType):
        for fld in base.fields:
            if isinstance(fld, ast.FieldInclude):
                node.children.append(Node("include", [("name", fld.type_name),
                                                      ("source-range", source_range(fld.span))],
                                          span=fld.span, ast=fld))
            else:
                child = Node("field", [("name", field_key(fld.name)), ("source-range", source_range(fld.span)),
                                       ("required", "true" if fld.required else "false")],
                             notes.before(fld.span), span=fld.span, ast=fld)
                child.children = _full_type(fld.type, notes)
                node.children.append(child)
    nodes = [node]
    default = full.default
    if isinstance(default, ast.Literal):
        nodes.append(Node("default", [("source-range", source_range(default.span)),
                                      ("text", literal_text(default.value))], span=default.span))
    return nodes


def field_key(name: str) -> str:
    """A field's key as panc names it: ``{text}`` stands for ``escape(text)``."""
    if len(name) >= 2 and name[0] == "{" and name[-1] == "}":
        return escape(name[1:-1])
    return name


def literal_text(value) -> str:
    """A literal as Java's toString() shows it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is NULL:
        return "null"
    if value is UNDEF:
        return "undef"
    if isinstance(value, float):
        return java_double_str(value)
    return str(value)
