"""Unit tests of the value model: Java number formatting, toString, sorting, copy-on-write."""

import pytest

from pancompiler.runtime.values import (PanDict, PanList, ProtectedDict, deep_copy, is_protected,
                                        java_double_str, protect, sorted_keys, to_string, wrap_long,
                                        writable)


@pytest.mark.parametrize("value,text", [
    (1.0, "1.0"), (3.14, "3.14"), (7495.0, "7495.0"), (1e10, "1.0E10"), (1e7, "1.0E7"),
    (9999999.0, "9999999.0"), (0.001, "0.001"), (0.0001, "1.0E-4"), (-2.5e20, "-2.5E20"),
    (0.0, "0.0"), (-0.0, "-0.0"), (float("nan"), "NaN"), (float("inf"), "Infinity"),
])
def test_java_double_str(value, text):
    assert java_double_str(value) == text


def test_to_string_matches_panc():
    value = PanDict(b=PanList([1, 2.0, "x", True]), a=PanDict())
    assert to_string(value) == "{ a, {  }, b, [ 1, 2.0, x, true ] }"


def test_dict_keys_sort_in_java_order():
    assert sorted_keys(PanDict.fromkeys(["b", "B", "a", "_", "10", "9"])) == ["10", "9", "B", "_", "a", "b"]
    # Mixed ASCII and non-ASCII keys compare by UTF-16 code units.
    assert sorted_keys(PanDict.fromkeys(["\u00e9", "z", "a"])) == ["a", "z", "\u00e9"]


def test_wrap_long():
    assert wrap_long((1 << 63)) == -(1 << 63)
    assert wrap_long(-(1 << 63) - 1) == (1 << 63) - 1


def test_copy_on_write_leaves_the_shared_value_alone():
    inner = PanList([1])
    shared = protect(PanDict(x=inner))
    copy = writable(shared)
    assert copy is not shared and not is_protected(copy)
    assert is_protected(copy["x"]), "children of a copied shared value stay shared"
    child = writable(copy["x"])
    child.append(2)
    copy["x"] = child
    assert shared["x"] == [1] and copy["x"] == [1, 2]


def test_deep_copy_is_independent():
    original = PanDict(a=PanList([PanDict(b=1)]))
    clone = deep_copy(original)
    clone["a"][0]["b"] = 2
    assert original["a"][0]["b"] == 1
    assert type(deep_copy(protect(PanDict()))) is PanDict
    assert type(protect(PanDict())) is ProtectedDict
