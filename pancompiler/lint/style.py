"""panlint's checks (``FL``, ``LP``, ``LC``, ``PP``, ``CU`` rules) on real tokens.

panlint applies regular expressions to each line after cutting what looks
like a trailing comment and masking what looks like a string.  Here every
check reads the lossless token stream (``syntax.lossless``) instead, so a
``#`` or an operator inside a string, a comment or a heredoc never counts,
and a minus sign is known to be unary from the token before it.  Lines panlint
skips are skipped too: blank lines, comment-only lines, lines holding an
annotation, heredoc bodies (and continued strings).  The rules and their
texts are panlint's; ``docs/lint.md`` lists where the results differ and why.
"""

from __future__ import annotations

import re

from ..syntax.lossless import Tok
from .rules import Finding

LINE_LENGTH_LIMIT = 120
_HEADER = re.compile(r"^\s*(?:(?:declaration|unique|structure|object)\s+)?template \S+;$")
_COMPONENT_USE = re.compile(r"/software/components/(\w+)/")
_COMPONENT_INCLUDE = re.compile(r"components/(\w+)/config")
_OPERATORS = frozenset({">=", "==", "<=", "!=", "?=", ">", "+", "*", "=", "/", "-", "<"})
_OPERAND_END = frozenset({"number", "string", "tname", "heredoc"})
_VALUE_WORDS = frozenset({"true", "false", "undef", "null"})
_KEYWORDS = frozenset({
    "if", "for", "with", "else", "type", "bind", "while", "valid", "final", "prefix", "unique",
    "object", "foreach", "include", "template", "function", "variable", "structure",
    "extensible", "declaration", "choice"})


class Line:
    """A physical line: number, text (no line end) and the tokens starting on it."""

    __slots__ = ("number", "text", "toks", "skipped", "inside")

    def __init__(self, number: int, text: str):
        self.number = number
        self.text = text
        self.toks: list[Tok] = []
        self.skipped = False
        self.inside = False     # part of a multi-line token, or holding an annotation

    def code(self) -> list[Tok]:
        return [t for t in self.toks if t.kind not in ("ws", "comment", "annotation", "heredoc_body")]

    def code_end(self) -> int:
        """Length of the line without a trailing comment and the blanks before it."""
        for tok in self.toks:
            if tok.kind == "comment":
                return len(self.text[: tok.col - 1].rstrip())
        return len(self.text)


def split_lines(text: str, toks: list[Tok]) -> list[Line]:
    """The lines of ``text`` with their tokens, and which ones panlint would skip."""
    raw = re.split(r"\r\n|\r|\n", text)
    if raw and raw[-1] == "" and len(raw) > 1:
        raw.pop()
    lines = [Line(i, t) for i, t in enumerate(raw, start=1)]
    inside = [False] * (len(lines) + 2)     # line touched by a multi-line token or an annotation
    for tok in toks:
        if tok.kind == "nl":
            continue
        if tok.line <= len(lines):
            lines[tok.line - 1].toks.append(tok)
        if tok.kind in ("annotation", "heredoc_body") or (tok.kind == "string" and tok.end_line > tok.line):
            first = tok.line if tok.kind != "string" else tok.line + 1
            for i in range(first, tok.end_line + 1):
                inside[i] = True
    for line in lines:
        line.inside = inside[line.number]
        line.skipped = line.inside or not line.code()
    return lines


def check_lines(path: str, lines: list[Line], all_toks: list[Tok]) -> list[Finding]:
    """Every panlint finding of one template."""
    found: list[Finding] = []

    def add(line: Line, start: int, end: int, rule: str, message: str) -> None:
        found.append(Finding(path, line.number, start + 1, max(end, start + 1), rule, message))

    code_lines = [ln for ln in lines if not ln.skipped]
    if code_lines:
        first = code_lines[0]
        if not _HEADER.match(first.text[: first.code_end()]):
            add(first, 0, len(first.text), "FL001", "First non-comment line must be the template type and name")
    # The code token before each sign, across lines: a leading "-" may continue the line above.
    before_sign: dict[int, Tok | None] = {}
    previous = None
    for tok in all_toks:
        if tok.is_code():
            if tok.kind == "punct" and tok.text in "+-":
                before_sign[tok.start] = previous
            previous = tok
    included = _components_included(all_toks)
    own = _own_component(path)
    if own:
        included.add(own)
    for line in code_lines[1:]:
        _check_line(line, add, included, before_sign)
    for line in lines:
        if not line.inside and line.text and all(t.kind == "ws" for t in line.toks):
            add(line, 0, len(line.text), "LP003", "Trailing whitespace")
    return found


def _components_included(toks: list[Tok]) -> set[str]:
    names: set[str] = set()
    code = [t for t in toks if t.is_code()]
    for i, tok in enumerate(code[:-1]):
        if tok.kind == "word" and tok.text == "include":
            for follower in code[i + 1:i + 4]:
                if follower.kind == "string":
                    names.update(_COMPONENT_INCLUDE.findall(follower.text))
                    break
    return names


def _own_component(path: str) -> str | None:
    m = re.search(r"(?:^|/)(?:components/|ncm-)(\w+)/", path.replace("\\", "/"))
    return m.group(1) if m else None


def _check_line(line: Line, add, included: set[str], before_sign: dict) -> None:
    text = line.text
    end = line.code_end()
    toks = line.toks
    code = line.code()
    # LP001: indentation made of whole groups of four spaces
    indent = len(text) - len(text.lstrip(" \t\f"))
    if text[:indent] != " " * indent or indent % 4:
        add(line, 0, indent, "LP001", "Indentation should be a multiple of four spaces")
    # LP002: tabs outside strings and comments
    for tok in toks:
        if tok.kind == "ws" and "\t" in tok.text:
            start = tok.col - 1 + tok.text.index("\t")
            add(line, start, start + len(tok.text.strip(" \f")), "LP002", "Spaces should be used instead of tabs")
    # LP003: trailing whitespace
    stripped = text.rstrip(" \t\f")
    if len(stripped) < len(text) and not (toks and toks[-1].kind != "ws" and toks[-1].end_line > line.number):
        add(line, len(stripped), len(text), "LP003", "Trailing whitespace")
    # LP006: long lines (bind statements excepted, as panlint does)
    if end > LINE_LENGTH_LIMIT and not text.startswith("bind "):
        add(line, LINE_LENGTH_LIMIT, end, "LP006", f"Line is longer than {LINE_LENGTH_LIMIT} characters")
    for i, tok in enumerate(code):
        nxt = code[i + 1] if i + 1 < len(code) else None
        kind, value = tok.kind, tok.text
        col = tok.col - 1
        if kind == "word":
            if value in ("nlist", "is_nlist") and nxt is not None and nxt.text == "(":
                add(line, col, col + len(value), "LP004", "Use dicts instead of nlists")
            elif value == "include" and nxt is not None and nxt.text == "{":
                add(line, nxt.col - 1, nxt.col, "LP005", "Include statements no longer need curly braces")
            elif value == "variable" and nxt is not None and nxt.kind == "word":
                name = nxt.text
                if any("a" <= c <= "z" for c in name[1:-1]):
                    add(line, nxt.col - 1, nxt.col - 1 + len(name), "LP010", "Global variables should be uppercase")
                if len(name) < 5:
                    add(line, nxt.col - 1, nxt.col - 1 + len(name), "LP011",
                        "Global variables should be five or more characters")
            elif value in ("error", "debug") and nxt is not None and nxt.text == "(" and i + 3 < len(code) \
                    and code[i + 2].text == "format" and code[i + 3].text == "(":
                fmt = code[i + 2]
                add(line, fmt.col - 1, fmt.col - 1 + 6, "LP012", "Redundant use of format within error or debug call")
        elif kind == "punct":
            if value == ",":
                gap = _gap_after(line, tok)
                if gap is not None and gap != " ":
                    add(line, col, col + 1 + max(len(gap), 1), "LP007",
                        "Commas should be followed by exactly one space")
            elif value == ";":
                before = _gap_before(line, tok)
                if before:
                    add(line, col - len(before), col + 1, "LP008", "Whitespace before semicolon")
                gap = _gap_after(line, tok)
                if gap is not None and gap != " ":
                    add(line, col + 1, col + 1 + max(len(gap), 1), "LP009",
                        "Semicolons should be followed exactly one space or end-of-line")
            elif value in _OPERATORS:
                _check_operator(line, code, i, add, before_sign)
        elif kind == "string":
            for m in _COMPONENT_USE.finditer(value):
                if m.group(1) not in included:
                    start = col + m.start(1)
                    add(line, start, start + len(m.group(1)), "CU001",
                        f"Component {m.group(1)} in use, but component config has not been included")
    _check_path(line, code, add)


def _gap_after(line: Line, tok: Tok) -> str | None:
    """Whitespace between ``tok`` and the next code token on its line (None: none follows)."""
    toks = line.toks
    i = toks.index(tok)
    gap = ""
    for nxt in toks[i + 1:]:
        if nxt.kind == "ws":
            gap += nxt.text
            continue
        if nxt.kind == "comment":
            return None
        return gap
    return None


def _gap_before(line: Line, tok: Tok) -> str:
    toks = line.toks
    i = toks.index(tok)
    if i > 0 and toks[i - 1].kind == "ws":
        return toks[i - 1].text
    return ""


def _is_operand_end(tok: Tok | None) -> bool:
    if tok is None:
        return False
    if tok.kind in _OPERAND_END:
        return True
    if tok.kind == "word":
        return tok.text not in _KEYWORDS or tok.text in _VALUE_WORDS
    return tok.text in (")", "]", "}")


def _check_operator(line: Line, code: list[Tok], i: int, add, before_sign: dict) -> None:
    tok = code[i]
    op = tok.text
    col = tok.col - 1
    prev_code = code[i - 1] if i > 0 else before_sign.get(tok.start)
    before = _gap_before(line, tok)
    after = _gap_after(line, tok)
    if op in ("-", "+") and not _is_operand_end(prev_code):
        # Unary sign: nothing may separate it from its operand.
        if after:
            add(line, col, col + 1 + len(after), "LC001", "Unwanted space after minus sign (not operator)")
        return
    if op in ("-", "+") and _simple_subscript(code, i):
        lo, hi = _simple_subscript(code, i)
        for tok_ in line.toks:
            if tok_.kind == "ws" and lo < tok_.start < hi:
                add(line, tok_.col - 1, tok_.col, "LC001",
                    "Unwanted space in simple expression in square brackets")
                break
        return
    missing = []
    start, end = col, col + len(op)
    if i > 0 and not before:
        missing.append("before")
        start -= 1
    if after == "":
        missing.append("after")
        end += 1
    if missing:
        add(line, start, end, "LC001", f"Missing space {' and '.join(missing)} operator")


def _simple_subscript(code: list[Tok], i: int) -> tuple[int, int] | None:
    """Offsets of ``[`` and ``]`` around a simple ``a+1`` subscript holding ``code[i]``."""
    j = i - 1
    while j >= 0 and (code[j].kind in ("word", "number") or code[j].text in ("+", "-")):
        j -= 1
    k = i + 1
    while k < len(code) and (code[k].kind in ("word", "number") or code[k].text in ("+", "-")):
        k += 1
    if j >= 0 and k < len(code) and code[j].text == "[" and code[k].text == "]" \
            and code[j].line == code[k].line:
        return code[j].start, code[k].start
    return None


def _check_path(line: Line, code: list[Tok], add) -> None:
    """PP001: a trailing slash on the path a statement assigns, binds or prefixes."""
    if not code:
        return
    i = 0
    if code[0].text in ("final", "prefix", "bind", "valid"):
        i = 1
    if i >= len(code) or code[i].kind != "string":
        return
    is_statement = code[0].text == "prefix" or (i + 1 < len(code) and code[i + 1].text in ("=", "?="))
    path = code[i].text[1:-1]
    if is_statement and len(path) > 1 and path.endswith("/"):
        slashes = len(path) - len(path.rstrip("/"))
        end = code[i].col - 1 + len(code[i].text) - 1
        add(line, end - slashes, end, "PP001", "Unnecessary trailing slash at end of profile path")
