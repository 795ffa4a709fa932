"""``panc-fmt``: check mode (diff, exit 1), write mode, errors, standard input."""

from __future__ import annotations

import subprocess
import sys

from pancompiler.fmt.cli import main

UGLY = "object template t;\n'/a' = {\n  1;\n};\n"
PRETTY = "object template t;\n'/a' = {\n    1;\n};\n"


def test_check_prints_a_diff_and_exits_1(tmp_path, capsys):
    path = tmp_path / "t.pan"
    path.write_text(UGLY)
    assert main(["--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "-  1;\n+    1;\n" in out
    assert path.read_text() == UGLY          # check never writes


def test_check_on_formatted_templates_exits_0(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.pan").write_text(PRETTY)
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_write_rewrites_in_place_keeping_the_mode(tmp_path):
    path = tmp_path / "t.pan"
    path.write_text(UGLY)
    path.chmod(0o640)
    assert main(["--write", str(path)]) == 0
    assert path.read_text() == PRETTY
    assert path.stat().st_mode & 0o777 == 0o640
    assert main(["--check", str(path)]) == 0


def test_a_bad_template_is_reported_on_one_line_and_left_alone(tmp_path, capsys):
    bad = tmp_path / "bad.pan"
    bad.write_text("template bad;\n'/a' = <<EOT;\n  x\n")
    good = tmp_path / "good.pan"
    good.write_text(UGLY)
    assert main(["--write", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "heredoc" in err and "Traceback" not in err
    assert bad.read_text() == "template bad;\n'/a' = <<EOT;\n  x\n"
    assert good.read_text() == PRETTY


def test_missing_path_is_an_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.pan")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_stdin_to_stdout():
    run = subprocess.run([sys.executable, "-m", "pancompiler.fmt.cli", "-"], input=UGLY,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout == PRETTY
