"""The table of pan builtin functions and the decorator that fills it.

Each builtin is registered under its pan name (and aliases) with
``@builtin("name")``.  An ordinary builtin is called as ``fn(ev, args, call)``
with its arguments already evaluated; a *raw* builtin (``raw=True``: ``value``,
``exists``, ``append``... which need variable references or lazy arguments) is
called as ``fn(ev, call)`` and evaluates ``call.args`` itself.  ``check``, when
given, runs at parse time as ``check(call)`` and raises ``PanSyntaxError`` for
argument counts or constant arguments panc rejects while compiling.  Builtins
report mistakes by raising ``EvaluationError(message)``; the evaluator adds the
location and call stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import EvaluationError, PanSyntaxError


@dataclass(slots=True, frozen=True)
class Builtin:
    name: str
    fn: Callable
    raw: bool = False
    check: Callable | None = None


BUILTINS: dict[str, Builtin] = {}


def builtin(*names: str, raw: bool = False, check: Callable | None = None):
    """Register the decorated function under each of ``names``."""

    def register(fn: Callable) -> Callable:
        for name in names:
            if name in BUILTINS:
                raise RuntimeError(f"builtin {name} registered twice")
            BUILTINS[name] = Builtin(name, fn, raw, check)
        return fn

    return register


# Shared argument checks, so every builtin words the same mistake the same way
# (the wording is panc's).

def require_count(name: str, args, n: int) -> None:
    if len(args) != n:
        words = {1: "exactly one argument", 2: "exactly two arguments", 3: "exactly three arguments"}
        raise EvaluationError(f"{name}() requires {words.get(n, f'exactly {n} arguments')}")


def compile_check_count(name: str, nargs: int, allowed: tuple[int, ...], message: str) -> None:
    """Raise a syntax error when a call's argument count is known to be wrong."""
    if nargs not in allowed:
        raise PanSyntaxError(message)


def all_registered() -> dict[str, Builtin]:
    """Import every builtin family so the table is complete, then return it."""
    from . import load_all  # noqa: F401  (imports the family modules)

    return BUILTINS
