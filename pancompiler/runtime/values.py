"""The pan data model: how pan values are represented in Python.

Pan properties map onto Python scalars: a pan ``long`` is an ``int`` (never a
``bool``), a ``double`` a ``float``, a ``string`` a ``str`` and a ``boolean`` a
``bool``.  ``undef`` and ``null`` are the singletons ``UNDEF`` and ``NULL``.
Resources are ``PanList`` and ``PanDict``, subclasses of ``list`` and ``dict``.

Sharing follows panc's copy-on-write discipline: a resource that may be seen
from more than one place (the configuration tree, a global variable, a value
handed out by ``value()``) is *protected*.  Protection is a class swap
(``ProtectedList``/``ProtectedDict``), so it costs nothing per instance.  Code
that wants to modify a resource in place calls ``writable()`` first, which
returns the resource itself when unprotected, or a shallow copy whose child
resources are in turn protected.  Dict iteration order in pan is sorted by key
(Java's UTF-16 order); ``sorted_items`` gives that order.
"""

from __future__ import annotations

from .javadouble import java_double_str  # noqa: F401  (Java 17 Double.toString, re-exported)

LONG_MIN = -(1 << 63)
LONG_MAX = (1 << 63) - 1


class Undef:
    """The pan ``undef`` value: a placeholder that must not survive a build."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNDEF"

    def __reduce__(self):
        return (_undef, ())


class Null:
    """The pan ``null`` value: assigning it deletes."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NULL"

    def __reduce__(self):
        return (_null, ())


UNDEF = Undef()
NULL = Null()


def _undef() -> Undef:
    return UNDEF


def _null() -> Null:
    return NULL


class PanList(list):
    """A pan list (writable)."""

    __slots__ = ()


class PanDict(dict):
    """A pan dict (nlist); keys are strings, output order is sorted."""

    __slots__ = ()


class ProtectedList(PanList):
    """A pan list that may be shared: copy it before writing."""

    __slots__ = ()


class ProtectedDict(PanDict):
    """A pan dict that may be shared: copy it before writing."""

    __slots__ = ()


RESOURCE_TYPES = (PanList, PanDict)


def protect(value):
    """Mark a resource as shared; properties are returned unchanged."""
    cls = type(value)
    if cls is PanDict:
        value.__class__ = ProtectedDict
    elif cls is PanList:
        value.__class__ = ProtectedList
    return value


def protect_deep(value):
    """Mark a resource and everything below it as shared (a value kept to be put in many trees)."""
    if isinstance(value, PanDict):
        for child in value.values():
            protect_deep(child)
    elif isinstance(value, PanList):
        for child in value:
            protect_deep(child)
    return protect(value)


def is_protected(value) -> bool:
    cls = type(value)
    return cls is ProtectedDict or cls is ProtectedList


def writable(value):
    """Return a resource that may be modified in place (copy-on-write)."""
    cls = type(value)
    if cls is ProtectedDict:
        copy = PanDict(value)
        for k, v in copy.items():
            if type(v) is PanDict or type(v) is PanList:
                protect(v)
        return copy
    if cls is ProtectedList:
        copy = PanList(value)
        for v in copy:
            if type(v) is PanDict or type(v) is PanList:
                protect(v)
        return copy
    return value


def deep_copy(value):
    """An independent copy of a value (pan's ``clone()``/duplicate)."""
    if isinstance(value, PanDict):
        return PanDict({k: deep_copy(v) for k, v in value.items()})
    if isinstance(value, PanList):
        return PanList([deep_copy(v) for v in value])
    return value


def sort_key(key: str):
    """Java String.compareTo order: by UTF-16 code units."""
    if key.isascii():
        return key
    return key.encode("utf-16-be")


def sorted_keys(d: dict) -> list:
    keys = list(d)
    if all(k.isascii() for k in keys):
        keys.sort()
    else:
        keys.sort(key=lambda k: k.encode("utf-16-be"))
    return keys


def sorted_items(d: dict) -> list:
    return [(k, d[k]) for k in sorted_keys(d)]


def type_name(value) -> str:
    """panc's getTypeAsString() for a value."""
    cls = type(value)
    if cls is str:
        return "string"
    if cls is int:
        return "long"
    if cls is bool:
        return "boolean"
    if cls is float:
        return "double"
    if isinstance(value, PanDict):
        return "nlist"
    if isinstance(value, PanList):
        return "list"
    if value is UNDEF:
        return "undef"
    if value is NULL:
        return "null"
    raise TypeError(f"not a pan value: {value!r}")


def is_long(v) -> bool:
    return type(v) is int


def is_double(v) -> bool:
    return type(v) is float


def is_number(v) -> bool:
    t = type(v)
    return t is int or t is float


def is_string(v) -> bool:
    return type(v) is str


def is_boolean(v) -> bool:
    return type(v) is bool


def is_property(v) -> bool:
    t = type(v)
    return t is str or t is int or t is float or t is bool


def is_resource(v) -> bool:
    return isinstance(v, (PanList, PanDict))


def is_dict(v) -> bool:
    return isinstance(v, PanDict)


def is_list(v) -> bool:
    return isinstance(v, PanList)


def wrap_long(n: int) -> int:
    """Java 64-bit two's complement wrap-around."""
    if LONG_MIN <= n <= LONG_MAX:
        return n
    return ((n + (1 << 63)) % (1 << 64)) - (1 << 63)


def property_str(v) -> str:
    """Java's toString() of a property, as used in output and messages."""
    cls = type(v)
    if cls is str:
        return v
    if cls is bool:
        return "true" if v else "false"
    if cls is int:
        return str(v)
    if cls is float:
        return java_double_str(v)
    return to_string(v)


def to_string(v) -> str:
    """panc's Element.toString(): used by to_string() and in messages."""
    cls = type(v)
    if cls is str:
        return v
    if cls is bool or cls is int or cls is float:
        return property_str(v)
    if isinstance(v, PanDict):
        inner = ", ".join(f"{k}, {to_string(x)}" for k, x in sorted_items(v))
        return "{ " + inner + " }"
    if isinstance(v, PanList):
        return "[ " + ", ".join(to_string(x) for x in v) + " ]"
    if v is UNDEF:
        return "undef"
    if v is NULL:
        return "null"
    return str(v)
