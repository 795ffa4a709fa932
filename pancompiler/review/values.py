"""Pan values as read back from a profile, and how reviewers see them written.

JSON and Python blur pan's types (``true == 1 == 1.0``), which would hide a
change of type.  Profiles are therefore loaded with ``Long`` and ``Double``,
number types equal only to their own kind, so that comparing two trees with
``==`` (done in C, fast) still tells a long from a double or a boolean.
``pan_literal`` writes a value in pan syntax (``"text"``, ``42``, ``true``,
``list(...)``, ``dict("key", ...)``) and ``path_term`` one step of a pan
configuration path.
"""

from __future__ import annotations

import json
import re


class Long(int):
    """A pan long: equal only to another long."""

    __slots__ = ()

    def __eq__(self, other):
        return type(other) is Long and int.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = int.__hash__


class Double(float):
    """A pan double: equal only to another double."""

    __slots__ = ()

    def __eq__(self, other):
        return type(other) is Double and float.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = float.__hash__


_KINDS = {dict: "dict", list: "list", str: "string", bool: "boolean", Long: "long", int: "long",
          Double: "double", float: "double"}


def kind(value) -> str:
    """The pan type name of a value: dict, list, string, long, double, boolean."""
    return _KINDS.get(type(value), "undef" if value is None else type(value).__name__)


def same(a, b) -> bool:
    """Equal in value and pan type, anywhere in the trees.

    Both directions are compared: ``True == Long(1)`` is decided by bool's
    own comparison (true), ``Long(1) == True`` by ``Long`` (false).
    """
    return a == b and b == a


def fingerprint(value):
    """A hashable key equal for equal values of the same pan type."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (kind(value), value)


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
