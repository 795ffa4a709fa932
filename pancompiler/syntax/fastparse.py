"""A recursive-descent parser for well-formed pan text: the fast path of ``parse_text``.

The LALR parser of ``syntax.parser`` reduces through every precedence level of
the grammar for each operand (a string literal is eleven reductions), which
makes large flat templates parse-bound.  This parser reads the same grammar
(``pan.lark``) by recursive descent with one function per precedence level
and builds the AST with the very same ``_ToAst`` methods, so the tree is
identical.  It only knows how to succeed: at the first token it does not
expect (or any error at all) it gives up with ``GiveUp`` and the caller parses
the text again with the LALR parser, which produces panc's exact error.
"""

from __future__ import annotations

from . import ast
from .lexer import Token


class GiveUp(Exception):
    """The text is not plain well-formed pan: let the LALR parser report it."""


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
_END = Token("$END", "", 0, 0, 0)


class FastParser:
    """Parses one token list into a ``Template`` with the given ``_ToAst`` builder."""

    def __init__(self, tokens: list, build):
        tokens.append(_END)
        self.tokens = tokens
        self.pos = 0
        self.b = build

    # ------------------------------------------------------------ tokens
    def peek(self) -> str:
        return self.tokens[self.pos].type

    def take(self, ttype: str) -> Token:
        tok = self.tokens[self.pos]
        if tok.type != ttype:
            raise GiveUp
        self.pos += 1
        return tok

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    # -------------------------------------------------------- templates
    def template(self):
        b = self.b
        items = []
        if self.peek() in _KINDS:
            items.append(b.template_kind(self.next()))
        items += [self.take("TEMPLATE"), self.take("TNAME"), self.take("SEMI")]
        header = b.header(*items)
        statements = []
        append = statements.append
        while self.peek() != "$END":
            append(self.statement())
        return b.start(header, *statements)

    def statement(self):
        b = self.b
        ttype = self.peek()
        if ttype == "FINAL" or ttype in _PATH:
            if ttype == "FINAL":
                final = self.next()
                if self.peek() == "VARIABLE":
                    return self._variable([final])
                items = [final, self._path()]
            else:
                items = [self._path()]
            op = self.next()
            if op.type not in _ASSIGN_OPS:
                raise GiveUp
            items += [b.assign_op(op), self.dml(), self.take("SEMI")]
            return b.assign_stmt(*items)
        if ttype == "INCLUDE":
            return b.include_stmt(self.next(), self.dml(), self.take("SEMI"))
        if ttype == "VARIABLE":
            return self._variable([])
        if ttype == "SEMI":
            return b.noop(self.next())
        if ttype == "PREFIX":
            return b.prefix_stmt(self.next(), self._path(), self.take("SEMI"))
        if ttype == "TYPE":
            return b.type_stmt(self.next(), self.take("IDENT"), self.take("ASSIGN"), self.full_type(),
                               self.take("SEMI"))
        if ttype == "FUNCTION":
            return b.function_stmt(self.next(), self.take("IDENT"), self.take("ASSIGN"), self.dml(),
                                   self.take("SEMI"))
        if ttype == "BIND":
            return b.bind_stmt(self.next(), self._path(), self.take("ASSIGN"), self.full_type(),
                               self.take("SEMI"))
        if ttype == "VALID":
            return b.valid_stmt(self.next(), self._path(), self.take("ASSIGN"), self.dml(), self.take("SEMI"))
        raise GiveUp

    def _variable(self, items: list):
        items += [self.take("VARIABLE"), self.take("IDENT")]
        op = self.next()
        if op.type not in _ASSIGN_OPS:
            raise GiveUp
        items += [self.b.assign_op(op), self.dml(), self.take("SEMI")]
        return self.b.variable_stmt(*items)

    def _path(self) -> Token:
        tok = self.next()
        if tok.type not in _PATH:
            raise GiveUp
        return self.b.path(tok)

    # -------------------------------------------------------------- DML
    def dml(self):
        if self.peek() == "LBRACE":
            return self.block()
        return self.expr()

    def block(self):
        items = [self.take("LBRACE"), self.dml()]
        while self.peek() == "SEMI":
            items.append(self.next())
            if self.peek() == "RBRACE":
                break
            items.append(self.dml())
        items.append(self.take("RBRACE"))
        return self.b.block(*items)

    def expr(self):
        b = self.b
        ttype = self.peek()
        if ttype == "IDENT" and self.tokens[self.pos + 1].type != "LPAR":
            target = self.variable()
            if self.peek() == "ASSIGN":
                return b.assign_expr(target, self.next(), self.expr())
            return self.binary(0, target)
        if ttype == "IF":
            kw, lp, cond, rp, then = self.next(), self.take("LPAR"), self.dml(), self.take("RPAR"), self.dml()
            if self.peek() == "ELSE":
                return b.if_else_expr(kw, lp, cond, rp, then, self.next(), self.dml())
            return b.if_expr(kw, lp, cond, rp, then)
        if ttype == "WHILE":
            return b.while_expr(self.next(), self.take("LPAR"), self.dml(), self.take("RPAR"), self.dml())
        if ttype == "FOR":
            return b.for_expr(self.next(), self.take("LPAR"), self.dml(), self.take("SEMI"), self.dml(),
                              self.take("SEMI"), self.dml(), self.take("RPAR"), self.dml())
        if ttype == "FOREACH":
            kw, lp = self.next(), self.take("LPAR")
            if self.peek() != "IDENT":
                raise GiveUp
            key, s1 = self.variable(), self.take("SEMI")
            if self.peek() != "IDENT":
                raise GiveUp
            value = self.variable()
            return b.foreach_expr(kw, lp, key, s1, value, self.take("SEMI"), self.dml(), self.take("RPAR"),
                                  self.dml())
        return self.binary(0, None)

    def binary(self, min_level: int, left):
        """Binary operators by precedence climbing (all left-associative);
        ``left`` is an operand already read, or None."""
        if left is None:
            left = self.unary()
        level_of = _LEVEL.get
        level = level_of(self.peek())
        while level is not None and level >= min_level:
            op = self.next()
            right = self.unary()
            following = level_of(self.peek())
            while following is not None and following > level:
                right = self.binary(level + 1, right)
                following = level_of(self.peek())
            left = self.b.binop(left, op, right)
            level = following
        return left

    def unary(self):
        if self.peek() in _UNARY:
            return self.b.unop(self.next(), self.func_expr())
        return self.func_expr()

    def func_expr(self):
        if self.peek() == "IDENT" and self.tokens[self.pos + 1].type == "LPAR":
            name, lpar = self.next(), self.next()
            return self.b.call(name, lpar, self.args(), self.take("RPAR"))
        return self.primary()

    def args(self) -> list:
        items = []
        if self.peek() not in ("RPAR", "COMMA"):
            items.append(self.dml())
            while self.peek() == "COMMA" and self.tokens[self.pos + 1].type != "RPAR":
                items.append(self.next())
                items.append(self.dml())
        if self.peek() == "COMMA":
            items.append(self.next())
        return self.b.args(*items)

    def primary(self):
        b = self.b
        tok = self.tokens[self.pos]
        ttype = tok.type
        if ttype in _STRING:
            self.pos += 1
            return b.string_lit(tok)
        if ttype in _LONG:
            self.pos += 1
            return b.long_lit(tok)
        if ttype == "IDENT":
            return self.variable()
        if ttype == "DOUBLE":
            self.pos += 1
            return b.double_lit(tok)
        if ttype == "TRUE":
            self.pos += 1
            return b.true_lit(tok)
        if ttype == "FALSE":
            self.pos += 1
            return b.false_lit(tok)
        if ttype == "UNDEF":
            self.pos += 1
            return b.undef_lit(tok)
        if ttype == "NULL":
            self.pos += 1
            return b.null_lit(tok)
        if ttype == "LPAR":
            return b.paren(self.next(), self.dml(), self.take("RPAR"))
        raise GiveUp

    def variable(self):
        items = [self.take("IDENT")]
        while self.peek() == "LBRACKET":
            items += [self.next(), self.dml(), self.take("RBRACKET")]
        return self.b.variable(*items)

    # ------------------------------------------------------------ types
    def full_type(self):
        b = self.b
        spec = self.type_spec()
        opts = []
        if self.peek() == "ASSIGN":
            opts.append(b.type_default(self.next(), self.dml()))
        if self.peek() == "WITH":
            opts.append(b.type_with(self.next(), self.dml()))
        return b.full_type(spec, *opts)

    def type_spec(self):
        b = self.b
        base = self.base_type()
        clauses = []
        while True:
            ttype = self.peek()
            if ttype == "LBRACKET":
                lb = self.next()
                rest = self._opt_range("RBRACKET")
                clauses.append(b.list_clause(lb, *rest))
            elif ttype == "LBRACE":
                lb = self.next()
                rest = self._opt_range("RBRACE")
                clauses.append(b.dict_clause(lb, *rest))
            elif ttype == "STAR":
                clauses.append(b.link_clause(self.next()))
            else:
                return b.type_spec(base, *clauses)

    def _opt_range(self, closing: str) -> list:
        items = []
        if self.peek() != closing:
            items.append(self.range())
        items.append(self.take(closing))
        return items

    def base_type(self):
        b = self.b
        ttype = self.peek()
        if ttype == "CHOICE":
            items = [self.next(), self.take("LPAR"), self._string()]
            while self.peek() == "COMMA":
                items += [self.next(), self._string()]
            items.append(self.take("RPAR"))
            return b.choice_type(*items)
        if ttype == "IDENT":
            items = [self.next()]
            if self.peek() == "LPAR":
                items += [self.next(), *self._opt_range("RPAR")]
            return b.named_type(*items)
        items = []
        if ttype == "EXTENSIBLE":
            items.append(self.next())
        items.append(self.take("LBRACE"))
        while self.peek() != "RBRACE":
            items.append(self.field())
        items.append(self.next())
        if self.peek() == "LPAR":
            items += [self.next(), *self._opt_range("RPAR")]
        return b.record_type(*items)

    def _string(self):
        tok = self.next()
        if tok.type not in _STRING:
            raise GiveUp
        return self.b.string_lit(tok)

    def field(self):
        b = self.b
        if self.peek() == "INCLUDE":
            return b.include_field(self.next(), self.take("IDENT"))
        path = self._path()
        sep = self.next()
        if sep.type == "QMARK":
            return b.optional_field(path, sep, self.full_type())
        if sep.type == "COLON":
            return b.required_field(path, sep, self.full_type())
        raise GiveUp

    def range(self):
        b = self.b
        if self.peek() == "RANGE":
            return b.range_to(self.next(), self._long())
        items = []
        if self.peek() == "MINUS":
            items.append(self.next())
        items.append(self._long())
        if self.peek() != "RANGE":
            return b.range_exact(*items)
        items.append(self.next())
        if self.peek() in _LONG or self.peek() == "MINUS":
            if self.peek() == "MINUS":
                items.append(self.next())
            items.append(self._long())
            return b.range_between(*items)
        return b.range_from(*items)

    def _long(self):
        tok = self.next()
        if tok.type not in _LONG:
            raise GiveUp
        return self.b.long_lit(tok)


def parse_tokens(tokens: list, build) -> ast.Template:
    """The template of ``tokens``; raises ``GiveUp`` on anything unexpected."""
    return FastParser(tokens, build).template()
