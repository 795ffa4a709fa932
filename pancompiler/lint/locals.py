"""Local variables of a DML body: read before any assignment, or assigned and never read.

``LocalVariables`` follows one function body or statement expression in
evaluation order.  A name is local when the body assigns it (``x = ...``,
``foreach (k; v; ...)``, ``first(r, k, v)``/``next(...)``); a read with no
assignment before it on any path is reported (``PS001``), once per name, and
so is a local never read (``PS002``).  Loops may read what a previous
iteration assigned; ``is_defined(x)``-style probes and ``substitute('${x}')``
count as reads without needing an assignment.  Both findings are pending: a
name that turns out to be a global variable of the library is dropped later.
"""

from __future__ import annotations

import re

from ..syntax import ast
from .astwalk import children, walk

SPECIAL_VARIABLES = frozenset({"SELF", "ARGV", "ARGC", "OBJECT", "FUNCTION", "TEMPLATE", "LOADPATH"})
# Builtins that assign the variables given as their later arguments: first(r, k, v), next(r, k, v).
ITERATORS = frozenset({"first", "next"})
# Functions whose argument may name a variable that does not exist yet.
PROBES = frozenset({"is_defined", "exists", "is_null", "if_exists", "path_exists"})
_SUBSTITUTED = re.compile(r"\$\{(\w+)\}")


class LocalVariables:
    """Local variables of one DML body, followed in evaluation order."""

    def __init__(self, add):
        self.add = add
        self.assigned: set[str] = set()        # possibly assigned so far
        self.written: dict[str, ast.Variable] = {}
        self.read: set[str] = set()
        self.loop_vars: set[str] = set()
        self.locals: set[str] = set()

    def run(self, expr) -> None:
        # Names that are global variables are dropped later (``resolve``).
        self.locals = self._all_assigned(expr) - SPECIAL_VARIABLES
        self.visit(expr)
        for name, target in self.written.items():
            if name not in self.read and name not in self.loop_vars and not name.startswith("_"):
                self.add(target.span, "PS002", f"local variable {name} is assigned and never read",
                         ("local", name))

    def _all_assigned(self, expr) -> set[str]:
        names: set[str] = set()

        def visit(node):
            if isinstance(node, ast.Assign) and not node.target.indexes:
                names.add(node.target.name)
            elif isinstance(node, ast.Foreach):
                names.update((node.key.name, node.value.name))
            elif isinstance(node, ast.Call) and node.name in ITERATORS:
                names.update(a.name for a in node.args[1:] if isinstance(a, ast.Variable) and not a.indexes)
        walk(expr, visit)
        return names

    def visit(self, expr) -> None:
        if expr is None:
            return
        if isinstance(expr, ast.Variable):
            self._read(expr)
            for index in expr.indexes:
                self.visit(index)
        elif isinstance(expr, ast.Assign):
            for index in expr.target.indexes:
                self.visit(index)
            self.visit(expr.value)
            name = expr.target.name
            if expr.target.indexes:
                self.read.add(name)             # updates an existing value
                self.assigned.add(name)
            elif name in self.locals:
                self.assigned.add(name)
                self.written.setdefault(name, expr.target)
        elif isinstance(expr, ast.Call):
            if expr.name in ITERATORS:
                self.visit(expr.args[0] if expr.args else None)
                for arg in expr.args[1:]:
                    if isinstance(arg, ast.Variable) and not arg.indexes:
                        self.assigned.add(arg.name)
                        self.read.add(arg.name)     # iteration variables are often unused
                return
            if expr.name == "substitute":
                # substitute('${name}') reads the variables its template names.
                text = expr.args[0] if expr.args else None
                if isinstance(text, ast.Literal) and isinstance(text.value, str):
                    self.read.update(_SUBSTITUTED.findall(text.value))
                else:
                    self.read.update(self.locals)
            if expr.name in PROBES:
                for arg in expr.args:
                    if isinstance(arg, ast.Variable):
                        self.read.add(arg.name)
                        continue
                    self.visit(arg)
                return
            for arg in expr.args:
                self.visit(arg)
        elif isinstance(expr, (ast.While, ast.For, ast.Foreach)):
            # A loop body may read what its previous iteration assigned.
            self.assigned |= self._all_assigned(expr) & self.locals
            if isinstance(expr, ast.Foreach):
                self.loop_vars.update((expr.key.name, expr.value.name))
            for child in children(expr):
                self.visit(child)
        else:
            for child in children(expr):
                self.visit(child)

    def _read(self, var: ast.Variable) -> None:
        name = var.name
        self.read.add(name)
        if name in self.locals and name not in self.assigned:
            self.add(var.span, "PS001", f"local variable {name} is read before it is assigned",
                     ("local", name))
            self.assigned.add(name)             # report the first read only
