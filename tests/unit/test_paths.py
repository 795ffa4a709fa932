"""Unit tests of pan paths, terms and escaping (runtime.paths)."""

import pytest

from pancompiler.runtime.paths import (PathError, escape, parse_path, term_from_string,
                                       term_from_value, unescape)


@pytest.mark.parametrize("text,kind,terms,authority", [
    ("/", "absolute", (), None),
    ("/a/b/0/c", "absolute", ("a", "b", 0, "c"), None),
    ("/a/b/", "absolute", ("a", "b"), None),            # trailing slash tolerated
    ("a/b", "relative", ("a", "b"), None),
    ("node1:/a/b", "external", ("a", "b"), "node1"),
    ("profiles/node1:a", "external", ("a",), "profiles/node1"),
    ("/a/{x/y}", "absolute", ("a", "x_2fy"), None),
    ("/a/-1", "absolute", ("a", -1), None),
])
def test_parse_path(text, kind, terms, authority):
    path = parse_path(text)
    assert (path.kind, path.terms, path.authority) == (kind, terms, authority)


@pytest.mark.parametrize("text,message", [
    ("/a//b", "empty string cannot be used"),
    ("/a/01", "leading zero"),
    ("/0", "first term in path must be a key"),
    ("/a/b c", "invalid path term"),
    ("/a/{b", "mismatched or nested braces"),
    ("/a/{b{c}}", "mismatched or nested braces"),
    ("bad name:/a", "invalid authority"),
    ("", "relative path must have at least one term"),
])
def test_bad_paths(text, message):
    with pytest.raises(PathError, match=message):
        parse_path(text)


def test_relative_paths_may_start_with_an_index_where_allowed():
    assert parse_path("0/a", allow_all_relative=True).terms == (0, "a")


@pytest.mark.parametrize("raw,escaped", [
    ("", "_"),
    ("abc", "abc"),
    ("a/b", "a_2fb"),
    ("1abc", "_31abc"),
    ("a1", "a1"),
    ("_", "_5f"),
    ("a.b-c", "a_2eb_2dc"),
    ("\u00e9", "_e9"),
])
def test_escape_round_trip(raw, escaped):
    assert escape(raw) == escaped
    assert unescape(escaped) == raw


def test_escape_rejects_characters_beyond_latin1():
    with pytest.raises(PathError, match="cannot be escaped"):
        escape("\u20ac")


@pytest.mark.parametrize("bad", ["a_2", "a_zz1"])
def test_unescape_rejects_bad_sequences(bad):
    with pytest.raises(PathError):
        unescape(bad)


def test_terms_from_values():
    assert term_from_string("12") == 12
    assert term_from_string("{a b}") == "a_20b"
    assert term_from_value("key") == "key"
    assert term_from_value(3) == 3
    with pytest.raises(PathError, match="not a valid index"):
        term_from_value(1.5)
    with pytest.raises(PathError, match="exceeds largest permitted value"):
        term_from_value(1 << 40)
