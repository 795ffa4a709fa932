"""A mistake in one profile never costs a hypervisor its Xen and grub files.

Each test builds the example site (``sites/``, ``clusters/``, ``templates/``
copied to a temporary root), breaks it in one way a site admin could, builds
it again into the same output folder, and checks that every file derived
from profiles — ``xen/``, ``grub/``, the graph files and the profile index —
is as the good build left it, bytes and modification times; that the build
failed; and that its messages name the failure and the hosts left as they
were, never a "room or rack" or a missing profile for an object that only
failed to compile.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DERIVED = ("xen/**/*", "grub/**/*", "graph.*")
PROFILES = "profiles/*.json"
INDEX = ("profiles/profiles-info.xml", "profiles/profiles.json")


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pancompiler.cli", "--site", str(root), "--no-progress"],
                          capture_output=True, text=True, timeout=600)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every derived file and profile: relative path → (bytes, mtime in ns)."""
    out = root / "build"
    files = {}
    for pattern in DERIVED + (PROFILES,) + INDEX:
        for path in sorted(out.glob(pattern)):
            if path.is_file():
                files[str(path.relative_to(out))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


def index_entries(files: dict) -> dict[str, dict]:
    return {e["file"]: e for e in json.loads(files["profiles/profiles.json"][0])["profiles"]}


def assert_derived_files_kept(before: dict, after: dict) -> None:
    """xen/, grub/ and the graph files as they were; the index changed only for changed profiles."""
    derived = [rel for rel in before if rel.startswith(("xen/", "grub/", "graph."))]
    assert derived and {rel: after.get(rel) for rel in derived} == {rel: before[rel] for rel in derived}
    assert sorted(r for r in after if r.startswith(("xen/", "grub/", "graph."))) == sorted(derived)
    old, new = index_entries(before), index_entries(after)
    for rel, entry in old.items():
        if after.get(f"profiles/{rel}") == before.get(f"profiles/{rel}"):
            assert new.get(rel) == entry, rel
    if old == new:
        for rel in INDEX:
            assert after[rel] == before[rel]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory, example_site_copy) -> Path:
    """The example site, built once; each test starts from a copy of it (outputs included)."""
    root = example_site_copy(tmp_path_factory.mktemp("good"))
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture
def site(good_build: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(good_build, root, copy_function=shutil.copy2)   # keeps modification times
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def rebuild_broken(root: Path) -> tuple[str, dict, dict]:
    before = snapshot(root)
    proc = build(root)
    assert proc.returncode == 1, proc.stderr
    return proc.stderr, before, snapshot(root)


def held_hosts(stderr: str) -> set[str]:
    return set(re.findall(r"the Xen and grub files of (\S+) are left as they were", stderr))


def assert_no_misreading(stderr: str) -> None:
    assert "room or a rack" not in stderr
    assert "no profile named" not in stderr
    assert "there is no profile" not in stderr
    assert "Traceback" not in stderr


XEN_DB_REL = "sites/example/site/xen.pan"
HV01_GUESTS = "'hv01.example.org', list('vm01.example.org', 'vm02.example.org', 'vm03.example.org'),"


def test_guest_listed_under_two_hosts(site: Path):
    edit(site, XEN_DB_REL, HV01_GUESTS,
         "'hv01.example.org', list('vm01.example.org', 'vm02.example.org', 'vm03.example.org', "
         "'vm04.example.org'),")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    assert {"hv01.example.org", "hv02.example.org"} <= held_hosts(stderr)
    assert "graph.json and graph.dot are left as they were" in stderr


def test_guest_listed_with_no_profile(site: Path):
    edit(site, XEN_DB_REL, HV01_GUESTS,
         "'hv01.example.org', list('vm01.example.org', 'vm02.example.org', 'vm03.example.org', "
         "'vm99.example.org'),")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert "hv01.example.org" in held_hosts(stderr)
    assert "Traceback" not in stderr


def test_host_over_committed_in_memory(site: Path):
    edit(site, "clusters/guests/profiles/vm01.example.org.pan",
         "'/hardware/cards/nic/eth0/hwaddr'", "'/hardware/ram' = list(dict('size', 4194304));\n"
                                              "'/hardware/cards/nic/eth0/hwaddr'")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    assert held_hosts(stderr) == {"hv01.example.org"}
    assert re.search(r"hv01\.example\.org are left as they were: failed to compile", stderr), stderr


def test_guest_address_in_no_host_subnet(site: Path):
    edit(site, "clusters/guests/profiles/vm01.example.org.pan", "site_interface('10.10.0.101')",
         "site_interface('10.99.0.101')")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    assert "hv01.example.org" in held_hosts(stderr)


def test_domain_name_with_a_quote(site: Path):
    edit(site, "clusters/hypervisors/profiles/hv05.example.org.pan", "include 'machine-types/xen_host';",
         "include 'machine-types/xen_host';\n"
         "'/software/components/xen/domains/{vm\"12}' = {\n"
         "    d = value('/software/components/xen/domains/vm12.example.org');\n"
         "    d['options']['name'] = 'vm\"12';\n"
         "    d;\n"
         "};")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    assert 'vm"12' in stderr


def test_a_guest_whose_own_template_fails(site: Path):
    edit(site, "clusters/guests/profiles/vm05.example.org.pan", "include 'machine-types/xen_guest';",
         "include 'machine-types/xen_guest';\n'/hardware/ram' = undefined_function_of_the_site();")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    held = held_hosts(stderr)
    assert "hv02.example.org" in held
    assert re.search(r"hv02\.example\.org are left as they were: (its guest vm05\.example\.org )?"
                     r"failed to compile", stderr), stderr
    assert "hv02.example.org read vm05.example.org, which failed to compile" in stderr


def test_an_enclosure_child_that_fails(site: Path):
    edit(site, "clusters/hypervisors/profiles/hv03.example.org.pan", "include 'machine-types/xen_host';",
         "include 'machine-types/xen_host';\n'/system/broken' = 1 + 'x';")
    stderr, before, after = rebuild_broken(site)
    assert_derived_files_kept(before, after)
    assert_no_misreading(stderr)
    assert re.search(r"hv03\.example\.org are left as they were: failed to compile", stderr), stderr
    assert re.search(r"graph.json and graph.dot are left as they were: .*hv03\.example\.org", stderr), stderr
    assert "enc02.example.org read hv03.example.org, which failed to compile" in stderr


def test_a_failure_leaves_unrelated_hosts_updated(site: Path):
    """Only the failed object's neighbourhood is held: an unrelated host still gets its change."""
    edit(site, "clusters/guests/profiles/vm05.example.org.pan", "include 'machine-types/xen_guest';",
         "include 'machine-types/xen_guest';\n'/x' = 1 + 'x';")
    edit(site, "clusters/guests/profiles/vm12.example.org.pan", "'/hardware/cards/nic/eth0/hwaddr' = '",
         "'/hardware/ram' = list(dict('size', 3072));\n'/hardware/cards/nic/eth0/hwaddr' = '")
    stderr, before, after = rebuild_broken(site)
    changed = {rel for rel in before if after.get(rel) != before[rel] and not rel.startswith("profiles/")}
    assert changed == {"xen/hv05.example.org/vm12.example.org.cfg"}, stderr
    assert "memory = 3072" in after["xen/hv05.example.org/vm12.example.org.cfg"][0].decode()
    index, old_index = index_entries(after), index_entries(before)
    assert index["vm05.example.org.json"] == old_index["vm05.example.org.json"]
    assert index["vm12.example.org.json"] != old_index["vm12.example.org.json"]
    for rel in ("graph.json", "graph.dot"):
        assert after[rel] == before[rel]


def test_fixing_the_mistake_brings_the_held_files_up_to_date(site: Path):
    edit(site, "clusters/guests/profiles/vm05.example.org.pan", "include 'machine-types/xen_guest';",
         "include 'machine-types/xen_guest';\n'/x' = 1 + 'x';")
    rebuild_broken(site)
    edit(site, "clusters/guests/profiles/vm05.example.org.pan", "'/x' = 1 + 'x';",
         "'/hardware/ram' = list(dict('size', 3072));")
    proc = build(site)
    assert proc.returncode == 0, proc.stderr
    assert "left as they were" not in proc.stderr
    assert "memory = 3072" in (site / "build/xen/hv02.example.org/vm05.example.org.cfg").read_text()


def test_a_host_removed_from_the_site_loses_its_files(site: Path):
    """Stale files go when their host is gone from the site, as before."""
    for name in ("hypervisors/profiles/hv05", "guests/profiles/vm12", "guests/profiles/vm13"):
        (site / f"clusters/{name}.example.org.pan").unlink()
    edit(site, XEN_DB_REL, "'hv05.example.org', list('vm12.example.org', 'vm13.example.org'),", "")
    proc = build(site)
    assert proc.returncode == 0, proc.stderr
    assert not (site / "build/xen/hv05.example.org").exists()
    assert not (site / "build/grub/hv05.example.org").exists()


def test_a_site_violation_keeps_every_file_and_is_reported_on_every_build(site: Path):
    """Two guests with one MAC compile, but the site check fails: nothing written, every time."""
    edit(site, "clusters/guests/profiles/vm12.example.org.pan", "'00:16:3e:00:12:00'", "'00:16:3e:00:01:00'")
    for _ in range(2):
        stderr, before, after = rebuild_broken(site)
        assert_derived_files_kept(before, after)
        assert "MAC address 00:16:3e:00:01:00 is used by 2 machines" in stderr
