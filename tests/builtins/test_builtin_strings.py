"""escape, unescape, format, join, match, matches, replace, split, substr, case."""

import pytest

from builtin_helpers import check, error, lit, run, syntax_error, var
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList


# ------------------------------------------------------------ escape/unescape

@pytest.mark.parametrize("raw,escaped", [
    ("", "_"), ("abc123", "abc123"), ("123abc", "_3123abc"), ("_+", "_5f_2b"),
    ("a/b", "a_2fb"), ("\u0080\u00a4\u00ee", "_80_a4_ee"), ("1+2=3", "_31_2b2_3d3"),
])
def test_escape_and_unescape(raw, escaped):
    assert run("escape", raw) == escaped
    assert run("unescape", escaped) == raw


def test_escape_errors():
    assert error("escape", "\u0100") == "string contains character which cannot be escaped: 100"
    assert error("escape", 1) == "escape argument is not a string: long"
    assert error("unescape", "_1") == "string contains incomplete escape sequence"
    assert error("unescape", "_5g") == "string contains invalid escape sequence: 5g"
    assert error("unescape", PanList()) == "unescape argument is not a string: list"


def test_escape_checks_constants_while_parsing():
    assert syntax_error("escape") == "escape() requires exactly one string argument"
    assert syntax_error("unescape", lit("a"), lit("b")) == \
        "unescape() requires exactly one string argument"
    assert syntax_error("escape", lit(3)) == "escape argument is not a string: long"
    assert syntax_error("escape", lit("\u0100")) == \
        "string contains character which cannot be escaped: 100"
    check("escape", var("x"))


# --------------------------------------------------------------------- format

def test_format_maps_pan_values_like_panc():
    assert run("format", "%x", 15) == "f"
    assert run("format", "%s|%s", PanList([1, 2, 3]), PanDict(entry1=1, entry2=2)) == \
        "[ 1, 2, 3 ]|{ entry1, 1, entry2, 2 }"
    assert run("format", "%.2f", 1.15) == "1.15"
    assert run("format", "%s", 1.0e7) == "1.0E7"
    assert run("format", "no specifiers", "ignored") == "no specifiers"


@pytest.mark.parametrize("args,detail", [
    (("%d", PanList([1])), "d != java.lang.String"),
    (("%q",), "Conversion = 'q'"),
    (("%x", "BAD"), "x != java.lang.String"),
    (("%x%x", 1), "Format specifier '%x'"),
    (("%d", 1.5), "d != java.lang.Double"),
])
def test_format_mismatches(args, detail):
    assert error("format", *args) == \
        f"invalid format specification or mismatched types in format(): {detail}"


def test_format_argument_errors():
    assert error("format", 1) == "first argument to format() must be a string"
    assert error("format", "%s", UNDEF) == "all arguments to format() must be primitive types"
    assert error("format", "%s", NULL) == "all arguments to format() must be primitive types"
    assert syntax_error("format") == "first argument of format() must be a string"


# ----------------------------------------------------------------------- join

def test_join():
    assert run("join", "-", PanList(["1", "2", "3"])) == "1-2-3"
    assert run("join", "-", "1", "2", "3") == "1-2-3"
    assert run("join", ",", PanList()) == ""


@pytest.mark.parametrize("args,message", [
    ((1, "a", "b"), "first argument in join() must be a string"),
    (("-", PanList([1, 2])), "join() only accepts strings as elements in the list"),
    (("-", PanList([PanList(["1"]), "2"])), "join() doesn't accept nested elements in the passed list"),
    ((",", PanDict(key1=1)), "join() only accepts strings or a list of strings as input arguments"),
    (("-", PanList(["a"]), "c"),
     "join() only accepts a single list as an argument or all the arguments individually"),
    ((",", "a", "b", 1), "join() only accepts strings or a list of strings as input arguments"),
])
def test_join_errors(args, message):
    assert error("join", *args) == message


def test_join_parse_checks():
    assert syntax_error("join", lit("-")) == "join() requires two or more arguments"
    assert syntax_error("join", lit("-"), lit(NULL)) == "value cannot be null for join()"
    assert syntax_error("join", lit(NULL), lit("a"), lit("b")) == "value cannot be null for join()"
    assert syntax_error("join", lit(","), lit("a")) == \
        "second argument of join() must be a variable reference or a list"
    check("join", lit(","), var("x"))


# ------------------------------------------------------------ match, matches

def test_match_finds_anywhere():
    assert run("match", "foo", "o") is True
    assert run("match", "foo", "x") is False
    assert run("match", "HelLo", "^hello$") is False
    assert run("match", "HelLo", "^(?i)hello$") is True
    assert run("match", "HelLo", "^hello$", "i") is True
    assert run("match", "item99,item2", "(^|.*,)item5(,.*)*$") is False


def test_matches_returns_groups_up_to_the_last_matched():
    assert run("matches", "137.138.16.5", r"^(\d+)\.(\d+)\.(\d+)\.(\d+)$") == \
        ["137.138.16.5", "137", "138", "16", "5"]
    assert run("matches", "137.138.16.5", r"^(\d+\.){3}(\d+)$") == ["137.138.16.5", "16.", "5"]
    assert run("matches", "b", "(a)?(b)(c)?") == ["b", "", "b"]
    assert run("matches", "1.2.3.4 ", r"^(\d+)\.(\d+)\.(\d+)\.(\d+)$") == []
    assert isinstance(run("matches", "x", "y"), PanList)


def test_match_runtime_errors():
    assert error("match", UNDEF, "x") == "match() arguments must all be strings; undef found"
    assert error("matches", "a", 1, 2.0) == "matches() arguments must all be strings; double found"
    assert error("match", "a", "a", "q") == "invalid matching flag for regular expression: q"
    assert error("match", "12323", "^1[23+$").startswith(
        "invalid regular expression: Unclosed character class near index 6\n^1[23+$")


def test_match_parse_checks():
    assert syntax_error("match", lit("12323")) == "match() must have two or three arguments"
    assert syntax_error("matches", var("x"), lit("a"), lit("i"), lit("x")) == \
        "matches() must have two or three arguments"
    assert syntax_error("match", lit(UNDEF), lit("x")) == \
        "match() arguments must all be strings; undef found"
    assert syntax_error("match", var("x"), lit("^1[23+$")).startswith(
        "invalid regular expression: Unclosed character class")
    assert syntax_error("match", var("x"), lit("a"), lit("z")) == \
        "invalid matching flag for regular expression: z"
    check("match", var("x"), var("re"))
    check("match", var("x"), lit("^a"), lit("i"))


# ------------------------------------------------------------ replace, split

def test_replace():
    assert run("replace", r"\d", "-", "a1b2c3d") == "a-b-c-d"
    assert run("replace", "(a)(b)?", "[$1|$2]", "ab a") == "[a|b] [a|]"
    assert run("replace", "a", r"\$", "banana") == "b$n$n$"


@pytest.mark.parametrize("args,message", [
    ((1, "-", "x"), "first argument to replace() must be a regular expression string"),
    (("a", 1, "x"), "second argument to replace() must be a replacement string"),
    (("a", "-", 1), "third argument to replace() must be a string"),
    (("BAD", "$OK", "BAD"), "invalid replacement string; check '$' and '\\' characters"),
])
def test_replace_errors(args, message):
    assert error("replace", *args) == message


def test_replace_regex_errors_are_found_at_run_time():
    check("replace", lit(r"\p"), lit("-"), lit("a"))
    assert error("replace", r"\p", "-", "a1b2").startswith("invalid regular expression: ")
    assert syntax_error("replace", lit("a"), lit("b")) == "replace() requires exactly three arguments"


def test_split():
    assert run("split", r"\s*,\s*", 0, "a,b , c,,") == ["a", "b", "c"]
    assert run("split", r"\s*,\s*", "a,b , c,,") == ["a", "b", "c"]
    assert run("split", r"\s*,\s*", -1, "a,b , c,,") == ["a", "b", "c", "", ""]
    assert run("split", r"\s*,\s*", 2, "a,b , c,,") == ["a", "b , c,,"]
    assert run("split", "", "abc") == ["a", "b", "c"]
    assert run("split", ",", "") == [""]
    assert run("split", ",", (1 << 32) + 1, "a,b") == ["a,b"]   # limit is cast to int: 1


@pytest.mark.parametrize("args,message", [
    ((1, "x"), "first argument to split() must be a regular expression string"),
    ((",", "2", "a"), "second argument to split() must be a long value"),
    ((",", 1), "last argument to split() must be a string"),
])
def test_split_errors(args, message):
    assert error("split", *args) == message


# --------------------------------------------------------------------- substr

@pytest.mark.parametrize("args,expected", [
    (("abcdef", 2), "cdef"), (("abcdef", 2, 2), "cd"), (("abcdef", -2), "ef"),
    (("abcdef", 1, -1), "bcde"), (("abcdef", 6), ""), (("a😀b", 1, 2), "😀"),
])
def test_substr(args, expected):
    assert run("substr", *args) == expected


@pytest.mark.parametrize("args,message", [
    ((1, 0), "first argument to substr() must be a string"),
    (("abc", "0"), "second argument to substr() must be a long"),
    (("abc", 1 << 40), f"second argument to substr() cannot be converted to int: {1 << 40}"),
    (("abc", 4), "start index in substr() is greater than the string length"),
    (("abc", -4), "start index in substr() is less than zero"),
    (("abc", 0, "1"), "second and optional third arguments to substr() must be longs"),
    (("abc", 0, 1 << 40), f"third argument to substr() cannot be converted to int: {1 << 40}"),
    (("abc", 1, 3), "end index in substr() is greater than the string length"),
    (("abc", 0, -4), "end index in substr() is less than zero"),
    (("abc", 2, -2), "start index is after ending index in substr()"),
])
def test_substr_errors(args, message):
    assert error("substr", *args) == message


# ------------------------------------------------------------------- case

def test_case_conversion():
    assert run("to_lowercase", "OK") == "ok"
    assert run("to_uppercase", "straße") == "STRASSE"
    assert run("to_lowercase", "ΟΔΟΣ") == "οδος"
    assert error("to_lowercase", 1) == "invalid argument to to_lowercase(); string required"
    assert error("to_uppercase", UNDEF) == "invalid argument to to_uppercase(); string required"
    assert syntax_error("to_uppercase") == "to_uppercase() requires exactly one string argument"
