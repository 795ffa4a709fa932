"""A lossless pan tokenizer: every character of a template in exactly one token.

The compiler's lexer (``syntax.lexer``) drops what the parser does not need:
whitespace, comments, annotations, the raw text of strings and heredoc bodies.
The tools around the compiler (formatter, linter, documentation) need all of
it, with exact offsets, so this module scans a template into ``Tok`` records
whose texts concatenate back to the input.  It follows the same lexical rules
as the compiler's lexer (heredoc bodies start on the line after ``<<MARKER``,
annotations ``@name{...}`` may sit between any two tokens, the word after
``template`` is a template name) and raises the same ``PanSyntaxError`` on
lexical errors.  Token kinds:

``ws`` ``nl`` ``comment`` ``annotation`` ``heredoc_body`` (the body lines and
the terminator line, without its line end) and the code tokens ``word``
(identifiers and keywords), ``tname``, ``number``, ``string`` (quotes
included), ``heredoc`` (the ``<<MARKER`` opener), ``punct``, and ``maven``:
a Maven placeholder (``${componentschema}``) of component sources, which
the compiler rejects but the tools accept so they can format and check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import PanSyntaxError
from ..source import SourceFile, Span

TRIVIA = frozenset({"ws", "nl", "comment", "annotation", "heredoc_body"})

_SCAN = re.compile(r"""
    (?P<ws>[ \t\f]+)
  | (?P<nl>\r\n|\n|\r)
  | (?P<comment>\#[^\n\r]*)
  | (?P<annotation>@[ \t\f\n\r]*[A-Za-z0-9_.\-]*[ \t\f\n\r]*(?:\([^)]*\)|\[[^\]]*\]|\{[^}]*\}))
  | (?P<number>[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+|0[xX][0-9a-fA-F]+|[0-9]+)
  | (?P<heredoc><<[A-Za-z_][A-Za-z0-9_]*)
  | (?P<string>'(?:[^'\n\r]|'')*'|"(?:[^"\\\n\r]|\\(?:\r\n|[\s\S]))*")
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<maven>\$\{[^}\s]*\})
  | (?P<punct>\?=|==|!=|>=|<=|\|\||&&|\.\.|[?:;,()\[\]{}=+\-%/!><|^&~*])
""", re.VERBOSE)
# Template names; Maven properties (``${project.artifactId}``) as in component sources are accepted
# here, so the tools can format them (the compiler itself rejects them).
_TNAME = re.compile(r"(?:[A-Za-z0-9_+./\-]|\$\{[^}\s]*\})+")
_LINE = re.compile(r"[^\n\r]*")


@dataclass(slots=True)
class Tok:
    """One token: its kind, exact text, offset and 1-based start line and column."""

    kind: str
    text: str
    start: int
    line: int
    col: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def end_line(self) -> int:
        return self.line + _newlines(self.text)

    def is_code(self) -> bool:
        return self.kind not in TRIVIA

    def span(self, source: SourceFile | None) -> Span:
        """panc-style span: inclusive end column."""
        text = self.text
        nls = _newlines(text)
        if nls:
            last = max(text.rfind("\n"), text.rfind("\r"))
            return Span(source, self.line, self.col, self.line + nls, len(text) - last - 1)
        return Span(source, self.line, self.col, self.line, self.col + max(len(text), 1) - 1)


def _newlines(text: str) -> int:
    if "\n" not in text and "\r" not in text:
        return 0
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def scan(text: str, source: SourceFile | None = None) -> list[Tok]:
    """Split ``text`` into tokens that concatenate back to it exactly."""
    toks: list[Tok] = []
    append = toks.append
    pos, line, line_start, n = 0, 1, 0, len(text)
    pending: list[str] = []          # heredoc markers whose bodies start after the next newline
    expect_tname = False
    match = _SCAN.match
    while pos < n:
        col = pos - line_start + 1
        if expect_tname and text[pos] not in " \t\f\r\n#@":
            expect_tname = False
            tm = _TNAME.match(text, pos)
            if tm is not None:
                append(Tok("tname", tm.group(), pos, line, col))
                pos = tm.end()
                continue
        m = match(text, pos)
        if m is None:
            what = "invalid annotation syntax" if text[pos] == "@" else \
                f"lexical error: unexpected character '{text[pos]}'"
            raise PanSyntaxError(what, Span(source, line, col, line, col))
        kind = m.lastgroup
        value = m.group()
        append(Tok(kind, value, pos, line, col))
        pos = m.end()
        if kind == "nl":
            line += 1
            line_start = pos
            if pending:
                pos, line, line_start = _heredoc_bodies(text, pos, line, pending, toks, source)
        elif kind in ("annotation", "string"):
            nls = _newlines(value)
            if nls:
                line += nls
                line_start = m.start() + max(value.rfind("\n"), value.rfind("\r")) + 1
        elif kind == "heredoc":
            pending.append(value[2:])
        elif kind == "word" and value == "template":
            expect_tname = True
    if pending:
        raise PanSyntaxError("EOF while processing heredoc", Span(source, line, 1, line, 1))
    return toks


def _heredoc_bodies(text, pos, line, pending, toks, source):
    """Read the bodies of ``pending`` heredocs from ``pos`` (a line start)."""
    n = len(text)
    line_start = pos
    while pending:
        marker = pending[0]
        body_start, body_line = pos, line
        while True:
            if pos >= n:
                raise PanSyntaxError("EOF while processing heredoc", Span(source, line, 1, line, 1))
            m = _LINE.match(text, pos)
            content_end = m.end()
            is_end = m.group() == marker
            eol = 2 if text.startswith("\r\n", content_end) else (1 if content_end < n else 0)
            if is_end:
                pending.pop(0)
                toks.append(Tok("heredoc_body", text[body_start:content_end], body_start, body_line, 1))
                pos = content_end
                line_start = pos - len(m.group())
                if pending:
                    if not eol:
                        raise PanSyntaxError("EOF while processing heredoc", Span(source, line, 1, line, 1))
                    toks.append(Tok("nl", text[pos:pos + eol], pos, line, pos - line_start + 1))
                    pos += eol
                    line += 1
                    line_start = pos
                break
            if not eol:
                raise PanSyntaxError("EOF while processing heredoc", Span(source, line, 1, line, 1))
            pos = content_end + eol
            line += 1
            line_start = pos
    return pos, line, line_start


def code_tokens(toks: list[Tok]) -> list[Tok]:
    """The tokens the parser sees (no whitespace, comments, annotations or bodies)."""
    return [t for t in toks if t.kind not in TRIVIA]
