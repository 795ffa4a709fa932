"""panc's annotation XML, byte for byte, and the annotation parser.

The expected files in ``cases/`` were written by Java panc's
``panc-annotations`` from the templates beside them (which were written for
these tests); ``panc-annotations`` must reproduce every byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pancompiler.annotations.cli import main
from pancompiler.annotations.parse import AnnotationError, parse_annotation

CASES = Path(__file__).parent / "cases"
TEMPLATES = sorted(p.name for p in CASES.glob("*.pan"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_same_bytes_as_panc(name, tmp_path):
    assert main(["-q", "--base-dir", str(CASES), "--output-dir", str(tmp_path), name]) == 0
    produced = (tmp_path / f"{name}.annotation.xml").read_bytes()
    assert produced == (CASES / f"{name}.annotation.xml").read_bytes()


def test_folders_keep_their_layout(tmp_path):
    src = tmp_path / "src" / "a" / "b"
    src.mkdir(parents=True)
    (src / "t.pan").write_text("@{ doc }\ntemplate a/b/t;\n")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["-q", "--base-dir", str(tmp_path / "src"), "--output-dir", str(out), "."]) == 0
    xml = (out / "a" / "b" / "t.pan.annotation.xml").read_text()
    assert "<desc> doc </desc>" in xml


def test_bad_template_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "bad.pan").write_text("template bad;\n@{x}\n'/a' = (;\n")
    (tmp_path / "badkey.pan").write_text("@{ k1 = v }\ntemplate badkey;\n")
    assert main(["-q", "--base-dir", str(tmp_path), "--output-dir", str(tmp_path), "bad.pan",
                 "badkey.pan"]) == 1
    err = capsys.readouterr().err
    assert "bad.pan:3." in err and "invalid annotation name or key: 'k1'" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.xml"))


def test_missing_output_dir(tmp_path, capsys):
    assert main(["--output-dir", str(tmp_path / "nope"), "x.pan"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_parse_descriptions_and_pairs():
    assert parse_annotation("@{ free text }").entries == (("desc", " free text "),)
    a = parse_annotation("@doc{\n  desc = first \\\n   second\n  other = 'it''s'\n}")
    assert a.name == "doc"
    assert a.entries == (("desc", "first    second"), ("other", "it's"))
    with pytest.raises(AnnotationError):
        parse_annotation("@xmlthing{ a }")
