"""list, dict/nlist, clone, length, key, merge, splice and index."""

import pytest

from builtin_helpers import check, error, lit, run, syntax_error, var
from pancompiler.runtime.values import (NULL, UNDEF, PanDict, PanList, ProtectedDict, protect,
                                        is_protected)


def test_list_keeps_nulls_and_aliases_its_arguments():
    inner = PanDict(a=1)
    result = run("list", 1, NULL, inner)
    assert type(result) is PanList and result == [1, NULL, inner]
    assert result[2] is inner and not is_protected(inner)
    assert run("list") == []


def test_dict():
    result = run("dict", "b", 2, "a", 1)
    assert type(result) is PanDict and result == {"a": 1, "b": 2}
    assert run("nlist", "{a/b}", "OK") == {"a_2fb": "OK"}
    assert run("dict", "a", NULL) == {}
    assert run("dict", "a", NULL, "a", 1) == {"a": 1}


@pytest.mark.parametrize("args,message", [
    ((1, 2), "nlist keys must be string; argument is of type long"),
    (("1", 2), "invalid key (1) for nlist() or hash()"),
    (("01", 2), "index cannot start with leading zero(s): '01'"),
    (("a b", 2), "invalid path term or nlist key: 'a b'"),
    (("", 2), "empty string cannot be used as a path term or nlist key"),
    (("a", 1, "a", 2), "duplicate key (a) in nlist function"),
    (("a", 1, "a", NULL), "duplicate key (a) in nlist function"),
    (("a", 1, "a", "x"), "existing element of type long cannot be replaced by one of type string"),
])
def test_dict_errors(args, message):
    assert error("dict", *args) == message


def test_dict_parse_checks():
    assert syntax_error("dict", lit("a")) == "hash/nlist function must have an even number of arguments"
    assert syntax_error("nlist", lit(1), lit(2)) == "nlist keys must be string; argument is of type long"
    assert syntax_error("dict", lit("a"), lit(1), lit("{a}"), lit(2)) == "duplicate key (a) in nlist function"
    assert syntax_error("dict", lit("x y"), var("v")) == "invalid path term or nlist key: 'x y'"
    check("dict", var("k"), lit(1), var("k"), lit(2))


def test_clone_is_deep():
    original = PanDict(a=PanList([1, PanDict(b=2)]))
    copy = run("clone", original)
    assert copy == original
    assert copy["a"] is not original["a"] and copy["a"][1] is not original["a"][1]
    assert run("clone", 5) == 5
    assert syntax_error("clone") == "clone() requires exactly one argument"


def test_length():
    assert run("length", "abc") == 3
    assert run("length", "a😀") == 3            # UTF-16 units, as Java counts
    assert run("length", PanList([1, 2])) == 2
    assert run("length", PanDict(a=1)) == 1
    assert run("length", UNDEF) == 0
    assert error("length", 5) == \
        "argument to length must be undef, string, or resource; element of type long is not valid"
    assert syntax_error("length", lit(1), lit(2)) == "length() requires exactly one argument"


def test_key():
    table = PanDict(red=0xF00, green=0x0F0, blue=0x00F)
    assert [run("key", table, i) for i in range(3)] == ["blue", "green", "red"]
    assert error("key", PanList(), 0) == "first argument to key() must be a dict"
    assert error("key", table, "0") == "second argument to key() must be a long"
    assert error("key", table, 3) == "index out of bounds in key(): 3"
    assert error("key", table, -1) == "index out of bounds in key(): -1"
    assert error("key", table, 1 << 31) == "index exceeds maximum value (2147483647): 2147483648"


def test_merge_lists_and_dicts():
    assert run("merge", PanList([11, 12]), PanList(), PanList([1])) == [11, 12, 1]
    assert run("merge", PanDict(a=1), PanDict(b=2)) == {"a": 1, "b": 2}
    assert type(run("merge", PanList(), PanList())) is PanList
    assert type(run("merge", PanDict(), PanDict())) is PanDict


def test_merge_skips_nulls_but_keeps_their_slots():
    assert run("merge", PanList([1, NULL, 2])) == [1, UNDEF, 2]


def test_merge_protects_children_of_protected_arguments():
    shared = protect(PanDict(inner=PanDict(x=1)))
    result = run("merge", shared)
    assert type(result) is PanDict
    assert is_protected(result["inner"])
    mine = PanDict(inner=PanDict(x=1))
    assert not is_protected(run("merge", mine)["inner"])


@pytest.mark.parametrize("args,message", [
    ((PanList([1]), PanDict(a=1)), "merge() arguments must be all lists or dicts"),
    ((PanDict(a=1), PanList()), "merge() arguments must be all lists or dicts"),
    ((1,), "merge() arguments must be all lists or dicts"),
    ((PanDict(a=1, b=1), PanDict(b=2, a=3)), "two (or more) children have the same name in merge(): a"),
    ((PanDict(a=1), PanDict(a="x")), "existing element of type long cannot be replaced by one of type string"),
])
def test_merge_errors(args, message):
    assert error("merge", *args) == message


def test_merge_needs_an_argument():
    assert syntax_error("merge") == "merge() requires at least one argument"


@pytest.mark.parametrize("args,expected", [
    (("abcdef", 1, 2), "adef"), (("abcdef", 1, 2, "XY"), "aXYdef"), (("abcdef", -1, 1), "abcde"),
    (("abcdef", 0, -1), "f"), (("abc", 3, 0, "d"), "abcd"), (("a😀b", 1, 2, "-"), "a-b"),
    ((PanList([1, 2, 3, 4]), 1, 2), [1, 4]), ((PanList([1, 2]), 1, 0, PanList(["a", "b"])), [1, "a", "b", 2]),
    ((PanList([1, 2, 3]), -1, 1), [1, 2]),
])
def test_splice(args, expected):
    assert run("splice", *args) == expected


@pytest.mark.parametrize("args,message", [
    (("abc", "1", 0), "second argument to splice() must be a long"),
    (("abc", 0, 1.0), "third argument to splice() must be a long"),
    (("abc", 1 << 31, 0), "second argument to splice() cannot be converted to int: 2147483648"),
    (("abc", 0, 0, PanList()), "fourth argument of splice() must be of the same type as the first"),
    ((PanList(), 0, 0, "x"), "fourth argument of splice() must be of the same type as the first"),
    ((5, 0, 0), "first argument of splice() must be a string or list"),
    (("abc", -4, 0), "start index in splice() is before beginning of string"),
    (("abc", 4, 0), "start index in splice() is after end of string"),
    (("abc", 0, -4), "end index in splice() is before beginning of string"),
    (("abc", 1, 3), "end index in splice() is after end of string"),
    (("abc", 2, -2), "end index is before the start index"),
    ((PanList([1]), 2, 0), "start index in splice() is after end of list"),
])
def test_splice_errors(args, message):
    assert error("splice", *args) == message


def test_splice_parse_check():
    assert syntax_error("splice", lit("a"), lit(1)) == "splice() must have three or four arguments"


def test_index():
    assert run("index", "foo", "abcfoodefoobar") == 3
    assert run("index", "f0o", "abcfoodefoobar") == -1
    assert run("index", "foo", "abcfoodefoobar", 4) == 8
    assert run("index", "", "abc", 10) == 3
    assert run("index", "foo", PanList(["Foo", "FOO", "foo", "bar"])) == 2
    assert run("index", "foo", PanList(["Foo", "FOO", "foo", "bar"]), 3) == -1
    table = PanDict(red=0xF00, green=0x0F0, blue=0x00F)
    assert run("index", 0x0F0, table) == "green"
    assert run("index", 0x0F0, table, 1) == ""
    assert run("index", 1, PanList([1.0, 1])) == 1          # a long never equals a double
    wanted = PanDict(key="foo")
    many = PanDict(a=PanDict(key="bar"), b=PanDict(key="foo"), c=PanDict(key="x"), d=PanDict(key="foo"))
    assert run("index", wanted, many) == "b"
    assert run("index", wanted, many, 1) == "d"
    assert run("index", wanted, PanList([PanDict(key="bar"), PanDict(key="foo")])) == 1


def test_index_errors():
    assert error("index", "a", "abc", "1") == "third argument of index() must be a long"
    assert error("index", 1, "abc") == "invalid argument(s) in call to index()"
    assert syntax_error("index", lit("a")) == "index() must have two or three arguments"


def test_results_are_new_containers():
    source = ProtectedDict(a=1)
    result = run("merge", source)
    assert result is not source and type(result) is PanDict
