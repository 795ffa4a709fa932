"""Compiling DML expressions into Python closures, and pan's operators.

``compile_expr(node)`` turns an AST expression into a function ``fn(ev)``,
where ``ev`` is the running ``ObjectContext`` (locals, globals, SELF, limits).
Closures are built once per template and reused for every object, so the AST
is walked only at compile time.  Constant operator expressions are folded at
compile time as panc does, and an error in a constant expression is a syntax
error.  Each closure that can fail attaches its span to the error on the way
out, so errors point at the innermost failing expression.
"""

from __future__ import annotations

from ..errors import EvaluationError, PanError, PanSyntaxError, ReturnSignal
from ..syntax import ast
from . import tree
from .paths import INT_MAX, INT_MIN, PathError, term_from_value
from .values import (NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList, deep_copy,
                     protect, sorted_keys, type_name, wrap_long, writable)

MISSING = object()
AUTOMATIC = ("OBJECT", "TEMPLATE", "FUNCTION")


# ----------------------------------------------------------------- operators

def _is_prop(v) -> bool:
    t = type(v)
    return t is int or t is float or t is str or t is bool


def _num(v) -> bool:
    t = type(v)
    return t is int or t is float


def _java_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _java_mod(a: int, b: int) -> int:
    return a - b * _java_div(a, b)


def op_add(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return wrap_long(a + b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return float(a) + float(b)
    if ta is str and tb is str:
        return a + b
    if not (_is_prop(a) and _is_prop(b)):
        raise EvaluationError("arguments for add (+) operation must be longs, doubles, or strings")
    raise EvaluationError("mismatched or invalid arguments for add (+) operation")


def _arith(symbol_msg, long_fn, double_fn):
    def op(a, b):
        ta, tb = type(a), type(b)
        if ta is int and tb is int:
            return long_fn(a, b)
        if (ta is int or ta is float) and (tb is int or tb is float):
            return double_fn(float(a), float(b))
        raise EvaluationError(symbol_msg)
    return op


def _long_div(a, b):
    if b == 0:
        raise EvaluationError("division by zero")
    return wrap_long(_java_div(a, b))


def _double_div(a, b):
    if b == 0.0:
        raise EvaluationError("division by zero")
    return a / b


op_sub = _arith("arguments for subtract (-) operation must be longs, doubles, or strings",
                lambda a, b: wrap_long(a - b), lambda a, b: a - b)
op_mul = _arith("arguments for multiply (*) operation must be longs or doubles",
                lambda a, b: wrap_long(a * b), lambda a, b: a * b)
op_div = _arith("arguments for divide (/) operation must be longs or doubles", _long_div, _double_div)


def op_mod(a, b):
    if type(a) is int and type(b) is int:
        if b == 0:
            raise EvaluationError("second argument for modulus (%) operation cannot be zero")
        return _java_mod(a, b)
    raise EvaluationError("arguments for modulus (%) operation must be long values")


def _bitop(name, symbol, fn):
    msg = f"arguments for {name} ({symbol}) operation must be long values"

    def op(a, b):
        if type(a) is int and type(b) is int:
            return fn(a, b)
        raise EvaluationError(msg)
    return op


op_band = _bitop("bit-and", "&", lambda a, b: a & b)
op_bor = _bitop("bit-or", "|", lambda a, b: a | b)
op_bxor = _bitop("bit-exclusive-or", "^", lambda a, b: a ^ b)


def _java_str_cmp(a: str, b: str) -> int:
    if a.isascii() and b.isascii():
        return (a > b) - (a < b)
    ea, eb = a.encode("utf-16-be"), b.encode("utf-16-be")
    return (ea > eb) - (ea < eb)


def _compare(name, symbol, num_fn, cmp_fn):
    invalid = f"arguments for {name} ({symbol}) operation must be longs, doubles, or strings"
    mismatched = f"mismatched or invalid arguments for {name} ({symbol}) operation"

    def op(a, b):
        ta, tb = type(a), type(b)
        if (ta is int or ta is float) and (tb is int or tb is float):
            return num_fn(float(a), float(b)) if ta is not tb else num_fn(a, b)
        if ta is str and tb is str:
            return cmp_fn(_java_str_cmp(a, b))
        if not (_is_prop(a) and _is_prop(b)):
            raise EvaluationError(invalid)
        raise EvaluationError(mismatched)
    return op


def _equality(name, symbol, negate):
    invalid = f"arguments for {name} ({symbol}) operation must be longs, doubles, or strings"
    mismatched = f"mismatched or invalid arguments for {name} ({symbol}) operation"

    def op(a, b):
        ta, tb = type(a), type(b)
        if (ta is int or ta is float) and (tb is int or tb is float):
            result = float(a) == float(b) if ta is not tb else a == b
        elif (ta is str and tb is str) or (ta is bool and tb is bool):
            result = a == b
        elif not (_is_prop(a) and _is_prop(b)):
            raise EvaluationError(invalid)
        else:
            raise EvaluationError(mismatched)
        return (not result) if negate else result
    return op


BINARY_OPS = {
    "+": op_add, "-": op_sub, "*": op_mul, "/": op_div, "%": op_mod,
    "&": op_band, "|": op_bor, "^": op_bxor,
    "==": _equality("equal", "==", False), "!=": _equality("not-equal", "!=", True),
    "<": _compare("less-than", "<", lambda a, b: a < b, lambda c: c < 0),
    ">": _compare("greater-than", ">", lambda a, b: a > b, lambda c: c > 0),
    "<=": _compare("less-than-equal", "<=", lambda a, b: a <= b, lambda c: c <= 0),
    ">=": _compare("greater-than-equal", ">=", lambda a, b: a >= b, lambda c: c >= 0),
}


def op_neg(a):
    t = type(a)
    if t is int:
        return wrap_long(-a)
    if t is float:
        return -a
    raise EvaluationError("argument for unary minus (-) operation must be a long or double")


def op_pos(a):
    # panc checks the operand of unary plus only when folding a constant
    # (see Compiler.c_Unary); at run time any value passes through unchanged.
    return a


UPLUS_INVALID = "argument for unary plus (+) operation must be a long or double"


def op_not(a):
    if type(a) is bool:
        return not a
    raise EvaluationError("argument for logical-not (!) operation must be a boolean value")


def op_bnot(a):
    if type(a) is int:
        return ~a
    raise EvaluationError("argument for bit-not (~) operation must be a long value")


UNARY_OPS = {"-": op_neg, "+": op_pos, "!": op_not, "~": op_bnot}


# ------------------------------------------------------------------ compiler

def _located(fn, span):
    """Wrap ``fn`` so errors raised inside get this span if they have none."""

    def located(ev):
        try:
            return fn(ev)
        except PanError as exc:
            raise exc.at(span)

    return located


_string_terms: dict = {}       # string index -> its term, once checked (131k checks on 38 tlc nodes)


def _term(value):
    cls = type(value)
    if cls is str:
        term = _string_terms.get(value)
        if term is not None:
            return term
    elif cls is int and INT_MIN <= value <= INT_MAX:
        return value
    try:
        term = term_from_value(value)
    except PathError as exc:
        raise EvaluationError(str(exc)) from None
    if cls is str:
        if len(_string_terms) >= 100_000:
            _string_terms.clear()
        _string_terms[value] = term
    return term


def _owned_child(ev, parent, term, child):
    """A child of a resource owned by the running statement, owned too (see ObjectContext)."""
    if not isinstance(child, (PanDict, PanList)):
        return child
    path = ev.owned_ids[id(parent)]
    if path is not None:
        path = path + (term,)
        constant = path in ev.constant_paths
        if ev.recorders:
            ev.note_constant_path_read(path, constant)
        if constant:
            return protect(child)
    if type(child) is ProtectedDict or type(child) is ProtectedList:
        child = writable(child)
        parent[term] = child
    ev.owned_ids[id(child)] = path
    return child


def _assign_local(ev, name: str, value, span) -> None:
    """``name = value`` for a local variable without indexes."""
    if ev.is_global(name):
        raise EvaluationError(f"global variable '{name}' cannot be modified from DML block").at(span)
    cls = type(value)
    if cls is ProtectedDict or cls is ProtectedList:
        # panc duplicates a shared value assigned to a local, so the
        # local and its children can then be modified in place.
        value = deep_copy(value)
        cls = type(value)
    local = ev.locals
    old = local.get(name, MISSING)
    if old is not MISSING and type(old) is not cls:     # (check_replacement passes equal types)
        try:
            tree.check_replacement(old, value)
        except PanError as exc:
            raise exc.at(span)
    local[name] = value


def _deref_name(name: str, terms) -> str:
    return name + "".join(f"[{t}]" for t in terms)


class Compiler:
    """Turns AST expressions into closures; one instance per template."""

    def __init__(self, builtins: dict):
        self.builtins = builtins

    # The restricted-context rule (error/return not allowed as function
    # arguments or variable indexes) is checked while compiling.
    def compile(self, node, restricted: bool = False):
        method = getattr(self, "c_" + type(node).__name__)
        return method(node, restricted)

    # ------------------------------------------------------------ literals
    def c_Literal(self, node, restricted):
        value = node.value

        def literal(ev):
            return value

        literal.constant = True
        literal.value = value
        return literal

    def c_Block(self, node, restricted):
        fns = [self.compile(e, restricted) for e in node.exprs]

        def block(ev):
            result = UNDEF
            for fn in fns:
                result = fn(ev)
            return result

        return block

    # ----------------------------------------------------------- variables
    def c_Variable(self, node, restricted):
        name = node.name
        span = node.span
        index_fns = [self.compile(i, True) for i in node.indexes]
        base = self._variable_base(name, span)
        if not index_fns:
            return base

        def nested(ev):
            value = base(ev)
            terms = []
            try:
                for fn in index_fns:
                    term = _term(fn(ev))
                    terms.append(term)
                    cls = type(value)
                    if cls is ProtectedDict or cls is PanDict:      # ``tree.get`` inlined for dicts
                        child = value.get(term, MISSING) if type(term) is str else MISSING
                    elif cls is ProtectedList or cls is PanList:
                        child = tree.get(value, term, MISSING)
                    else:
                        raise EvaluationError(
                            f"element of type '{type_name(value)}' cannot be dereferenced")
                    if child is MISSING:
                        raise EvaluationError(
                            f"variable named '{_deref_name(name, terms)}' is undefined")
                    if cls is ProtectedDict or cls is ProtectedList:
                        protect(child)
                    elif ev.owned_ids is not None and id(value) in ev.owned_ids:
                        child = _owned_child(ev, value, term, child)
                    value = child
            except PanError as exc:
                raise exc.at(span)
            return value

        return nested

    def _variable_base(self, name, span):
        if name == "SELF":
            def self_var(ev):
                value = ev.self_value
                if value is MISSING:
                    raise EvaluationError("SELF is not defined").at(span)
                return value
            return self_var
        if name == "OBJECT":
            return lambda ev: ev.object_name
        if name == "TEMPLATE":
            return lambda ev: ev.template_name
        if name == "FUNCTION":
            def function_var(ev):
                if ev.function_name is None:
                    raise EvaluationError("variable named 'FUNCTION' is undefined").at(span)
                return ev.function_name
            return function_var

        def variable(ev):
            value = ev.locals.get(name, MISSING)
            if value is MISSING:
                value = ev.read_global(name, MISSING)
                if value is MISSING:
                    raise EvaluationError(f"variable named '{name}' is undefined").at(span)
            return value

        return variable

    def lookup_fn(self, node: ast.Variable):
        """A closure returning the variable's value, or None if it does not exist."""
        name = node.name
        index_fns = [self.compile(i, True) for i in node.indexes]
        span = node.span

        def lookup(ev):
            if ev.compile_time:
                raise EvaluationError("variable lookups are not possible in a compile-time context").at(span)
            if name == "SELF":
                value = ev.self_value
                if value is MISSING:
                    return None
            elif name in AUTOMATIC:
                try:
                    value = self._variable_base(name, span)(ev)
                except PanError:
                    return None
            else:
                value = ev.locals.get(name, MISSING)
                if value is MISSING:
                    value = ev.read_global(name, MISSING)
                    if value is MISSING:
                        return None
            for fn in index_fns:
                try:
                    term = _term(fn(ev))
                except PanError as exc:
                    raise exc.at(span)
                cls = type(value)
                if cls is ProtectedDict or cls is PanDict:          # ``tree.get`` inlined for dicts
                    value = value.get(term, MISSING) if type(term) is str else MISSING
                elif cls is ProtectedList or cls is PanList:
                    value = tree.get(value, term, MISSING)
                else:
                    return None
                if value is MISSING:
                    return None
                if cls is ProtectedDict or cls is ProtectedList:
                    protect(value)
            return value

        return lookup

    def c_Assign(self, node, restricted):
        target = node.target
        name = target.name
        span = node.span
        value_fn = self.compile(node.value, restricted)
        index_fns = [self.compile(i, True) for i in target.indexes]
        if name in AUTOMATIC:
            raise PanSyntaxError(f"automatic variable ({name}) may not be set directly", target.span)
        if name == "SELF" and not index_fns:
            raise PanSyntaxError("SELF variable may not be set directly", target.span)
        for i in target.indexes:
            if isinstance(i, ast.Literal):
                try:
                    term_from_value(i.value)
                except PathError:
                    raise PanSyntaxError(f"index {target.indexes.index(i)} is not a valid term",
                                         target.span) from None

        if name == "SELF":
            def assign_self(ev):
                value = value_fn(ev)
                try:
                    terms = [_term(fn(ev)) for fn in index_fns]
                    current = ev.self_value
                    if current is MISSING or current is UNDEF or not isinstance(current, (PanDict, PanList)):
                        current = PanDict() if type(terms[0]) is str else PanList()
                    else:
                        current = writable(current)
                    if isinstance(value, (PanDict, PanList)) and _contains(value, current):
                        raise EvaluationError(
                            "circular data structure: a resource cannot contain itself")
                    ev.set_self(current)
                    _put_nested(current, terms, value)
                except PanError as exc:
                    raise exc.at(span)
                return value
            return assign_self

        if not index_fns:
            def assign(ev):
                value = value_fn(ev)
                _assign_local(ev, name, value, span)
                return value
            return assign

        def assign_nested(ev):
            value = value_fn(ev)
            cls = type(value)
            if cls is PanDict or cls is PanList:
                # panc duplicates a value stored below a variable, which also
                # stops a resource from being hooked into itself.
                value = deep_copy(value)
            try:
                terms = [_term(fn(ev)) for fn in index_fns]
                if ev.is_global(name):
                    raise EvaluationError(f"global variable '{name}' cannot be modified from DML block")
                local = ev.locals
                current = local.get(name, MISSING)
                if current is MISSING or current is UNDEF:
                    current = PanDict() if type(terms[0]) is str else PanList()
                elif isinstance(current, (PanDict, PanList)):
                    current = writable(current)
                else:
                    raise EvaluationError(f"cannot add child to element of type {type_name(current)}")
                local[name] = current
                _put_nested(current, terms, value)
            except PanError as exc:
                raise exc.at(span)
            return value

        return assign_nested

    # ------------------------------------------------------------ operators
    def c_Unary(self, node, restricted):
        fn = UNARY_OPS[node.op]
        operand = self.compile(node.operand, restricted)
        span = node.span
        if getattr(operand, "constant", False):
            # panc folds constants while parsing; a wrong operand type is
            # reported as an evaluation error (a syntax error for unary plus),
            # anything else as a syntax error.
            if node.op == "+" and not _num(operand.value):
                raise PanSyntaxError(UPLUS_INVALID, span)
            try:
                return self.c_Literal(ast.Literal(span, fn(operand.value)), restricted)
            except EvaluationError as exc:
                raise EvaluationError(exc.message, span) from None

        def unary(ev):
            try:
                return fn(operand(ev))
            except PanError as exc:
                raise exc.at(span)

        return unary

    def c_Binary(self, node, restricted):
        op = node.op
        span = node.span
        left = self.compile(node.left, restricted)
        right = self.compile(node.right, restricted)
        if op == "&&" or op == "||":
            return self._logical(op, left, right, span)
        fn = BINARY_OPS[op]
        if (getattr(left, "constant", False) and getattr(right, "constant", False)
                and _is_prop(left.value) and _is_prop(right.value)):
            try:
                return self.c_Literal(ast.Literal(span, fn(left.value, right.value)), restricted)
            except EvaluationError as exc:
                raise PanSyntaxError(exc.message, span) from None

        def binary(ev):
            a = left(ev)
            b = right(ev)
            try:
                return fn(a, b)
            except PanError as exc:
                raise exc.at(span)

        return binary

    def _logical(self, op, left, right, span):
        name, symbol = ("logical-and", "&&") if op == "&&" else ("logical-or", "||")
        first_msg = f"first argument for {name} ({symbol}) operation must be a boolean value"
        second_msg = f"second argument for {name} ({symbol}) operation must be a boolean value"
        short_value = op == "||"
        # panc folds the cases it can decide while parsing; a constant of the
        # wrong type there is a syntax error.
        left_const, right_const = getattr(left, "constant", False), getattr(right, "constant", False)
        if left_const:
            if type(left.value) is not bool:
                raise PanSyntaxError(first_msg, span)
            if left.value is short_value:
                return self.c_Literal(ast.Literal(span, short_value), None)
        if right_const and type(right.value) is not bool:
            raise PanSyntaxError(second_msg, span)
        if left_const and right_const:
            return self.c_Literal(ast.Literal(span, right.value), None)

        def logical(ev):
            a = left(ev)
            if type(a) is not bool:
                raise EvaluationError(first_msg).at(span)
            if a is short_value:
                return a
            b = right(ev)
            if type(b) is not bool:
                raise EvaluationError(second_msg).at(span)
            return b

        return logical

    # --------------------------------------------------------- control flow
    def c_If(self, node, restricted):
        cond = self.compile(node.cond, restricted)
        then = self.compile(node.then, restricted)
        orelse = self.compile(node.orelse, restricted) if node.orelse is not None else None
        span = node.span
        if getattr(cond, "constant", False):
            # panc picks the branch while parsing when the test is a constant,
            # so a constant branch can be folded further (errors included).
            if type(cond.value) is not bool:
                raise PanSyntaxError("if-else test must evaluate to a boolean property", span)
            if cond.value:
                return then
            return orelse if orelse is not None else self.c_Literal(ast.Literal(span, UNDEF), restricted)

        def if_(ev):
            test = cond(ev)
            if type(test) is not bool:
                raise EvaluationError("if-else test must evaluate to a boolean property").at(span)
            if test:
                return then(ev)
            if orelse is not None:
                return orelse(ev)
            return UNDEF

        return if_

    def c_While(self, node, restricted):
        cond = self.compile(node.cond, restricted)
        body = self.compile(node.body, restricted)
        return _loop(None, cond, None, body, node.span)

    def c_For(self, node, restricted):
        init = self.compile(node.init, restricted)
        cond = self.compile(node.cond, restricted)
        step = self.compile(node.step, restricted)
        body = self.compile(node.body, restricted)
        return _loop(init, cond, step, body, node.span)

    def c_Foreach(self, node, restricted):
        key_set = self._setter(node.key)
        value_set = self._setter(node.value)
        resource = self.compile(node.resource, restricted)
        body = self.compile(node.body, restricted)
        span = node.span

        def foreach(ev):
            res = resource(ev)
            if isinstance(res, PanDict):
                prot = type(res) is ProtectedDict
                items = [(k, res[k]) for k in sorted_keys(res)]
            elif isinstance(res, PanList):
                prot = type(res) is ProtectedList
                items = list(enumerate(res))
            else:
                raise EvaluationError("third foreach argument does not evaluate to a resource").at(span)
            if not prot and ev.owned_ids is not None and id(res) in ev.owned_ids:
                items = [(k, _owned_child(ev, res, k, v)) for k, v in items]
            result = UNDEF
            # panc resets both loop variables to undef first, and the value
            # before each element, so children of different types are fine.
            key_set(ev, UNDEF)
            value_set(ev, UNDEF)
            for k, v in items:
                if prot:
                    protect(v)
                key_set(ev, k)
                value_set(ev, UNDEF)
                value_set(ev, v)
                result = body(ev)
            return result

        return foreach

    def _setter(self, target: ast.Variable):
        """A function ``set(ev, value)`` assigning to a variable expression."""
        holder = [None]
        assign = self._assign_with(target, lambda ev: holder[0])     # its compile-time checks too
        if not target.indexes and target.name != "SELF":
            name = target.name
            span = target.span

            def set_local(ev, value):       # a plain local (foreach's usual k, v): no holder, no closure
                _assign_local(ev, name, value, span)

            return set_local

        def setter(ev, value):
            holder[0] = value
            assign(ev)

        return setter

    def _assign_with(self, target, value_fn):
        """Compile ``target = <value_fn>`` for a value computed in Python."""
        node = ast.Assign(target.span, target, _HOLE)
        saved = self.compile

        def compile_with_hole(n, restricted=False):
            return value_fn if n is _HOLE else saved(n, restricted)

        self.compile = compile_with_hole
        try:
            return self.c_Assign(node, False)
        finally:
            self.compile = saved

    # ---------------------------------------------------------------- calls
    def c_Call(self, node, restricted):
        name = node.name
        span = node.span
        if name in ("SELF", "OBJECT", "TEMPLATE", "FUNCTION", "ARGV", "ARGC"):
            raise PanSyntaxError(f"{name} cannot be used as a function", span)
        if restricted and name in ("error", "return"):
            raise PanSyntaxError(
                f"{name}() may not appear in a restricted context "
                "(either variable indices or function arguments)", span)
        builtin = self.builtins.get(name)
        if builtin is not None:
            compiled_args = [self.compile(a, True) for a in node.args]
            # panc checks a builtin's arguments after folding them, so a
            # folded constant (if (true) null else 1) counts as a literal.
            for i, fn in enumerate(compiled_args):
                if getattr(fn, "constant", False) and not isinstance(node.args[i], ast.Literal):
                    node.args[i] = ast.Literal(node.args[i].span, fn.value)
            if builtin.check is not None:
                try:
                    builtin.check(node)
                except PanError as exc:
                    raise exc.at(span)
            if builtin.raw:
                node.compiled_args = compiled_args
                node.compiler = self
                impl = builtin.fn

                def raw_call(ev):
                    try:
                        return impl(ev, node)
                    except PanError as exc:
                        raise exc.at(span)
                    except ReturnSignal:
                        raise
                return raw_call
            arg_fns = compiled_args
            impl = builtin.fn
            if all(getattr(f, "constant", False) for f in arg_fns) and name in FOLDABLE:
                try:
                    value = impl(None, [f.value for f in arg_fns], node)
                except EvaluationError as exc:
                    raise PanSyntaxError(exc.message, span) from None
                if not isinstance(value, (PanDict, PanList)):
                    return self.c_Literal(ast.Literal(span, value), restricted)

            evaluate_args = _args_evaluator(arg_fns)

            def builtin_call(ev):
                args = evaluate_args(ev)
                try:
                    return impl(ev, args, node)
                except PanError as exc:
                    raise exc.at(span)

            return builtin_call

        arg_fns = [self.compile(a, True) for a in node.args]

        evaluate_args = _args_evaluator(arg_fns)

        def user_call(ev):
            return ev.call_function(name, evaluate_args(ev), span)

        return user_call


def _args_evaluator(arg_fns: list):
    """``ev -> [f(ev) for f in arg_fns]``, without a comprehension frame for up to three
    arguments (most calls; a comprehension is a function call of its own in Python 3.11)."""
    if not arg_fns:
        return lambda ev: []
    if len(arg_fns) == 1:
        a0, = arg_fns
        return lambda ev: [a0(ev)]
    if len(arg_fns) == 2:
        a0, a1 = arg_fns
        return lambda ev: [a0(ev), a1(ev)]
    if len(arg_fns) == 3:
        a0, a1, a2 = arg_fns
        return lambda ev: [a0(ev), a1(ev), a2(ev)]
    return lambda ev: [f(ev) for f in arg_fns]


_HOLE = ast.Literal(None, None)   # placeholder for a value supplied by Python code
FOLDABLE = {"escape", "unescape", "dict", "nlist"}


def _loop(init, cond, step, body, span):
    """A while loop, or a for loop when ``init`` and ``step`` are given.

    Returns the value of the last body run (for ``for``: the value of init if
    the body never ran); the iteration limit applies to every body run.
    """

    def loop(ev):
        result = init(ev) if init is not None else UNDEF
        limit = ev.max_iteration
        count = 0
        while True:
            test = cond(ev)
            if type(test) is not bool:
                raise EvaluationError("loop test must evaluate to a boolean property").at(span)
            if not test:
                return result
            count += 1
            if count > limit:
                raise EvaluationError(f"loop iteration count ({limit:,}) has been exceeded").at(span)
            result = body(ev)
            if step is not None:
                step(ev)

    return loop


def _contains(haystack, needle) -> bool:
    """Whether ``needle`` is ``haystack`` or one of its descendants (by identity)."""
    stack = [haystack]
    while stack:
        item = stack.pop()
        if item is needle:
            return True
        if isinstance(item, PanDict):
            stack.extend(v for v in item.values() if isinstance(v, (PanDict, PanList)))
        elif isinstance(item, PanList):
            stack.extend(v for v in item if isinstance(v, (PanDict, PanList)))
    return False


def _put_nested(container, terms, value) -> None:
    """Write ``value`` at ``terms`` inside a writable local container."""
    node = container
    last = len(terms) - 1
    for i in range(last):
        node = tree._writable_child(node, terms[i], terms[i + 1])
    if not isinstance(node, (PanDict, PanList)):
        raise EvaluationError(f"cannot add child to element of type {type_name(node)}")
    tree.put(node, terms[last], value)
