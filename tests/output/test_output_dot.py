"""The graphviz format against Java's DotFormatter."""

from __future__ import annotations

import pytest

from pancompiler.output.dot import HEADER, dot_document, fix_label, render_dot
from pancompiler.runtime.values import PanDict, PanList


def test_all_types_matches_java(all_types, golden):
    assert render_dot(all_types) == golden("all_types.dot")


def test_edge_cases_match_java(edge, golden):
    assert render_dot(edge) == golden("edge.dot")


def test_layout():
    doc = dot_document(PanDict({"a": PanList([1])}))
    assert doc == (HEADER
                   + '"/profile" [ label = "profile"]\n'
                   + '"/profile/a" [ label = "a" ]\n"/profile" -> "/profile/a"\n'
                   + '"/profile/a/0" [ label = "0\\n1" ]\n"/profile/a" -> "/profile/a/0"\n'
                   + "}\n")


@pytest.mark.parametrize("s, quote, label", [
    ("short", "'", "'short'"),
    ("a" * 14, "'", "'" + "a" * 14 + "'"),          # 15 with the quote: kept
    ("a" * 15, "'", "'" + "a" * 11 + "...'"),       # 16: cut to 12 units
    ("a" * 15, "", "a" * 15),
    ("a" * 16, "", "a" * 12 + "..."),
    ("x\r\n\ny\rz", "'", "'x y z'"),
    ("abcdefghij\U0001F600xyz", "'", "'abcdefghij\ud83d...'"),   # half a pair, as Java
])
def test_fix_label(s, quote, label):
    assert fix_label(s, quote) == label
