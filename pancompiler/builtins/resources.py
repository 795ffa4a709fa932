"""Builtins that build or inspect resources: list, dict (nlist), clone, merge,
splice, index, key and length.

Results are always new containers and arguments are never modified; as in
panc, argument resources are stored as they are (aliased), and children read
from a protected resource are stored protected.  Element comparison (index) is
Java's ``equals``: a long never equals a double.  Lengths and positions in
strings count UTF-16 units as Java does.
"""

from __future__ import annotations

from ..errors import EvaluationError, PanSyntaxError
from ..runtime.javacompat import from_utf16, is_bmp, to_utf16, utf16_len
from ..runtime.values import NULL, UNDEF, PanDict, PanList, deep_copy, sorted_keys, type_name
from .common import (INT_MAX, NO_VALUE, arity, check_replacement, child, dict_key, int_arg,
                     java_int, list_put, literal, pan_equals)
from .registry import builtin



@builtin("list")
def _list(ev, args, call):
    return PanList(args)


def _dict_check(call) -> None:
    """panc's Hash factory: even count; constant keys valid and distinct."""
    args = call.args
    if len(args) % 2:
        raise PanSyntaxError("hash/nlist function must have an even number of arguments")
    seen = set()
    for node in args[::2]:
        value = literal(node)
        if value is NO_VALUE:
            continue
        try:
            key = dict_key(value)
        except EvaluationError as exc:
            raise PanSyntaxError(exc.message) from None
        if key in seen:
            raise PanSyntaxError(f"duplicate key ({key}) in nlist function")
        seen.add(key)


@builtin("dict", "nlist", check=_dict_check)
def _dict(ev, args, call):
    result = PanDict()
    for i in range(0, len(args) - 1, 2):
        key = dict_key(args[i])
        value = args[i + 1]
        if value is NULL:
            old = result.pop(key, None)
        else:
            old = result.get(key)
            result[key] = value
            if old is not None:
                check_replacement(old, value)
        if old is not None:
            raise EvaluationError(f"duplicate key ({key}) in nlist function")
    return result


@builtin("clone", check=arity((1,), "clone() requires exactly one argument"))
def _clone(ev, args, call):
    return deep_copy(args[0])


@builtin("length", check=arity((1,), "length() requires exactly one argument"))
def _length(ev, args, call):
    value = args[0]
    if type(value) is str:
        return utf16_len(value)
    if isinstance(value, (PanDict, PanList)):
        return len(value)
    if value is UNDEF:
        return 0
    raise EvaluationError("argument to length must be undef, string, or resource; "
                          f"element of type {type_name(value)} is not valid")


@builtin("key", check=arity((2,), "key() requires exactly two arguments"))
def _key(ev, args, call):
    d = args[0]
    if not isinstance(d, PanDict):
        raise EvaluationError("first argument to key() must be a dict")
    index = args[1]
    if type(index) is not int:
        raise EvaluationError("second argument to key() must be a long")
    if index > INT_MAX:
        raise EvaluationError(f"index exceeds maximum value ({INT_MAX}): {index}")
    if index < 0 or index > len(d) - 1:
        raise EvaluationError(f"index out of bounds in key(): {index}")
    return sorted_keys(d)[index]


@builtin("merge", check=arity(range(1, 1 << 20), "merge() requires at least one argument"))
def _merge(ev, args, call):
    first = args[0]
    bad = "merge() arguments must be all lists or dicts"
    if isinstance(first, PanDict):
        result = PanDict()
        for d in args:
            if not isinstance(d, PanDict):
                raise EvaluationError(bad)
            dups = result.keys() & d.keys()
            if dups:
                key = min(dups, key=lambda k: k.encode("utf-16-be"))
                check_replacement(result[key], d[key])
                raise EvaluationError(
                    f"two (or more) children have the same name in merge(): {key}")
            for k, v in d.items():
                result[k] = child(d, v)
        return result
    if isinstance(first, PanList):
        result = PanList()
        index = 0
        for lst in args:
            if not isinstance(lst, PanList):
                raise EvaluationError(bad)
            for v in lst:
                list_put(result, index, child(lst, v))
                index += 1
        return result
    raise EvaluationError(bad)


def _int_arg(value, which: str) -> int:
    if type(value) is not int:
        raise EvaluationError(f"{which} argument to splice() must be a long")
    return int_arg(value, which, "splice")


def _splice_bounds(start: int, length: int, size: int, what: str) -> tuple[int, int]:
    if start < 0:
        start = size + start
    end = java_int(start + length) if length >= 0 else size + length
    if start < 0:
        raise EvaluationError(f"start index in splice() is before beginning of {what}")
    if start > size:
        raise EvaluationError(f"start index in splice() is after end of {what}")
    if end < 0:
        raise EvaluationError(f"end index in splice() is before beginning of {what}")
    if end > size:
        raise EvaluationError(f"end index in splice() is after end of {what}")
    if end < start:
        raise EvaluationError("end index is before the start index")
    return start, end


@builtin("splice", check=arity((3, 4), "splice() must have three or four arguments"))
def _splice(ev, args, call):
    start = _int_arg(args[1], "second")
    length = _int_arg(args[2], "third")
    source = args[0]
    same_type = "fourth argument of splice() must be of the same type as the first"
    if type(source) is str:
        middle = ""
        if len(args) == 4:
            middle = args[3]
            if type(middle) is not str:
                raise EvaluationError(same_type)
        units = source if is_bmp(source) else to_utf16(source)
        start, end = _splice_bounds(start, length, len(units), "string")
        if units is source:
            return source[:start] + middle + source[end:]
        return from_utf16(units[:start] + to_utf16(middle) + units[end:])
    if isinstance(source, PanList):
        middle = PanList()
        if len(args) == 4:
            middle = args[3]
            if not isinstance(middle, PanList):
                raise EvaluationError(same_type)
        start, end = _splice_bounds(start, length, len(source), "list")
        result = PanList()
        index = 0
        for part, owner in ((source[:start], source), (middle, middle), (source[end:], source)):
            for v in part:
                list_put(result, index, child(owner, v))
                index += 1
        return result
    raise EvaluationError("first argument of splice() must be a string or list")


def _index_of(sub: str, s: str, start: int) -> int:
    """Java's String.indexOf(str, fromIndex), in UTF-16 units."""
    if not (is_bmp(s) and is_bmp(sub)):
        s, sub = to_utf16(s), to_utf16(sub)
    if start >= len(s):
        return len(s) if sub == "" else -1
    return s.find(sub, start)


@builtin("index", check=arity((2, 3), "index() must have two or three arguments"))
def _index(ev, args, call):
    start = 0
    if len(args) == 3:
        if type(args[2]) is not int:
            raise EvaluationError("third argument of index() must be a long")
        start = max(java_int(args[2]), 0)
    needle, haystack = args[0], args[1]
    if type(needle) is str and type(haystack) is str:
        return _index_of(needle, haystack, start)
    if isinstance(haystack, PanList):
        for i in range(start, len(haystack)):
            if pan_equals(needle, haystack[i]):
                return i
        return -1
    if isinstance(haystack, PanDict):
        skipped = 0
        for key in sorted_keys(haystack):
            if pan_equals(needle, haystack[key]):
                if skipped < start:
                    skipped += 1
                else:
                    return key
        return ""
    raise EvaluationError("invalid argument(s) in call to index()")
