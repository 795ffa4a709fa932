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
# Where a bare double may start: a digit before a '.' or an exponent.  Most hits are inside strings
# ("1.2.3"); each hit's line is then matched whole, which strings never do (their closing quote
# comes before the end of the line).  Scanning for these few hits and checking their lines is about
# ten times faster than one multi-line pattern over the whole document.
_DOUBLE_HINT = re.compile(rb"[0-9][.eE][-+0-9]")
_VALUE_LINE = re.compile(rb' *(?:"(?:[^"\\]|\\.)*": )?(-?[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)),?')
_OUTSIDE_BMP = re.compile(rb"[\xf0-\xf4]")


class _Unsupported(Exception):
    """A value orjson must not write (undef, null, anything not pan data)."""


def _refuse(value):
    raise _Unsupported


def _fix_doubles(data: bytes) -> bytes:
    """Rewrite each bare double in Java's ``Double.toString`` form."""
    parts: list[bytes] = []
    done = 0          # data[:done] is already in parts
    line_end = -1     # end of the line of the last hint looked at
    for hint in _DOUBLE_HINT.finditer(data):
        at = hint.start()
        if at < line_end:
            continue
        line_end = data.find(b"\n", at)
        if line_end < 0:
            line_end = len(data)
        last = data[line_end - 1]
        if last == 44:                # ','
            last = data[line_end - 2]
        if not 48 <= last <= 57:      # a line not ending in a digit holds no bare number
            continue
        line = _VALUE_LINE.fullmatch(data, data.rfind(b"\n", 0, at) + 1, line_end)
        if line is None:
            continue
        parts.append(data[done:line.start(1)])
        parts.append(java_double_str(float(line.group(1))).encode("ascii"))
        done = line.end(1)
    if not parts:
        return data
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
