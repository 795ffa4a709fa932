"""Builtins that need the running object: the tree, variables, templates, files.

``value``, ``path_exists``, ``exists``, ``if_exists``, ``create``, ``append``,
``prepend``, ``first``, ``next``, ``delete``, ``error``, ``return``,
``debug``, ``traceback``, ``deprecated``, ``file_contents``, ``file_exists``,
``is_valid`` and ``substitute``.  Most are *raw* builtins: they receive the
call node and evaluate its arguments themselves, because panc passes some
arguments as variable references (``append(x, 1)`` modifies ``x``) or looks
variables up without failing (``exists(x)``).
"""

from __future__ import annotations

import gzip
import os
import re

from ..errors import (EvaluationError, OutsideIncludePath, PanError, PanSyntaxError, ReturnSignal,
                      ValidationError)
from ..runtime import tree
from ..runtime.dml import MISSING
from ..runtime.paths import PathError, is_valid_template_name, parse_path, term_from_value
from ..runtime.values import (NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList, protect,
                              sorted_keys, type_name, writable)
from ..syntax import ast
from .registry import BUILTINS, builtin


def _args(ev, call):
    return [fn(ev) for fn in call.compiled_args]


def _require_compile_time_free(ev, name):
    if getattr(ev, "compile_time", False):
        raise EvaluationError(f"invalid use of {name} in compile-time context")


def _count_check(name, allowed, message):
    def check(call):
        if len(call.args) not in allowed:
            raise PanSyntaxError(message.format(name=name), call.span)
    return check


def _is_literal(node, *types):
    return isinstance(node, ast.Literal) and (not types or type(node.value) in types)


# ------------------------------------------------------------------ the tree

def _parse_read_path(text, name="value"):
    if type(text) is not str:
        raise EvaluationError(f"{name}() requires one string argument; {type_name(text)} found")
    try:
        return parse_path(text)
    except PathError as exc:
        raise EvaluationError(str(exc)) from None


@builtin("value", raw=True, check=_count_check("value", (1, 2), "{name}() requires exactly one or two arguments"))
def _value(ev, call):
    _require_compile_time_free(ev, "value")
    args = _args(ev, call)
    path = _parse_read_path(args[0])
    result = ev.read_path(path)
    if result is None:
        if len(args) != 2:
            raise EvaluationError(f"referenced path ({path}) doesn't exist")
        result = args[1]
    elif result is UNDEF and len(args) == 2:
        result = args[1]
    if isinstance(result, (PanDict, PanList)):
        # panc returns a copy of its own (unprotected): a variable set from it
        # owns it, so changes through SELF's children show (see ObjectContext).
        result = writable(protect(result))
    return result


@builtin("path_exists", raw=True, check=_count_check("path_exists", (1,), "{name}() requires exactly one argument"))
def _path_exists(ev, call):
    _require_compile_time_free(ev, "path_exists")
    text = call.compiled_args[0](ev)
    path = _parse_read_path(text, "path_exists")
    if path.kind == "relative":
        raise EvaluationError("path_exists() requires an absolute or external path")
    try:
        return ev.read_path(path) is not None
    except PanError:
        raise


def _exists_check(call):
    if len(call.args) != 1:
        raise PanSyntaxError("exists() requires exactly one argument", call.span)
    arg = call.args[0]
    if isinstance(arg, ast.Literal) and type(arg.value) is not str:
        raise PanSyntaxError("exists() requires one variable reference or string argument", call.span)


@builtin("exists", raw=True, check=_exists_check)
def _exists(ev, call):
    _require_compile_time_free(ev, "exists")
    arg = call.args[0]
    if isinstance(arg, ast.Variable):
        lookup = _cached(call, "lookup", lambda: call.compiler.lookup_fn(arg))
        return lookup(ev) is not None
    value = call.compiled_args[0](ev)
    if type(value) is not str:
        raise EvaluationError("exists() requires one variable reference or string argument")
    try:
        path = parse_path(value)
    except PathError:
        path = None
    if path is not None and path.kind != "relative":
        try:
            return ev.read_path(path) is not None
        except PanError:
            if path.kind == "external":
                return False
            raise
    if is_valid_template_name(value):
        try:
            return ev.session.load_template(value, ev, lookup_only=True) is not None
        except OutsideIncludePath:
            raise
        except PanError:        # found, but failing: reported if it is ever included
            return True
    raise EvaluationError("exists() requires a valid external path, absolute path, or template name")


@builtin("if_exists", raw=True, check=_count_check("if_exists", (1,), "{name}() requires exactly one string argument"))
def _if_exists(ev, call):
    _require_compile_time_free(ev, "if_exists")
    name = call.compiled_args[0](ev)
    if type(name) is not str:
        raise EvaluationError("if_exists() requires exactly one string argument")
    if not is_valid_template_name(name):
        raise EvaluationError(f"invalid template name: {name}")
    try:
        tpl = ev.session.load_template(name, ev, lookup_only=True)
    except OutsideIncludePath:
        raise
    except PanSyntaxError as exc:
        # panc: a template that does not parse fails the object right away;
        # any other error in it only shows if it is included: it was found.
        if exc.message.startswith("parse error"):
            raise
        return name
    except EvaluationError:
        return name
    return name if tpl is not None else UNDEF


def _cached(call, key, make):
    cache = call.cache
    if cache is None:
        cache = call.cache = {}
    fn = cache.get(key)
    if fn is None:
        fn = cache[key] = make()
    return fn


# ---------------------------------------------------- variables by reference

def _list_variable(ev, call, node: ast.Variable, name: str):
    """The list held by a variable reference, created or copied for writing."""
    if node is None:       # SELF
        value = ev.self_value
        if value is MISSING:
            raise EvaluationError("SELF is not defined")
        if value is UNDEF or value is NULL:
            value = PanList()
            ev.set_self(value)
        elif type(value) is ProtectedList or type(value) is ProtectedDict:
            value = writable(value)
            ev.set_self(value)
        if not isinstance(value, PanList):
            raise EvaluationError(f"referenced variable of type {type_name(value)} is not a list")
        return value
    if node.indexes:
        lookup = _cached(call, "lookup", lambda: call.compiler.lookup_fn(node))
        value = lookup(ev)
        setter = _cached(call, "setter", lambda: call.compiler._setter(node))
        if value is None or value is UNDEF or value is NULL:
            value = PanList()
        elif type(value) is ProtectedList:
            value = writable(value)
        if not isinstance(value, PanList):
            raise EvaluationError(f"referenced variable of type {type_name(value)} is not a list")
        setter(ev, value)
        return value
    if node.name == "SELF":
        return _list_variable(ev, call, None, name)
    value = ev.locals.get(node.name, MISSING)
    if value is MISSING:
        if getattr(ev, "compile_time", False):
            raise EvaluationError(f"invalid use of {name} in compile-time context")
        if ev.is_global(node.name):
            raise EvaluationError(f"global variable '{node.name}' cannot be modified from DML block")
        value = PanList()
        ev.locals[node.name] = value
    elif value is UNDEF or value is NULL:
        value = PanList()
        ev.locals[node.name] = value
    elif type(value) is ProtectedList or type(value) is ProtectedDict:
        value = writable(value)
        ev.locals[node.name] = value
    if not isinstance(value, PanList):
        raise EvaluationError(f"referenced variable of type {type_name(value)} is not a list")
    return value


def _append_check(name):
    def check(call):
        args = call.args
        if not 1 <= len(args) <= 2:
            raise PanSyntaxError(f"{name}() requires exactly one or two arguments", call.span)
        value = args[-1]
        if _is_literal(value) and value.value is NULL:
            raise PanSyntaxError(f"value cannot be null for {name}()", call.span)
        if len(args) == 2 and isinstance(args[0], ast.Literal):
            raise PanSyntaxError(f"first argument of {name}() must be a variable reference or a list",
                                 call.span)
    return check


def _add(ev, call, name, at_end):
    args = call.args
    if len(args) == 1:
        target = _list_variable(ev, call, None, name)
        value = call.compiled_args[0](ev)
    elif isinstance(args[0], ast.Variable):
        target = _list_variable(ev, call, args[0], name)
        value = call.compiled_args[1](ev)
    else:
        target = call.compiled_args[0](ev)
        value = call.compiled_args[1](ev)
        if not isinstance(target, PanList):
            raise EvaluationError(f"first argument of {name}() must be a variable reference or a list")
        target = writable(target)
    if value is NULL:
        raise EvaluationError(f"value cannot be null for {name}()")
    if at_end:
        target.append(value)
    else:
        target.insert(0, value)
    return target


@builtin("append", raw=True, check=_append_check("append"))
def _append(ev, call):
    return _add(ev, call, "append", True)


@builtin("prepend", raw=True, check=_append_check("prepend"))
def _prepend(ev, call):
    return _add(ev, call, "prepend", False)


def _delete_check(call):
    if len(call.args) != 1:
        raise PanSyntaxError("delete() requires exactly one argument", call.span)
    if not isinstance(call.args[0], ast.Variable):
        raise PanSyntaxError("first argument of delete() must be a variable reference", call.span)


@builtin("delete", raw=True, check=_delete_check)
def _delete(ev, call):
    node = call.args[0]
    setter = _cached(call, "setter", lambda: call.compiler._setter(node))
    setter(ev, NULL)
    return UNDEF


def _iter_check(name):
    def check(call):
        if len(call.args) != 3:
            raise PanSyntaxError(f"{name}() requires exactly three arguments", call.span)
        for i in (1, 2):
            arg = call.args[i]
            if not isinstance(arg, ast.Variable) and not (_is_literal(arg) and arg.value is UNDEF):
                raise PanSyntaxError("argument must be a variable reference or undef", call.span)
    return check


def _iter_setters(call):
    setters = []
    for node in call.args[1:]:
        if isinstance(node, ast.Variable):
            setters.append(_cached(call, f"set{id(node)}", lambda n=node: call.compiler._setter(n)))
        else:
            setters.append(None)
    return setters


@builtin("first", raw=True, check=_iter_check("first"))
def _first(ev, call):
    resource = call.compiled_args[0](ev)
    if not isinstance(resource, (PanDict, PanList)):
        raise EvaluationError("first argument to first() must be a resource")
    key_set, value_set = _iter_setters(call)
    if key_set:
        key_set(ev, UNDEF)
    if value_set:
        value_set(ev, UNDEF)
    if isinstance(resource, PanDict):
        entries = [(k, resource[k]) for k in sorted_keys(resource)]
    else:
        entries = list(enumerate(resource))
    ev.iterators[id(resource)] = (resource, entries, 0)
    return _advance(ev, resource, key_set, value_set)


@builtin("next", raw=True, check=_iter_check("next"))
def _next(ev, call):
    resource = call.compiled_args[0](ev)
    if not isinstance(resource, (PanDict, PanList)):
        raise EvaluationError("first argument to next() must be a resource")
    key_set, value_set = _iter_setters(call)
    return _advance(ev, resource, key_set, value_set)


def _advance(ev, resource, key_set, value_set):
    state = ev.iterators.get(id(resource))
    if state is None or state[0] is not resource:
        raise EvaluationError("no valid iterator found for resource (call first() before next())")
    _res, entries, pos = state
    if pos >= len(entries):
        ev.iterators[id(resource)] = (resource, entries, pos)
        return False
    k, v = entries[pos]
    ev.iterators[id(resource)] = (resource, entries, pos + 1)
    if isinstance(v, (PanDict, PanList)) and type(resource) in (ProtectedDict, ProtectedList):
        protect(v)
    # As in foreach, the variables are reset first: children may differ in type.
    if key_set:
        key_set(ev, UNDEF)
        key_set(ev, k)
    if value_set:
        value_set(ev, UNDEF)
        value_set(ev, v)
    return True


# -------------------------------------------------------------- templates

def _create_check(call):
    if len(call.args) % 2 != 1:
        raise PanSyntaxError("create() requires an odd number of arguments", call.span)


@builtin("create", raw=True, check=_create_check)
def _create(ev, call):
    _require_compile_time_free(ev, "create")
    args = _args(ev, call)
    name = args[0]
    if type(name) is not str:
        raise EvaluationError("first argument of create() must be a string")
    tpl = ev.session.load_template(name, ev)
    if tpl is None:
        raise EvaluationError(f"cannot locate template named '{name}'")
    if tpl.kind != "structure":
        raise EvaluationError(f"{tpl.kind.upper()} template cannot be used with create(); "
                              "a structure template is required")
    saved_locals = ev.locals
    ev.locals = {}
    try:
        root = ev.run_structure(tpl, call.span)
    finally:
        ev.locals = saved_locals
    for i in range(1, len(args), 2):
        key = args[i]
        if type(key) is not str:
            raise EvaluationError(
                f"key arguments of create() must be strings; argument {i} is of type {type_name(key)}")
        try:
            term = term_from_value(key)
        except PathError:
            raise EvaluationError(f"invalid key ({key}) for create()") from None
        tree.put(root, term, args[i + 1])
    return root


# ----------------------------------------------------- errors and messages

def _message(ev, call, args, name):
    if len(args) == 1:
        msg = args[0]
        if type(msg) is not str:
            return None
        return msg
    return BUILTINS["format"].fn(ev, args, call)


@builtin("error", raw=True, check=_count_check("error", range(1, 10_000), "{name}() requires at least one argument"))
def _error(ev, call):
    args = _args(ev, call)
    msg = _message(ev, call, args, "error")
    if msg is None:
        raise EvaluationError("the first argument for error() needs to be a string")
    raise EvaluationError(f"[{ev.object_name}] user-initiated error: {msg}")


@builtin("return", raw=True, check=_count_check("return", (1,), "{name}() requires exactly one argument"))
def _return(ev, call):
    raise ReturnSignal(call.compiled_args[0](ev))


def _debug_enabled(ev) -> bool:
    opts = ev.session.options
    name = ev.template_name
    if any(r.search(name) for r in opts.debug_exclude):
        return False
    return any(r.search(name) for r in opts.debug_include)


def _debug_check(call):
    if not call.args:
        raise PanSyntaxError("debug() requires at least one argument", call.span)
    if len(call.args) == 1 and isinstance(call.args[0], ast.Literal) and type(call.args[0].value) is not str:
        raise PanSyntaxError("debug() requires exactly one string argument", call.span)


@builtin("debug", raw=True, check=_debug_check)
def _debug(ev, call):
    _require_compile_time_free(ev, "debug")
    if not _debug_enabled(ev):
        return UNDEF
    args = _args(ev, call)
    msg = _message(ev, call, args, "debug")
    if msg is None:
        raise EvaluationError("debug() requires exactly one string argument")
    ev.emit(f"[{ev.object_name}] {msg}")
    return msg


@builtin("traceback", raw=True, check=_count_check("traceback", (1,), "{name}() requires exactly one argument"))
def _traceback(ev, call):
    _require_compile_time_free(ev, "traceback")
    if not _debug_enabled(ev):
        return UNDEF
    msg = call.compiled_args[0](ev)
    if type(msg) is not str:
        raise EvaluationError("traceback() requires exactly one string argument")
    lines = [msg, ">>> call stack trace"]
    lines.append(f">>> [{call.span.location()}]")
    for name, span in reversed(ev.stack):
        lines.append(f">>> {name} [{span.location() if span else '?'}]")
    ev.not_replayable()             # the stack holds the spans of the templates around the unit
    ev.emit("\n".join(lines))
    return msg


def _deprecated_check(call):
    if len(call.args) != 2:
        raise PanSyntaxError("deprecated() requires exactly two arguments", call.span)
    first, second = call.args
    if isinstance(first, ast.Literal) and (type(first.value) is not int or first.value < 0):
        raise PanSyntaxError("first argument of deprecated() must be a non-negative long", call.span)
    if isinstance(second, ast.Literal) and type(second.value) is not str:
        raise PanSyntaxError("second argument of deprecated() must be a string", call.span)


@builtin("deprecated", raw=True, check=_deprecated_check)
def _deprecated(ev, call):
    if getattr(ev, "compile_time", False):
        return True
    level, msg = _args(ev, call)
    if type(level) is not int or level < 0:
        raise EvaluationError("first argument of deprecated() must be a non-negative long")
    if type(msg) is not str:
        raise EvaluationError("second argument of deprecated() must be a string")
    mode = ev.session.options.warnings
    if mode == "on":
        ev.emit(msg)
    elif mode == "fatal":
        raise EvaluationError(f"deprecation error: {msg}")
    return True


# ------------------------------------------------------------------ files

def _file_check(name):
    def check(call):
        if len(call.args) not in ((1, 2) if name == "file_contents" else (1,)):
            raise PanSyntaxError(f"{name}() requires exactly one string argument", call.span)
        first = call.args[0]
        # As panc: a constant name must already be a relative one.
        if isinstance(first, ast.Literal) and (type(first.value) is not str or first.value == ""
                                               or first.value.startswith("/")):
            raise PanSyntaxError(f"{name}() requires a relative file name", call.span)
    return check


def _lookup_file(ev, name, fname):
    return ev.session.lookup_text(ev, name, fname)


@builtin("file_contents", raw=True, check=_file_check("file_contents"))
def _file_contents(ev, call):
    _require_compile_time_free(ev, "file_contents")
    args = _args(ev, call)
    found = _lookup_file(ev, "file_contents", args[0])
    if found is None:
        raise EvaluationError(f"file ({args[0]}) does not exist")
    if os.path.isdir(found):
        raise EvaluationError(f"directory ({args[0]}) not allowed")
    try:
        with open(found, "rb") as fh:
            data = fh.read()
        if len(args) == 2:
            if args[1] != "gzip":
                raise EvaluationError(f"invalid compression name ({args[1]})")
            data = gzip.decompress(data)
    except OSError as exc:
        raise EvaluationError(f"cannot read file ({args[0]}): {exc.strerror or exc}") from None
    return data.decode("utf-8", errors="replace")


@builtin("file_exists", raw=True, check=_file_check("file_exists"))
def _file_exists(ev, call):
    _require_compile_time_free(ev, "file_exists")
    fname = call.compiled_args[0](ev)
    return _lookup_file(ev, "file_exists", fname) is not None


# ------------------------------------------------------------------ types

def _is_valid_check(call):
    if len(call.args) != 2:
        raise PanSyntaxError("is_valid() requires exactly two arguments", call.span)
    first = call.args[0]
    if not isinstance(first, ast.Variable) or first.indexes:
        raise PanSyntaxError("is_valid() requires the first argument to be a type", call.span)


@builtin("is_valid", raw=True, check=_is_valid_check)
def _is_valid(ev, call):
    _require_compile_time_free(ev, "is_valid")
    type_name_ = call.args[0].name
    value = call.compiled_args[1](ev)
    from ..runtime.types import PRIMITIVES, PrimitiveType
    full = ev.types.get(type_name_)
    if full is None:
        if type_name_ in PRIMITIVES:
            full = PrimitiveType(type_name_, None)
        else:
            raise EvaluationError(f"type lookup failed for '{type_name_}'")
    try:
        full.validate(ev, value)
    except ValidationError:
        return False
    return True


# ------------------------------------------------------------- substitute

_SUBST = re.compile(r"\$(\$?)\{([^}]*)\}")


@builtin("substitute", check=_count_check("substitute", (1, 2), "{name}() requires exactly one or two arguments"))
def _substitute(ev, args, call):
    template = args[0]
    if type(template) is not str:
        raise EvaluationError("first argument to substitute() must be a string")
    mapping = None
    if len(args) == 2:
        mapping = args[1]
        if not isinstance(mapping, PanDict):
            raise EvaluationError("second argument to substitute() must be an nlist")

    def resolve(name, depth=0):
        if mapping is not None:
            value = mapping.get(name, MISSING)
        else:
            value = ev.locals.get(name, MISSING)
            if value is MISSING:
                value = ev.read_global(name, MISSING)
        if value is MISSING:
            raise EvaluationError(f"variable ({name}) undefined in substitute()")
        if not (type(value) in (str, int, float, bool)):
            raise EvaluationError(f"invalid variable ({name}) in substitute()")
        from ..runtime.values import property_str
        return property_str(value)

    def expand(text, depth=0):
        if depth > 50:
            raise EvaluationError("substitute(): recursive substitution too deep")

        def repl(m):
            if m.group(1):
                return "${" + m.group(2) + "}"
            return expand(resolve(m.group(2)), depth + 1)

        return _SUBST.sub(repl, text)

    return expand(template)
