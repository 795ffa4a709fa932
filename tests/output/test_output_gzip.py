"""Gzip as java.util.zip.GZIPOutputStream writes it."""

from __future__ import annotations

import gzip
import zlib

import pytest

from pancompiler.output import FORMATS, java_gzip
from pancompiler.output.compress import GZIP_HEADER


def test_header_bytes():
    data = java_gzip(b"hello")
    assert data[:10] == bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
    assert GZIP_HEADER == data[:10]


def test_round_trip_and_trailer():
    payload = b"x" * 100_000 + bytes(range(256))
    data = java_gzip(payload)
    assert gzip.decompress(data) == payload
    assert int.from_bytes(data[-8:-4], "little") == zlib.crc32(payload)
    assert int.from_bytes(data[-4:], "little") == len(payload)


def test_empty_input():
    assert java_gzip(b"").hex() == "1f8b08000000000000ff03000000000000000000"


@pytest.mark.parametrize("key, plain", [("pan.gz", "pan"), ("xml.gz", "xml"), ("json.gz", "json"),
                                        ("dep.gz", "dep")])
def test_gz_formats_wrap_plain_ones(all_types, key, plain):
    assert FORMATS[key].suffix == FORMATS[plain].suffix + ".gz"
    assert gzip.decompress(FORMATS[key].render(all_types)) == FORMATS[plain].render(all_types)


@pytest.mark.parametrize("fixture, name", [("all_types", "all_types"), ("edge", "edge")])
def test_bytes_match_java(request, golden, fixture, name):
    # Same deflate stream as Java's needs the same zlib underneath (here 1.2.x).
    profile = request.getfixturevalue(fixture)
    assert FORMATS["pan.gz"].render(profile) == golden(f"{name}.xml.gz")
    assert FORMATS["json.gz"].render(profile) == golden(f"{name}.json.gz")
