"""A fast path for the profile's JSON: orjson's C encoder, then Gson's details.

``output.json`` writes Gson's pretty JSON value by value in Python, which is
several milliseconds for a 130 KB profile.  orjson (a well-kept Rust
extension) writes the same layout with ``OPT_INDENT_2`` (two spaces,
``"key": value``, ``{}``/``[]`` when empty, no final newline), the same escapes
for ``"``, ``\\``, the short control escapes and other C0 controls as
lowercase ``\\u00XX``, and everything else as UTF-8.  What differs is fixed up
on the bytes, where each value sits on its own line:

* Gson's HTML-safe escapes: ``< > & = '`` and U+2028/U+2029 can only occur
  inside strings, so replacing them in the whole document is exact;
* doubles: orjson writes the shortest round-trip digits in its own layout
  (``10000000000.0``, ``1e+22``); each number token with a ``.`` or an
  exponent is read back and rewritten with ``java_double_str``.

``render_fast`` returns ``None`` when the document needs what only the Python
writer does exactly: a value orjson refuses (``undef``, ``null``, a lone
surrogate, a long out of range), a non-finite double (orjson writes ``null``),
or a key outside the Basic Multilingual Plane (Java sorts UTF-16 units, orjson
code points).  The caller then uses the Python writer, which also produces
the error message.
"""

from __future__ import annotations

import re

from ..runtime.values import java_double_str

try:
    import orjson
except ImportError:        # pragma: no cover - orjson is a dependency; keep working without it
    orjson = None

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS if orjson else 0
_HTML_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"), (b"=", b"\\u003d"),
                 (b"'", b"\\u0027"), ("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))
# Where a bare double may end: digits after a '.' or after an exponent's 'e', then the end of
# the line.  A string never matches (its closing quote ends the line), so nearly every hit is a
# double.  Two scans led by one literal character are several times faster than one led by a
# class of characters ("[0-9][.eE]" stops at every version string); orjson writes a lowercase 'e'.
_DOUBLE_ENDS = (re.compile(rb"\.[0-9]+(?:e[-+]?[0-9]+)?,?(?:\n|\Z)"),
                re.compile(rb"e[-+]?[0-9]+,?(?:\n|\Z)"))
_VALUE_LINE = re.compile(rb' *(?:"(?:[^"\\]|\\.)*": )?(-?[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)),?')
_OUTSIDE_BMP = re.compile(rb"[\xf0-\xf4]")


class _Unsupported(Exception):
    """A value orjson must not write (undef, null, anything not pan data)."""


def _refuse(value):
    raise _Unsupported


def _fix_doubles(data: bytes) -> bytes:
    """Rewrite each bare double in Java's ``Double.toString`` form."""
    lines = set()
    for pattern in _DOUBLE_ENDS:
        for hit in pattern.finditer(data):
            lines.add((data.rfind(b"\n", 0, hit.start()) + 1, hit.end()))
    if not lines:
        return data
    parts: list[bytes] = []
    done = 0          # data[:done] is already in parts
    for start, end in sorted(lines):
        if data[end - 1:end] == b"\n":
            end -= 1
        line = _VALUE_LINE.fullmatch(data, start, end)
        if line is None or line.start(1) < done:
            continue
        parts.append(data[done:line.start(1)])
        parts.append(java_double_str(float(line.group(1))).encode("ascii"))
        done = line.end(1)
    parts.append(data[done:])
    return b"".join(parts)


def _has_bare_null(data: bytes) -> bool:
    """Whether ``null`` stands as a value (not inside a string: there a quote would follow)."""
    at = data.find(b"null")
    while at >= 0:
        end = at + 4
        after = data[end:end + 1]
        if after == b",":
            after = data[end + 1:end + 2]
        if data[at - 1] in b": " and after in (b"", b"\n"):
            return True
        at = data.find(b"null", end)
    return False


def render_fast(root) -> bytes | None:
    """Gson's pretty JSON of ``root`` as UTF-8 bytes, or None (see the module text)."""
    if orjson is None:
        return None
    try:
        data = orjson.dumps(root, default=_refuse, option=_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        return None
    if not data.isascii() and _OUTSIDE_BMP.search(data) is not None:
        return None
    for raw, escaped in _HTML_ESCAPES:
        if raw in data:
            data = data.replace(raw, escaped)
    if _has_bare_null(data):
        return None               # orjson's text for a non-finite double
    return _fix_doubles(data)
