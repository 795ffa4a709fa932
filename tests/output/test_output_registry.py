"""The --formats keys, suffixes and output paths."""

from __future__ import annotations

import os

import pytest

from pancompiler.output import (DEFAULT_FORMATS, FORMATS, NO_OUTPUT_KEYS, Profile, output_path,
                                parse_formats)
from pancompiler.runtime.values import PanDict


def test_keys_and_suffixes():
    assert {k: f.suffix for k, f in FORMATS.items()} == {
        "pan": ".xml", "pan.gz": ".xml.gz", "xml": ".xml", "xml.gz": ".xml.gz",
        "json": ".json", "json.gz": ".json.gz", "text": ".txt", "dot": ".dot",
        "dep": ".dep", "dep.gz": ".dep.gz", "null": ".null",
    }
    assert all(f.key == k for k, f in FORMATS.items())
    assert NO_OUTPUT_KEYS == {"none"}


def test_parse_formats():
    assert [f.key for f in parse_formats(DEFAULT_FORMATS)] == ["pan", "dep"]
    assert [f.key for f in parse_formats("json , text,json,none,dot")] == ["json", "text", "dot"]
    assert parse_formats("none") == []


@pytest.mark.parametrize("spec, bad", [("txt", "txt"), ("pan,XML", "XML"), ("", ""), ("yaml", "yaml")])
def test_unknown_format(spec, bad):
    with pytest.raises(ValueError, match=f"^unknown formatter: {bad}$"):
        parse_formats(spec)


def test_null_format_is_empty():
    assert FORMATS["null"].render(Profile("x", PanDict({"a": 1}), [])) == b""


def test_output_path():
    assert output_path("/out", "node1", FORMATS["pan"]) == "/out/node1.xml"
    assert output_path("/out/", "profiles/site/node1", FORMATS["json.gz"]) == \
        os.path.join("/out", "profiles", "site", "node1.json.gz")
    assert output_path("out", "a.b.c", FORMATS["text"]) == "out/a.b.c.txt"
