"""The orjson fast path writes exactly what the Python (Gson) writer writes, or steps aside."""

from __future__ import annotations

import random

import pytest

from pancompiler.output.fastjson import render_fast
from pancompiler.output.json import encode_json, render_json
from pancompiler.output.model import OutputError, Profile
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList


def python_writer(root) -> bytes:
    return encode_json(root, allow_null=False).encode("utf-8")


EVERY_ESCAPE = "".join(chr(i) for i in range(0x30)) + "<>&='\u2028\u2029\u00e9\u7fff\ue000\x7f\x80\x9f\\\""


@pytest.mark.parametrize("root", [
    PanDict(),
    PanDict(a=PanDict(), b=PanList(), c=PanList([PanDict(), PanList()])),
    PanDict({"k" + EVERY_ESCAPE: PanList([EVERY_ESCAPE, True, False, 0, -1, 2**63 - 1, -2**63])}),
    PanDict({"1.5": 7, "2e5": PanList([3, "1.5", "2.0", "1e5"]), "x": '": 1.5', "y": "v 1.2.3"}),
    PanDict(z=1, a=2, B=3, _=4, é=5, **{"\ue000": 6}),          # Java's key order
    ProtectedDict(l=ProtectedList([ProtectedDict(x=1.5)])),
    PanDict(strings=PanList(["null", " null", "a: null", "null,", "/dev/null"])),
], ids=["empty", "empty-children", "escapes-and-longs", "numbers-in-strings", "key-order", "protected",
        "null-in-strings"])
def test_same_bytes_as_the_python_writer(root):
    assert render_fast(root) == python_writer(root)


def test_doubles_are_written_as_java_does():
    rng = random.Random(7)
    fixed = [0.0, -0.0, 1.0, 0.1, 100.0, 1e7, 9999999.0, 0.001, 0.0009, -2.5e-8, 1e22, 1e-300, 5e-324,
             1.7976931348623157e308, 12345678901234567890.0, 2.0**-7, 1.0E10]
    drawn = [rng.random() * 10 ** rng.randint(-30, 30) for _ in range(3000)]
    drawn += [rng.uniform(-1, 1) * 2.0 ** rng.randint(-1070, 1023) for _ in range(3000)]
    for value in fixed + drawn:
        root = PanDict(v=value, l=PanList([value, 1]), **{"1.5": value})
        assert render_fast(root) == python_writer(root), value
    assert render_fast(PanDict(v=1.0e10, w=1)) == b'{\n  "v": 1.0E10,\n  "w": 1\n}'


@pytest.mark.parametrize("root", [
    PanDict(v=UNDEF),
    PanDict(v=PanList([NULL])),
    PanDict(v=float("nan")),
    PanDict(v=PanList([1, float("-inf")])),
    PanDict(v=float("inf")),
    PanDict({"\U0001F600": 1, "\uffff": 2}),        # Java sorts UTF-16 units, not code points
    PanDict(v="lone \ud800 surrogate"),
    PanDict(v=2**70),
], ids=["undef", "null", "nan", "-inf", "inf", "outside-bmp", "surrogate", "huge-long"])
def test_steps_aside_where_only_the_python_writer_is_exact(root):
    assert render_fast(root) is None


def test_render_json_keeps_the_error_for_undef():
    with pytest.raises(OutputError):
        render_json(Profile("node", PanDict(v=PanList([UNDEF])), []))


def test_render_json_outside_the_bmp_sorts_as_java():
    root = PanDict({"\U0001F600": 1, "\uffff": 2})
    assert render_json(Profile("node", root, [])) == python_writer(root)
    assert render_json(Profile("node", root, [])).index("\U0001F600".encode()) < \
        render_json(Profile("node", root, [])).index("\uffff".encode())


def test_the_exact_json_gives_back_the_tree_it_was_written_from():
    # Workers hand finished objects to each other as this JSON (driver.worker._publish).
    from pancompiler.driver.worker import tree_from_json

    def typed(value):
        if isinstance(value, PanDict):
            return ("dict", [(k, typed(v)) for k, v in value.items()])
        if isinstance(value, PanList):
            return ("list", [typed(v) for v in value])
        return (type(value).__name__, repr(value))

    root = PanDict(a=1, b=1.0, c=True, d="1", e=PanList([0, -0.0, 1e22, 5e-324, 2**63 - 1, -2**63]),
                   f=PanDict(), g=PanList(), h=EVERY_ESCAPE, i=PanDict(j=PanList([PanDict(k=False)])))
    back = tree_from_json(render_fast(root))
    assert typed(back) == typed(root)
    assert type(back) is PanDict and type(back["e"]) is PanList
