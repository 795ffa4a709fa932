"""JSON: byte-for-byte against Gson, escaping, numbers, json_encode."""

from __future__ import annotations

import pytest

from pancompiler.output import OutputError, Profile, encode_json
from pancompiler.output.json import json_string, render_json
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList


def test_all_types_matches_gson(all_types, golden):
    assert render_json(all_types) == golden("all_types.json")


def test_edge_cases_match_gson(edge, golden):
    assert render_json(edge) == golden("edge.json")


def test_layout_and_no_trailing_newline():
    text = encode_json(PanDict({"a": PanList([1, PanDict()]), "b": PanDict({"c": PanList()})}))
    assert text == '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": {\n    "c": []\n  }\n}'


def test_empty_root():
    assert render_json(Profile("x", PanDict(), [])) == b"{}"


@pytest.mark.parametrize("raw, literal", [
    ("plain", '"plain"'),
    ("<>&='", r'"\u003c\u003e\u0026\u003d\u0027"'),
    ('"\\', r'"\"\\"'),
    ("\t\b\n\r\f", r'"\t\b\n\r\f"'),
    ("\x00\x01\x1f\x7f", '"\\u0000\\u0001\\u001f\x7f"'),
    ("\u2028\u2029", r'"\u2028\u2029"'),
    ("é中😀/", '"é中😀/"'),
])
def test_string_escaping(raw, literal):
    assert json_string(raw) == literal


@pytest.mark.parametrize("value, text", [
    (1.0, "1.0"), (1e10, "1.0E10"), (0.001, "0.001"), (1e-4, "1.0E-4"), (-0.0, "-0.0"),
    (1e7, "1.0E7"), (9999999.0, "9999999.0"), (float("nan"), "NaN"), (float("-inf"), "-Infinity"),
    (0, "0"), (-9223372036854775808, "-9223372036854775808"), (True, "true"), (False, "false"),
    ("x", '"x"'),
])
def test_scalars(value, text):
    assert encode_json(value) == text


def test_json_encode_null_and_undef():
    assert encode_json(PanList([NULL])) == "[\n  null\n]"
    with pytest.raises(OutputError, match="undef cannot be converted to JSON"):
        encode_json(PanDict({"a": UNDEF}))


@pytest.mark.parametrize("bad", [UNDEF, NULL])
def test_profile_refuses_undef_and_null(bad):
    with pytest.raises(OutputError) as err:
        render_json(Profile("x", PanDict({"k": bad}), []))
    assert err.value.path == "/k"
