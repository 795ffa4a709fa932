"""Golden tests of ``panc-review diff``: one case folder per kind of change.

Each ``cases/<name>/`` holds two builds, ``old/`` and ``new/`` (profiles and
rendered files), and the expected outputs: ``expected.txt`` (terminal view,
no colour), ``expected.md`` (pull-request markdown) and ``expected.json``
(for tools).  ``PANC_UPDATE_GOLDENS=1`` rewrites them after a deliberate
change.  The tests below the golden one state what each kind must show, so a
wrong golden cannot be accepted unnoticed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pancompiler.review.builds import diff_sides
from pancompiler.review.profiles import open_side
from pancompiler.review.render_json import render_json
from pancompiler.review.render_markdown import render_markdown
from pancompiler.review.render_text import render_text

CASES = Path(__file__).parent / "cases"
UPDATE = bool(os.environ.get("PANC_UPDATE_GOLDENS"))
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "old").is_dir())


def case_diff(name: str):
    folder = CASES / name
    diff = diff_sides(open_side(str(folder / "old")), open_side(str(folder / "new")))
    diff.old_label, diff.new_label = "old", "new"
    return diff


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    diff = case_diff(name)
    produced = {"expected.txt": render_text(diff), "expected.md": render_markdown(diff),
                "expected.json": render_json(diff)}
    for filename, text in produced.items():
        golden = CASES / name / filename
        if UPDATE:
            golden.write_text(text, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == text, f"{name}/{filename} differs"


def changes(name: str, obj: str = "node1") -> list[tuple]:
    data = json.loads(render_json(case_diff(name)))
    found = [o for o in data["objects"] if o["name"] == obj]
    assert found, f"{obj} not in the diff of {name}"
    return [(c["op"], c["path"], c.get("old_pan"), c.get("new_pan")) for c in found[0]["changes"]]


def test_scalar_changed() -> None:
    assert changes("scalar_changed") == [("changed", "/system/kernel/version", '"6.1.0-18"', '"6.1.0-20"')]


def test_one_inserted_element_is_one_insertion() -> None:
    assert changes("list_element_inserted") == [("added", "/software/packages/2", None, '"curl"')]
    assert changes("list_dict_element_inserted") == [
        ("added", "/system/network/interfaces/0", None, 'dict("ip", "10.0.2.1", "name", "bond0")')]


def test_one_removed_element_is_one_removal() -> None:
    assert changes("list_element_removed") == [("removed", "/software/packages/2", '"kernel"', None)]


def test_reordered_element_is_a_move() -> None:
    data = json.loads(render_json(case_diff("list_reordered")))
    (change,) = data["objects"][0]["changes"]
    assert change["op"] == "moved"
    assert {change["old_path"], change["path"]} == {"/software/components/ntpd/servers/0",
                                                     "/software/components/ntpd/servers/1"}


def test_dict_keys_added_and_removed() -> None:
    assert changes("dict_key_added") == [("added", "/system/kernel/options/nomodeset", None, "true")]
    assert changes("dict_key_removed") == [("removed", "/system/kernel/options", 'dict("quiet", true)', None)]


def test_type_changes_are_seen_even_when_python_says_equal() -> None:
    data = json.loads(render_json(case_diff("type_changed")))
    found = {c["path"]: (c["old_type"], c["new_type"]) for c in data["objects"][0]["changes"]}
    assert found == {"/system/disks": ("dict", "list"), "/system/monitoring": ("boolean", "long"),
                     "/system/port": ("string", "long"), "/system/ratio": ("long", "double")}
    assert "(boolean → long)" in render_text(case_diff("type_changed"))


def test_objects_added_and_removed() -> None:
    added, removed = case_diff("object_added"), case_diff("object_removed")
    assert [(o.name, o.status) for o in added.objects] == [("node2", "added")]
    assert [(o.name, o.status) for o in removed.objects] == [("node2", "removed")]
    assert (added.summary.objects_added, added.summary.objects_unchanged) == (1, 1)
    assert removed.summary.objects_removed == 1


def test_rendered_files_are_unified_diffs_under_their_host() -> None:
    diff = case_diff("rendered_file_changed")
    (obj,) = diff.objects
    assert obj.name == "node1" and not obj.changes
    files = {f.path: f for f in obj.files}
    assert sorted(files) == ["grub/node1/menu.lst", "xen/node1/auto", "xen/node1/node2.cfg"]
    assert files["xen/node1/node2.cfg"].diff.splitlines()[2:] == [
        "@@ -1,3 +1,3 @@", " name = 'node2'", "-memory = 4096", "+memory = 8192", " vcpus = 2"]
    assert files["grub/node1/menu.lst"].status == "added"
    assert diff.summary.files_changed == 3 and not diff.files     # graph.json is the same on both sides


@pytest.mark.parametrize("name", NAMES)
def test_same_result_whatever_the_json_layout(name: str, tmp_path: Path) -> None:
    """Profiles in panc's layout are diffed on their text; compact JSON is parsed whole: same answer."""
    for side in ("old", "new"):
        for path in (CASES / name / side).rglob("*"):
            target = tmp_path / side / path.relative_to(CASES / name / side)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            elif path.suffix == ".json" and path.parent.name == "profiles":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(json.loads(path.read_text()), separators=(",", ":")))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
    diff = diff_sides(open_side(str(tmp_path / "old")), open_side(str(tmp_path / "new")))
    diff.old_label, diff.new_label = "old", "new"
    assert render_json(diff) == (CASES / name / "expected.json").read_text(encoding="utf-8")
