"""The type tests: is_boolean, is_defined, is_double, is_list, is_long,
is_dict (is_nlist), is_null, is_number, is_property, is_resource, is_string.

As in panc (IsOfType), a bare variable reference as the argument is looked up
without failing: an undefined variable or a missing element gives false.  Any
other argument is evaluated normally, so its errors are reported.  These are
raw builtins: they receive the call node and use the closures the runtime
compiler attached to it (``compiled_args``, ``compiler.lookup_fn``).
"""

from __future__ import annotations

from typing import Callable

from ..runtime.values import (NULL, UNDEF, is_boolean, is_dict, is_double, is_list, is_long,
                              is_number, is_property, is_resource, is_string)
from .common import arity
from .registry import builtin


def _lookup(call) -> Callable:
    """The closure that evaluates the argument (lookup-only for a variable)."""
    cache = call.cache
    if cache is None:
        cache = call.cache = {}
    fn = cache.get("is_arg")
    if fn is None:
        from ..syntax.ast import Variable

        node = call.args[0]
        if isinstance(node, Variable):
            fn = call.compiler.lookup_fn(node)
        else:
            fn = call.compiled_args[0]
        cache["is_arg"] = fn
    return fn


def _register(name: str, test: Callable, *aliases: str) -> None:
    def is_of_type(ev, call):
        value = _lookup(call)(ev)
        return value is not None and test(value)

    is_of_type.__name__ = f"_{name}"
    builtin(name, *aliases, raw=True,
            check=arity((1,), f"{name}() requires exactly one argument"))(is_of_type)


def _is_defined(value) -> bool:
    return value is not UNDEF and value is not NULL


_register("is_boolean", is_boolean)
_register("is_defined", _is_defined)
_register("is_double", is_double)
_register("is_list", is_list)
_register("is_long", is_long)
_register("is_dict", is_dict, "is_nlist")
_register("is_null", lambda v: v is NULL)
_register("is_number", is_number)
_register("is_property", is_property)
_register("is_resource", is_resource)
_register("is_string", is_string)
