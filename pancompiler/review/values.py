"""Pan values as read back from a profile, and how reviewers see them written.

JSON and Python blur pan's types (``true == 1 == 1.0``), which would hide a
change of type.  Profiles are therefore loaded with every number kept as the
``bytes`` of its text (``b"42"`` a long, ``b"1.5"`` a double): bytes are
never equal to a string, a boolean or each other across kinds, and the
C-level ``==`` of two trees, which is what makes comparing big profiles
fast, stays exact.  The JSON parser creates them with ``str.encode``, a C
function, so loading costs no Python call per number.  ``pan_literal``
writes a value in pan syntax (``"text"``, ``42``, ``true``, ``list(...)``,
``dict("key", ...)``), ``plain`` turns a value back into ordinary JSON
types, and ``path_term`` writes one step of a pan configuration path.
"""

from __future__ import annotations

import json
import re

#: How a profile's numbers are kept: the bytes of their text (see the module doc).
number = str.encode


def is_double(text: bytes) -> bool:
    return b"." in text or b"e" in text or b"E" in text or text in (b"Infinity", b"-Infinity", b"NaN")


def kind(value) -> str:
    """The pan type name of a value: dict, list, string, long, double, boolean."""
    t = type(value)
    if t is bytes:
        return "double" if is_double(value) else "long"
    if t is dict:
        return "dict"
    if t is list:
        return "list"
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if t is int:
        return "long"
    if t is float:
        return "double"
    return "undef" if value is None else t.__name__


def same(a, b) -> bool:
    """Equal in value and pan type, anywhere in the trees."""
    return a == b


def _tag_number(value):
    if type(value) is bytes:
        return ["\0number", value.decode()]
    raise TypeError(f"not a profile value: {type(value).__name__}")


def fingerprint(value):
    """A hashable key equal for equal values of the same pan type."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_tag_number)
    return (kind(value), value)


def plain(value):
    """``value`` with its numbers as Python ints and floats, for JSON output."""
    t = type(value)
    if t is bytes:
        text = value.decode()
        return float(text) if is_double(value) else int(text)
    if t is dict:
        return {k: plain(v) for k, v in value.items()}
    if t is list:
        return [plain(v) for v in value]
    return value


_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b",
                   "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _string(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _STRING_ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"),
                                   text) + '"'


def pan_literal(value, limit: int | None = None) -> str:
    """``value`` in pan syntax, cut to about ``limit`` characters with an ellipsis."""
    parts: list[str] = []
    budget = [limit if limit is not None else -1]

    def emit(text: str) -> bool:
        parts.append(text)
        if budget[0] >= 0:
            budget[0] -= len(text)
            return budget[0] > 0
        return True

    def write(v) -> bool:
        if isinstance(v, dict):
            if not emit("dict("):
                return False
            for i, key in enumerate(sorted(v)):
                if (i and not emit(", ")) or not emit(_string(key) + ", ") or not write(v[key]):
                    return False
            return emit(")")
        if isinstance(v, list):
            if not emit("list("):
                return False
            for i, item in enumerate(v):
                if (i and not emit(", ")) or not write(item):
                    return False
            return emit(")")
        if isinstance(v, bool):
            return emit("true" if v else "false")
        if isinstance(v, bytes):
            return emit(v.decode())
        if isinstance(v, str):
            return emit(_string(v))
        if isinstance(v, float):
            return emit(repr(float(v)))
        if isinstance(v, int):
            return emit(str(int(v)))
        return emit("undef" if v is None else repr(v))

    if write(value):
        return "".join(parts)
    return "".join(parts)[:limit] + "…"


_PLAIN_TERM = re.compile(r"[A-Za-z0-9_.+-]+\Z")


def path_term(key) -> str:
    """One step of a pan path: a dict key or list index, ``{braced}`` when unusual."""
    text = str(key)
    return text if _PLAIN_TERM.match(text) else "{" + text + "}"
