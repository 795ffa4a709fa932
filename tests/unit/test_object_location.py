"""An object file must sit at its name below an include path root, as panc checks.

A file named after its template but outside the include path is an evaluation
error ("cannot locate object template"), a file whose name does not match its
template a syntax error ("misplaced or misnamed"), as Java panc reports them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _panc(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "pancompiler.cli", "--no-progress", "--output-dir", str(out),
           "--formats", "json", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_object_outside_include_path_cannot_be_located(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "node.pan").write_text("object template node;\n'/a' = 1;\n")
    proc = _panc(tmp_path, "--include-path", str(tmp_path), "sub/node.pan")
    assert proc.returncode == 1
    assert proc.stderr.startswith("evaluation error ["), proc.stderr
    assert "cannot locate object template named 'node'" in proc.stderr
    assert not (tmp_path / "out" / "node.json").exists()


def test_misnamed_object_is_a_syntax_error(tmp_path: Path):
    (tmp_path / "file.pan").write_text("object template other;\n'/a' = 1;\n")
    proc = _panc(tmp_path, "--include-path", str(tmp_path), "file.pan")
    assert proc.returncode == 1
    assert proc.stderr.startswith("syntax error ["), proc.stderr
    assert "misplaced or misnamed template" in proc.stderr


def test_object_in_namespace_compiles(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "node.pan").write_text("object template sub/node;\n'/a' = 1;\n")
    proc = _panc(tmp_path, "--include-path", str(tmp_path), "sub/node.pan")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "sub" / "node.json").exists()


def test_object_template_found_by_if_exists_is_built_and_written(tmp_path: Path):
    # panc builds and writes every object template it compiles, whatever compiled it.
    (tmp_path / "main.pan").write_text("object template main;\n'/peer' = is_defined(if_exists('peer'));\n")
    (tmp_path / "peer.pan").write_text("object template peer;\n'/b' = 2;\n")
    proc = _panc(tmp_path, "--include-path", str(tmp_path), "main.pan")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "main.json").read_text().split() == ["{", '"peer":', "true", "}"]
    assert (tmp_path / "out" / "peer.json").read_text().split() == ["{", '"b":', "2", "}"]
