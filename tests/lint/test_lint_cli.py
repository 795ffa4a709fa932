"""``panc-lint``: output formats, exit status, selection and suppression comments."""

from __future__ import annotations

from pancompiler.lint.cli import main

TEMPLATE = ("object template t;\n"
            "'/a' = 1;   \n"
            "include 'nowhere/x';\n")


def write(tmp_path, text=TEMPLATE):
    path = tmp_path / "t.pan"
    path.write_text(text)
    return str(path)


def test_text_output_shows_the_line_and_exits_1_on_errors(tmp_path, capsys):
    path = write(tmp_path)
    assert main([path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:10: LP003 advice: Trailing whitespace [trailing-whitespace]" in out
    assert f"{path}:3:9: PS003 error: template nowhere/x is on no include path" in out
    assert "    include 'nowhere/x';\n            ^^^^^^^^^^^\n" in out


def test_github_format(tmp_path, capsys):
    path = write(tmp_path)
    main(["--format", "github", path])
    out = capsys.readouterr().out.splitlines()
    assert f"::notice file={path},line=2,col=10,endColumn=12,title=LP003 trailing-whitespace::Trailing whitespace" in out
    assert any(line.startswith("::error file=") and "PS003" in line for line in out)


def test_select_and_ignore_by_id_or_name(tmp_path, capsys):
    path = write(tmp_path)
    assert main(["--select", "trailing-whitespace", path]) == 0
    out = capsys.readouterr().out
    assert "LP003" in out and "PS003" not in out
    assert main(["--ignore", "PS003,LP", path]) == 0
    assert capsys.readouterr().out == ""


def test_fail_on_lowers_the_threshold(tmp_path):
    path = write(tmp_path, "object template t;\n'/a' = 1;   \n")
    assert main([path]) == 0
    assert main(["--fail-on", "advice", path]) == 1


def test_suppression_comments(tmp_path, capsys):
    path = write(tmp_path, ("object template t;\n"
                            "'/a' = 1;   # panlint: disable=LP003\n"
                            "# panlint disable=LP001,include-not-found\n"
                            "  include 'nowhere/x';\n"
                            "  '/b' = 2;\n"))
    assert main([path]) == 0
    out = capsys.readouterr().out
    assert ":2:" not in out and ":4:" not in out
    assert f"{path}:5:1: LP001" in out           # the comment covers one line only


def test_bad_input_is_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.pan"
    bad.write_bytes(b"object template bad;\n'/a' = '\xff';\n")
    write(tmp_path)
    assert main([str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "bad.pan: not valid UTF-8" in captured.err
    assert "PS003" in captured.out              # the other template is still linted


def test_list_rules(capsys):
    assert main(["--list-rules"]) == 0
    out = capsys.readouterr().out
    assert "LP001  indentation" in out and "PS001  read-before-assign" in out
