"""String builtins: escape, unescape, format, join, match, matches, replace,
split, substr, to_lowercase and to_uppercase.

Each follows its panc class (``org.quattor.pan.dml.functions``) for results,
argument checks and messages.  Regular expressions are Java's, translated and
cached by ``runtime.javacompat``; format() is Java's ``String.format``
(``runtime.javaformat``).  Strings are indexed in UTF-16 units as in Java.
"""

from __future__ import annotations

from ..errors import EvaluationError, PanSyntaxError
from ..runtime.javacompat import (JavaRegexError, JavaReplacementError, compile_java_regex,
                                  from_utf16, is_bmp, java_replace_all, java_split, match_flags,
                                  to_utf16)
from ..runtime.javaformat import JavaFormatError, java_format
from ..runtime.paths import PathError, escape, unescape
from ..runtime.values import NULL, PanList, to_string, type_name
from .common import NO_VALUE, arity, int_arg, java_int, literal
from .registry import builtin


# ------------------------------------------------------------ escape/unescape

def _codec(name: str, fn) -> None:
    """escape()/unescape(): one string argument, computed at parse time if constant."""
    def check(call) -> None:
        if len(call.args) != 1:
            raise PanSyntaxError(f"{name}() requires exactly one string argument")
        value = literal(call.args[0])
        if value is not NO_VALUE:
            try:
                convert(None, [value], call)
            except EvaluationError as exc:
                raise PanSyntaxError(exc.message) from None

    def convert(ev, args, call):
        s = args[0]
        if type(s) is not str:
            raise EvaluationError(f"{name} argument is not a string: {type_name(s)}")
        try:
            return fn(s)
        except PathError as exc:
            raise EvaluationError(str(exc)) from None

    convert.__name__ = f"_{name}"
    builtin(name, check=check)(convert)


_codec("escape", escape)
_codec("unescape", unescape)


# --------------------------------------------------------------------- format

def pan_format(args: list) -> str:
    """panc's Formatter: format(), and error()/debug() with several arguments."""
    fmt = args[0]
    if type(fmt) is not str:
        raise EvaluationError("first argument to format() must be a string")
    values = []
    for value in args[1:]:
        t = type(value)
        if t is str or t is int or t is float or t is bool:
            values.append(value)
        elif isinstance(value, (dict, list)):
            values.append(to_string(value))
        else:
            raise EvaluationError("all arguments to format() must be primitive types")
    try:
        return java_format(fmt, values)
    except JavaFormatError as exc:
        raise EvaluationError(
            f"invalid format specification or mismatched types in format(): {exc}") from None


@builtin("format", check=arity(range(1, 1 << 20), "first argument of format() must be a string"))
def _format(ev, args, call):
    return pan_format(args)


# ----------------------------------------------------------------------- join

def _join_check(call) -> None:
    args = call.args
    if len(args) < 2:
        raise PanSyntaxError("join() requires two or more arguments")
    if literal(args[0]) is NULL or literal(args[1]) is NULL:
        raise PanSyntaxError("value cannot be null for join()")
    if len(args) == 2:
        value = literal(args[1])
        if value is not NO_VALUE and not isinstance(value, PanList):
            raise PanSyntaxError("second argument of join() must be a variable reference or a list")


@builtin("join", check=_join_check)
def _join(ev, args, call):
    delimiter = args[0]
    if type(delimiter) is not str:
        raise EvaluationError("first argument in join() must be a string")
    if len(args) == 2:
        items = args[1]
        if not isinstance(items, PanList):
            raise EvaluationError(
                "join() only accepts strings or a list of strings as input arguments")
        for item in items:
            if type(item) is not str:
                if isinstance(item, (dict, list)):
                    raise EvaluationError("join() doesn't accept nested elements in the passed list")
                raise EvaluationError("join() only accepts strings as elements in the list")
        return delimiter.join(items)
    items = args[1:]
    for item in items:
        if type(item) is not str:
            if isinstance(item, PanList):
                raise EvaluationError("join() only accepts a single list as an argument or all "
                                      "the arguments individually")
            raise EvaluationError(
                "join() only accepts strings or a list of strings as input arguments")
    return delimiter.join(items)


# ------------------------------------------------------------ match, matches

def _regex_error(exc: JavaRegexError) -> str:
    return f"invalid regular expression: {exc}"


def _check_flags(text: str) -> int:
    try:
        return match_flags(text)
    except ValueError as exc:
        raise PanSyntaxError(f"invalid matching flag for regular expression: {exc}") from None


def _check_regex(regex: str, flags: int) -> None:
    try:
        compile_java_regex(regex, flags)
    except JavaRegexError as exc:
        raise PanSyntaxError(_regex_error(exc)) from None


def _matcher_check(name: str):
    """panc's Match/Matches factories: constant arguments and regexes checked."""
    def check(call) -> None:
        args = call.args
        values = [literal(a) for a in args]
        static = (len(args) > 1 and type(values[1]) is str
                  and (len(args) < 3 or type(values[2]) is str))
        for value in values[:1] if static else values:
            if value is not NO_VALUE and type(value) is not str:
                raise PanSyntaxError(
                    f"{name}() arguments must all be strings; {type_name(value)} found")
        if len(args) < 2 or len(args) > 3:
            raise PanSyntaxError(f"{name}() must have two or three arguments")
        if static:
            _check_regex(values[1], _check_flags(values[2]) if len(args) == 3 else 0)
            return
        if type(values[1]) is str:
            _check_regex(values[1], 0)
        if len(args) == 3 and type(values[2]) is str:
            _check_flags(values[2])
    return check


def _matcher(name: str, args: list):
    """(pattern, string) for match()/matches(), with panc's checks in its order."""
    s = args[0]
    bad = None
    for value in args:
        if type(value) is not str:
            bad = value
    if type(s) is not str:
        raise EvaluationError(f"{name}() arguments must all be strings; {type_name(bad)} found")
    flags = 0
    if len(args) == 3:
        if type(args[2]) is not str:
            raise EvaluationError(f"{name}() arguments must all be strings; {type_name(bad)} found")
        try:
            flags = match_flags(args[2])
        except ValueError as exc:
            raise EvaluationError(f"invalid matching flag for regular expression: {exc}") from None
    if type(args[1]) is not str:
        raise EvaluationError(f"{name}() arguments must all be strings; {type_name(bad)} found")
    try:
        return compile_java_regex(args[1], flags), s
    except JavaRegexError as exc:
        raise EvaluationError(_regex_error(exc)) from None


@builtin("match", check=_matcher_check("match"))
def _match(ev, args, call):
    pattern, s = _matcher("match", args)
    return pattern.search(s) is not None


@builtin("matches", check=_matcher_check("matches"))
def _matches(ev, args, call):
    pattern, s = _matcher("matches", args)
    m = pattern.search(s)
    result = PanList()
    if m is None:
        return result
    groups = m.groups()
    last = 0
    for i, g in enumerate(groups, 1):
        if g is not None:
            last = i
    result.append(m.group(0))
    result.extend(g if g is not None else "" for g in groups[:last])
    return result


# ------------------------------------------------------------ replace, split

def _compile_first(name: str, regex) -> object:
    if type(regex) is not str:
        raise EvaluationError(f"first argument to {name}() must be a regular expression string")
    try:
        return compile_java_regex(regex)
    except JavaRegexError as exc:
        raise EvaluationError(_regex_error(exc)) from None


@builtin("replace", check=arity((3,), "replace() requires exactly three arguments"))
def _replace(ev, args, call):
    pattern = _compile_first("replace", args[0])
    repl = args[1]
    if type(repl) is not str:
        raise EvaluationError("second argument to replace() must be a replacement string")
    target = args[2]
    if type(target) is not str:
        raise EvaluationError("third argument to replace() must be a string")
    try:
        return java_replace_all(pattern, target, repl)
    except JavaReplacementError:
        raise EvaluationError(
            "invalid replacement string; check '$' and '\\' characters") from None


@builtin("split", check=arity((2, 3), "split() must have two or three arguments"))
def _split(ev, args, call):
    pattern = _compile_first("split", args[0])
    limit = 0
    if len(args) == 3:
        if type(args[1]) is not int:
            raise EvaluationError("second argument to split() must be a long value")
        limit = java_int(args[1])
    target = args[-1]
    if type(target) is not str:
        raise EvaluationError("last argument to split() must be a string")
    return PanList(java_split(pattern, target, limit))


# --------------------------------------------------------------------- substr

@builtin("substr", check=arity((2, 3), "substr() must have two or three arguments"))
def _substr(ev, args, call):
    s = args[0]
    if type(s) is not str:
        raise EvaluationError("first argument to substr() must be a string")
    if type(args[1]) is not int:
        raise EvaluationError("second argument to substr() must be a long")
    start = int_arg(args[1], "second", "substr")
    units = s if is_bmp(s) else to_utf16(s)
    n = len(units)
    if start < 0:
        start += n
    if start > n:
        raise EvaluationError("start index in substr() is greater than the string length")
    if start < 0:
        raise EvaluationError("start index in substr() is less than zero")
    end = n
    if len(args) == 3:
        if type(args[2]) is not int:
            raise EvaluationError("second and optional third arguments to substr() must be longs")
        length = int_arg(args[2], "third", "substr")
        end = java_int(start + length) if length >= 0 else n + length
        if end > n:
            raise EvaluationError("end index in substr() is greater than the string length")
        if end < 0:
            raise EvaluationError("end index in substr() is less than zero")
        if end < start:
            raise EvaluationError("start index is after ending index in substr()")
    result = units[start:end]
    return result if units is s else from_utf16(result)


# ------------------------------------------------------------------- case

@builtin("to_lowercase", check=arity((1,), "to_lowercase() requires exactly one string argument"))
def _to_lowercase(ev, args, call):
    s = args[0]
    if type(s) is not str:
        raise EvaluationError("invalid argument to to_lowercase(); string required")
    return s.lower()


@builtin("to_uppercase", check=arity((1,), "to_uppercase() requires exactly one string argument"))
def _to_uppercase(ev, args, call):
    s = args[0]
    if type(s) is not str:
        raise EvaluationError("invalid argument to to_uppercase(); string required")
    return s.upper()

