"""``panc --site`` on SCDB checkouts laid out as quattor's ant build expects them.

Each test writes a small SCDB (``quattor.build.properties``, ``cfg/clusters``,
libraries under ``cfg/``) into a temporary folder, runs ``panc --site`` as a
subprocess and inspects the files written, the exit code and the messages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def write(root: Path, rel: str, text: str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def panc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pancompiler.cli", "--no-progress", *args],
                          capture_output=True, text=True, timeout=300)


def profiles(root: Path) -> list[str]:
    out = root / "build" / "profiles"
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.is_file() and ".pancompiler" not in p.parts and not p.name.startswith("profiles"))


@pytest.fixture
def scdb(tmp_path: Path) -> Path:
    """Two groups of clusters over a shared library; the vanilla SCDB's shape."""
    root = tmp_path / "scdb"
    write(root, "quattor.build.properties", """
        # as quattor's create-vanilla-SCDB.sh writes it
        build.annotations=${basedir}/build.annotations
        pan.formats=json,dep
        clusters.groups.enable=true
    """)
    write(root, "cfg/standard/site/role.pan", "unique template site/role;\n'/role' = ROLE;\n")
    write(root, "cfg/sites/example/site/name.pan", "unique template site/name;\n'/site' = 'example';\n")
    write(root, "cfg/os/el9/os.pan", "unique template os;\n'/os' = 'el9';\n")
    write(root, "cfg/clusters/grid/cluster.group.build.properties",
          "cluster.pan.includes=sites/example grid/umd-3 os/* standard\n")
    write(root, "cfg/clusters/grid/umd4/site/cluster_info.pan",
          "unique template cluster_info;\nvariable ROLE = 'grid';\n")
    for node in ("ce", "wn1"):
        write(root, f"cfg/clusters/grid/umd4/profiles/{node}.example.org.pan", f"""
            object template {node}.example.org;
            include 'cluster_info';
            include 'site/name';
            include 'site/role';
            include 'os';
        """)
    write(root, "cfg/clusters/grid/umd4/profiles/racks/wn2.example.org.tpl", """
        object template racks/wn2.example.org;
        '/rack' = value('ce.example.org:/role');
    """)
    write(root, "cfg/clusters/misc/nagios/cluster.build.properties", "cluster.pan.includes=standard\n")
    write(root, "cfg/clusters/misc/nagios/profiles/master.tpl.DISABLED", "object template master;\n")
    return root


def test_vanilla_shaped_scdb_builds(scdb: Path):
    proc = panc("-v", "--site", str(scdb))
    assert proc.returncode == 0, proc.stderr
    assert profiles(scdb) == ["ce.example.org.dep", "ce.example.org.json", "racks/wn2.example.org.dep",
                              "racks/wn2.example.org.json", "wn1.example.org.dep", "wn1.example.org.json"]
    ce = json.loads((scdb / "build/profiles/ce.example.org.json").read_text())
    assert ce == {"os": "el9", "role": "grid", "site": "example"}
    assert json.loads((scdb / "build/profiles/racks/wn2.example.org.json").read_text()) == {"rack": "grid"}
    assert ("cluster grid/umd4: 3 profiles, include path cfg/clusters/grid/umd4:cfg/clusters/grid/umd4/profiles:"
            "cfg/clusters/grid/umd4/site:cfg/sites/example:cfg/os/el9:cfg/standard\n") in proc.stderr
    # The glob matching nothing and the cluster without profiles are reported, not fatal.
    assert "warning: cfg/clusters/grid/umd4: cluster.pan.includes entry 'grid/umd-3'" in proc.stderr
    assert "warning: cfg/clusters/misc/nagios: no profiles" in proc.stderr
    index = (scdb / "build/profiles/profiles-info.xml").read_text()
    assert "racks/wn2.example.org.json" in index


def test_warnings_only_with_verbose(scdb: Path):
    proc = panc("--site", str(scdb))
    assert proc.returncode == 0, proc.stderr
    assert "warning:" not in proc.stderr


def test_ant_default_formats_without_pan_formats(scdb: Path):
    props = scdb / "quattor.build.properties"
    props.write_text(props.read_text().replace("pan.formats=json,dep\n", ""))
    assert panc("--site", str(scdb), "--group", "grid").returncode == 0
    assert "ce.example.org.xml" in profiles(scdb) and "ce.example.org.json" not in profiles(scdb)
    assert panc("--site", str(scdb), "--formats", "json").returncode == 0
    assert "ce.example.org.json" in profiles(scdb)


def test_one_output_folder_per_group(scdb: Path):
    with open(scdb / "quattor.build.properties", "a") as fh:
        fh.write("clusters.groups.xml=true\n")
    write(scdb, "cfg/clusters/test/umd4/profiles/ce.example.org.pan", "object template ce.example.org;\n'/test' = true;\n")
    proc = panc("--site", str(scdb))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((scdb / "build/profiles/test/ce.example.org.json").read_text()) == {"test": True}
    assert json.loads((scdb / "build/profiles/grid/ce.example.org.json").read_text())["role"] == "grid"
    assert (scdb / "build/profiles/grid/profiles-info.xml").exists()
    assert (scdb / "build/profiles/test/profiles-info.xml").exists()


def test_group_and_cluster_selection(scdb: Path):
    write(scdb, "cfg/clusters/test/umd4/profiles/t1.pan", "object template t1;\n")
    proc = panc("-v", "--site", str(scdb), "--group", "test")
    assert proc.returncode == 0, proc.stderr
    assert profiles(scdb) == ["t1.dep", "t1.json"]
    proc = panc("-v", "--site", str(scdb), "--cluster", "grid/umd4")
    assert proc.returncode == 0, proc.stderr
    assert "ce.example.org.json" in profiles(scdb) and "t1.json" in profiles(scdb)


@pytest.mark.parametrize("args,message", [
    (["--group", "prod"], "no cluster group named 'prod' (known: grid, misc)"),
    (["--cluster", "nagios"], "no cluster named 'nagios' with profiles"),
])
def test_bad_selection(scdb: Path, args, message):
    proc = panc("--site", str(scdb), *args)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"OPTIONS ERROR: {message}" or message in proc.stderr, proc.stderr
    assert not (scdb / "build/profiles").exists()


@pytest.mark.parametrize("line,message", [
    ("clusters.groups.enable=maybe", "quattor.build.properties:3: clusters.groups.enable must be true or false, not 'maybe'"),
    ("pan.formats=jsn", "quattor.build.properties:3: pan.formats: "),
    ("pan.warnings=loud", "quattor.build.properties:3: pan.warnings: must be on, off or fatal, not 'loud'"),
    ("pan.debug.include=(", "quattor.build.properties:3: pan.debug.include: invalid regular expression"),
    ("bad=\\u00zz", "quattor.build.properties:3: malformed \\uxxxx escape"),
])
def test_bad_properties_are_clear_errors(scdb: Path, line: str, message: str):
    groups = "" if line.startswith("clusters.groups") else "clusters.groups.enable=true\n"
    (scdb / "quattor.build.properties").write_text(f"# settings\n\n{line}\n{groups}")
    proc = panc("--site", str(scdb))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("OPTIONS ERROR: ") and message in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert not (scdb / "build/profiles").exists()


def test_scdb_uses_the_ant_tasks_iteration_limit(scdb: Path):
    write(scdb, "cfg/clusters/grid/umd4/profiles/loop.pan", """
        object template loop;
        '/n' = {
            i = 0;
            while (i < 6000) { i = i + 1; };
            i;
        };
    """)
    proc = panc("--site", str(scdb))
    assert proc.returncode == 1 and "loop.pan" in proc.stderr
    assert panc("--site", str(scdb), "--max-iteration", "10000").returncode == 0


def test_debug_and_warning_properties(scdb: Path):
    write(scdb, "cfg/clusters/grid/umd4/profiles/talk.pan", """
        object template talk;
        '/a' = is_defined(debug('hello from talk'));
        # deprecated() in a function: panc evaluates constant statements silently.
        function warn = deprecated(0, ARGV[0]);
        '/b' = warn('old stuff');
    """)
    quiet = panc("--site", str(scdb))
    assert quiet.returncode == 0, quiet.stderr
    assert "hello from talk" not in quiet.stderr and "old stuff" in quiet.stderr
    with open(scdb / "quattor.build.properties", "a") as fh:
        fh.write("pan.debug.include=tal.*\npan.warnings=fatal\n")
    loud = panc("--site", str(scdb), "--force")
    assert "hello from talk" in loud.stderr
    assert loud.returncode == 1 and "deprecation error: old stuff" in loud.stderr


def test_site_wide_checks_are_warnings_on_an_scdb(scdb: Path):
    # Cloned worker nodes sharing a MAC address, as in quattor's own examples.
    for node in ("wa", "wb"):
        write(scdb, f"cfg/clusters/grid/umd4/profiles/{node}.pan", f"""
            object template {node};
            '/hardware/cards/nic/eth0/hwaddr' = '00:00:1a:1a:3b:ea';
        """)
    proc = panc("--site", str(scdb))
    assert proc.returncode == 0, proc.stderr
    assert "warning: validation error [" in proc.stderr
    assert "MAC address 00:00:1a:1a:3b:ea is used by 2 machines" in proc.stderr
    with open(scdb / "quattor.build.properties", "a") as fh:
        fh.write("panc.site.checks=fatal\n")
    proc = panc("--site", str(scdb))
    assert proc.returncode == 1
    assert proc.stderr.startswith("validation error [") and "is used by 2 machines" in proc.stderr
