"""The persistent parsed-template cache: hits, misses, damage, versions, concurrency, the CLI."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pancompiler.cache import templates
from pancompiler.cache.templates import TemplateCache, _encode
from pancompiler.errors import PanSyntaxError
from pancompiler.syntax.parser import parse_file

TEXT = """unique template lib/data;
variable ITEMS ?= list('a', "b\\tc", 0x1F, 1.5e3, true);
variable GONE = null;
variable NOTHING = undef;
'/data/items' = ITEMS;
'/data/nested' = { x = dict('k', -1); x['k'] = x['k'] * 2; x; };
type port = long(0..65535) with SELF != 22;
bind '/data/port' = port;
'/data/port' = 8080;
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ast"))


def test_a_hit_gives_the_tree_the_parser_gives(tmp_path):
    src = write(tmp_path / "lib" / "data.pan", TEXT)
    cache = TemplateCache(str(tmp_path / "cache"))
    first = cache.parse(str(src))
    assert (cache.hits, cache.misses) == (0, 1)
    assert len(entries(tmp_path / "cache")) == 1
    second = TemplateCache(str(tmp_path / "cache"))
    tree = second.parse(str(src))
    assert (second.hits, second.misses) == (1, 0)
    assert _encode(tree) == _encode(parse_file(str(src))) == _encode(first)
    assert tree.source.path == str(src) and tree.source.text == TEXT
    assert tree.span.source is tree.source


def test_same_bytes_elsewhere_hit_but_carry_their_own_path(tmp_path):
    a = write(tmp_path / "one" / "lib" / "data.pan", TEXT)
    b = write(tmp_path / "two" / "lib" / "data.pan", TEXT)
    cache = TemplateCache(str(tmp_path / "cache"))
    cache.parse(str(a))
    tree = cache.parse(str(b))
    assert cache.hits == 1
    assert tree.source.path == str(b)
    assert tree.statements[0].span.file == str(b)


def test_a_changed_file_misses(tmp_path):
    src = write(tmp_path / "lib" / "data.pan", TEXT)
    cache = TemplateCache(str(tmp_path / "cache"))
    cache.parse(str(src))
    write(src, TEXT.replace("8080", "8081"))
    tree = cache.parse(str(src))
    assert (cache.hits, cache.misses) == (0, 2)
    assert tree.statements[-1].expr.value == 8081
    assert len(entries(tmp_path / "cache")) == 2


@pytest.mark.parametrize("damage", [
    lambda blob: b"garbage",
    lambda blob: blob[: len(blob) // 2],
    lambda blob: blob[:-3] + b"\x00\xff\x13",
    lambda blob: templates.MAGIC + b"\x00" * 40,
    lambda blob: b"",
])
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path, damage):
    src = write(tmp_path / "lib" / "data.pan", TEXT)
    cache = TemplateCache(str(tmp_path / "cache"))
    cache.parse(str(src))
    [entry] = entries(tmp_path / "cache")
    entry.write_bytes(damage(entry.read_bytes()))
    tree = cache.parse(str(src))
    assert cache.ignored == 1 and cache.misses == 2
    assert _encode(tree) == _encode(parse_file(str(src)))
    again = TemplateCache(str(tmp_path / "cache"))
    again.parse(str(src))
    assert again.hits == 1          # the entry was written again, whole


def test_another_compiler_version_misses(tmp_path, monkeypatch):
    src = write(tmp_path / "lib" / "data.pan", TEXT)
    cache = TemplateCache(str(tmp_path / "cache"))
    cache.parse(str(src))
    monkeypatch.setattr(templates, "_version", "another-version")
    cache.parse(str(src))
    assert (cache.hits, cache.misses) == (0, 2)
    monkeypatch.setattr(templates, "_version", None)
    assert templates.syntax_version() != "another-version"
    cache.parse(str(src))
    assert cache.hits == 1


def test_the_version_digests_the_parser_sources(monkeypatch, tmp_path):
    before = templates.syntax_version()
    monkeypatch.setattr(templates, "_version", None)
    monkeypatch.setattr(templates, "__version__", "0.0.0-test")
    assert templates.syntax_version() != before


def test_syntax_errors_are_reported_as_without_cache_and_not_stored(tmp_path):
    src = write(tmp_path / "lib" / "bad.pan", "template lib/bad;\n'/x' = ;\n")
    cache = TemplateCache(str(tmp_path / "cache"))
    with pytest.raises(PanSyntaxError) as cached:
        cache.parse(str(src))
    with pytest.raises(PanSyntaxError) as plain:
        parse_file(str(src))
    assert cached.value.render() == plain.value.render()
    assert entries(tmp_path / "cache") == []


def test_an_unwritable_cache_only_costs_time(tmp_path):
    src = write(tmp_path / "lib" / "data.pan", TEXT)
    blocker = write(tmp_path / "not-a-folder", "x")
    cache = TemplateCache(str(blocker / "cache"))
    assert _encode(cache.parse(str(src))) == _encode(parse_file(str(src)))


def _parse_all(folder: str, files: list[str], rounds: int) -> int:
    cache = TemplateCache(folder)
    for _ in range(rounds):
        for path in files:
            cache.parse(path)
    return cache.ignored


def test_concurrent_writers_and_readers_never_see_half_an_entry(tmp_path):
    files = [str(write(tmp_path / "lib" / f"t{i}.pan",
                       TEXT.replace("lib/data", f"lib/t{i}") + f"'/n' = {i};\n" * (50 + i)))
             for i in range(30)]
    folder = str(tmp_path / "cache")
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        ignored = pool.starmap(_parse_all, [(folder, files, 3)] * 4)
    assert ignored == [0, 0, 0, 0]
    assert len(entries(tmp_path / "cache")) == len(files)
    assert not [p for p in (tmp_path / "cache").rglob(".tmp-*")]
    check = TemplateCache(folder)
    for path in files:
        assert _encode(check.parse(path)) == _encode(parse_file(path))
    assert check.hits == len(files)


# ---------------------------------------------------------------- the command

def panc(*args: str, env=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--no-progress", *args],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def workload(tmp_path) -> Path:
    write(tmp_path / "src" / "lib" / "data.pan", TEXT)
    write(tmp_path / "src" / "node1.pan", "object template node1;\ninclude 'lib/data';\n'/n' = 1;\n")
    return tmp_path


def outputs(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_panc_with_a_warm_cache_writes_the_same_outputs(workload):
    src, cache = workload / "src", workload / "cache"
    results = []
    for run in range(2):
        out = workload / f"out{run}"
        out.mkdir()
        panc("--include-path", str(src), "--formats", "json,pan,dep", "--template-cache", str(cache),
             "--output-dir", str(out), str(src / "node1.pan"))
        results.append(outputs(out))
    assert len(entries(cache)) == 2
    assert results[0] == results[1] and len(results[0]) == 3


def test_panc_default_cache_lives_in_the_output_state_folder_and_can_be_turned_off(workload):
    src = workload / "src"
    out = workload / "out"
    out.mkdir()
    panc("--include-path", str(src), "--output-dir", str(out), str(src / "node1.pan"))
    assert len(entries(out / ".pancompiler" / "templates")) == 2
    off = workload / "off"
    off.mkdir()
    panc("--include-path", str(src), "--output-dir", str(off), "--template-cache", "off", str(src / "node1.pan"))
    assert not (off / ".pancompiler" / "templates").exists()
    env = dict(os.environ, PANC_TEMPLATE_CACHE=str(workload / "envcache"))
    third = workload / "third"
    third.mkdir()
    panc("--include-path", str(src), "--output-dir", str(third), str(src / "node1.pan"), env=env)
    assert len(entries(workload / "envcache")) == 2
    assert outputs(out) == outputs(off) == outputs(third)
