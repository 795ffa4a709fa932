"""Site builds: the SCDB layout, cross-cluster references, incremental rebuilds,
failed objects, interrupted builds, the profile index and parallel builds.

Each test writes a small site into a temporary folder and runs ``panc --site``
(or plain ``panc``) as a subprocess, then inspects the outputs, their bytes and
modification times, and the ``-v`` statistics line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def panc(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "pancompiler.cli", "-v", "--no-progress", *args],
                          capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def stats(proc: subprocess.CompletedProcess) -> dict:
    m = re.search(r"(\d+) objects: (\d+) compiled, (\d+) up to date, (\d+) failed", proc.stderr)
    assert m, proc.stderr
    return dict(zip(("total", "compiled", "skipped", "failed"), map(int, m.groups())))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Two clusters; 'hosts' reads a guest of 'guests' and a text file."""
    root = tmp_path / "site"
    write(root, "sites/common/common.pan", """
        unique template common;
        '/site/name' = 'example';
    """)
    write(root, "clusters/hosts/cluster.build.properties", "cluster.pan.includes=sites/common\n")
    write(root, "clusters/guests/cluster.build.properties", "cluster.pan.includes=sites/common\n")
    # Same template name in both clusters' site/ folders: each cluster sees its own.
    write(root, "clusters/hosts/site/role.pan", "template role;\n'/role' = 'host';\n")
    write(root, "clusters/guests/site/role.pan", "template role;\n'/role' = 'guest';\n")
    write(root, "clusters/hosts/site/motd.txt", "welcome\n")
    write(root, "clusters/hosts/profiles/hv1.pan", """
        object template hv1;
        include 'common';
        include 'role';
        '/guest_ram' = value('vm1:/hardware/ram');
        '/motd' = file_contents('motd.txt');
    """)
    write(root, "clusters/hosts/profiles/hv2.pan", """
        object template hv2;
        include 'common';
        include 'role';
    """)
    write(root, "clusters/guests/profiles/vm1.pan", """
        object template vm1;
        include 'common';
        include 'role';
        '/hardware/ram' = 2048;
    """)
    write(root, "clusters/guests/profiles/vm2.pan", """
        object template vm2;
        include 'common';
        include 'role';
        '/hardware/ram' = 1024;
    """)
    return root


def out(root: Path) -> Path:
    return root / "build" / "profiles"


def load(root: Path, name: str) -> dict:
    return json.loads((out(root) / f"{name}.json").read_text())


def profiles(root: Path) -> list[Path]:
    """The profile files (the index files profiles.json/-info.xml excluded)."""
    return sorted(p for p in out(root).glob("*.json") if p.name != "profiles.json")


def mtimes(root: Path) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in profiles(root)}


def test_scdb_layout_and_cross_cluster_reference(site: Path):
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 4
    assert load(site, "hv1") == {"guest_ram": 2048, "motd": "welcome\n", "role": "host",
                                 "site": {"name": "example"}}
    assert load(site, "vm1")["role"] == "guest"          # the guests cluster's own role.pan
    deps = (out(site) / "hv1.dep").read_text()
    assert re.search(r"^vm1 PAN file:.*/clusters/guests/profiles/$", deps, re.M), deps


def test_only_named_clusters_are_built(site: Path):
    proc = panc("--site", str(site), "--cluster", "guests")
    assert [p.stem for p in profiles(site)] == ["vm1", "vm2"]
    assert stats(proc)["compiled"] == 2


def test_nothing_changed_rebuilds_nothing(site: Path):
    panc("--site", str(site))
    before = mtimes(site)
    for p in site.rglob("*.pan"):                       # touch without changing content
        os.utime(p)
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 0 and stats(proc)["skipped"] == 4
    assert mtimes(site) == before


def test_editing_a_template_rebuilds_exactly_its_readers(site: Path):
    panc("--site", str(site))
    before = mtimes(site)
    write(site, "clusters/hosts/site/role.pan", "template role;\n'/role' = 'hypervisor';\n")
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 2                  # hv1 and hv2, not the guests
    after = mtimes(site)
    assert after["vm1.json"] == before["vm1.json"] and after["vm2.json"] == before["vm2.json"]
    assert load(site, "hv2")["role"] == "hypervisor"


def test_editing_a_file_read_with_file_contents_rebuilds_its_reader(site: Path):
    panc("--site", str(site))
    write(site, "clusters/hosts/site/motd.txt", "changed\n")
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 1
    assert load(site, "hv1")["motd"] == "changed\n"


def test_editing_a_referenced_object_rebuilds_it_and_its_readers(site: Path):
    panc("--site", str(site))
    before = mtimes(site)
    path = site / "clusters/guests/profiles/vm1.pan"
    path.write_text(path.read_text().replace("2048", "4096"))
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 2                  # vm1 and hv1 (which reads vm1)
    assert load(site, "hv1")["guest_ram"] == 4096
    assert mtimes(site)["hv2.json"] == before["hv2.json"]


def test_a_new_template_shadowing_an_old_one_is_noticed(site: Path):
    panc("--site", str(site))
    # sites/common comes after the cluster's folders: a role.pan in the cluster
    # folder itself shadows site/role.pan for that cluster.
    before = mtimes(site)
    write(site, "clusters/guests/role.pan", "template role;\n'/role' = 'shadow';\n")
    proc = panc("--site", str(site))
    assert stats(proc)["compiled"] == 3                  # vm1, vm2, and hv1 which reads vm1
    assert load(site, "vm2")["role"] == "shadow"
    assert mtimes(site)["hv2.json"] == before["hv2.json"]


def test_options_change_and_force_rebuild_everything(site: Path):
    panc("--site", str(site))
    assert stats(panc("--site", str(site), "--max-iteration", "500"))["compiled"] == 4
    assert stats(panc("--site", str(site), "--max-iteration", "500"))["compiled"] == 0
    assert stats(panc("--site", str(site), "--max-iteration", "500", "--force"))["compiled"] == 4


def test_a_failed_object_keeps_its_previous_outputs(site: Path):
    panc("--site", str(site))
    good = (out(site) / "vm2.json").read_bytes()
    stamp = (out(site) / "vm2.json").stat().st_mtime_ns
    write(site, "clusters/guests/profiles/vm2.pan", """
        object template vm2;
        include 'common';
        '/hardware/ram' = value('/hardware/missing') + 1;
    """)
    write(site, "clusters/hosts/site/role.pan", "template role;\n'/role' = 'hypervisor';\n")
    proc = panc("--site", str(site), check=False)
    assert proc.returncode == 1
    assert "evaluation error [" in proc.stderr and "vm2.pan:3" in proc.stderr
    assert stats(proc)["failed"] == 1 and stats(proc)["compiled"] == 2   # the others still build
    assert (out(site) / "vm2.json").read_bytes() == good
    assert (out(site) / "vm2.json").stat().st_mtime_ns == stamp
    assert load(site, "hv2")["role"] == "hypervisor"
    # Fixed again, it is rebuilt even though its inputs match the last good build.
    write(site, "clusters/guests/profiles/vm2.pan", """
        object template vm2;
        include 'common';
        include 'role';
        '/hardware/ram' = 1024;
    """)
    assert stats(panc("--site", str(site)))["compiled"] == 1


def test_removed_profiles_lose_their_outputs(site: Path):
    panc("--site", str(site))
    (site / "clusters/guests/profiles/vm2.pan").unlink()
    proc = panc("--site", str(site))
    assert not (out(site) / "vm2.json").exists() and not (out(site) / "vm2.dep").exists()
    assert "2 removed" in proc.stderr


def test_profile_index_files(site: Path):
    panc("--site", str(site))
    info = ET.parse(out(site) / "profiles-info.xml").getroot()
    listed = {p.text: int(p.get("mtime")) for p in info.findall("profile")}
    assert set(listed) == {"hv1.json", "hv2.json", "vm1.json", "vm2.json"}
    for name, mtime in listed.items():
        assert mtime == (out(site) / name).stat().st_mtime_ns // 1_000_000
    index = json.loads((out(site) / "profiles.json").read_text())["profiles"]
    import hashlib
    for entry in index:
        data = (out(site) / entry["file"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_object_cycle_is_reported_once_naming_every_object(tmp_path: Path):
    root = tmp_path / "site"
    write(root, "clusters/c/profiles/a.pan", "object template a;\n'/x' = value('b:/x');\n")
    write(root, "clusters/c/profiles/b.pan", "object template b;\n'/x' = value('c:/x');\n")
    write(root, "clusters/c/profiles/c.pan", "object template c;\n'/x' = value('a:/x');\n")
    proc = panc("--site", str(root), "-j", "1", check=False)
    assert proc.returncode == 1
    messages = re.findall(r"circular object dependency detected: ([a-c -> ]+)", proc.stderr)
    assert len(messages) == 1, proc.stderr
    assert {"a", "b", "c"} <= set(messages[0].replace("->", " ").split())


def test_parallel_and_sequential_builds_give_the_same_bytes(site: Path, tmp_path: Path):
    other = tmp_path / "copy"
    import shutil
    shutil.copytree(site, other)
    panc("--site", str(site), "-j", "1")
    panc("--site", str(other), "-j", "2")
    for path in out(site).iterdir():
        if path.suffix in (".json", ".dep") and path.name != "profiles.json":
            peer = (out(other) / path.name).read_text().replace(str(other), str(site))
            assert peer == path.read_text(), path.name


def test_parallel_builds_print_each_objects_messages_once(tmp_path: Path):
    # Every fourth object reads the next three, which the other worker is compiling at the same
    # time: the reader compiles them too, and their deprecated() lines must still print once, each
    # on a line of its own.
    src = tmp_path / "src"
    write(src, "lib.pan", "unique template lib;\n'/x' = 1;\n"
                          "function say = deprecated(0, 'lib is old, says ' + OBJECT);\n'/said' = say();\n")
    names = [f"n{i:02d}" for i in range(40)]
    for i, name in enumerate(names):
        reads = "".join(f"'/peer{k}' = value('{names[i + k]}:/x');\n"
                        for k in (1, 2, 3) if i % 4 == 0 and i + k < len(names))
        write(src, f"{name}.pan", f"object template {name};\ninclude 'lib';\n{reads}")
    (tmp_path / "out").mkdir()
    proc = panc("--output-dir", str(tmp_path / "out"), "--include-path", str(src), "--nthread", "2",
                *(str(src / f"{name}.pan") for name in names))
    lines = [line for line in proc.stderr.splitlines() if "lib is old" in line]
    assert sorted(lines) == sorted(f"lib is old, says {name}" for name in names), proc.stderr


def test_plain_panc_reuses_its_output_dir_incrementally(tmp_path: Path):
    src = tmp_path / "src"
    write(src, "a.pan", "object template a;\ninclude 'lib';\n")
    write(src, "b.pan", "object template b;\n'/b' = 1;\n")
    write(src, "lib.pan", "template lib;\n'/lib' = 1;\n")
    dest = tmp_path / "out"
    dest.mkdir()
    args = ["--output-dir", str(dest), "--include-path", str(src), "--formats", "json,dep",
            str(src / "a.pan"), str(src / "b.pan")]
    assert stats(panc(*args))["compiled"] == 2
    assert stats(panc(*args))["compiled"] == 0
    write(src, "lib.pan", "template lib;\n'/lib' = 2;\n")
    assert stats(panc(*args))["compiled"] == 1
    # panc's own files are untouched by our state: the .dep is still panc's format.
    assert all(len(line.split(" ")) == 3 for line in (dest / "a.dep").read_text().splitlines())


def test_a_killed_build_leaves_no_partial_profile(tmp_path: Path):
    root = tmp_path / "site"
    big = "'/data' = { r = list(); for (i = 0; i < 3000; i = i + 1) r[i] = format('%08d', i); r; };\n"
    for i in range(40):
        write(root, f"clusters/c/profiles/n{i:02d}.pan", f"object template n{i:02d};\n{big}")
    cmd = [sys.executable, "-m", "pancompiler.cli", "--site", str(root), "-j", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(profiles(root)) < 5:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = profiles(root)
    assert written, "the build was killed before writing anything; the test proves nothing"
    for path in written:
        json.loads(path.read_text())                    # every profile there is complete
    assert not list(out(root).glob("*.json.*"))         # no temporary file posing as a profile
    # The next build finishes the job and cleans up.
    assert stats(panc("--site", str(root)))["failed"] == 0
    assert not [p for p in out(root).iterdir() if p.name.endswith(".tmp")]
    assert len(profiles(root)) == 40


def test_error_formats_for_ci(tmp_path: Path):
    src = tmp_path / "src"
    write(src, "bad.pan", "object template bad;\n'/a' = value('/missing');\n")
    base = ["--output-dir", str(tmp_path), "--include-path", str(src), str(src / "bad.pan")]
    proc = panc("--error-format", "json", *base, check=False)
    assert proc.returncode == 1
    record = json.loads(proc.stderr.splitlines()[0])
    assert record["kind"] == "evaluation error" and record["object"] == "bad"
    assert record["file"].endswith("bad.pan") and (record["line"], record["column"]) == (2, 8)
    assert record["path"] == "/a"
    proc = panc("--error-format", "github", *base, check=False)
    line = proc.stderr.splitlines()[0]
    assert line.startswith("::error file=") and ",line=2,col=8,title=evaluation error::" in line
