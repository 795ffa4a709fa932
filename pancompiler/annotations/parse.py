"""Annotation comments (``@name{...}``) into entries, as panc reads them.

panc (``AnnotationProcessor``, ``AnnotationParser.jjt``) reads the text
between the brackets either as one free-text ``desc`` entry or, when it
starts like ``key = ...``, as key/value pairs: a value is a single- or
double-quoted string (doubled quotes stand for one) or the rest of the line,
continued by a trailing backslash and trimmed.  Names and keys must look like
``[A-Za-z_][A-Za-z_.-]*`` and not start with ``xml``.  Anything else is an
``AnnotationError`` with panc's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHOLE = re.compile(r"^\s*@\s*([a-zA-Z_0-9\-.]*)\s*[{\[(](.*)[}\])]\s*$", re.S)
_KEY_VALUE_START = re.compile(r"^(\s*)([^=\n\r\f\s]*)\s*=(.*)", re.S)
_SPACE = re.compile(r"[ \t\f\r\n]*")
_KEY = re.compile(r"[a-zA-Z_0-9\-.]+")
_EQUALS = re.compile(r"[ \t]*=[ \t]*")
_SQ = re.compile(r"'((?:[^']|'')*)'")
_DQ = re.compile(r'"((?:[^"]|"")*)"')
_VALUE = re.compile(r"(?:\\(?:\r\n|\n|\r))*[^\n\r'\"\\](?:\\(?:\r\n|\n|\r)|[^\n\r])*")
_CONTINUATION = re.compile(r"\\(?:\r\n|\n|\r)")
_VALID_KEY = re.compile(r"^[A-Za-z_]+[A-Za-z_.\-]*$")


class AnnotationError(ValueError):
    pass


@dataclass(frozen=True)
class Annotation:
    name: str                                   # "" for an anonymous @{...}
    entries: tuple[tuple[str, str], ...]
    free_text: bool = False                     # one "desc" entry holding the whole text

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.entries:
            if k == key:
                return v
        return default


def _valid(key: str) -> bool:
    return bool(_VALID_KEY.match(key)) and not key[:3].lower() == "xml"


def parse_annotation(text: str) -> Annotation:
    m = _WHOLE.match(text)
    if m is None:
        raise AnnotationError("invalid annotation syntax")
    name, contents = m.group(1), m.group(2)
    if name and not _valid(name):
        raise AnnotationError(f"invalid annotation name or key: '{name}'")
    if not _KEY_VALUE_START.match(contents):
        return Annotation(name, (("desc", contents),), free_text=True)
    return Annotation(name, tuple(_pairs(contents)))


def _pairs(text: str):
    pos, n = 0, len(text)
    while True:
        pos = _SPACE.match(text, pos).end()
        if pos >= n:
            return
        key = _KEY.match(text, pos)
        if key is None:
            raise AnnotationError("invalid annotation syntax")
        eq = _EQUALS.match(text, key.end())
        if eq is None:
            raise AnnotationError("invalid annotation syntax")
        pos = _SPACE.match(text, eq.end()).end()
        for pattern, quote in ((_SQ, "'"), (_DQ, '"')):
            m = pattern.match(text, pos)
            if m is not None:
                value = m.group(1).replace(quote * 2, quote)
                break
        else:
            m = _VALUE.match(text, pos)
            if m is None:
                raise AnnotationError("invalid annotation syntax")
            value = _CONTINUATION.sub("", m.group()).strip(_JAVA_TRIM)
        if not _valid(key.group()):
            raise AnnotationError(f"invalid annotation name or key: '{key.group()}'")
        yield key.group(), value
        pos = m.end()


# Java's String.trim() removes every character up to U+0020.
_JAVA_TRIM = "".join(chr(c) for c in range(0x21))
