"""json_decode (Gson's lenient reader) and json_encode (Gson's pretty printer)."""

import math

import pytest

from builtin_helpers import error, lit, run, syntax_error
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList


@pytest.mark.parametrize("text,expected", [
    ("true", True), ("1234", 1234), ("1234.56", 1234.56), ('"string"', "string"),
    ('[1, 2, "three"]', [1, 2, "three"]), ('{"a": 1, "b": 2}', {"a": 1, "b": 2}),
    ('{"a": 1, "b": null}', {"a": 1}), ("[1, null]", [1, NULL]), ("null", NULL),
    ("-0", 0), ("1.5e3", 1500.0), ('"\\u00e9\\n"', "é\n"), ('"\\ud83d\\ude00"', "😀"),
    # Gson's lenient extensions
    ("abc", "abc"), ("01", "01"), ("TRUE", True), ("[1,]", [1, NULL]), ("[,1]", [NULL, 1]),
    ("{a=1; b=>2}", {"a": 1, "b": 2}), ("{'x': 'y'}", {"x": "y"}), ("// c\n[1 # x\n,2]", [1, 2]),
    (")]}'\n[1]", [1]), ('{"{a b}": 1}', {"a_20b": 1}),
])
def test_json_decode(text, expected):
    result = run("json_decode", text)
    assert result == expected
    assert type(result) is type(expected) or isinstance(expected, (dict, list))
    if isinstance(expected, dict):
        assert type(result) is PanDict
    if isinstance(expected, list):
        assert type(result) is PanList


@pytest.mark.parametrize("text,detail", [
    ("{[{", "com.google.gson.stream.MalformedJsonException: Expected name at line 1 column 2 path $."),
    ("[[", "java.io.EOFException: End of input at line 1 column 3 path $[0][0]"),
    ("hello world", "JSON document was not fully consumed."),
    ('{"a" 1}', "com.google.gson.stream.MalformedJsonException: Expected ':' at line 1 column 7 path $.a"),
    ("[1 2]", "com.google.gson.stream.MalformedJsonException: Unterminated array at line 1 column 5 path $[1]"),
    ('"a\\qb"', "com.google.gson.stream.MalformedJsonException: Invalid escape sequence at line 1 column 5 path $"),
    ("1e5", 'java.lang.NumberFormatException: For input string: "1e5"'),
])
def test_json_decode_errors(text, detail):
    assert error("json_decode", text) == f"invalid JSON value {text}: {detail}"


def test_json_decode_key_errors():
    assert error("json_decode", '{"a": {"0": "b"}}') == "JSON path '$.a.0' is not a valid PAN path"
    assert error("json_decode", '{"a b": 1}') == "invalid path term or nlist key: 'a b'"
    assert error("json_decode", '{"a": 1, "a": "x"}') == \
        "existing element of type long cannot be replaced by one of type string"
    assert error("json_decode", 1) == "argument for json_decode() must be a string"
    assert syntax_error("json_decode") == "json_decode() requires exactly one argument"


def test_json_encode_scalars():
    assert run("json_encode", True) == "true"
    assert run("json_encode", 1234) == "1234"
    assert run("json_encode", 1234.56) == "1234.56"
    assert run("json_encode", 1e10) == "1.0E10"
    assert run("json_encode", math.nan) == "NaN"
    assert run("json_encode", "string") == '"string"'
    assert run("json_encode", "<a href='x'>&\u2028\x01\"\\") == \
        '"\\u003ca href\\u003d\\u0027x\\u0027\\u003e\\u0026\\u2028\\u0001\\"\\\\"'
    assert run("json_encode", NULL) == "null"


def test_json_encode_pretty_prints_like_gson():
    value = PanDict(b=PanList([1, NULL, PanDict()]), a=PanList(), c=PanDict(x="y"))
    assert run("json_encode", value) == (
        '{\n  "a": [],\n  "b": [\n    1,\n    null,\n    {}\n  ],\n  "c": {\n    "x": "y"\n  }\n}')


def test_json_encode_undef():
    assert error("json_encode", UNDEF) == "undef cannot be converted to JSON"
    assert error("json_encode", PanDict(a=UNDEF)) == "undef cannot be converted to JSON"
    assert syntax_error("json_encode", lit(1), lit(2)) == "json_encode() requires exactly one argument"


def test_json_round_trip():
    value = PanDict(name="x", ports=PanList([80, 443]), ratio=0.5, on=True, sub=PanDict(k=PanList()))
    assert run("json_decode", run("json_encode", value)) == value
