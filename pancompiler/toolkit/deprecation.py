"""Whether a pan function declares itself deprecated, read from its body.

A function that calls ``deprecated(level, message)`` among its first three
statements is deprecated; ``deprecation_message`` returns that message (the
empty string when it is not a literal string), or None for a function that
does not.  ``panc-lint`` reports calls to such functions and ``panc-doc``
marks them.
"""

from __future__ import annotations

from ..syntax import ast


def deprecation_message(body) -> str | None:
    exprs = body.exprs if isinstance(body, ast.Block) else [body]
    for expr in exprs[:3]:
        if isinstance(expr, ast.Call) and expr.name == "deprecated" and len(expr.args) == 2:
            msg = expr.args[1]
            return msg.value if isinstance(msg, ast.Literal) and isinstance(msg.value, str) else ""
    return None
