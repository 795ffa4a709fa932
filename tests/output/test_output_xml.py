"""pan XML: byte-for-byte against the JDK transformer, plus the escaping rules."""

from __future__ import annotations

import pytest

from pancompiler.output import FORMATS, OutputError, Profile
from pancompiler.output.xml import (escape_attr, escape_text, is_valid_xml_string, panc_base64,
                                    render_xml, xml_document)
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList


def test_all_types_matches_java(all_types, golden):
    assert render_xml(all_types) == golden("all_types.xml")


def test_edge_cases_match_java(edge, golden):
    assert render_xml(edge) == golden("edge.xml")


def test_pan_and_xml_keys_are_identical(all_types):
    assert FORMATS["pan"].render(all_types) == FORMATS["xml"].render(all_types)
    assert FORMATS["pan"].suffix == FORMATS["xml"].suffix == ".xml"


def test_layout():
    doc = xml_document(PanDict({"a": PanDict({"b": "x"}), "l": PanList([1])}))
    assert doc == (
        '<?xml version="1.0" encoding="UTF-8"?><nlist format="pan" name="profile">\n'
        '    <nlist name="a">\n'
        '        <string name="b">x</string>\n'
        '    </nlist>\n'
        '    <list name="l">\n'
        '        <long>1</long>\n'
        '    </list>\n'
        '</nlist>\n'
    )


def test_empty_root():
    assert xml_document(PanDict()) == (
        '<?xml version="1.0" encoding="UTF-8"?><nlist format="pan" name="profile"/>\n')


def test_empty_elements():
    doc = xml_document(PanDict({"d": PanDict(), "l": PanList([PanList(), PanDict(), ""])}))
    assert '    <nlist name="d"/>\n' in doc
    assert '        <list/>\n        <nlist/>\n        <string/>\n' in doc


@pytest.mark.parametrize("raw, escaped", [
    ("plain", "plain"),
    ("a&b<c>d", "a&amp;b&lt;c&gt;d"),
    ("\"'\t\n", "\"'\t\n"),
    ("cr\r", "cr&#13;"),
    ("\x7f\x85\x9f\xa0", "&#127;&#133;&#159;\xa0"),
    ("\u2028\u2029", "\u2028\u2029"),
    ("\U0001F600", "&#128512;"),
    ("\U0010FFFF", "&#1114111;"),
    ("\ufffd", "\ufffd"),
])
def test_text_escaping(raw, escaped):
    assert escape_text(raw) == escaped


@pytest.mark.parametrize("raw, escaped", [
    ("key_1.a-b+c", "key_1.a-b+c"),
    ('&<>"', "&amp;&lt;&gt;&quot;"),
    ("'", "'"),
    ("\t\n\r\x01", "&#9;&#10;&#13;&#1;"),
    ("\x85", "\x85"),
    ("\U0001F600", "&#128512;"),
])
def test_attribute_escaping(raw, escaped):
    assert escape_attr(raw) == escaped


def test_escaped_key_in_attribute():
    doc = xml_document(PanDict({'a"<&>': 1}))
    assert '<long name="a&quot;&lt;&amp;&gt;">1</long>' in doc


@pytest.mark.parametrize("s, valid", [
    ("", True), ("\t\n\r x", True), ("\ud7ff\ue000\ufffd", True), ("\U00010000\U0010FFFF", True),
    ("\x00", False), ("\x08", False), ("\x1f", False), ("\ufffe", False), ("\uffff", False),
    ("\ud800", False), ("a\udfff", False),
    ("\ud83d\ude00", True),      # a surrogate pair held as two code points
])
def test_valid_xml_string(s, valid):
    assert is_valid_xml_string(s) is valid


def test_base64_string():
    doc = xml_document(PanDict({"s": "a\x01b"}))
    assert '<string name="s" encoding="base64">YQFi</string>' in doc


@pytest.mark.parametrize("n, lines", [(0, [""]), (56, ["A" * 75 + "="]), (57, ["A" * 76, ""]),
                                      (58, ["A" * 76, "AA=="]), (114, ["A" * 76, "A" * 76, ""])])
def test_panc_base64_line_breaks(n, lines):
    assert panc_base64(b"\x00" * n).split("\n") == lines


def test_base64_of_lone_surrogate_uses_question_mark():
    doc = xml_document(PanDict({"s": "\ud800"}))
    assert '<string name="s" encoding="base64">Pw==</string>' in doc


@pytest.mark.parametrize("bad", [UNDEF, NULL])
def test_undef_and_null_are_errors(bad):
    root = PanDict({"a": PanDict({"b": PanList([1, bad])})})
    with pytest.raises(OutputError) as err:
        render_xml(Profile("x", root, []))
    assert err.value.path == "/a/b/1"
