"""The diff command's options and output formats beyond the goldens.

Markdown truncation keeps the totals; ``--ignore`` and ``--object`` filter;
``--exit-code`` follows ``git diff``; colour only when asked or on a
terminal; two single profiles of different names are one object; pan XML
profiles read the same as JSON ones (compiled here by our panc); bad input
gives one line and exit status 2, and ``--output`` is not touched then.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pancompiler.review.builds import diff_sides
from pancompiler.review.cli import main
from pancompiler.review.profiles import open_side
from pancompiler.review.render_markdown import render_markdown

CASES = Path(__file__).parent / "cases"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_build(root: Path, objects: dict) -> Path:
    (root / "profiles").mkdir(parents=True)
    for name, tree in objects.items():
        (root / "profiles" / f"{name}.json").write_text(json.dumps(tree))
    return root


def test_markdown_truncation_keeps_the_totals(tmp_path) -> None:
    old = write_build(tmp_path / "old", {f"n{i:02}": {"v": 1, "w": list(range(20))} for i in range(30)})
    new = write_build(tmp_path / "new", {f"n{i:02}": {"v": 2, "w": list(range(1, 21))} for i in range(30)})
    diff = diff_sides(open_side(str(old)), open_side(str(new)))
    full = render_markdown(diff)
    short = render_markdown(diff, limit=2500)
    assert full.count("<details>") == 30 and "Truncated" not in full
    assert len(short) <= 2500
    shown = short.count("<details>")
    assert 0 < shown < 30
    assert "| 30 | 0 | 0 | 0 | 90 (+30 −30 ~30 ↕0) | 0 |" in short           # totals of the whole diff
    assert f"{30 - shown} more sections not shown ({30 - shown} objects, {3 * (30 - shown)} paths)" in short
    assert short.count("<details>") == short.count("</details>")


def test_markdown_fence_outgrows_backticks_in_values(tmp_path) -> None:
    old = write_build(tmp_path / "old", {"n": {"motd": "hello"}})
    new = write_build(tmp_path / "new", {"n": {"motd": "use ```code``` here"}})
    text = render_markdown(diff_sides(open_side(str(old)), open_side(str(new))))
    assert "````diff\n" in text and "\n````\n" in text


def test_ignore_and_object_filters(capsys) -> None:
    case = CASES / "type_changed"
    code, out, _ = run(capsys, "diff", str(case / "old"), str(case / "new"), "--ignore", "/system/p*",
                       "--ignore", "/system/disks", "--format", "json")
    assert code == 0
    assert [c["path"] for c in json.loads(out)["objects"][0]["changes"]] == ["/system/monitoring", "/system/ratio"]
    case = CASES / "rendered_file_changed"
    code, out, _ = run(capsys, "diff", str(case / "old"), str(case / "new"), "--ignore", "xen/*", "--format", "json")
    assert [f["path"] for f in json.loads(out)["objects"][0]["files"]] == ["grub/node1/menu.lst"]
    code, out, _ = run(capsys, "diff", str(case / "old"), str(case / "new"), "--object", "node2", "--exit-code")
    assert code == 0 and out.startswith("pancompiler review") and "No differences" in out


def test_exit_code_and_colour(capsys) -> None:
    case = CASES / "scalar_changed"
    assert run(capsys, "diff", str(case / "old"), str(case / "new"))[0] == 0
    code, plain, _ = run(capsys, "diff", str(case / "old"), str(case / "new"), "--exit-code")
    assert code == 1 and "\x1b[" not in plain                  # not a terminal: plain text
    assert run(capsys, "diff", str(case / "old"), str(case / "old"), "--exit-code")[0] == 0
    coloured = run(capsys, "diff", str(case / "old"), str(case / "new"), "--color", "always")[1]
    assert "\x1b[33m~ /system/kernel/version" in coloured


def test_two_profiles_of_different_names_are_one_object(tmp_path, capsys) -> None:
    a, b = tmp_path / "before.json", tmp_path / "after.json"
    a.write_text('{"x": [1, 2, 3]}')
    b.write_text('{"x": [1, 3]}')
    code, out, _ = run(capsys, "diff", str(a), str(b))
    assert code == 0
    assert "~ before (1 path changed)" in out and "- /x/1 = 2" in out


def test_pan_xml_profiles_read_as_json_ones(tmp_path, capsys) -> None:
    (tmp_path / "node.pan").write_text(
        "object template node;\n'/a/s' = 'text <&> \"q\"';\n'/a/l' = 42;\n'/a/d' = 1.5;\n"
        "'/a/b' = true;\n'/a/list' = list(1, 'x', dict('k', false));\n'/a/e' = dict();\n")
    done = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--formats", "pan,json", "--include-path",
                           str(tmp_path), "--output-dir",
                           str(tmp_path), str(tmp_path / "node.pan")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    code, out, _ = run(capsys, "diff", str(tmp_path / "node.xml"), str(tmp_path / "node.json"), "--exit-code")
    assert code == 0, out
    changed = tmp_path / "changed.json"
    changed.write_text((tmp_path / "node.json").read_text().replace("1.5", "2"))
    code, out, _ = run(capsys, "diff", str(tmp_path / "node.xml"), str(changed))
    assert "~ /a/d: 1.5 → 2  (double → long)" in out


def test_bad_input_is_one_line_and_leaves_the_output_alone(tmp_path) -> None:
    broken = write_build(tmp_path / "broken", {})
    (broken / "profiles" / "n.json").write_text("{not json")
    good = write_build(tmp_path / "good", {"n": {"a": 1}})
    output = tmp_path / "report.md"
    output.write_text("previous report\n")
    cases = [([str(tmp_path / "missing"), str(good)], "no such file or folder"),
             ([str(broken), str(good), "-o", str(output)], "n.json: not a readable profile"),
             ([str(good)], "diff needs two builds or profiles")]
    for args, expected in cases:
        done = subprocess.run([sys.executable, "-m", "pancompiler.review.cli", "diff", *args],
                              capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert output.read_text() == "previous report\n"
