"""A recursive-descent parser for well-formed pan text: the fast path of ``parse_text``.

The LALR parser of ``syntax.parser`` reduces through every precedence level of
the grammar for each operand (a string literal is eleven reductions), which
makes large flat templates parse-bound.  This parser reads the same grammar
(``pan.lark``) by recursive descent with one function per precedence level,
over the lexer's token tuples (``lexer.scan``), and builds the very tree the
LALR parser's ``_ToAst`` builds, spans included (``tests/perf/test_fastparse.py``
compares the two on every template of the repository).  It only knows how to
succeed: at the first token it does not expect (or any error at all) it gives
up with ``GiveUp`` and the caller parses the text again with the LALR parser,
which produces panc's exact error.
"""

from __future__ import annotations

from ..runtime.values import NULL, UNDEF
from ..source import Span
from . import ast
from .lexer import ARGUMENT, KEYWORDS, STATEMENT_PATTERN


class GiveUp(Exception):
    """The text is not plain well-formed pan: let the LALR parser report it."""


LONG_MAX = (1 << 63) - 1

_BINARY_LEVELS = (
    frozenset({"OR"}), frozenset({"AND"}), frozenset({"BIT_OR"}), frozenset({"BIT_XOR"}),
    frozenset({"BIT_AND"}), frozenset({"EQ", "NE"}), frozenset({"LT", "GT", "LE", "GE"}),
    frozenset({"PLUS", "MINUS"}), frozenset({"STAR", "DIV", "MOD"}),
)
_LEVEL = {op: level for level, ops in enumerate(_BINARY_LEVELS) for op in ops}
_UNARY = frozenset({"PLUS", "MINUS", "NOT", "BIT_NOT"})
_LONG = frozenset({"DECIMAL", "HEX", "OCTAL"})
_STRING = frozenset({"SQSTRING", "DQSTRING", "HEREDOC"})
_PATH = frozenset({"SQSTRING", "DQSTRING"})
_KINDS = frozenset({"OBJECT", "STRUCTURE", "UNIQUE", "DECLARATION"})
_ASSIGN_OPS = frozenset({"ASSIGN", "ASSIGN_DEFAULT"})
_CONSTANTS = {"TRUE": True, "FALSE": False, "UNDEF": UNDEF, "NULL": NULL}
# Tokens that end an operand: a literal followed by one of them is a whole
# expression, built without descending through the precedence levels (most
# expressions of large templates are one literal: a third of the parse time).
_CLOSERS = frozenset({"SEMI", "COMMA", "RPAR", "RBRACE", "RBRACKET"})
_END = ("$END", "", 0, 0, 0, 0)
_CONSTANT_WORDS = {"true": True, "false": False, "undef": UNDEF, "null": NULL}
_NOT_CONSTANT = object()


_GROUPS = STATEMENT_PATTERN.groupindex
_G_STMT, _G_PREFIX, _G_PATH, _G_OP, _G_VAR, _G_VOP = (
    _GROUPS[n] for n in ("stmt", "s_prefix", "s_path", "s_op", "s_var", "s_vop"))
_G_SQ, _G_CALL, _G_ARGS = _GROUPS["v_sq"], _GROUPS["v_call"], _GROUPS["v_args"]
# group number -> kind of atom ("sq", "dq", "number", "name") and the group of its sign
_VALUE_KINDS = {_GROUPS["v_" + k]: k for k in ("sq", "dq", "number", "name")}
_VALUE_KINDS["sign"] = _GROUPS["v_sign"]
_ARGUMENT_KINDS = {ARGUMENT.groupindex[k]: k for k in ("sq", "dq", "number", "name")}
_ARGUMENT_KINDS["sign"] = ARGUMENT.groupindex["sign"]
_ARG_SQ = ARGUMENT.groupindex["sq"]
_G_NUMBER, _G_NAME, _G_DQ = _GROUPS["v_number"], _GROUPS["v_name"], _GROUPS["v_dq"]


def _value_group(m) -> int:
    """Which group of a STMT match holds its value (not a string nor a call)."""
    if m.start(_G_NUMBER) >= 0:
        return _G_NUMBER
    if m.start(_G_NAME) >= 0:
        return _G_NAME
    return _G_DQ


def _quick_atom(src, m, group: int, line: int, base: int, kinds: dict):
    """The node of a literal, signed number or name in group ``group`` of ``m``."""
    start, end = m.span(group)
    span = Span(src, line, start - base, line, end - base - 1)
    text = m.string[start:end]
    kind = kinds[group]
    if kind == "sq":
        return ast.Literal(span, text[1:-1].replace("''", "'"))
    if kind == "name":
        value = _CONSTANT_WORDS.get(text, _NOT_CONSTANT)
        if value is not _NOT_CONSTANT:
            return ast.Literal(span, value)
        if text in KEYWORDS:
            raise GiveUp
        return ast.Variable(span, text, [])
    if kind == "dq":
        return ast.Literal(span, text[1:-1])
    try:                                    # a number, perhaps signed
        if text[:2] in ("0x", "0X") or not ("." in text or "e" in text or "E" in text):
            literal = ast.Literal(span, parse_long(text))
        else:
            value = float(text)
            if value == float("inf"):
                raise GiveUp
            literal = ast.Literal(span, value)
    except ValueError:
        raise GiveUp from None
    sign_start = m.start(kinds["sign"])
    if sign_start < 0:
        return literal
    return ast.Unary(Span(src, line, sign_start - base, line, end - base - 1), m.string[sign_start], literal)


def _path_value(text: str) -> str:
    """The value of a path token's text (single-quoted, or double-quoted without escapes)."""
    if text[0] == "'":
        return text[1:-1].replace("''", "'")
    return text[1:-1]


def parse_long(text: str) -> int:
    """The value of a long literal (decimal, 0x hex, 0 octal); ValueError past 2^63-1."""
    if text[:2] in ("0x", "0X"):
        value = int(text[2:], 16)
    elif len(text) > 1 and text[0] == "0":
        value = int(text[1:], 8)
    else:
        value = int(text)
    if value > LONG_MAX:
        raise ValueError(text)
    return value


def _start(item):
    """(line, col) where a token tuple or a node begins."""
    if type(item) is tuple:
        return item[2], item[3]
    span = item.span
    return span.line, span.col


def _end(item):
    """(end_line, end_col) where a token tuple or a node ends."""
    if type(item) is tuple:
        return item[4], item[5]
    span = item.span
    return span.end_line, span.end_col


class FastParser:
    """Parses one list of token tuples into a ``Template``."""

    def __init__(self, tokens: list, source):
        tokens.append(_END)
        self.tokens = tokens
        self.pos = 0
        self.src = source

    # ------------------------------------------------------------ tokens
    def peek(self) -> str:
        return self.tokens[self.pos][0]

    def take(self, ttype: str) -> tuple:
        tok = self.tokens[self.pos]
        if tok[0] != ttype:
            raise GiveUp
        self.pos += 1
        return tok

    def next(self) -> tuple:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    # ------------------------------------------------------------ spans
    def span(self, tok) -> Span:
        return Span(self.src, tok[2], tok[3], tok[4], tok[5])

    def join(self, first, last) -> Span:
        line, col = _start(first)
        end_line, end_col = _end(last)
        return Span(self.src, line, col, end_line, end_col)

    def stmt_span(self, first, semi) -> Span:
        """A statement's span: from its first token to its ``;``."""
        return Span(self.src, first[2], first[3], semi[4], semi[5])

    # -------------------------------------------------------- templates
    def template(self):
        first = self.tokens[0]
        kind = "ordinary"
        if first[0] in _KINDS:
            kind = self.next()[1]
        self.take("TEMPLATE")
        name = self.take("TNAME")
        semi = self.take("SEMI")
        header_span = self.join(first, semi)
        statements = []
        append = statements.append
        tokens = self.tokens
        while tokens[self.pos][0] != "$END":
            stmt = self.statement()
            if stmt is not None:
                append(stmt)
        return ast.Template(self.src, kind, name[1], self.span(name), statements, header_span)

    def statement(self):
        tok = self.tokens[self.pos]
        ttype = tok[0]
        if ttype == "STMT":
            self.pos += 1
            return self.quick_statement(tok)
        if ttype in _PATH:
            self.pos += 1
            return self._assign(tok, tok, False)
        if ttype == "FINAL":
            self.pos += 1
            if self.peek() == "VARIABLE":
                return self._variable(tok, True)
            return self._assign(tok, self._path(), True)
        if ttype == "INCLUDE":
            self.pos += 1
            expr = self.dml()
            return ast.IncludeStmt(self.stmt_span(tok, self.take("SEMI")), expr)
        if ttype == "VARIABLE":
            return self._variable(tok, False)
        if ttype == "SEMI":
            self.pos += 1
            return None
        self.pos += 1
        if ttype == "PREFIX":
            path = self._path()
            return ast.PrefixStmt(self.stmt_span(tok, self.take("SEMI")), path[1])
        if ttype == "TYPE":
            name = self.take("IDENT")
            self.take("ASSIGN")
            full = self.full_type()
            return ast.TypeStmt(self.stmt_span(tok, self.take("SEMI")), name[1], full)
        if ttype == "FUNCTION":
            name = self.take("IDENT")
            self.take("ASSIGN")
            body = self.dml()
            return ast.FunctionStmt(self.stmt_span(tok, self.take("SEMI")), name[1], body)
        if ttype == "BIND":
            path = self._path()
            self.take("ASSIGN")
            full = self.full_type()
            return ast.BindStmt(self.stmt_span(tok, self.take("SEMI")), path[1], full)
        if ttype == "VALID":
            path = self._path()
            self.take("ASSIGN")
            expr = self.dml()
            return ast.ValidStmt(self.stmt_span(tok, self.take("SEMI")), path[1], expr)
        raise GiveUp

    def _assign(self, first, path, final):
        op = self.next()[0]
        if op not in _ASSIGN_OPS:
            raise GiveUp
        expr = self.dml()
        return ast.AssignStmt(self.stmt_span(first, self.take("SEMI")), path[1], expr, final,
                              op == "ASSIGN_DEFAULT")

    def _variable(self, first, final):
        self.take("VARIABLE")
        name = self.take("IDENT")
        op = self.next()[0]
        if op not in _ASSIGN_OPS:
            raise GiveUp
        expr = self.dml()
        return ast.VariableStmt(self.stmt_span(first, self.take("SEMI")), name[1], expr, final,
                                op == "ASSIGN_DEFAULT")

    def _path(self) -> tuple:
        tok = self.next()
        if tok[0] not in _PATH:
            raise GiveUp
        return tok

    # ---------------------------------------------- one-token statements
    def quick_statement(self, tok):
        """The statement of a ``STMT`` token (``lexer._STATEMENT``): its nodes
        from the groups of the token's match, as the tokens would build them."""
        m = tok[1]
        line = tok[2]
        base = tok[3] - 1                       # the column of offset o is o - base
        src = self.src
        span = Span(src, line, m.start(_G_STMT) - base, line, m.end() - base - 1)
        path = m.group(_G_PREFIX)
        if path is not None:
            return ast.PrefixStmt(span, _path_value(path))
        # the value: a single-quoted string, a call, a (signed) number, a name, a double-quoted string
        start, end = m.span(_G_SQ)
        if start >= 0:
            expr = ast.Literal(Span(src, line, start - base, line, end - base - 1),
                               m.string[start + 1:end - 1].replace("''", "'"))
        elif m.start(_G_CALL) >= 0:
            expr = self._quick_call(m, line, base)
        else:
            expr = _quick_atom(src, m, _value_group(m), line, base, _VALUE_KINDS)
        path = m.group(_G_PATH)
        if path is not None:
            return ast.AssignStmt(span, _path_value(path), expr, False, m.group(_G_OP) == "?=")
        name = m.group(_G_VAR)
        if name is not None:
            if name in KEYWORDS:
                raise GiveUp
            return ast.VariableStmt(span, name, expr, False, m.group(_G_VOP) == "?=")
        return ast.IncludeStmt(span, expr)

    def _quick_call(self, m, line, base):
        name = m.group(_G_CALL)
        if name in KEYWORDS:                    # if (...), true (...): not a call
            raise GiveUp
        src = self.src
        text = m.string
        pos, stop = m.span(_G_ARGS)
        argument = ARGUMENT.match
        args = []
        append = args.append
        while True:
            a = argument(text, pos, stop)
            if a is None:
                break
            pos = a.end()
            group = a.lastindex
            if group == _ARG_SQ:                # most arguments: inlined _quick_atom
                start, end = a.span(group)
                append(ast.Literal(Span(src, line, start - base, line, end - base - 1),
                                   text[start + 1:end - 1].replace("''", "'")))
            else:
                append(_quick_atom(src, a, group, line, base, _ARGUMENT_KINDS))
        start = m.start(_G_CALL)
        return ast.Call(Span(src, line, start - base, line, stop - base), name, args)

    # -------------------------------------------------------------- DML
    def dml(self):
        tokens = self.tokens
        tok = tokens[self.pos]
        ttype = tok[0]
        if tokens[self.pos + 1][0] in _CLOSERS and ttype != "IDENT" and ttype != "LBRACE":
            return self.primary()
        if ttype == "LBRACE":
            return self.block()
        return self.expr()

    def block(self):
        lbrace = self.take("LBRACE")
        exprs = [self.dml()]
        while self.peek() == "SEMI":
            self.pos += 1
            if self.peek() == "RBRACE":
                break
            exprs.append(self.dml())
        rbrace = self.take("RBRACE")
        if len(exprs) == 1:
            return exprs[0]
        return ast.Block(self.join(lbrace, rbrace), exprs)

    def expr(self):
        tokens = self.tokens
        tok = tokens[self.pos]
        ttype = tok[0]
        if ttype == "IDENT" and tokens[self.pos + 1][0] != "LPAR":
            target = self.variable()
            if self.peek() == "ASSIGN":
                self.pos += 1
                value = self.expr()
                return ast.Assign(self.join(target, value), target, value)
            return self.binary(0, target)
        if ttype == "IF":
            self.pos += 1
            self.take("LPAR")
            cond = self.dml()
            self.take("RPAR")
            then = self.dml()
            if self.peek() == "ELSE":
                self.pos += 1
                orelse = self.dml()
                return ast.If(self.join(tok, orelse), cond, then, orelse)
            return ast.If(self.join(tok, then), cond, then, None)
        if ttype == "WHILE":
            self.pos += 1
            self.take("LPAR")
            cond = self.dml()
            self.take("RPAR")
            body = self.dml()
            return ast.While(self.join(tok, body), cond, body)
        if ttype == "FOR":
            self.pos += 1
            self.take("LPAR")
            init = self.dml()
            self.take("SEMI")
            cond = self.dml()
            self.take("SEMI")
            step = self.dml()
            self.take("RPAR")
            body = self.dml()
            return ast.For(self.join(tok, body), init, cond, step, body)
        if ttype == "FOREACH":
            self.pos += 1
            self.take("LPAR")
            if self.peek() != "IDENT":
                raise GiveUp
            key = self.variable()
            self.take("SEMI")
            if self.peek() != "IDENT":
                raise GiveUp
            value = self.variable()
            self.take("SEMI")
            resource = self.dml()
            self.take("RPAR")
            body = self.dml()
            return ast.Foreach(self.join(tok, body), key, value, resource, body)
        return self.binary(0, None)

    def binary(self, min_level: int, left):
        """Binary operators by precedence climbing (all left-associative);
        ``left`` is an operand already read, or None."""
        if left is None:
            left = self.unary()
        level_of = _LEVEL.get
        tokens = self.tokens
        level = level_of(tokens[self.pos][0])
        while level is not None and level >= min_level:
            op = tokens[self.pos][1]
            self.pos += 1
            right = self.unary()
            following = level_of(tokens[self.pos][0])
            while following is not None and following > level:
                right = self.binary(level + 1, right)
                following = level_of(tokens[self.pos][0])
            left = ast.Binary(self.join(left, right), op, left, right)
            level = following
        return left

    def unary(self):
        tok = self.tokens[self.pos]
        if tok[0] in _UNARY:
            self.pos += 1
            operand = self.func_expr()
            return ast.Unary(self.join(tok, operand), tok[1], operand)
        return self.func_expr()

    def func_expr(self):
        tokens = self.tokens
        name = tokens[self.pos]
        if name[0] == "IDENT" and tokens[self.pos + 1][0] == "LPAR":
            self.pos += 2
            args = self.args()
            rpar = self.take("RPAR")
            return ast.Call(self.join(name, rpar), name[1], args)
        return self.primary()

    def args(self) -> list:
        items = []
        tokens = self.tokens
        if tokens[self.pos][0] not in ("RPAR", "COMMA"):
            items.append(self.dml())
            while tokens[self.pos][0] == "COMMA" and tokens[self.pos + 1][0] != "RPAR":
                self.pos += 1
                items.append(self.dml())
        if tokens[self.pos][0] == "COMMA":
            self.pos += 1
        return items

    def primary(self):
        tok = self.tokens[self.pos]
        ttype = tok[0]
        if ttype in _STRING:
            self.pos += 1
            return ast.Literal(Span(self.src, tok[2], tok[3], tok[4], tok[5]), tok[1])
        if ttype in _LONG:
            self.pos += 1
            return self._long_literal(tok)
        if ttype == "IDENT":
            return self.variable()
        if ttype == "DOUBLE":
            self.pos += 1
            value = float(tok[1])
            if value == float("inf"):
                raise GiveUp
            return ast.Literal(self.span(tok), value)
        if ttype in _CONSTANTS:
            self.pos += 1
            return ast.Literal(self.span(tok), _CONSTANTS[ttype])
        if ttype == "LPAR":
            self.pos += 1
            inner = self.dml()
            self.take("RPAR")
            return inner
        raise GiveUp

    def _long_literal(self, tok):
        try:
            value = parse_long(tok[1])
        except ValueError:
            raise GiveUp from None
        return ast.Literal(self.span(tok), value)

    def variable(self):
        name = self.take("IDENT")
        last = name
        indexes = []
        while self.peek() == "LBRACKET":
            self.pos += 1
            indexes.append(self.dml())
            last = self.take("RBRACKET")
        return ast.Variable(self.join(name, last), name[1], indexes)

    # ------------------------------------------------------------ types
    def full_type(self):
        spec = self.type_spec()
        default = with_ = None
        last = spec
        if self.peek() == "ASSIGN":
            self.pos += 1
            default = last = self.dml()
        if self.peek() == "WITH":
            self.pos += 1
            with_ = last = self.dml()
        return ast.FullType(self.join(spec, last), spec, default, with_)

    def type_spec(self):
        base = self.base_type()
        clauses = []
        while True:
            tok = self.tokens[self.pos]
            ttype = tok[0]
            if ttype == "LBRACKET" or ttype == "LBRACE":
                self.pos += 1
                closing = "RBRACKET" if ttype == "LBRACKET" else "RBRACE"
                range_, end = self._opt_range(closing)
                clauses.append(ast.TypeClause(self.join(tok, end), "list" if ttype == "LBRACKET" else "dict",
                                              range_))
            elif ttype == "STAR":
                self.pos += 1
                clauses.append(ast.TypeClause(self.span(tok), "link", None))
            else:
                last = clauses[-1] if clauses else base
                return ast.TypeSpec(self.join(base, last), base, clauses)

    def _opt_range(self, closing: str):
        """An optional range then ``closing``: (Range or None, closing token)."""
        range_ = None
        if self.peek() != closing:
            range_ = self.range()
        return range_, self.take(closing)

    def base_type(self):
        tok = self.next()
        ttype = tok[0]
        if ttype == "CHOICE":
            self.take("LPAR")
            choices = [self._string()]
            while self.peek() == "COMMA":
                self.pos += 1
                choices.append(self._string())
            rpar = self.take("RPAR")
            return ast.ChoiceType(self.join(tok, rpar), choices)
        if ttype == "IDENT":
            last = tok
            range_ = None
            if self.peek() == "LPAR":
                self.pos += 1
                range_, last = self._opt_range("RPAR")
            return ast.NamedType(self.join(tok, last), tok[1], range_)
        first = tok
        extensible = ttype == "EXTENSIBLE"
        if extensible:
            tok = self.next()
        if tok[0] != "LBRACE":
            raise GiveUp
        fields = []
        while self.peek() != "RBRACE":
            fields.append(self.field())
        last = self.next()
        range_ = None
        if self.peek() == "LPAR":
            self.pos += 1
            range_, last = self._opt_range("RPAR")
        return ast.RecordType(self.join(first, last), extensible, fields, range_)

    def _string(self) -> str:
        tok = self.next()
        if tok[0] not in _STRING:
            raise GiveUp
        return tok[1]

    def field(self):
        if self.peek() == "INCLUDE":
            self.pos += 1
            name = self.take("IDENT")
            return ast.FieldInclude(self.span(name), name[1])
        path = self._path()
        sep = self.next()[0]
        if sep == "QMARK":
            return ast.FieldSpec(self.span(path), path[1], False, self.full_type())
        if sep == "COLON":
            return ast.FieldSpec(self.span(path), path[1], True, self.full_type())
        raise GiveUp

    def range(self):
        if self.peek() == "RANGE":
            self.pos += 1
            return ast.Range(None, self._long())
        negative = self.peek() == "MINUS"
        if negative:
            self.pos += 1
        low = self._long()
        if negative:
            low = -low
        if self.peek() != "RANGE":
            return ast.Range(low, low)
        self.pos += 1
        if self.peek() in _LONG or self.peek() == "MINUS":
            negative = self.peek() == "MINUS"
            if negative:
                self.pos += 1
            high = self._long()
            return ast.Range(low, -high if negative else high)
        return ast.Range(low, None)

    def _long(self) -> int:
        tok = self.next()
        if tok[0] not in _LONG:
            raise GiveUp
        try:
            return parse_long(tok[1])
        except ValueError:
            raise GiveUp from None


def parse_tokens(tokens: list, source) -> ast.Template:
    """The template of the token tuples ``tokens``; raises ``GiveUp`` on anything unexpected."""
    return FastParser(tokens, source).template()
