"""The dependency file: order, duplicates, URIs as java.io.File prints them."""

from __future__ import annotations

import os

import pytest

from pancompiler.output import Dependency, Profile, dependency, java_file_uri
from pancompiler.output.dep import render_dep


def test_sorted_unique_lines(deps):
    assert render_dep(Profile("p", None, deps)) == (  # type: ignore[arg-type]
        b"Z PAN file:/src/\n"
        b"a/b PAN file:/src/\n"
        b"a/b TEXT file:/src/\n"
        b"a/missing ABSENT_SOURCE \n"
        b"a/zzz TPL file:/old/\n"
        b"profiles/node1 PAN file:/src/\n"
    )


def test_no_dependencies():
    assert render_dep(Profile("p", None, [])) == b""  # type: ignore[arg-type]


def test_dependency_from_found_files(tmp_path):
    src = tmp_path / "my src"
    (src / "a").mkdir(parents=True)
    root = java_file_uri(str(src))
    assert root == "file:" + str(tmp_path).replace(" ", "%20") + "/my%20src/"
    assert dependency("a/b", str(src / "a" / "b.pan")) == Dependency("a/b", "PAN", root)
    assert dependency("a/b", str(src / "a" / "b.tpl")) == Dependency("a/b", "TPL", root)
    assert dependency("a/f.txt", str(src / "a" / "f.txt"), is_source=False) == \
        Dependency("a/f.txt", "TEXT", root)


def test_dependency_absent():
    assert dependency("x", None) == Dependency("x", "ABSENT_SOURCE", "")
    assert dependency("x", None, is_source=False) == Dependency("x", "ABSENT_TEXT", "")


def test_dependency_misnamed():
    with pytest.raises(ValueError):
        dependency("a/b", "/src/a/c.pan")
    with pytest.raises(ValueError):
        dependency("a/b", "/src/a/b.txt")


@pytest.mark.parametrize("path, is_dir, uri", [
    ("/", True, "file:/"),
    ("/a b/c%d", True, "file:/a%20b/c%25d/"),
    ("/x/[1]{2}|^`#?", False, "file:/x/%5B1%5D%7B2%7D%7C%5E%60%23%3F"),
    ("/keep/;@=&+$,!~*'()-_.", False, "file:/keep/;@=&+$,!~*'()-_."),
    ("/é€", False, "file:/%C3%A9%E2%82%AC"),
    ("/e\u0301", False, "file:/%C3%A9"),                 # NFC first, as URI.toASCIIString
    ("//a///b/", False, "file:/a/b"),
])
def test_java_file_uri(path, is_dir, uri):
    assert java_file_uri(path, is_dir) == uri


def test_java_file_uri_asks_the_file_system(tmp_path):
    assert java_file_uri(str(tmp_path)).endswith("/")
    f = tmp_path / "f"
    f.write_text("")
    assert not java_file_uri(str(f)).endswith("/")
    assert java_file_uri(os.path.relpath(str(f))) == java_file_uri(str(f))
