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


def _java_path_compare(a: tuple, b: tuple) -> int:
    """panc's Path.compareTo, written plainly: longer first, then term by term; an index comes
    before a key, indexes by value, keys by their UTF-16 code units."""
    if len(a) != len(b):
        return len(b) - len(a)
    for x, y in zip(a, b):
        if type(x) is int and type(y) is int:
            if x != y:
                return -1 if x < y else 1
        elif type(x) is int or type(y) is int:
            return -1 if type(x) is int else 1
        elif _utf16_units(x) != _utf16_units(y):
            return -1 if _utf16_units(x) < _utf16_units(y) else 1
    return 0


def _utf16_units(text: str) -> list:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def test_bind_order_key_sorts_as_panc_compares_paths():
    import functools
    import random
    from pancompiler.runtime.context import _terms_order
    rng = random.Random(7)
    pieces = ["a", "b", "_", "0", "z", "é", "\u4e2d", "\U0001F600", "\uffff", "ab"]

    def term():
        if rng.random() < 0.3:
            return rng.choice([0, 1, 2, 10, 255, 256, 2 ** 31, rng.randint(0, 10 ** 12)])
        return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))

    paths = [tuple(term() for _ in range(rng.randint(1, 5))) for _ in range(3000)]
    paths += [p[:k] for p in paths[:500] for k in range(1, len(p))]
    expected = sorted(paths, key=functools.cmp_to_key(_java_path_compare))
    assert sorted(paths, key=_terms_order) == expected
