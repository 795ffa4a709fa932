"""Parsing pan text into a ``Template`` AST.

Well-formed text is parsed by the recursive-descent parser of
``syntax.fastparse``, which builds the same tree as the ``_ToAst`` methods
below (``tests/perf/test_fastparse.py`` compares them).  When it gives up, the
text is parsed again by driving Lark's LALR tables (``parse_lalr``), which
reports the error.  The Lark LALR parser is built once
per process (and its analysis cached on disk by Lark), then fed by our own
lexer.  The transformer runs inline while
parsing, so no intermediate parse tree is built.  Lark's errors are translated
into panc's ``syntax error [file:line.col-line.col]`` form; parse-time checks
that do not need the grammar (template kinds, paths, builtin arities, constant
folding) live in ``syntax.checks``.
"""

from __future__ import annotations

import os
import threading

from lark import Lark
from lark import Token as LarkToken
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift as _SHIFT

from ..errors import PanError, PanSyntaxError
from ..source import SourceFile, Span
from . import ast
from .fastparse import GiveUp, parse_long, parse_tokens
from .lexer import KEYWORDS, PUNCT, PanLexer, Token, scan, tokenize

_GRAMMAR = os.path.join(os.path.dirname(__file__), "pan.lark")
_parser_lock = threading.Lock()
_parser: Lark | None = None

def _tok_span(src: SourceFile, tok: Token) -> Span:
    return Span(src, tok.line, tok.column, tok.end_line, tok.end_column)


def _span_of(src: SourceFile, item) -> Span:
    if isinstance(item, Token):
        return _tok_span(src, item)
    return item.span


def _join(src: SourceFile, first, last) -> Span:
    a = _span_of(src, first)
    b = _span_of(src, last)
    return Span(src, a.line, a.col, b.end_line, b.end_col)


class _ToAst:
    """Build AST nodes while the LALR parser reduces."""

    def __init__(self, src: SourceFile):
        self.src = src

    # -------------------------------------------------------------- literals
    def long_lit(self, tok):
        try:
            value = parse_long(tok.value)
        except ValueError:
            raise PanSyntaxError(f"long literal out of range: {tok.value}", _tok_span(self.src, tok)) from None
        return ast.Literal(_tok_span(self.src, tok), value)

    def double_lit(self, tok):
        value = float(tok.value)
        if value == float("inf"):
            raise PanSyntaxError(f"double literal out of range: {tok.value}", _tok_span(self.src, tok))
        return ast.Literal(_tok_span(self.src, tok), value)

    def string_lit(self, tok):
        return ast.Literal(_tok_span(self.src, tok), tok.value)

    def true_lit(self, tok):
        return ast.Literal(_tok_span(self.src, tok), True)

    def false_lit(self, tok):
        return ast.Literal(_tok_span(self.src, tok), False)

    def undef_lit(self, tok):
        from ..runtime.values import UNDEF
        return ast.Literal(_tok_span(self.src, tok), UNDEF)

    def null_lit(self, tok):
        from ..runtime.values import NULL
        return ast.Literal(_tok_span(self.src, tok), NULL)

    # ----------------------------------------------------------- expressions
    def variable(self, name, *rest):
        indexes = [x for x in rest if not isinstance(x, Token)]
        last = rest[-1] if rest else name
        return ast.Variable(_join(self.src, name, last), name.value, indexes)

    def paren(self, lpar, dml, rpar):
        return dml

    def block(self, lbrace, *rest):
        exprs = [x for x in rest if not isinstance(x, Token)]
        if len(exprs) == 1:
            return exprs[0]
        return ast.Block(_join(self.src, lbrace, rest[-1]), exprs)

    def args(self, *items):
        return [x for x in items if not isinstance(x, Token)]

    def call(self, name, lpar, args, rpar):
        return ast.Call(_join(self.src, name, rpar), name.value, args)

    def unop(self, op, operand):
        return ast.Unary(_join(self.src, op, operand), op.value, operand)

    def binop(self, left, op, right):
        return ast.Binary(_join(self.src, left, right), op.value, left, right)

    def assign_expr(self, target, eq, value):
        return ast.Assign(_join(self.src, target, value), target, value)

    def if_expr(self, kw, lp, cond, rp, then):
        return ast.If(_join(self.src, kw, then), cond, then, None)

    def if_else_expr(self, kw, lp, cond, rp, then, kw_else, orelse):
        return ast.If(_join(self.src, kw, orelse), cond, then, orelse)

    def while_expr(self, kw, lp, cond, rp, body):
        return ast.While(_join(self.src, kw, body), cond, body)

    def for_expr(self, kw, lp, init, s1, cond, s2, step, rp, body):
        return ast.For(_join(self.src, kw, body), init, cond, step, body)

    def foreach_expr(self, kw, lp, key, s1, value, s2, resource, rp, body):
        return ast.Foreach(_join(self.src, kw, body), key, value, resource, body)

    # ----------------------------------------------------------------- types
    def range_exact(self, *items):
        neg = items[0].type == "MINUS" if isinstance(items[0], Token) else False
        v = items[-1].value
        v = -v if neg else v
        return ast.Range(v, v)

    def range_from(self, *items):
        neg = isinstance(items[0], Token) and items[0].type == "MINUS"
        v = items[1 if neg else 0].value
        return ast.Range(-v if neg else v, None)

    def range_between(self, *items):
        items = list(items)
        neg_lo = isinstance(items[0], Token) and items[0].type == "MINUS"
        if neg_lo:
            items.pop(0)
        lo = items[0].value
        rest = items[2:]
        neg_hi = isinstance(rest[0], Token) and rest[0].type == "MINUS"
        hi = rest[-1].value
        return ast.Range(-lo if neg_lo else lo, -hi if neg_hi else hi)

    def range_to(self, dots, hi):
        return ast.Range(None, hi.value)

    def _opt_range(self, items):
        for x in items:
            if isinstance(x, ast.Range):
                return x
        return None

    def choice_type(self, kw, *rest):
        choices = [x.value for x in rest if isinstance(x, ast.Literal)]
        return ast.ChoiceType(_join(self.src, kw, rest[-1]), choices)

    def named_type(self, name, *rest):
        last = rest[-1] if rest else name
        return ast.NamedType(_join(self.src, name, last), name.value, self._opt_range(rest))

    def record_type(self, *items):
        first = items[0]
        extensible = isinstance(first, Token) and first.type == "EXTENSIBLE"
        fields = [x for x in items if isinstance(x, (ast.FieldSpec, ast.FieldInclude))]
        return ast.RecordType(_join(self.src, first, items[-1]), extensible, fields,
                              self._opt_range(items))

    def optional_field(self, path, q, full):
        return ast.FieldSpec(_tok_span(self.src, path), path.value, False, full)

    def required_field(self, path, c, full):
        return ast.FieldSpec(_tok_span(self.src, path), path.value, True, full)

    def include_field(self, kw, name):
        return ast.FieldInclude(_tok_span(self.src, name), name.value)

    def list_clause(self, lb, *rest):
        return ast.TypeClause(_join(self.src, lb, rest[-1]), "list", self._opt_range(rest))

    def dict_clause(self, lb, *rest):
        return ast.TypeClause(_join(self.src, lb, rest[-1]), "dict", self._opt_range(rest))

    def link_clause(self, star):
        return ast.TypeClause(_tok_span(self.src, star), "link", None)

    def type_spec(self, base, *clauses):
        last = clauses[-1] if clauses else base
        return ast.TypeSpec(_join(self.src, base, last), base, list(clauses))

    def type_default(self, eq, dml):
        return ("default", dml)

    def type_with(self, kw, dml):
        return ("with", dml)

    def full_type(self, spec, *opts):
        default = with_ = None
        for kind, dml in opts:
            if kind == "default":
                default = dml
            else:
                with_ = dml
        last = opts[-1][1] if opts else spec
        return ast.FullType(_join(self.src, spec, last), spec, default, with_)

    # ------------------------------------------------------------ statements
    def path(self, tok):
        return tok

    def assign_op(self, tok):
        return tok

    def template_kind(self, tok):
        return tok

    def header(self, *items):
        kind = "ordinary"
        if len(items) == 4:
            kind = items[0].value
        name = items[-2]
        return (kind, name, _join(self.src, items[0], items[-1]))

    def noop(self, semi):
        return None

    def include_stmt(self, kw, dml, semi):
        return ast.IncludeStmt(_join(self.src, kw, semi), dml)

    def prefix_stmt(self, kw, path, semi):
        return ast.PrefixStmt(_join(self.src, kw, semi), path.value)

    def valid_stmt(self, kw, path, eq, dml, semi):
        return ast.ValidStmt(_join(self.src, kw, semi), path.value, dml)

    def bind_stmt(self, kw, path, eq, full, semi):
        return ast.BindStmt(_join(self.src, kw, semi), path.value, full)

    def assign_stmt(self, *items):
        final = items[0].type == "FINAL" if isinstance(items[0], Token) else False
        path, op, dml, semi = items[-4:]
        return ast.AssignStmt(_join(self.src, items[0], semi), path.value, dml, final,
                              op.type == "ASSIGN_DEFAULT")

    def variable_stmt(self, *items):
        final = items[0].type == "FINAL"
        name, op, dml, semi = items[-4:]
        return ast.VariableStmt(_join(self.src, items[0], semi), name.value, dml, final,
                                op.type == "ASSIGN_DEFAULT")

    def type_stmt(self, kw, name, eq, full, semi):
        return ast.TypeStmt(_join(self.src, kw, semi), name.value, full)

    def function_stmt(self, kw, name, eq, dml, semi):
        return ast.FunctionStmt(_join(self.src, kw, semi), name.value, dml)

    def start(self, header, *statements):
        kind, name, span = header
        stmts = [s for s in statements if s is not None]
        return ast.Template(self.src, kind, name.value, _tok_span(self.src, name), stmts, span)


def _get_parser() -> Lark:
    global _parser
    if _parser is None:
        with _parser_lock:
            if _parser is None:
                with open(_GRAMMAR) as fh:
                    grammar = fh.read()
                _parser = Lark(grammar, parser="lalr", lexer=PanLexer,
                               maybe_placeholders=False, cache=_cache_file())
    return _parser


def _cache_file() -> str | bool:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "pancompiler")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    return os.path.join(folder, "pan-grammar.lark.cache")


_EXPECTED_NAMES = {
    "SEMI": "';'", "RPAR": "')'", "LPAR": "'('", "RBRACE": "'}'", "LBRACE": "'{'",
    "RBRACKET": "']'", "LBRACKET": "'['", "ASSIGN": "'='", "COMMA": "','", "COLON": "':'",
    "QMARK": "'?'", "ASSIGN_DEFAULT": "'?='", "RANGE": "'..'", "STAR": "'*'",
    "IDENT": "identifier", "TNAME": "template name", "SQSTRING": "string", "DQSTRING": "string",
    "HEREDOC": "string", "DECIMAL": "number", "HEX": "number", "OCTAL": "number", "DOUBLE": "number",
}
_TOKEN_TEXT = {**{v: f"'{k}'" for k, v in PUNCT.items()}, **{v: k for k, v in KEYWORDS.items()}}
_OPERAND_START = {"DECIMAL", "IDENT", "SQSTRING", "LPAR"}


def _expected_text(expected) -> str:
    names = set(expected)
    parts = []
    if _OPERAND_START <= names:
        parts.append("an expression")
        names -= {"DECIMAL", "HEX", "OCTAL", "DOUBLE", "IDENT", "SQSTRING", "DQSTRING", "HEREDOC",
                  "LPAR", "PLUS", "MINUS", "NOT", "BIT_NOT", "TRUE", "FALSE", "UNDEF", "NULL",
                  "IF", "WHILE", "FOR", "FOREACH", "LBRACE"}
    readable = {_EXPECTED_NAMES.get(n) or _TOKEN_TEXT.get(n, n) for n in names}
    parts.extend(sorted(readable))
    return ", ".join(parts)


def _describe(tok: Token) -> str:
    if tok.type == "$END":
        return "end of file"
    return f"'{tok.value}'" if tok.value else tok.type


def parse_text(text: str, source: SourceFile) -> ast.Template:
    """Parse one template; raise PanSyntaxError with panc's location format."""
    fast = _parse_fast(text, source)
    if fast is not None:
        return fast
    return parse_lalr(text, source)


def parse_lalr(text: str, source: SourceFile) -> ast.Template:
    """Parse with the LALR tables only (the slow path, which reports errors)."""
    parser = _get_parser()
    try:
        return _run_lalr(parser, tokenize(text, source), _ToAst(source))
    except PanError:
        raise
    except UnexpectedToken as exc:
        tok = exc.token
        if tok.type == "SEMI" and _expects_expression(exc.expected):
            msg = "illegal empty DML statement"
        else:
            msg = f"parse error: unexpected {_describe(tok)}; expected {_expected_text(exc.expected)}"
        if tok.type == "$END":
            line = text.count("\n") + 1
            span = Span(source, line, 1, line, 1)
        else:
            span = _tok_span(source, tok)
        raise PanSyntaxError(msg, span) from None


def _parse_fast(text: str, source: SourceFile) -> ast.Template | None:
    """The recursive-descent parse of well-formed text; None when it gives up
    (then the LALR parser parses the text again and reports the error)."""
    try:
        return parse_tokens(list(scan(text, source, statements=True)), source)
    except (GiveUp, PanError, RecursionError, IndexError):
        return None


def _expects_expression(expected) -> bool:
    """Whether the parser wanted a whole DML block (not just an operand)."""
    return "LBRACE" in expected and "IF" in expected and "DECIMAL" in expected


class _Splice(list):
    """Children of Lark's internal helper rules, spliced into their parent."""

    __slots__ = ()


def _flatten(children: list) -> list:
    for child in children:
        if type(child) is _Splice:
            break
    else:
        return children
    out: list = []
    for child in children:
        if type(child) is _Splice:
            out.extend(child)
        else:
            out.append(child)
    return out


def _splice(children: list) -> _Splice:
    """Lark's helper rules for ``x*`` are left-recursive (``_star: x | _star x``):
    grow the list already built in place, so a long run of statements stays linear."""
    first = children[0] if children else None
    if type(first) is _Splice:
        for child in children[1:]:
            if type(child) is _Splice:
                first.extend(child)
            else:
                first.append(child)
        return first
    return _Splice(_flatten(children))


class _ParseTables:
    """Lark's LALR tables and one AST-building callback per grammar rule.

    Built once per process.  Callbacks call the unbound ``_ToAst`` methods on
    the transformer of the parse in progress (``holder[0]``).
    """

    def __init__(self, parser: Lark):
        table = parser.parser.parser.parser.parse_table
        self.states = table.states
        self.start_state = table.start_states["start"]
        self.end_state = table.end_states["start"]
        self.holder: list = [None]
        self.reductions = {}
        for rule in parser.rules:
            self.reductions[rule] = (len(rule.expansion), rule.origin.name, self._callback(rule))

    def _callback(self, rule):
        holder = self.holder
        origin = rule.origin.name
        origin = origin.value if isinstance(origin, LarkToken) else origin
        alias = rule.alias.value if isinstance(rule.alias, LarkToken) else rule.alias
        if origin.startswith("_"):
            return _splice
        method = getattr(_ToAst, alias or origin, None)
        if method is None:
            if rule.options.expand1 and not alias:
                def passthrough(children):
                    children = _flatten(children)
                    return children[0] if len(children) == 1 else children
                return passthrough
            raise RuntimeError(f"no AST builder for grammar rule {alias or origin}")
        if rule.options.expand1 and not alias:
            def expand1(children):
                children = _flatten(children)
                if len(children) == 1:
                    return children[0]
                return method(holder[0], *children)
            return expand1

        def build(children):
            return method(holder[0], *_flatten(children))
        return build


_tables: _ParseTables | None = None


def _run_lalr(parser: Lark, tokens, transformer: _ToAst):
    """Drive Lark's LALR tables with our token stream, building the AST inline."""
    global _tables
    if _tables is None:
        _tables = _ParseTables(parser)
    tables = _tables
    tables.holder[0] = transformer
    states = tables.states
    reductions = tables.reductions
    end_state = tables.end_state
    state_stack = [tables.start_state]
    value_stack: list = []
    end = Token("$END", "", 0, 1, 1)
    for token in _with_end(tokens, end):
        ttype = token.type
        while True:
            state = state_stack[-1]
            try:
                action, arg = states[state][ttype]
            except KeyError:
                expected = {s for s in states[state] if s.isupper()}
                raise UnexpectedToken(token, expected) from None
            if action is _SHIFT:
                state_stack.append(arg)
                value_stack.append(token)
                break
            size, origin, callback = reductions[arg]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callback(children))
            state_stack.append(states[state_stack[-1]][origin][1])
            if ttype == "$END" and state_stack[-1] == end_state:
                return value_stack[-1]
    raise UnexpectedToken(end, set())


def _with_end(tokens, end):
    yield from tokens
    yield end


def parse_file(path: str) -> ast.Template:
    """Read and parse a template file."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:   # keep \r\n, as panc does
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise PanSyntaxError(f"template is not valid UTF-8: {exc.reason}",
                             Span(SourceFile(path), 1, 1, 1, 1)) from None
    source = SourceFile(os.path.abspath(path), text)
    return parse_text(text, source)
