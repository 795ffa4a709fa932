"""Helpers shared by the builtin families: argument checks and Java semantics.

Parse-time checks (``arity``, ``literal``) mirror what panc's Java factories
reject while compiling; the runtime helpers give panc's value semantics that
several builtins need: Java's ``equals`` between elements, ``(int)`` casts of
longs, dict keys checked like ``TermFactory``, ``ListResource.put`` (which
skips ``null`` but still advances) and ``checkValidReplacement``.  As in panc,
new containers hold their argument resources themselves (no copy); children
read out of a protected resource are handed on protected.
"""

from __future__ import annotations

import math
from typing import Callable

from ..errors import EvaluationError, PanSyntaxError
from ..runtime.paths import PathError, term_from_string
from ..runtime.tree import check_replacement  # noqa: F401  (re-exported)
from ..runtime.values import (NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList, protect,
                              type_name)
from ..syntax.ast import Literal

NO_VALUE = object()   # "this argument is not a compile-time constant"
INT_MAX = (1 << 31) - 1
INT_MIN = -(1 << 31)

JAVA_CLASS = {str: "class org.quattor.pan.dml.data.StringProperty",
              int: "class org.quattor.pan.dml.data.LongProperty",
              float: "class org.quattor.pan.dml.data.DoubleProperty",
              bool: "class org.quattor.pan.dml.data.BooleanProperty"}


def arity(allowed, message: str, then: Callable | None = None) -> Callable:
    """A parse-time check: the argument count must be in ``allowed`` (a tuple or range)."""

    def check(call) -> None:
        if len(call.args) not in allowed:
            raise PanSyntaxError(message)
        if then is not None:
            then(call)

    return check


def literal(node):
    """The value of a constant argument node, or NO_VALUE."""
    if isinstance(node, Literal):
        return node.value
    return NO_VALUE


def java_int(n: int) -> int:
    """Java's ``(int)`` cast of a long (``Long.intValue()``)."""
    return ((n + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)


def int_arg(value: int, which: str, name: str) -> int:
    """A long argument that panc converts to a Java int, or panc's error."""
    if value > INT_MAX or value < INT_MIN:
        raise EvaluationError(f"{which} argument to {name}() cannot be converted to int: {value}")
    return value


def pan_equals(a, b) -> bool:
    """panc's Element.equals: same type and value, recursively for resources."""
    ta = type(a)
    if ta is str or ta is int or ta is bool:
        return type(b) is ta and a == b
    if ta is float:
        if type(b) is not float:
            return False
        if a == b:
            return a != 0.0 or math.copysign(1.0, a) == math.copysign(1.0, b)
        return a != a and b != b           # Double.equals: NaN equals NaN
    if isinstance(a, PanDict):
        if not isinstance(b, PanDict) or len(a) != len(b):
            return False
        for k, v in a.items():
            if k not in b or not pan_equals(v, b[k]):
                return False
        return True
    if isinstance(a, PanList):
        if not isinstance(b, PanList) or len(a) != len(b):
            return False
        return all(pan_equals(x, y) for x, y in zip(a, b))
    return a is b                          # undef, null


_KEYS: dict[str, str] = {}     # valid dict() keys already checked (they repeat a lot)


def dict_key(key) -> str:
    """A dict() key checked as panc's Hash.createKey does."""
    found = _KEYS.get(key) if type(key) is str else None
    if found is not None:
        return found
    if type(key) is not str:
        raise EvaluationError(f"nlist keys must be string; argument is of type {type_name(key)}")
    try:
        term = term_from_string(key)
    except PathError as exc:
        raise EvaluationError(str(exc)) from None
    if type(term) is not str:
        raise EvaluationError(f"invalid key ({key}) for nlist() or hash()")
    if len(_KEYS) > 20000:
        _KEYS.clear()
    _KEYS[key] = term
    return term


def child(container, value):
    """A child read from ``container`` to be stored elsewhere: children of a
    protected (shared) resource come out protected, as panc's Protected*
    resources hand them out; others are shared as they are (panc aliases)."""
    if type(container) is ProtectedDict or type(container) is ProtectedList:
        if isinstance(value, (PanDict, PanList)):
            protect(value)
    return value


def list_put(lst: list, index: int, value) -> None:
    """ListResource.put(index, value) for ``index >= len(lst)``: null is skipped,
    a gap is padded with undef."""
    if value is NULL:
        return
    n = len(lst)
    if index > n:
        lst.extend([UNDEF] * (index - n))
    lst.append(value)
