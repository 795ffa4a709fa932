"""What a template library declares, with its annotations, ready to document.

``collect`` parses every template (compiler parser plus lossless tokens),
takes the annotations panc would attach (``annotations.model``) and returns a
``Library``: per template its kind, description and declarations — types
(their spec as text, record fields with required flag, type, range and
default, included records), functions and global variables — each with its
annotation entries.  Type names used in specs are kept as ``TypeRef`` parts so
the renderers can link them to their definitions.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..annotations.model import Node, document, field_key
from ..annotations.parse import Annotation
from ..errors import PanSyntaxError
from ..source import SourceFile, Span
from ..syntax import ast
from ..syntax.lossless import scan
from ..syntax.parser import parse_text
from ..toolkit.deprecation import deprecation_message
from ..toolkit.files import ToolError, find_templates, read_template


@dataclass
class TypeRef:
    """A type name inside a type spec, linked to its definition when known."""

    name: str


# Keys whose value is the description of what is annotated (quattor's libraries use all three).
DESCRIPTION_KEYS = ("desc", "descr", "description")


@dataclass
class Doc:
    """Annotation entries of one declaration: the description and the other keys, in order."""

    desc: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, annotations: list[Annotation]) -> "Doc":
        """Free text keeps its lines; a ``key = value`` value (continued lines joined) is one paragraph."""
        doc = cls()
        for annotation in reversed(annotations):          # panc keeps them nearest first
            for key, value in annotation.entries:
                text = _dedent(value) if annotation.free_text else " ".join(value.split())
                if key in DESCRIPTION_KEYS and not doc.desc:
                    doc.desc = text
                else:
                    doc.items.append((key, text))
        return doc

    def text(self) -> str:
        return " ".join([self.desc, *(v for _, v in self.items)]).strip()


@dataclass
class Field:
    name: str
    required: bool
    type: list                  # str and TypeRef parts
    default: str | None
    doc: Doc
    include: bool = False       # an ``include other_type`` line


@dataclass
class Decl:
    kind: str                   # "type", "function", "variable"
    name: str
    template: str
    line: int
    doc: Doc
    spec: list = field(default_factory=list)     # types: str and TypeRef parts
    fields: list[Field] = field(default_factory=list)
    extensible: bool = False
    default: str | None = None  # types and variables: source text of the value
    with_: str | None = None    # types: the validation code
    final: bool = False
    conditional: bool = False   # variable X ?= ...
    deprecated: str | None = None

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.name}"


@dataclass
class TemplateDoc:
    name: str
    kind: str
    path: str
    doc: Doc
    decls: list[Decl]


@dataclass
class Library:
    templates: list[TemplateDoc]
    errors: list[str]

    def declarations(self) -> list[Decl]:
        return [d for t in self.templates for d in t.decls]

    def type_index(self) -> dict[str, Decl]:
        return {d.name: d for d in self.declarations() if d.kind == "type"}

    def used_by(self) -> dict[str, list[Decl]]:
        """Type name -> the types whose spec or fields name it."""
        users: dict[str, list[Decl]] = {}
        for decl in self.declarations():
            if decl.kind != "type":
                continue
            parts = list(decl.spec) + [p for f in decl.fields for p in f.type]
            for name in sorted({p.name for p in parts if isinstance(p, TypeRef)}):
                users.setdefault(name, []).append(decl)
        return users


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indents = [len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()]
    cut = min(indents) if indents else 0
    if lines:
        lines = [lines[0].strip()] + [ln[cut:].rstrip() for ln in lines[1:]]
    return "\n".join(lines).strip()


def _source_text(source: SourceFile, span: Span | None) -> str | None:
    if span is None:
        return None
    lines = re.split(r"\r\n|\r|\n", source.text)
    if span.line == span.end_line:
        return lines[span.line - 1][span.col - 1:span.end_col]
    parts = [lines[span.line - 1][span.col - 1:]] + lines[span.line:span.end_line - 1] \
        + [lines[span.end_line - 1][:span.end_col]]
    return "\n".join(parts)


def _expr_span(expr) -> Span | None:
    return getattr(expr, "span", None)


def _range(r: ast.Range | None) -> str:
    if r is None:
        return ""
    if r.min is not None and r.min == r.max:
        return f"({r.min})"
    lo = "" if r.min is None else str(r.min)
    hi = "" if r.max is None else str(r.max)
    return f"({lo}..{hi})"


def _spec_parts(spec: ast.TypeSpec) -> list:
    base = spec.base
    parts: list = []
    if isinstance(base, ast.NamedType):
        parts.append(TypeRef(base.name))
        parts.append(_range(base.range))
    elif isinstance(base, ast.ChoiceType):
        parts.append("choice(" + ", ".join(repr(c) for c in base.choices) + ")")
    else:
        parts.append(("extensible " if base.extensible else "") + "record" + _range(base.range))
    for clause in spec.clauses:
        if clause.kind == "list":
            parts.append("[" + _range(clause.range)[1:-1] + "]")
        elif clause.kind == "dict":
            parts.append("{" + _range(clause.range)[1:-1] + "}")
        else:
            parts.append("*")
    return [p for p in parts if p != ""]


def _fields(record: ast.RecordType, node: Node, source: SourceFile) -> list[Field]:
    out = []
    notes = {id(child.ast): child for child in node.children}
    for fld in record.fields:
        if isinstance(fld, ast.FieldInclude):
            out.append(Field(fld.type_name, False, [TypeRef(fld.type_name)], None, Doc(), include=True))
            continue
        child = notes.get(id(fld))
        doc = Doc.of(child.annotations) if child is not None else Doc()
        full = fld.type
        parts = _spec_parts(full.spec)
        if isinstance(full.spec.base, ast.RecordType):
            nested = child.children[0] if child is not None and child.children else None
            sub = _fields(full.spec.base, nested, source) if nested is not None else []
            parts = parts + [" { " + ", ".join(f.name for f in sub) + " }"] if sub else parts
        out.append(Field(field_key(fld.name), fld.required, parts,
                         _source_text(source, _expr_span(full.default)) if full.default is not None else None,
                         doc))
    return out


def _deprecated(body) -> str | None:
    message = deprecation_message(body)
    return message or ("deprecated" if message is not None else None)


def document_template(path: str) -> TemplateDoc:
    text = read_template(path)
    source = SourceFile(os.path.abspath(path), text)
    template = parse_text(text, source)
    root = document(template, scan(text, source))
    decls: list[Decl] = []
    for node in root.children:
        stmt = node.ast
        if isinstance(stmt, ast.TypeStmt):
            full = stmt.type
            decl = Decl("type", stmt.name, template.name, stmt.span.line, Doc.of(node.annotations),
                        spec=_spec_parts(full.spec))
            base = full.spec.base
            if isinstance(base, ast.RecordType):
                decl.extensible = base.extensible
                decl.fields = _fields(base, node.children[0], source)
            if full.default is not None:
                decl.default = _source_text(source, _expr_span(full.default))
            if full.with_ is not None:
                decl.with_ = _source_text(source, _expr_span(full.with_))
            decls.append(decl)
        elif isinstance(stmt, ast.FunctionStmt):
            decls.append(Decl("function", stmt.name, template.name, stmt.span.line, Doc.of(node.annotations),
                              deprecated=_deprecated(stmt.body)))
        elif isinstance(stmt, ast.VariableStmt):
            decls.append(Decl("variable", stmt.name, template.name, stmt.span.line, Doc.of(node.annotations),
                              default=_source_text(source, _expr_span(stmt.expr)), final=stmt.final,
                              conditional=stmt.conditional))
    return TemplateDoc(template.name, template.kind, path, Doc.of(root.annotations), decls)


def collect(paths: list[str]) -> Library:
    """Document every template under ``paths``; templates that fail are listed in ``errors``."""
    templates, errors = [], []
    for path in find_templates(paths):
        try:
            templates.append(document_template(path))
        except ToolError as exc:
            errors.append(str(exc))
        except PanSyntaxError as exc:
            span = exc.span
            where = f"{path}:{span.line}.{span.col}" if span is not None else path
            errors.append(f"{where}: {exc.message}")
    templates.sort(key=lambda t: t.name)
    return Library(templates, errors)
