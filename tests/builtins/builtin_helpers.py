"""Calling builtins directly from the registry, and fake call nodes for checks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pancompiler.builtins.registry import all_registered
from pancompiler.errors import EvaluationError, PanSyntaxError
from pancompiler.syntax.ast import Literal, Variable

BUILTINS = all_registered()


def run(name: str, *args):
    """The builtin's result for already-evaluated arguments."""
    return BUILTINS[name].fn(None, list(args), None)


def error(name: str, *args) -> str:
    """The message of the EvaluationError the builtin raises."""
    with pytest.raises(EvaluationError) as info:
        run(name, *args)
    return info.value.message


def lit(value) -> Literal:
    return Literal(None, value)


def var(name: str) -> Variable:
    return Variable(None, name)


def check(name: str, *nodes) -> None:
    """Run the parse-time check on a call with these argument nodes."""
    BUILTINS[name].check(SimpleNamespace(args=list(nodes), span=None))


def syntax_error(name: str, *nodes) -> str:
    with pytest.raises(PanSyntaxError) as info:
        check(name, *nodes)
    return info.value.message
