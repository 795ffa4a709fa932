"""Translation of Java regular expressions into Python ``re`` syntax.

``translate`` walks a ``java.util.regex`` pattern once and emits Python regex
text with the same meaning: Java's ASCII ``\\d \\w \\s``, its line terminators
for ``.``, ``^`` and ``$``, inline flags that hold until the end of the
enclosing group, ``\\Q..\\E``, ``\\p{..}`` properties, nested classes with
``&&`` intersection (computed as code-point sets, see ``javachars``), named
groups and backreferences.  Case-insensitivity is compiled into the classes
(ASCII-only unless UNICODE_CASE), so the result needs no Python flags.  An
invalid pattern raises ``JavaRegexError`` carrying PatternSyntaxException's
message (description, index, pattern and caret).
"""

from __future__ import annotations

import re
import unicodedata

from . import javachars as jc

# Java Pattern flags (our own bit values).
CASE_INSENSITIVE = 1
UNIX_LINES = 2
MULTILINE = 4
DOTALL = 8
UNICODE_CASE = 16
COMMENTS = 32
UNICODE_CLASS = 64

_INLINE_FLAGS = {"i": CASE_INSENSITIVE, "d": UNIX_LINES, "m": MULTILINE, "s": DOTALL,
                 "u": UNICODE_CASE, "x": COMMENTS, "U": UNICODE_CLASS | UNICODE_CASE, "c": 0}


class JavaRegexError(ValueError):
    """An invalid Java regex; ``str()`` is PatternSyntaxException's message."""

    def __init__(self, desc: str, pattern: str, index: int):
        msg = desc + (f" near index {index}" if index >= 0 else "") + "\n" + pattern
        if 0 <= index < len(pattern):
            msg += "\n" + " " * index + "^"
        super().__init__(msg)


_END = ""
_SPACE = " \t\n\x0b\f\r"
_LINE_SEPS = "\n\r\x85\u2028\u2029"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HEX = frozenset("0123456789abcdefABCDEF")
_NAMECHARS = frozenset("0123456789") | _ASCII_LETTERS
# Escapes that are errors inside a character class (and backreferences).
_NOT_IN_CLASS = frozenset("ABGRXZbkz123456789")
_ESCAPED_CHARS = {"a": 7, "e": 27, "f": 12, "n": 10, "r": 13, "t": 9}
_SPECIAL_CI = frozenset((0xFF, 0xB5, 0x49, 0x69, 0x53, 0x73, 0x4B, 0x6B, 0xC5, 0xE5))

# Zero-width assertions as Python regex text.
_DOLLAR = r"(?=(?:\r\n|(?<!\r)\n|[\r\x85\u2028\u2029])?\Z)"
_DOLLAR_ML = r"(?=[\r\x85\u2028\u2029]|(?<!\r)\n|\Z)"
_CARET_ML = r"(?!\Z)(?:\A|(?<=[\n\x85\u2028\u2029])|(?<=\r)(?!\n))"
_LINEBREAK = r"(?>\r\n|[\n\x0b\f\r\x85\u2028\u2029])"


def _fmt_cp(cp: int) -> str:
    if cp < 0x80 and (chr(cp).isalnum() or chr(cp) == "_"):
        return chr(cp)
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def emit_set(rs) -> str:
    """A set of code points as one Python regex atom."""
    if not rs:
        return r"[^\x00-\U0010ffff]"
    if len(rs) == 1 and rs[0][0] == rs[0][1]:
        return re.escape(chr(rs[0][0]))
    negate = rs[0][0] == 0 and rs[-1][1] == jc.MAX_CP
    if negate and len(rs) == 1:
        return "(?s:.)"
    body = jc.complement(rs) if negate else rs
    parts = [_fmt_cp(lo) if lo == hi else f"{_fmt_cp(lo)}-{_fmt_cp(hi)}" for lo, hi in body]
    return ("[^" if negate else "[") + "".join(parts) + "]"


class _Translator:
    """One pass over a Java pattern, emitting Python regex text."""

    def __init__(self, src: str, flags: int):
        self.src = src
        self.n = len(src)
        self.pos = 0
        self.flags = flags
        self.groups = 0            # capturing groups opened so far
        self.closed: set[int] = set()
        self.names: dict[str, int] = {}

    # ------------------------------------------------------------ reading
    def error(self, desc: str, index: int | None = None):
        raise JavaRegexError(desc, self.src, self.pos - 1 if index is None else index)

    def skip_ws(self) -> None:
        """In COMMENTS mode, skip whitespace and # comments."""
        if not self.flags & COMMENTS:
            return
        src, n = self.src, self.n
        while self.pos < n:
            c = src[self.pos]
            if c in _SPACE:
                self.pos += 1
            elif c == "#":
                while self.pos < n and src[self.pos] not in _LINE_SEPS:
                    self.pos += 1
            else:
                return

    def peek(self) -> str:
        self.skip_ws()
        return self.src[self.pos] if self.pos < self.n else _END

    def raw(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.src[i] if i < self.n else _END

    # ---------------------------------------------------------- structure
    def translate(self) -> str:
        out = self.alternation()
        if self.pos < self.n:
            if self.src[self.pos] == ")":
                self.error("Unmatched closing ')'", self.pos - 1)
            self.error("Unexpected internal error", self.pos)
        return "|".join(out)

    def alternation(self) -> list[str]:
        parts = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            parts.append(self.sequence())
        return parts

    def sequence(self) -> str:
        out: list[str] = []
        while True:
            c = self.peek()
            if c == _END or c == "|" or c == ")":
                return "".join(out)
            if c in "?*+":
                self.error(f"Dangling meta character '{c}'", self.pos)
            pre, atom, kind = self.atom()
            if pre:
                out.append(pre)
            if atom is not None:
                out.append(self.closure(atom, kind))

    def closure(self, atom: str, kind: str) -> str:
        c = self.peek()
        if c in ("?", "*", "+"):
            self.pos += 1
            quant = c
        elif c == "{":
            quant = self.counted()
        else:
            return atom
        nxt = self.raw()
        if nxt == "?" or nxt == "+":
            self.pos += 1
            quant += nxt
        if kind != "atom":
            atom = f"(?:{atom})"
        return atom + quant

    def counted(self) -> str:
        start = self.pos
        if not self.raw(1).isascii() or not self.raw(1).isdigit():
            self.error("Illegal repetition", start + 1)
        self.pos += 1
        lo = self.number()
        hi: int | None = lo
        c = self.peek()
        if c == ",":
            self.pos += 1
            hi = None if self.peek() == "}" else self.number()
            c = self.peek()
        if c != "}":
            self.error("Unclosed counted closure", self.pos)
        self.pos += 1
        if hi is not None and hi < lo:
            self.error("Illegal repetition range", self.pos - 1)
        if hi == lo:
            return f"{{{lo}}}"
        return f"{{{lo},}}" if hi is None else f"{{{lo},{hi}}}"

    def number(self) -> int:
        value = 0
        while True:
            c = self.peek()
            if not (c.isascii() and c.isdigit()):
                return value
            value = value * 10 + int(c)
            if value > 0x7FFFFFFF:
                self.error("Illegal repetition range", self.pos)
            self.pos += 1

    def atom(self) -> tuple:
        """(text before the atom, the quantifiable atom or None, its kind)."""
        c = self.src[self.pos]
        fl = self.flags
        if c == "(":
            return self.group()
        if c == "[":
            return "", emit_set(self.clazz(True)), "atom"
        if c == "\\":
            return self.escape_atom()
        if c == "{":
            return "", "", "empty"
        self.pos += 1
        if c == "^":
            return "", (_CARET_ML if not fl & UNIX_LINES else r"(?!\Z)(?:\A|(?<=\n))") \
                if fl & MULTILINE else r"\A", "zero"
        if c == "$":
            return "", self.dollar(bool(fl & MULTILINE)), "zero"
        if c == ".":
            if fl & DOTALL:
                return "", "(?s:.)", "atom"
            if fl & UNIX_LINES:
                return "", ".", "atom"
            return "", r"[^\n\r\x85\u2028\u2029]", "atom"
        return "", self.literal(ord(c)), "atom"

    def dollar(self, multiline: bool) -> str:
        if self.flags & UNIX_LINES:
            return r"(?=\n|\Z)" if multiline else r"(?=\n?\Z)"
        return _DOLLAR_ML if multiline else _DOLLAR

    def literal(self, cp: int) -> str:
        fl = self.flags
        if fl & CASE_INSENSITIVE:
            if fl & UNICODE_CASE:
                return emit_set(jc.ci_unicode(((cp, cp),)))
            if chr(cp) in _ASCII_LETTERS:
                return emit_set(jc.ci_ascii(((cp, cp),)))
        return re.escape(chr(cp))

    def group(self) -> tuple:
        self.pos += 1
        saved = self.flags
        prefix = "("
        kind = "atom"
        number = 0
        lookbehind = ""
        if self.raw() == "?":
            self.pos += 1
            c = self.raw()
            self.pos += 1
            if c == ":":
                prefix = "(?:"
            elif c and c in "=!>":
                prefix = "(?" + c
                kind = "zero" if c != ">" else "atom"
            elif c == "<":
                c2 = self.raw()
                if c2 == "=" or c2 == "!":
                    self.pos += 1
                    lookbehind = c2
                    kind = "zero"
                else:
                    name = self.group_name()
                    if name in self.names:
                        self.error(f"Named capturing group <{name}> is already defined")
                    self.groups += 1
                    number = self.groups
                    self.names[name] = number
                    prefix = f"(?P<{name}>"
            elif c and c in "$@":
                self.error("Unknown group type")
            else:
                self.pos -= 1
                self.inline_flags()
                c = self.raw()
                self.pos += 1
                if c == ")":
                    return "", None, ""      # flags stay set until the enclosing group ends
                if c != ":":
                    self.error("Unknown inline modifier")
                prefix = "(?:"
        else:
            self.groups += 1
            number = self.groups
        parts = self.alternation()
        if self.peek() != ")":
            self.error("Unclosed group", self.n)
        self.pos += 1
        self.flags = saved
        if number:
            self.closed.add(number)
        if lookbehind:
            op = "(?<" + lookbehind
            if len(parts) == 1:
                return "", f"{op}{parts[0]})", kind
            if lookbehind == "=":
                return "", "(?:" + "|".join(f"{op}{p})" for p in parts) + ")", kind
            return "", "".join(f"{op}{p})" for p in parts), kind
        return "", prefix + "|".join(parts) + ")", kind

    def group_name(self) -> str:
        start = self.pos
        c = self.raw()
        if c not in _ASCII_LETTERS:
            self.pos += 1
            self.error("capturing group name does not start with a Latin letter")
        while self.raw() in _NAMECHARS and self.raw() != _END:
            self.pos += 1
        name = self.src[start:self.pos]
        if self.raw() != ">":
            self.pos += 1
            self.error("named capturing group is missing trailing '>'")
        self.pos += 1
        return name

    def inline_flags(self) -> None:
        adding = True
        while True:
            c = self.raw()
            if c == "-" and adding:
                adding = False
            elif c != _END and c in _INLINE_FLAGS:
                if adding:
                    self.flags |= _INLINE_FLAGS[c]
                else:
                    self.flags &= ~_INLINE_FLAGS[c]
            else:
                return
            self.pos += 1

    # ------------------------------------------------------------ escapes
    def escape_atom(self) -> tuple:
        if self.pos + 1 >= self.n:
            self.error("Unexpected internal error", self.n)
        c = self.src[self.pos + 1]
        self.pos += 2
        if c == "Q":
            end = self.src.find("\\E", self.pos)
            if end < 0:
                end = self.n
            text = self.src[self.pos:end]
            self.pos = min(end + 2, self.n)
            if not text:
                return "", None, ""
            return "".join(self.literal(ord(ch)) for ch in text[:-1]), \
                self.literal(ord(text[-1])), "atom"
        if c in "123456789":
            return "", self.backref(int(c)), "atom"
        if c == "k":
            if self.raw() != "<":
                self.pos += 1
                self.error("\\k is not followed by '<' for named capturing group")
            self.pos += 1
            name = self.group_name()
            if name not in self.names:
                self.error(f"named capturing group <{name}> does not exist")
            return "", self.ref_text(self.names[name]), "atom"
        if c == "A":
            return "", r"\A", "zero"
        if c == "z":
            return "", r"\Z", "zero"
        if c == "Z":
            return "", self.dollar(False), "zero"
        if c == "G":
            return "", r"\A", "zero"
        if c == "b":
            if self.raw() == "{":
                if self.src.startswith("{g}", self.pos):
                    self.pos += 3
                    return "", "", "zero"
                self.error("Illegal/unsupported escape sequence")
            return "", r"\b", "zero"
        if c == "B":
            return "", r"\B", "zero"
        if c == "R":
            return "", _LINEBREAK, "atom"
        if c == "X":
            marks = emit_set(jc.category("M"))
            return "", rf"(?>\r\n|(?s:.){marks}*)", "atom"
        self.pos -= 2
        value = self.class_escape(inclass=False, isrange=False)
        if isinstance(value, tuple):
            return "", emit_set(value), "atom"
        return "", self.literal(value), "atom"

    def backref(self, number: int) -> str:
        while True:
            c = self.raw()
            if not (c.isascii() and c.isdigit()):
                break
            candidate = number * 10 + int(c)
            if candidate > self.groups:
                break
            number = candidate
            self.pos += 1
        return self.ref_text(number)

    def ref_text(self, number: int) -> str:
        if number not in self.closed:
            return "(?!)"            # Java: an unset group never matches
        fl = self.flags
        if fl & CASE_INSENSITIVE:
            return f"(?i:\\{number})" if fl & UNICODE_CASE else f"(?ai:\\{number})"
        return f"(?:\\{number})"

    def case_close(self, rs):
        if self.flags & UNICODE_CASE:
            return jc.ci_unicode(rs)
        return jc.ci_ascii(rs)

    def class_escape(self, inclass: bool, isrange: bool):
        """An escape at self.pos: a code point (int) or a set (tuple of ranges)."""
        if self.pos + 1 >= self.n:
            self.pos = self.n + 1
            self.error("Unexpected internal error", self.n)
        c = self.src[self.pos + 1]
        self.pos += 2
        uni = bool(self.flags & UNICODE_CLASS)
        if c in "dD":
            rs = jc.category("Nd") if uni else jc.DIGIT
            return jc.complement(rs) if c == "D" else rs
        if c in "sS":
            rs = jc.WHITE_SPACE if uni else jc.SPACE
            return jc.complement(rs) if c == "S" else rs
        if c in "wW":
            rs = jc.is_property("WORD", False) if uni else jc.WORD
            return jc.complement(rs) if c == "W" else rs
        if c in "hH":
            return jc.complement(jc.HORIZ_WS) if c == "H" else jc.HORIZ_WS
        if c == "v" and isrange:
            return 0x0B
        if c in "vV":
            return jc.complement(jc.VERT_WS) if c == "V" else jc.VERT_WS
        if c in "pP":
            return self.property(c == "P")
        if c in _ESCAPED_CHARS:
            return _ESCAPED_CHARS[c]
        if c == "0":
            return self.octal()
        if c == "c":
            if self.pos >= self.n:
                self.error("Illegal control escape sequence", self.pos - 1)
            self.pos += 1
            return ord(self.src[self.pos - 1]) ^ 64
        if c == "x":
            return self.hex_escape()
        if c == "u":
            return self.unicode_escape()
        if c == "N":
            return self.named_char()
        if c in _ASCII_LETTERS or (inclass and c in _NOT_IN_CLASS):
            self.error("Illegal/unsupported escape sequence")
        return ord(c)

    def octal(self) -> int:
        digits = ""
        while len(digits) < 3 and self.raw() in "01234567" and self.raw() != _END:
            digits += self.raw()
            self.pos += 1
        if len(digits) == 3 and digits[0] > "3":
            digits = digits[:2]
            self.pos -= 1
        if not digits:
            self.pos += 1
            self.error("Illegal octal escape sequence")
        return int(digits, 8)

    def hex_escape(self) -> int:
        c = self.raw()
        if c != _END and c in _HEX:
            self.pos += 1
            c2 = self.raw()
            self.pos += 1
            if c2 != _END and c2 in _HEX:
                return int(self.src[self.pos - 2:self.pos], 16)
            self.error("Illegal hexadecimal escape sequence")
        if c == "{" and self.raw(1) in _HEX and self.raw(1) != _END:
            self.pos += 1
            value = 0
            while self.raw() in _HEX and self.raw() != _END:
                value = value * 16 + int(self.raw(), 16)
                self.pos += 1
                if value > jc.MAX_CP:
                    self.error("Hexadecimal codepoint is too big")
            if self.raw() != "}":
                self.pos += 1
                self.error("Unclosed hexadecimal escape sequence")
            self.pos += 1
            return value
        self.pos += 1
        self.error("Illegal hexadecimal escape sequence")

    def unicode_escape(self) -> int:
        value = self.four_hex()
        if 0xD800 <= value <= 0xDBFF and self.src.startswith("\\u", self.pos):
            save = self.pos
            self.pos += 2
            try:
                low = self.four_hex()
            except JavaRegexError:
                low = -1
            if 0xDC00 <= low <= 0xDFFF:
                return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            self.pos = save
        return value

    def four_hex(self) -> int:
        text = self.src[self.pos:self.pos + 4]
        for i, ch in enumerate(text):
            if ch not in _HEX:
                self.pos += i + 1
                self.error("Illegal Unicode escape sequence")
        if len(text) < 4:
            self.pos = self.n + 1
            self.error("Illegal Unicode escape sequence", self.n)
        self.pos += 4
        return int(text, 16)

    def named_char(self) -> int:
        if self.raw() != "{":
            self.pos += 1
            self.error("Illegal character name escape sequence")
        end = self.src.find("}", self.pos)
        if end < 0:
            self.pos = self.n
            self.error("Unclosed character name escape sequence")
        name = self.src[self.pos + 1:end]
        self.pos = end + 1
        try:
            return ord(unicodedata.lookup(name))
        except KeyError:
            self.error(f"Unknown character name [{name}]")

    def property(self, negate: bool):
        ci = bool(self.flags & CASE_INSENSITIVE)
        if self.raw() == "{":
            end = self.src.find("}", self.pos)
            if end < 0:
                self.pos = self.n
                self.error("Unclosed character family")
            name = self.src[self.pos + 1:end]
            self.pos = end + 1
        else:
            name = self.raw() or "\x00"
            self.pos += 1
        found = None
        if "=" in name:
            key, _, value = name.partition("=")
            key = key.lower()
            if key in ("sc", "script"):
                found = jc.script(value)
            elif key in ("blk", "block"):
                found = jc.block(value)
            elif key in ("gc", "general_category"):
                found = jc.java_property(value, ci)
            if found is None:
                self.error(f"Unknown Unicode property {{name=<{key}>, value=<{value}>}}")
        elif name.startswith("In"):
            found = jc.block(name[2:])
        elif name.startswith("Is"):
            found = jc.is_property(name[2:], ci)
        else:
            if self.flags & UNICODE_CLASS:
                found = jc.unicode_posix(name, ci)
            if found is None:
                found = jc.java_property(name, ci)
        if found is None:
            self.error(f"Unknown character property name {{{name}}}")
        return jc.complement(found) if negate else found

    # ---------------------------------------------------- character classes
    def clazz(self, consume: bool):
        """Java's clazz(): the set for ``[...]`` (or the right side of ``&&``)."""
        self.pos += 1
        prev = curr = None
        bits = jc.EMPTY
        has_bits = False
        negate = False
        c = self.peek()
        if consume and c == "^" and self.src[self.pos - 1] == "[":
            self.pos += 1
            negate = True
            c = self.peek()
        while True:
            if c == "[":
                curr = self.clazz(True)
                prev = curr if prev is None else jc.union(prev, curr)
                c = self.peek()
                continue
            if c == "&" and self.raw(1) == "&":
                self.pos += 2
                c = self.peek()
                right = None
                while c != "]" and c != "&":
                    if c == _END:
                        self.error("Unclosed character class", self.n - 1)
                    if c == "[":
                        sub = self.clazz(True)
                        right = sub if right is None else jc.union(right, sub)
                    else:
                        self.pos -= 1
                        right = self.clazz(False)
                    c = self.peek()
                if has_bits:
                    prev = curr = bits if prev is None else jc.union(prev, bits)
                    has_bits = False
                    bits = jc.EMPTY
                if right is not None:
                    curr = right
                if prev is None:
                    if right is None:
                        self.error("Bad class syntax")
                    prev = right
                else:
                    prev = jc.intersect(prev, curr)
                continue
            if c == _END:
                self.error("Unclosed character class", self.n - 1)
            if c == "]" and (prev is not None or has_bits):
                if consume:
                    self.pos += 1
                if prev is None:
                    prev = bits
                elif has_bits:
                    prev = jc.union(prev, bits)
                return jc.complement(prev) if negate else prev
            rs, is_bits = self.range_item()
            if is_bits:
                bits = jc.union(bits, rs)
                has_bits = True
            else:
                curr = rs
                prev = rs if prev is None else jc.union(prev, rs)
            c = self.peek()

    def range_item(self) -> tuple:
        """One class member: a char, a range or an escape; (set, is_bitclass)."""
        c = self.peek()
        if c == "\\":
            if self.raw(1) == "Q":
                end = self.src.find("\\E", self.pos + 2)
                end = self.n if end < 0 else end
                text = self.src[self.pos + 2:end]
                self.pos = min(end + 2, self.n)
                rs = jc.chars(text)
                return (self.case_close(rs) if self.flags & CASE_INSENSITIVE else rs), True
            isrange = self.raw(2) == "-"
            value = self.class_escape(inclass=True, isrange=isrange)
            if isinstance(value, tuple):
                return value, False
            cp = value
        else:
            self.pos += 1
            cp = ord(c)
        if self.peek() == "-":
            end_char = self.raw(1)
            if end_char != "[" and end_char != "]":
                self.pos += 1
                m = self.peek()
                if m == "\\":
                    value = self.class_escape(inclass=True, isrange=True)
                    hi = value if isinstance(value, int) else -1
                elif m == _END:
                    hi = -1
                    self.pos += 1
                else:
                    self.pos += 1
                    hi = ord(m)
                if hi < cp:
                    self.error("Illegal character range")
                rs = ((cp, hi),)
                return (self.case_close(rs) if self.flags & CASE_INSENSITIVE else rs), False
        rs = ((cp, cp),)
        fl = self.flags
        if fl & CASE_INSENSITIVE:
            rs = self.case_close(rs)
            if fl & UNICODE_CASE and cp in _SPECIAL_CI:
                return rs, False
        return rs, cp < 256


def translate(regex: str, flags: int = 0) -> str:
    """The Python regex text for a Java regex; JavaRegexError if invalid."""
    return _Translator(regex, flags).translate()
