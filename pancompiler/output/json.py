"""The JSON format (``json`` key, ``.json``) and ``json_encode``'s text.

panc serializes through Gson (``GsonBuilder().setPrettyPrinting()``, nothing
else), so this writes what Gson's ``JsonWriter`` writes:

* Two-space indentation, ``"key": value``, one element per line; an empty
  dict or list is ``{}`` / ``[]``.  No newline at the end of the document.
* Dict keys in pan's sorted order (Java ``String`` order).
* Longs in decimal, doubles as Java ``Double.toString`` (``1.0``, ``1.0E10``,
  ``NaN``/``Infinity`` since Gson's ``toJson`` writes leniently), booleans
  ``true``/``false``.
* Strings: HTML escaping is on (panc never calls ``disableHtmlEscaping``), so
  ``<`` ``>`` ``&`` ``=`` ``'`` become ``\\u003c`` ``\\u003e`` ``\\u0026``
  ``\\u003d`` ``\\u0027``; ``"`` and ``\\`` are backslash-escaped; ``\\t``
  ``\\b`` ``\\n`` ``\\r`` ``\\f`` use short escapes, other C0 controls
  ``\\u00XX`` (lowercase hex); U+2028/U+2029 are escaped; everything else,
  DEL and non-ASCII included, is written as UTF-8.

``render_json`` first tries ``fastjson.render_fast`` (orjson plus the fix-ups
to Gson's escapes and doubles), which gives the same bytes several times faster.
``encode_json`` serves both the profile (which must not contain
``undef``/``null``) and the ``json_encode`` builtin, which writes ``null``
and refuses ``undef`` with panc's message.
"""

from __future__ import annotations

import re

from ..runtime.values import NULL, UNDEF, PanDict, PanList, java_double_str, sorted_items
from .fastjson import render_fast
from .model import BadValue, OutputError, Profile, output_error, to_utf8

UNDEF_MESSAGE = "undef cannot be converted to JSON"

_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\<>&='\u2028\u2029]")
_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update({
    ord('"'): '\\"', ord("\\"): "\\\\",
    ord("\t"): "\\t", ord("\b"): "\\b", ord("\n"): "\\n", ord("\r"): "\\r", ord("\f"): "\\f",
    ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", ord("="): "\\u003d",
    ord("'"): "\\u0027", 0x2028: "\\u2028", 0x2029: "\\u2029",
})


def json_string(s: str) -> str:
    """A JSON string literal exactly as Gson (HTML-safe) writes it."""
    if _NEEDS_ESCAPE.search(s) is None:
        return f'"{s}"'
    return '"' + s.translate(_ESCAPES) + '"'


def _write(out: list[str], value: object, depth: int, allow_null: bool) -> None:
    cls = type(value)
    if cls is str:
        out.append(json_string(value))  # type: ignore[arg-type]
    elif cls is int:
        out.append(str(value))
    elif cls is bool:
        out.append("true" if value else "false")
    elif cls is float:
        out.append(java_double_str(value))  # type: ignore[arg-type]
    elif isinstance(value, PanDict):
        if not value:
            out.append("{}")
            return
        pad = "\n" + "  " * (depth + 1)
        sep = "{" + pad
        child = depth + 1
        for key, item in sorted_items(value):
            out.append(sep)
            out.append(json_string(key))
            out.append(": ")
            _write(out, item, child, allow_null)
            sep = "," + pad
        out.append("\n" + "  " * depth + "}")
    elif isinstance(value, PanList):
        if not value:
            out.append("[]")
            return
        pad = "\n" + "  " * (depth + 1)
        sep = "[" + pad
        child = depth + 1
        for item in value:
            out.append(sep)
            _write(out, item, child, allow_null)
            sep = "," + pad
        out.append("\n" + "  " * depth + "]")
    elif value is NULL and allow_null:
        out.append("null")
    else:
        raise BadValue(value)


def encode_json(value: object, *, allow_null: bool = True) -> str:
    """Gson's pretty JSON for any pan value, as ``json_encode`` returns it.

    ``undef`` raises ``OutputError`` with panc's message; ``null`` is written
    as ``null`` unless ``allow_null`` is false.
    """
    out: list[str] = []
    try:
        _write(out, value, 0, allow_null)
    except BadValue as bad:
        if bad.value is UNDEF:
            raise OutputError(UNDEF_MESSAGE) from None
        raise output_error(value, bad, "JSON") from None
    return "".join(out)


def render_json(profile: Profile) -> bytes:
    """Bytes of ``<object>.json``: orjson's fast path when it is exact, else the writer above."""
    fast = render_fast(profile.root)
    if fast is not None:
        return fast
    out: list[str] = []
    try:
        _write(out, profile.root, 0, False)
    except BadValue as bad:
        raise output_error(profile.root, bad, "JSON") from None
    return to_utf8("".join(out))
