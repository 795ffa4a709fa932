"""Shared fixtures for the formatter tests: the trees behind the Java goldens."""

from __future__ import annotations

from pathlib import Path

import pytest

from pancompiler.output import Dependency, Profile
from pancompiler.runtime.values import PanDict, PanList

GOLDEN = Path(__file__).parent / "golden"


def all_types_tree() -> PanDict:
    return PanDict({
        "long": 42, "neg": -9223372036854775808, "double": 1.0, "big": 1e10, "small": 0.001,
        "tiny": 1e-4, "t": True, "f": False,
        "str": "Hello World!", "empty": "",
        "esc": "a&b<c>d\"e'f\tg\rh=i\\j",
        "multi": "line1\nline2\r\nend",
        "uni": "caf\u00e9 \u4e2d \u2028 \U0001F600 \x85",
        "ctl": "bell\x07",
        "edict": PanDict(), "elist": PanList(),
        "nested": PanDict({"l": PanList([1, PanList(), PanDict({"k": "v"}), 2.5]),
                           "d": PanDict({"x": PanDict()})}),
        "long_label": "abcdefghijklmnopqrstuvwxyz",
    })


def edge_tree() -> PanDict:
    return PanDict({
        "b56": "\x01" * 56, "b57": "\x01" * 57, "b58": "\x01" * 58, "b114": "\x01" * 114,
        "b200": "\x01\u00e9" * 100,
        "fffe": "x\ufffey", "cut": "abcdefghij\U0001F600xyz", "cut2": "abcdefghi\U0001F600xyz",
        "nl": "a\n\n\rb", "quote": 'say "hi"',
        "d": PanDict({"e": PanList(["\U0001F600", "\x00"])}),
    })


@pytest.fixture
def all_types() -> Profile:
    return Profile("profiles/node1", all_types_tree(), [])


@pytest.fixture
def edge() -> Profile:
    return Profile("edge", edge_tree(), [])


@pytest.fixture
def golden():
    def read(name: str) -> bytes:
        return (GOLDEN / name).read_bytes()
    return read


@pytest.fixture
def deps() -> list[Dependency]:
    return [
        Dependency("profiles/node1", "PAN", "file:/src/"),
        Dependency("a/zzz", "TPL", "file:/old/"),
        Dependency("a/b", "PAN", "file:/src/"),
        Dependency("a/missing", "ABSENT_SOURCE", ""),
        Dependency("a/b", "PAN", "file:/src/"),            # duplicate: written once
        Dependency("Z", "PAN", "file:/src/"),               # upper case sorts first
        Dependency("a/b", "TEXT", "file:/src/"),
    ]
