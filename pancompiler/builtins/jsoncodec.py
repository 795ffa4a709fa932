"""json_encode and json_decode, as panc does them with Gson.

Decoding follows Gson's *lenient* JsonReader (what ``Gson.fromJson`` uses):
besides JSON it accepts single quotes, unquoted words (read as strings),
``#``/``//``/``/* */`` comments, ``;`` separators, ``=``/``=>`` after names and
empty array slots (null); its error messages (``Expected name at line 1
column 2 path $.``) are reproduced.  Numbers without a ``.`` become longs,
others doubles; a JSON null in a dict removes the key, in a list it stays.
Keys must be valid pan dict keys.  Encoding is Gson's pretty printer with
HTML-safe escaping; null dict values are dropped and undef is an error.
"""

from __future__ import annotations

from ..errors import EvaluationError
from ..runtime.javacompat import from_utf16, to_utf16
from ..runtime.paths import PathError, term_from_string
from ..runtime.tree import check_replacement
from ..runtime.values import NULL, UNDEF, PanDict, PanList, java_double_str, sorted_keys
from .common import arity
from .conversions import java_decode_long, java_parse_double
from .registry import builtin


class _Malformed(Exception):
    """Gson's MalformedJsonException / EOFException, message already complete."""


_NON_LITERAL = frozenset("/\\;#={}[]:, \t\f\r\n")
_HEX = frozenset("0123456789abcdefABCDEF")
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "'": "'", '"': '"',
                   "\\": "\\", "/": "/"}
_EOF = ""


class _Reader:
    """The parts of Gson's JsonReader (lenient mode) that the adapter uses."""

    def __init__(self, text: str):
        self.s = text
        self.n = len(text)
        self.pos = 0
        self.line = 0
        self.line_start = 0
        # one entry per open scope: [kind, index or name]; kind "doc", "array", "object"
        self.stack: list[list] = [["doc", None]]

    # ------------------------------------------------------------ errors
    def path(self) -> str:
        out = ["$"]
        for kind, where in self.stack:
            if kind == "array":
                out.append(f"[{where}]")
            elif kind == "object":
                out.append("." + (where if where is not None else ""))
        return "".join(out)

    def location(self) -> str:
        return (f" at line {self.line + 1} column {self.pos - self.line_start + 1} "
                f"path {self.path()}")

    def syntax_error(self, message: str):
        raise _Malformed(f"com.google.gson.stream.MalformedJsonException: {message}"
                         f"{self.location()}")

    def end_of_input(self):
        raise _Malformed(f"java.io.EOFException: End of input{self.location()}")

    # ----------------------------------------------------------- scanning
    def next_non_ws(self, throw_on_eof: bool = True) -> str:
        s, n = self.s, self.n
        while self.pos < n:
            c = s[self.pos]
            self.pos += 1
            if c == "\n":
                self.line += 1
                self.line_start = self.pos
            elif c in " \r\t":
                continue
            elif c == "/" and self.pos < n and s[self.pos] in "*/":
                if s[self.pos] == "*":
                    end = s.find("*/", self.pos + 1)
                    if end < 0:
                        self.pos = n - 1
                        self.syntax_error("Unterminated comment")
                    for i in range(self.pos, end):
                        if s[i] == "\n":
                            self.line += 1
                            self.line_start = i + 1
                    self.pos = end + 2
                else:
                    self.skip_line()
            elif c == "#":
                self.skip_line()
            else:
                return c
        if throw_on_eof:
            self.end_of_input()
        return _EOF

    def skip_line(self) -> None:
        s, n = self.s, self.n
        while self.pos < n:
            c = s[self.pos]
            self.pos += 1
            if c == "\n":
                self.line += 1
                self.line_start = self.pos
                return
            if c == "\r":
                return

    # ------------------------------------------------------------- values
    def value(self):
        """Read one value at the current position (Gson's doPeek + next*)."""
        in_array = self.stack[-1][0] == "array"
        c = self.next_non_ws()
        if c in ";," or c == "]":
            if in_array:
                self.pos -= 1
                self.consumed()
                return NULL
            self.syntax_error("Unexpected value")
        if c == "'" or c == '"':
            text = self.quoted(c)
            self.consumed()
            return text
        if c == "[":
            return self.array()
        if c == "{":
            return self.obj()
        self.pos -= 1
        keyword = self.keyword()
        if keyword is not None:
            self.consumed()
            return keyword
        number = self.number()
        if number is not None:
            self.consumed()
            return number
        if self.s[self.pos] in _NON_LITERAL:
            self.syntax_error("Expected value")
        text = self.unquoted()
        self.consumed()
        return text

    def trailing(self) -> None:
        """Gson's assertFullConsumption: anything after the value is an error."""
        c = self.next_non_ws(throw_on_eof=False)
        if c == _EOF:
            return
        if c in ";,]":
            self.syntax_error("Unexpected value")
        if c in _NON_LITERAL and c not in "[{":
            self.pos -= 1
            self.syntax_error("Expected value")
        raise _Malformed("JSON document was not fully consumed.")

    def consumed(self) -> None:
        top = self.stack[-1]
        if top[0] == "array":
            top[1] += 1

    def keyword(self):
        s, p = self.s, self.pos
        for word, value in (("true", True), ("false", False), ("null", NULL)):
            end = p + len(word)
            chunk = s[p:end]
            if len(chunk) == len(word) and all(a == b or a == b.upper() for a, b in zip(chunk, word)):
                if end < self.n and s[end] not in _NON_LITERAL:
                    return None
                self.pos = end
                return value
        return None

    def number(self):
        """Gson's peekNumber: a JSON number followed by a non-literal, else None."""
        s, n, p = self.s, self.n, self.pos
        i = p
        if i < n and s[i] == "-":
            i += 1
        start_digits = i
        while i < n and "0" <= s[i] <= "9":
            i += 1
        if i == start_digits or (s[start_digits] == "0" and i - start_digits > 1):
            return None
        if i < n and s[i] == ".":
            i += 1
            f = i
            while i < n and "0" <= s[i] <= "9":
                i += 1
            if i == f:
                return None
        if i < n and s[i] in "eE":
            i += 1
            if i < n and s[i] in "+-":
                i += 1
            e = i
            while i < n and "0" <= s[i] <= "9":
                i += 1
            if i == e:
                return None
        if i < n and s[i] not in _NON_LITERAL:
            return None
        text = s[p:i]
        self.pos = i
        if "." in text:
            return java_parse_double(text)
        value = java_decode_long(text)
        if value is None:
            raise EvaluationError(f"invalid JSON value {self.s}: java.lang.NumberFormatException: "
                                  f'For input string: "{text}"')
        return value

    def unquoted(self) -> str:
        s, n, start = self.s, self.n, self.pos
        while self.pos < n and s[self.pos] not in _NON_LITERAL:
            self.pos += 1
        return s[start:self.pos]

    def quoted(self, quote: str) -> str:
        s, n = self.s, self.n
        out: list[str] = []
        while True:
            if self.pos >= n:
                self.syntax_error("Unterminated string")
            c = s[self.pos]
            self.pos += 1
            if c == quote:
                return from_utf16("".join(out))
            if c == "\\":
                out.append(self.escape())
            else:
                if c == "\n":
                    self.line += 1
                    self.line_start = self.pos
                out.append(c if c <= "\uffff" else to_utf16(c))

    def escape(self) -> str:
        s = self.s
        if self.pos >= self.n:
            self.syntax_error("Unterminated escape sequence")
        c = s[self.pos]
        self.pos += 1
        if c == "u":
            digits = s[self.pos:self.pos + 4]
            if len(digits) < 4:
                self.syntax_error("Unterminated escape sequence")
            if not all(d in _HEX for d in digits):
                # Gson throws a bare NumberFormatException here
                raise EvaluationError(f"invalid JSON value {self.s}: "
                                      f"java.lang.NumberFormatException: \\u{digits}")
            self.pos += 4
            return chr(int(digits, 16))
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        if c == "\n":
            self.line += 1
            self.line_start = self.pos
            return c
        self.syntax_error("Invalid escape sequence")

    # ---------------------------------------------------------- resources
    def array(self) -> PanList:
        self.stack.append(["array", 0])
        result = PanList()
        first = True
        while True:
            if first:
                c = self.next_non_ws()
                if c == "]":
                    break
                self.pos -= 1
                first = False
            else:
                c = self.next_non_ws()
                if c == "]":
                    break
                if c not in ",;":
                    self.syntax_error("Unterminated array")
            result.append(self.value())
        self.stack.pop()
        self.consumed()
        return result

    def obj(self) -> PanDict:
        top = ["object", None]
        self.stack.append(top)
        result = PanDict()
        first = True
        while True:
            if not first:
                c = self.next_non_ws()
                if c == "}":
                    break
                if c not in ",;":
                    self.syntax_error("Unterminated object")
            c = self.next_non_ws()
            if c == '"' or c == "'":
                name = self.quoted(c)
            elif c == "}" and first:
                break
            elif c == "}":
                self.syntax_error("Expected name")
            else:
                self.pos -= 1
                if c in _NON_LITERAL:
                    self.syntax_error("Expected name")
                name = self.unquoted()
            first = False
            top[1] = name
            try:
                key = term_from_string(name)
            except PathError as exc:
                raise EvaluationError(str(exc)) from None
            c = self.next_non_ws()
            if c == "=":
                if self.pos < self.n and self.s[self.pos] == ">":
                    self.pos += 1
            elif c != ":":
                self.syntax_error("Expected ':'")
            value = self.value()
            if type(key) is not str:
                raise EvaluationError(f"JSON path '{self.path()}' is not a valid PAN path")
            if value is NULL:
                result.pop(key, None)
            else:
                old = result.get(key)
                result[key] = value
                if old is not None:
                    check_replacement(old, value)
        self.stack.pop()
        self.consumed()
        return result


def json_decode(text: str):
    """Gson.fromJson(text, Element.class) through panc's ElementAdapter."""
    reader = _Reader(text)
    try:
        c = reader.next_non_ws(throw_on_eof=False)
        if c == _EOF:
            reader.end_of_input()
        reader.pos -= 1
        if text.startswith(")]}'\n", reader.pos):
            reader.pos += 5
        value = reader.value()
        reader.stack[0][0] = "done"
        reader.trailing()
    except _Malformed as exc:
        raise EvaluationError(f"invalid JSON value {text}: {exc}") from None
    return value


# ------------------------------------------------------------------ encoding

_ESCAPES = {i: f"\\u{i:04x}" for i in range(32)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\t"): "\\t", ord("\b"): "\\b",
                 ord("\n"): "\\n", ord("\r"): "\\r", ord("\f"): "\\f",
                 ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 ord("="): "\\u003d", ord("'"): "\\u0027",
                 0x2028: "\\u2028", 0x2029: "\\u2029"})


def _quote(s: str) -> str:
    return '"' + s.translate(_ESCAPES) + '"'


def _encode(value, depth: int, out: list) -> None:
    t = type(value)
    if t is str:
        out.append(_quote(value))
    elif t is bool:
        out.append("true" if value else "false")
    elif t is int:
        out.append(str(value))
    elif t is float:
        out.append(java_double_str(value))
    elif value is NULL:
        out.append("null")
    elif value is UNDEF:
        raise EvaluationError("undef cannot be converted to JSON")
    elif isinstance(value, PanDict):
        pad = "\n" + "  " * (depth + 1)
        items = [(k, value[k]) for k in sorted_keys(value) if value[k] is not NULL]
        if not items:
            out.append("{}")
            return
        out.append("{")
        for i, (k, v) in enumerate(items):
            out.append(("," if i else "") + pad + _quote(k) + ": ")
            _encode(v, depth + 1, out)
        out.append("\n" + "  " * depth + "}")
    else:
        if not value:
            out.append("[]")
            return
        pad = "\n" + "  " * (depth + 1)
        out.append("[")
        for i, v in enumerate(value):
            out.append(("," if i else "") + pad)
            _encode(v, depth + 1, out)
        out.append("\n" + "  " * depth + "]")


def json_encode(value) -> str:
    out: list[str] = []
    _encode(value, 0, out)
    return "".join(out)


@builtin("json_encode", check=arity((1,), "json_encode() requires exactly one argument"))
def _json_encode(ev, args, call):
    return json_encode(args[0])


@builtin("json_decode", check=arity((1,), "json_decode() requires exactly one argument"))
def _json_decode(ev, args, call):
    text = args[0]
    if type(text) is not str:
        raise EvaluationError("argument for json_decode() must be a string")
    return json_decode(text)
