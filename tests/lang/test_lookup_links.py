"""Symbolic links and the include path: links may not lead out of it.

A file found through a link is read only when its real location lies inside
one of the include directories; the include directories themselves may be
links (a template library linked into a site).  Each test writes a small tree
with links and runs ``panc`` on it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def compile_object(include: list[Path], template: Path, outdir: Path) -> subprocess.CompletedProcess:
    outdir.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "pancompiler.cli", "--output-dir", str(outdir), "--formats", "json",
           "--include-path", ":".join(map(str, include)), str(template)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path / "outside" / "secret.txt", "top secret\n")
    write(tmp_path / "outside" / "stolen.pan", "template stolen;\n'/stolen' = true;\n")
    write(tmp_path / "outside" / "other.pan", "object template other;\n'/a' = 1;\n")
    write(tmp_path / "inc" / "sub" / "data.txt", "inside\n")
    write(tmp_path / "lib" / "libtpl.pan", "template libtpl;\n'/lib' = true;\n")
    return tmp_path


@pytest.mark.parametrize("statement", [
    "'/x' = file_contents('secret.txt');",
    "'/x' = file_exists('secret.txt');",
    "include 'stolen';",
    "'/x' = if_exists('stolen');",
    "'/x' = value('other:/a');",
])
def test_link_leading_out_is_refused(tree: Path, tmp_path: Path, statement: str):
    inc = tree / "inc"
    (inc / "secret.txt").symlink_to(tree / "outside" / "secret.txt")
    (inc / "stolen.pan").symlink_to(tree / "outside" / "stolen.pan")
    (inc / "other.pan").symlink_to(tree / "outside" / "other.pan")
    node = write(inc / "node.pan", f"object template node;\n{statement}\n")
    proc = compile_object([inc], node, tmp_path / "out")
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"evaluation error [{node}:2."), proc.stderr
    assert "symbolic link leading outside the include path" in proc.stderr
    assert "top secret" not in proc.stderr
    assert not (tmp_path / "out" / "node.json").exists()


def test_links_inside_the_include_path_are_followed(tree: Path, tmp_path: Path):
    inc = tree / "inc"
    (inc / "alias.txt").symlink_to("sub/data.txt")              # inside its own directory
    linked = tree / "linked-lib"
    linked.symlink_to(tree / "lib", target_is_directory=True)   # the include directory itself is a link
    node = write(inc / "node.pan",
                 "object template node;\n'/x' = file_contents('alias.txt');\ninclude 'libtpl';\n")
    proc = compile_object([inc, linked], node, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert '"x": "inside\\n"' in (tmp_path / "out" / "node.json").read_text()


def test_link_into_another_include_directory_is_allowed(tree: Path, tmp_path: Path):
    inc = tree / "inc"
    (inc / "shared.txt").symlink_to(tree / "lib" / "libtpl.pan")
    node = write(inc / "node.pan", "object template node;\n'/x' = file_exists('shared.txt');\n")
    proc = compile_object([inc, tree / "lib"], node, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert '"x": true' in (tmp_path / "out" / "node.json").read_text()


def test_link_retargeted_out_of_the_include_path_fails_the_rebuild(tree: Path, tmp_path: Path):
    inc = tree / "inc"
    (inc / "motd.txt").symlink_to("sub/data.txt")
    node = write(inc / "node.pan", "object template node;\n'/x' = file_contents('motd.txt');\n")
    assert compile_object([inc], node, tmp_path / "out").returncode == 0
    (inc / "motd.txt").unlink()
    (inc / "motd.txt").symlink_to(tree / "outside" / "secret.txt")
    proc = compile_object([inc], node, tmp_path / "out")
    assert proc.returncode == 1 and "symbolic link leading outside the include path" in proc.stderr
    assert "top secret" not in (tmp_path / "out" / "node.json").read_text()
