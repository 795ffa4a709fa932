"""The pan lexer: source text to a stream of tokens.

Pan's lexical rules need more than a regular lexer: heredoc bodies start on the
line after their ``<<MARKER`` token, annotations (``@name{...}``) and comments
may appear between any two tokens, and the word after ``template`` is a
template name with its own character set.  This module scans with one master
regular expression and handles those cases by hand.  String literals are
decoded here (escapes, ``''``), so the parser sees their values; positions are
1-based lines and columns as panc reports them.

``scan`` yields plain tuples (the fast parser's input; optionally with whole
simple statements as one token, see ``_STATEMENT``); ``tokenize`` yields
``Token`` objects with Lark's attribute names, for the LALR parser.
"""

from __future__ import annotations

import re

from lark.lexer import Lexer

from ..errors import PanSyntaxError
from ..source import SourceFile, Span

KEYWORDS = {
    "if": "IF", "for": "FOR", "with": "WITH", "else": "ELSE", "type": "TYPE",
    "bind": "BIND", "while": "WHILE", "valid": "VALID", "final": "FINAL",
    "prefix": "PREFIX", "unique": "UNIQUE", "object": "OBJECT", "foreach": "FOREACH",
    "include": "INCLUDE", "template": "TEMPLATE", "function": "FUNCTION",
    "variable": "VARIABLE", "structure": "STRUCTURE", "extensible": "EXTENSIBLE",
    "declaration": "DECLARATION", "choice": "CHOICE", "undef": "UNDEF", "null": "NULL",
    "true": "TRUE", "false": "FALSE",
}

PUNCT = {
    "?=": "ASSIGN_DEFAULT", "==": "EQ", "!=": "NE", ">=": "GE", "<=": "LE",
    "||": "OR", "&&": "AND", "..": "RANGE",
    "?": "QMARK", ":": "COLON", ";": "SEMI", ",": "COMMA", "(": "LPAR", ")": "RPAR",
    "[": "LBRACKET", "]": "RBRACKET", "{": "LBRACE", "}": "RBRACE", "=": "ASSIGN",
    "+": "PLUS", "-": "MINUS", "%": "MOD", "/": "DIV", "!": "NOT", ">": "GT", "<": "LT",
    "|": "BIT_OR", "^": "BIT_XOR", "&": "BIT_AND", "~": "BIT_NOT", "*": "STAR",
}

ALL_TERMINALS = sorted(set(KEYWORDS.values()) | set(PUNCT.values()) | {
    "IDENT", "TNAME", "DECIMAL", "HEX", "OCTAL", "DOUBLE", "SQSTRING", "DQSTRING", "HEREDOC",
})

class Token:
    """A token: its terminal name, value and 1-based position (Lark's attribute names).

    Lark's own ``Token`` is a ``str`` subclass that costs several times more to
    create; the parsers only read these attributes.
    """

    __slots__ = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")

    def __init__(self, type, value, start_pos=None, line=None, column=None, end_line=None,  # noqa: A002
                 end_column=None, end_pos=None):
        self.type = type
        self.value = value
        self.start_pos = start_pos
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"


# Blanks before a token are skipped by the same match (most tokens follow one);
# blanks followed by no token match ``ws`` alone.  The most frequent kinds come
# first: the alternatives are tried in order (a quarter faster than
# alphabetical on large templates); ``heredoc`` must precede ``punct`` (``<``).
_TOKENS = r"""
    (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<sq>'(?:[^'\n\r]|'')*')
  | (?P<nl>\r\n|\n|\r)
  | (?P<heredoc><<[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\?=|==|!=|>=|<=|\|\||&&|\.\.|[?:;,()\[\]{}=+\-%/!><|^&~*])
  | (?P<double>[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)
  | (?P<hex>0[xX][0-9a-fA-F]+)
  | (?P<octal>0[0-7]*)
  | (?P<decimal>[1-9][0-9]*)
  | (?P<dq>"(?:[^"\\\n\r]|\\(?:\r\n|[\s\S]))*")
  | (?P<comment>\#[^\n\r]*)
  | (?P<annotation>@[ \t\f\n\r]*[A-Za-z0-9_.\-]*[ \t\f\n\r]*(?:\([^)]*\)|\[[^\]]*\]|\{[^}]*\}))
  | (?P<badannotation>@)
  | (?P<ws>[ \t\f]+)
"""
_MASTER = re.compile(r"[ \t\f]*(?:" + _TOKENS + ")", re.VERBOSE)

# A whole statement of the shapes that make up most of large templates, on one
# line, as one ``STMT`` token (``scan(statements=True)``, after a ``;``):
#     'path' = VALUE;    variable NAME = VALUE;    include VALUE;    prefix 'path';
# where VALUE is a literal (a number may be signed), a variable name, or a call
# whose arguments are such literals or names (``fastparse.QuickStatements``
# builds its nodes).  The shapes match exactly what the tokens would be, so a
# STMT token is those tokens; a keyword in a name position is refused by the
# parser.  Recognizing a statement at once instead of token by token halves
# the time to read large flat templates.
_B = r"[ \t\f]*"
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_SQ = r"'(?:[^'\n\r]|'')*'"
_DQ_PLAIN = r'"[^"\\\n\r]*"'                # no escape, no line break
_NUMBER = (r"(?:[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+"
           r"|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")
_ATOM = rf"(?:{_SQ}|{_DQ_PLAIN}|[-+]?{_B}{_NUMBER}|{_NAME})"
_VALUE = rf"""(?:
    (?P<v_sq>{_SQ})
  | (?P<v_dq>{_DQ_PLAIN})
  | (?P<v_sign>[-+])?{_B}(?P<v_number>{_NUMBER})
  | (?P<v_call>{_NAME}){_B}\((?P<v_args>{_B}(?:{_ATOM}(?:{_B},{_B}{_ATOM})*)?{_B})\)
  | (?P<v_name>{_NAME})
)"""
_STATEMENT = rf"""(?P<stmt>(?:
      (?P<s_path>{_SQ}|{_DQ_PLAIN}){_B}(?P<s_op>\?=|=)
    | variable[ \t\f]+(?P<s_var>{_NAME}){_B}(?P<s_vop>\?=|=)
    | (?P<s_include>include)(?![A-Za-z0-9_])
  ){_B}{_VALUE}
  | prefix(?![A-Za-z0-9_]){_B}(?P<s_prefix>{_SQ}|{_DQ_PLAIN})
){_B};"""
STATEMENT_PATTERN = re.compile(r"[ \t\f]*(?:" + _STATEMENT + "|" + _TOKENS + ")", re.VERBOSE)

# One argument of a STMT token's call (after the first: preceded by a comma).
ARGUMENT = re.compile(rf"""{_B},?{_B}(?:
    (?P<sq>{_SQ})
  | (?P<dq>{_DQ_PLAIN})
  | (?P<sign>[-+])?{_B}(?P<number>{_NUMBER})
  | (?P<name>{_NAME})
)""", re.VERBOSE)

_TNAME = re.compile(r"[A-Za-z0-9_+./\-]+")
_DQ_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"t": "\t", "r": "\r", "n": "\n", "b": "\b", "f": "\f", '"': '"', "\\": "\\",
                   "\n": "", "\r": "", "\r\n": ""}


def decode_double_quoted(body: str) -> str:
    """Apply pan's escapes to the inside of a double-quoted string."""
    if "\\" not in body:
        return body

    def repl(m: re.Match) -> str:
        esc = m.group(1)
        if esc in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[esc]
        if esc[0] == "x" and len(esc) == 3:
            return chr(int(esc[1:], 16))
        raise ValueError(f"invalid escape sequence: \\{esc}")

    return _DQ_ESCAPE.sub(repl, body)


class PanLexer(Lexer):
    """A Lark lexer for pan; ``source`` must be set before ``lex`` is called."""

    source: SourceFile | None = None

    def __init__(self, lexer_conf):  # noqa: D107 - Lark's interface
        pass

    def lex(self, data: str):
        yield from tokenize(data, self.source)


def _span(src, line, col, eline, ecol) -> Span:
    return Span(src, line, col, eline, ecol)


_NOT_TOKENS = frozenset({"ws", "comment", "annotation", "badannotation"})


def tokenize(text: str, source: SourceFile | None = None):
    """Yield the ``Token``s of ``text``; raises PanSyntaxError on lexical errors."""
    for ttype, value, line, col, end_line, end_col in scan(text, source):
        yield Token(ttype, value, None, line, col, end_line, end_col)


def scan(text: str, source: SourceFile | None = None, statements: bool = False):
    """Yield the tokens of ``text`` as tuples ``(type, value, line, col, end_line, end_col)``.

    Tuples rather than ``Token`` objects: the fast parser reads millions of
    them, and a tuple costs a sixth of an object to build.  Lexical errors
    raise PanSyntaxError when the scan reaches them (the LALR parser may
    report a syntax error before).  With ``statements``, a simple statement
    after a ``;`` is one token ``("STMT", match, line, line_start, 0, 0)``
    (see ``_STATEMENT``).
    """
    pos = 0
    line = 1
    line_start = 0
    n = len(text)
    pending_heredocs: list[tuple[str, int]] = []     # (marker, index in held)
    expect_tname = False
    held: list[tuple] = []      # tokens of a line with heredocs, until their bodies are read
    plain_match = match = _MASTER.match
    after_semi = STATEMENT_PATTERN.match if statements else plain_match
    keywords = KEYWORDS
    punct = PUNCT
    while pos < n:
        m = match(text, pos)
        if m is None:
            col = pos - line_start + 1
            raise PanSyntaxError(f"lexical error: unexpected character '{text[pos]}'",
                                 _span(source, line, col, line, col))
        kind = m.lastgroup
        value = m.group(kind)
        end = m.end()
        if kind == "nl":
            pos = end
            line += 1
            line_start = pos
            if pending_heredocs:
                pos, line, line_start = _read_heredocs(text, pos, line, line_start,
                                                       pending_heredocs, held, source)
                yield from held
                held.clear()
            continue
        pos = end - len(value)
        col = pos - line_start + 1
        if expect_tname and kind not in _NOT_TOKENS:
            # the word after ``template`` is a template name (its own characters)
            expect_tname = False
            tm = _TNAME.match(text, pos)
            if tm is not None:
                tv = tm.group()
                pos = tm.end()
                match = plain_match
                yield ("TNAME", tv, line, col, line, col + len(tv) - 1)
                continue
        if kind == "stmt":
            pos = m.end()
            tok = ("STMT", m, line, line_start, 0, 0)
            if pending_heredocs:
                held.append(tok)
            else:
                yield tok
            continue
        if kind == "word":
            ttype = keywords.get(value, "IDENT")
            if ttype == "TEMPLATE":
                expect_tname = True
            tok = (ttype, value, line, col, line, col + len(value) - 1)
        elif kind == "sq":
            tok = ("SQSTRING", value[1:-1].replace("''", "'"), line, col, line, col + len(value) - 1)
        elif kind == "punct":
            tok = (punct[value], value, line, col, line, col + len(value) - 1)
        elif kind == "ws" or kind == "comment":
            pos = end
            continue
        elif kind == "annotation" or kind == "badannotation":
            if kind == "badannotation":
                raise PanSyntaxError("invalid annotation syntax", _span(source, line, col, line, col))
            _check_annotation(value, source, line, col)
            nls = value.count("\n") + value.count("\r") - value.count("\r\n")
            if nls:
                line += nls
                line_start = pos + max(value.rfind("\n"), value.rfind("\r")) + 1
            pos = end
            continue
        elif kind == "dq":
            ecol = col + len(value) - 1
            body = value[1:-1]
            try:
                decoded = decode_double_quoted(body)
            except ValueError as exc:
                raise PanSyntaxError(str(exc), _span(source, line, col, line, ecol)) from None
            nls = body.count("\n") + body.count("\r") - body.count("\r\n")
            if nls:
                eline = line + nls
                last_nl = max(value.rfind("\n"), value.rfind("\r"))
                tok = ("DQSTRING", decoded, line, col, eline, len(value) - last_nl - 1)
                line = eline
                line_start = pos + last_nl + 1
            else:
                tok = ("DQSTRING", decoded, line, col, line, ecol)
        elif kind == "heredoc":
            tok = ("HEREDOC", "", line, col, line, col + len(value) - 1)
            pending_heredocs.append((value[2:], len(held)))
        elif kind == "double":
            tok = ("DOUBLE", value, line, col, line, col + len(value) - 1)
        elif kind == "hex":
            tok = ("HEX", value, line, col, line, col + len(value) - 1)
        elif kind == "octal":
            tok = ("OCTAL", value, line, col, line, col + len(value) - 1)
        else:
            tok = ("DECIMAL", value, line, col, line, col + len(value) - 1)
        pos = end
        match = after_semi if value == ";" and kind == "punct" else plain_match
        if pending_heredocs:
            held.append(tok)
        else:
            yield tok
    if pending_heredocs:
        raise PanSyntaxError("EOF while processing heredoc", _span(source, line, 1, line, 1))


_LINE = re.compile(r"([^\n\r]*)(\r\n|\n|\r|$)")


def _read_heredocs(text, pos, line, line_start, pending, held, source):
    """Consume heredoc bodies starting at ``pos`` (just after a newline);
    each body becomes the value of its token in ``held``."""
    n = len(text)
    buf: list[str] = []
    while pending:
        if pos >= n:
            raise PanSyntaxError("EOF while processing heredoc", _span(source, line, 1, line, 1))
        m = _LINE.match(text, pos)
        content, eol = m.group(1), m.group(2)
        pos = m.end()
        if content == pending[0][0]:
            marker, index = pending.pop(0)
            held[index] = held[index][:1] + ("".join(buf),) + held[index][2:]
            buf = []
        else:
            buf.append(content + eol)
        if eol:
            line += 1
            line_start = pos
        elif pending:
            raise PanSyntaxError("EOF while processing heredoc", _span(source, line, 1, line, 1))
    return pos, line, line_start


_ANNOT_NAME = re.compile(r"@\s*([A-Za-z0-9_.\-]*)\s*([(\[{])([\s\S]*)[)\]}]$")
_KV_START = re.compile(r"^\s*[^=\s]*\s*=")
_KEY = re.compile(r"[A-Za-z0-9_.\-]+")


def _check_annotation(value: str, source, line, col) -> None:
    """Validate an annotation body the way panc's AnnotationProcessor does."""
    m = _ANNOT_NAME.match(value)
    if m is None:
        return
    body = m.group(3)
    if not _KV_START.match(body):
        return
    i, n = 0, len(body)
    while True:
        while i < n and body[i] in " \t\f\r\n":
            i += 1
        if i >= n:
            return
        km = _KEY.match(body, i)
        if km is None:
            raise PanSyntaxError("invalid annotation syntax", _span(source, line, col, line, col))
        i = km.end()
        while i < n and body[i] in " \t\f":
            i += 1
        if i >= n or body[i] != "=":
            raise PanSyntaxError("invalid annotation syntax", _span(source, line, col, line, col))
        i += 1
        while i < n and body[i] in " \t\f":
            i += 1
        if i < n and body[i] in "'\"":
            q = body[i]
            i += 1
            while True:
                j = body.find(q, i)
                if j < 0:
                    raise PanSyntaxError("invalid annotation syntax", _span(source, line, col, line, col))
                if j + 1 < n and body[j + 1] == q:
                    i = j + 2
                    continue
                i = j + 1
                break
        else:
            while i < n and body[i] not in "\r\n":
                if body[i] == "\\" and i + 1 < n and body[i + 1] in "\r\n":
                    i += 2
                    continue
                i += 1
