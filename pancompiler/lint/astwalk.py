"""Walking pan expressions: the child expressions of each AST node, in evaluation order."""

from __future__ import annotations

from ..syntax import ast


def children(expr) -> list:
    if isinstance(expr, ast.Variable):
        return list(expr.indexes)
    if isinstance(expr, ast.Call):
        return list(expr.args)
    if isinstance(expr, ast.Unary):
        return [expr.operand]
    if isinstance(expr, ast.Binary):
        return [expr.left, expr.right]
    if isinstance(expr, ast.Assign):
        return [*expr.target.indexes, expr.value]
    if isinstance(expr, ast.If):
        return [expr.cond, expr.then] + ([expr.orelse] if expr.orelse is not None else [])
    if isinstance(expr, ast.While):
        return [expr.cond, expr.body]
    if isinstance(expr, ast.For):
        return [expr.init, expr.cond, expr.step, expr.body]
    if isinstance(expr, ast.Foreach):
        return [expr.resource, expr.body]
    if isinstance(expr, ast.Block):
        return list(expr.exprs)
    return []


def walk(expr, visit) -> None:
    """Call ``visit`` on ``expr`` and every expression inside it."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        visit(node)
        stack.extend(children(node))
