"""Java ``.properties`` files as quattor's ant build reads them.

``read_properties`` parses one file the way ``java.util.Properties.load`` does
(ISO-8859-1; ``key=value``, ``key: value`` or ``key value``; ``#`` and ``!``
comments; a trailing backslash continues a line; ``\\t \\n \\uXXXX``
escapes).  ``Properties`` layers files as ant does: a property, once defined,
is never redefined, so the first file that defines it wins, and ``${name}`` in
a value is replaced by the property's value when it is known (left as written
otherwise).  Every value remembers the file and line it came from, so a bad
value is reported as ``FILE:LINE: ...``.  A malformed escape or an unreadable
file is an error naming the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import SystemError_

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class Value:
    text: str
    origin: str          # "FILE:LINE", or "default" for ant's built-in defaults


def _logical_lines(text: str):
    """(line number, logical line) pairs: continuations joined, comments dropped."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        number, line = i + 1, lines[i].lstrip(" \t\f")
        i += 1
        if not line or line[0] in "#!":
            continue
        while _continues(line) and i < len(lines):
            line = line[:-1] + lines[i].lstrip(" \t\f")
            i += 1
        if _continues(line):
            line = line[:-1]
        yield number, line


def _continues(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def _unescape(text: str, where: str) -> str:
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\" or i + 1 == len(text):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "u":
            digits = text[i + 2:i + 6]
            if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                raise SystemError_(f"{where}: malformed \\uxxxx escape: \\u{digits}")
            out.append(chr(int(digits, 16)))
            i += 6
        else:
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


def _split(line: str) -> tuple[str, str]:
    """Key and raw value: the key ends at the first unescaped '=', ':' or blank."""
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "=: \t\f":
            break
        i += 1
    key, rest = line[:i], line[i:]
    rest = rest.lstrip(" \t\f")
    if rest[:1] in ("=", ":"):
        rest = rest[1:].lstrip(" \t\f")
    return key, rest


def read_properties(path: str) -> dict[str, Value]:
    """The properties of one file ({} when it does not exist)."""
    if not os.path.exists(path):
        return {}
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("iso-8859-1")
    except OSError as exc:
        raise SystemError_(f"cannot read {path}: {exc.strerror or exc}") from None
    props: dict[str, Value] = {}
    for number, line in _logical_lines(text):
        where = f"{path}:{number}"
        key, raw = _split(line)
        props[_unescape(key, where)] = Value(_unescape(raw, where), where)
    return props


class Properties:
    """Layered properties: the first definition of a name wins, as in ant."""

    def __init__(self):
        self._values: dict[str, Value] = {}

    def copy(self) -> "Properties":
        other = Properties()
        other._values = dict(self._values)
        return other

    def define(self, name: str, text: str, origin: str = "default") -> None:
        if name not in self._values:
            self._values[name] = Value(text, origin)

    def override(self, name: str, text: str) -> None:
        """Set a property ant sets itself in a sub-build (``basedir``)."""
        self._values[name] = Value(text, "default")

    def load(self, path: str) -> None:
        """Add a file's properties that are not defined yet, ``${...}`` expanded."""
        new = {k: v for k, v in read_properties(path).items() if k not in self._values}
        for name, value in new.items():
            self._values[name] = Value(self._expand(value.text, new, set()), value.origin)

    def _expand(self, text: str, local: dict, seen: set) -> str:
        def replace(m: re.Match) -> str:
            name = m.group(1)
            if name in seen:
                return m.group(0)
            if name in self._values and name not in local:
                return self._values[name].text
            if name in local:
                return self._expand(local[name].text, local, seen | {name})
            return m.group(0)
        return _REFERENCE.sub(replace, text)

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self._values.get(name)
        return value.text if value is not None else default

    def origin(self, name: str) -> str:
        value = self._values.get(name)
        return value.origin if value is not None else "default"

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def flag(self, name: str, default: bool = False) -> bool:
        """A true/false property; ant's words (true/yes/on, false/no/off), anything else an error."""
        text = self.get(name)
        if text is None:
            return default
        word = text.strip().lower()
        if word in ("true", "yes", "on"):
            return True
        if word in ("false", "no", "off", ""):
            return False
        raise SystemError_(f"{self.origin(name)}: {name} must be true or false, not '{text}'")

    def error(self, name: str, message: str) -> SystemError_:
        return SystemError_(f"{self.origin(name)}: {name}: {message}")
