"""The text tree format against Java's TxtFormatter."""

from __future__ import annotations

import pytest

from pancompiler.output import FORMATS, OutputError, Profile
from pancompiler.output.text import render_text, text_document
from pancompiler.runtime.values import UNDEF, PanDict, PanList


def test_all_types_matches_java(all_types, golden):
    assert render_text(all_types) == golden("all_types.txt")


def test_edge_cases_match_java(edge, golden):
    assert render_text(edge) == golden("edge.txt")


def test_layout():
    doc = text_document(PanDict({"a": PanList(["x", PanDict({"b": 2.0})]), "c": True}))
    assert doc == ("+-profile\n"
                   "  +-a\n"
                   "    $ 0 : (string) 'x'\n"
                   "    +-1\n"
                   "      $ b : (double) '2.0'\n"
                   "  $ c : (boolean) 'true'\n")


def test_key_and_suffix():
    assert FORMATS["text"].suffix == ".txt"
    assert "txt" not in FORMATS


def test_undef_is_an_error():
    with pytest.raises(OutputError):
        render_text(Profile("x", PanDict({"a": UNDEF}), []))
