"""AST node classes for pan templates: plain data, one class per construct.

Expressions (DML) and statements keep the ``Span`` they came from so that any
error can point at ``file:line.col-line.col``.  Nothing here evaluates: the
runtime compiles these nodes into closures (``runtime.compiler``).  Type specs
are kept as nodes too and turned into type objects by ``runtime.types``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..source import SourceFile, Span


# ---------------------------------------------------------------- expressions

@dataclass(slots=True, eq=False)
class Expr:
    span: Span


@dataclass(slots=True, eq=False)
class Literal(Expr):
    value: Any


@dataclass(slots=True, eq=False)
class Variable(Expr):
    name: str
    indexes: list = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Call(Expr):
    name: str
    args: list
    # Filled by the runtime compiler for builtins that evaluate their own
    # arguments (value, exists, append...): argument closures and the
    # compiler, so a builtin can compile variable references it needs.
    compiled_args: Any = None
    compiler: Any = None
    cache: Any = None


@dataclass(slots=True, eq=False)
class Unary(Expr):
    op: str
    operand: Expr


@dataclass(slots=True, eq=False)
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(slots=True, eq=False)
class Assign(Expr):
    target: Variable
    value: Expr


@dataclass(slots=True, eq=False)
class If(Expr):
    cond: Expr
    then: Expr
    orelse: Expr | None


@dataclass(slots=True, eq=False)
class While(Expr):
    cond: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class For(Expr):
    init: Expr
    cond: Expr
    step: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class Foreach(Expr):
    key: Variable
    value: Variable
    resource: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class Block(Expr):
    exprs: list


# ---------------------------------------------------------------------- types

@dataclass(slots=True, eq=False)
class Range:
    min: int | None
    max: int | None


@dataclass(slots=True, eq=False)
class NamedType:
    span: Span
    name: str
    range: Range | None


@dataclass(slots=True, eq=False)
class ChoiceType:
    span: Span
    choices: list[str]


@dataclass(slots=True, eq=False)
class FieldSpec:
    span: Span
    name: str
    required: bool
    type: "FullType"


@dataclass(slots=True, eq=False)
class FieldInclude:
    span: Span
    type_name: str


@dataclass(slots=True, eq=False)
class RecordType:
    span: Span
    extensible: bool
    fields: list            # FieldSpec | FieldInclude
    range: Range | None


@dataclass(slots=True, eq=False)
class TypeClause:
    span: Span
    kind: str               # "list", "dict" or "link"
    range: Range | None


@dataclass(slots=True, eq=False)
class TypeSpec:
    span: Span
    base: Any               # NamedType | ChoiceType | RecordType
    clauses: list[TypeClause]


@dataclass(slots=True, eq=False)
class FullType:
    span: Span
    spec: TypeSpec
    default: Expr | None
    with_: Expr | None


# ----------------------------------------------------------------- statements

@dataclass(slots=True, eq=False)
class Statement:
    span: Span


@dataclass(slots=True, eq=False)
class IncludeStmt(Statement):
    expr: Expr


@dataclass(slots=True, eq=False)
class PrefixStmt(Statement):
    path: str


@dataclass(slots=True, eq=False)
class AssignStmt(Statement):
    path: str
    expr: Expr
    final: bool
    conditional: bool


@dataclass(slots=True, eq=False)
class VariableStmt(Statement):
    name: str
    expr: Expr
    final: bool
    conditional: bool


@dataclass(slots=True, eq=False)
class TypeStmt(Statement):
    name: str
    type: FullType


@dataclass(slots=True, eq=False)
class FunctionStmt(Statement):
    name: str
    body: Expr


@dataclass(slots=True, eq=False)
class BindStmt(Statement):
    path: str
    type: FullType


@dataclass(slots=True, eq=False)
class ValidStmt(Statement):
    path: str
    expr: Expr


@dataclass(slots=True, eq=False)
class Template:
    """A parsed template file: its kind, name and statements."""

    source: SourceFile
    kind: str                       # "object", "structure", "unique", "declaration", "ordinary"
    name: str
    name_span: Span
    statements: list
    span: Span
