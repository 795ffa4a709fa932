"""panc-ncd and its components: the build's bytes, idempotence, dry runs, removals, failures, --root."""

from __future__ import annotations

import json
import os

import pytest
from node_support import GOLDEN

from pancompiler.node.components import runner

HYPERVISORS = sorted(p.name for p in (GOLDEN / "xen").iterdir())


def ncd(capsys, *args):
    code = runner.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def profile_file(tmp_path, host, change=None):
    tree = json.loads((GOLDEN / "profiles" / f"{host}.json").read_text())
    if change:
        change(tree)
    path = tmp_path / f"{host}.json"
    path.write_text(json.dumps(tree))
    return path


def snapshot(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name == "ncd.lock":      # the run lock records the pid of each run; nothing is configured by it
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                found[rel] = ("link", os.readlink(path))
            else:
                with open(path, "rb") as fh:
                    found[rel] = ("file", fh.read(), os.stat(path).st_mtime_ns, os.stat(path).st_mode & 0o777)
    return found


@pytest.mark.parametrize("host", HYPERVISORS)
def test_xen_and_grub_files_equal_the_build_outputs(tmp_path, capsys, host):
    root = tmp_path / "root"
    code, out, err = ncd(capsys, "--profile", str(GOLDEN / "profiles" / f"{host}.json"), "--root", str(root))
    assert code == 0, err
    built = GOLDEN / "xen" / host
    written = sorted(p.name for p in (root / "etc/xen").glob("*.cfg"))
    assert written == sorted(p.name for p in built.glob("*.cfg"))
    for name in written:
        assert (root / "etc/xen" / name).read_bytes() == (built / name).read_bytes(), name
    autos = (built / "auto").read_text().split()
    assert sorted(p.name for p in (root / "etc/xen/auto").iterdir()) == sorted(f"{n}.cfg" for n in autos)
    for name in autos:
        assert os.readlink(root / "etc/xen/auto" / f"{name}.cfg") == f"../{name}.cfg"
        assert (root / "etc/xen/auto" / f"{name}.cfg").read_bytes() == (built / f"{name}.cfg").read_bytes()
    snippet = (root / "etc/grub.d/09_pancompiler_xen").read_bytes()
    head, body = snippet.split(b"\n", 2)[:2], snippet.split(b"\n", 2)[2]
    assert head == [b"#!/bin/sh", b'exec tail -n +3 "$0"']
    assert body == (GOLDEN / "grub" / host / "grub.cfg").read_bytes()
    assert os.stat(root / "etc/grub.d/09_pancompiler_xen").st_mode & 0o777 == 0o755


def test_second_run_changes_nothing(tmp_path, capsys):
    root = tmp_path / "root"
    profile = str(GOLDEN / "profiles" / "hv01.example.org.json")
    assert ncd(capsys, "--profile", profile, "--root", str(root))[0] == 0
    before = snapshot(root)
    code, out, _ = ncd(capsys, "--profile", profile, "--root", str(root))
    assert code == 0 and snapshot(root) == before
    assert out.splitlines() == [f"panc-ncd: {n}: ok, nothing to change" for n in ("network", "grub", "xen")]


def test_dry_run_prints_diffs_and_changes_nothing(tmp_path, capsys):
    root = tmp_path / "root"
    root.mkdir()
    profile = str(GOLDEN / "profiles" / "hv01.example.org.json")
    code, out, _ = ncd(capsys, "--profile", profile, "--root", str(root), "--dry-run")
    assert code == 0 and not os.listdir(root)
    assert "--- /dev/null\n+++ /etc/xen/vm01.example.org.cfg\n" in out
    assert "+name = 'vm01.example.org'\n" in out
    assert "+++ /etc/xen/auto/vm01.example.org.cfg\n@@ -0,0 +1 @@\n+-> ../vm01.example.org.cfg\n" in out
    assert "panc-ncd: xen: ok, would write /etc/xen/auto/vm01.example.org.cfg" in out
    ncd(capsys, "--profile", profile, "--root", str(root))
    smaller = profile_file(tmp_path, "hv01.example.org",
                           lambda t: t["software"]["components"]["xen"]["domains"]["vm02.example.org"]
                           ["options"].update(memory=1024))
    before = snapshot(root)
    code, out, _ = ncd(capsys, "--profile", str(smaller), "--root", str(root), "--dry-run", "xen")
    assert code == 0 and snapshot(root) == before
    assert "--- /etc/xen/vm02.example.org.cfg\n+++ /etc/xen/vm02.example.org.cfg\n" in out
    assert "-memory = 8192\n+memory = 1024\n" in out


def test_removed_domain_loses_only_its_own_files(tmp_path, capsys):
    root = tmp_path / "root"
    ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv01.example.org.json"), "--root", str(root))
    (root / "etc/xen/handmade.cfg").write_text("name = 'handmade'\n")
    (root / "etc/xen/auto/handmade.cfg").symlink_to("../handmade.cfg")
    (root / "etc/xen/xl.conf").write_text("autoballoon = 0\n")

    def drop_vm03(tree):
        xen = tree["software"]["components"]["xen"]
        del xen["domains"]["vm03.example.org"]
        xen["domains"]["vm01.example.org"]["auto"] = False
    code, out, err = ncd(capsys, "--profile", str(profile_file(tmp_path, "hv01.example.org", drop_vm03)),
                         "--root", str(root), "xen")
    assert code == 0, err
    assert out.strip() == ("panc-ncd: xen: ok, removed /etc/xen/auto/vm01.example.org.cfg, "
                           "/etc/xen/auto/vm03.example.org.cfg, /etc/xen/vm03.example.org.cfg").replace(
        ", /etc", ", removed /etc")
    assert sorted(os.listdir(root / "etc/xen")) == ["auto", "handmade.cfg", "vm01.example.org.cfg",
                                                    "vm02.example.org.cfg", "xl.conf"]
    assert sorted(os.listdir(root / "etc/xen/auto")) == ["handmade.cfg", "vm02.example.org.cfg"]
    manifest = (root / "var/lib/pancompiler/ncd/xen.files").read_text().splitlines()[1:]
    assert manifest == ["etc/xen/auto/vm02.example.org.cfg", "etc/xen/vm01.example.org.cfg",
                        "etc/xen/vm02.example.org.cfg"]


def test_failing_component_does_not_stop_the_others(tmp_path, capsys):
    root = tmp_path / "root"
    ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv01.example.org.json"), "--root", str(root))
    before = snapshot(root / "etc/xen")

    def break_things(tree):
        tree["software"]["components"]["xen"]["domains"]["vm02.example.org"]["options"]["extra"] = "a\nb"
        tree["system"]["network"]["interfaces"]["eth1"]["onboot"] = False
    code, out, err = ncd(capsys, "--profile", str(profile_file(tmp_path, "hv01.example.org", break_things)),
                         "--root", str(root))
    assert code == 1
    assert err.splitlines() == [
        "panc-ncd: xen: failed: domain 'vm02.example.org': 'a\\nb' contains the control character '\\n'; "
        "nothing changed",
        "panc-ncd: 1 of 3 components failed"]
    assert "panc-ncd: network: ok, wrote /etc/sysconfig/network-scripts/ifcfg-eth1" in out
    assert "panc-ncd: grub: ok, nothing to change" in out
    assert snapshot(root / "etc/xen") == before
    assert "ONBOOT=no\n" in (root / "etc/sysconfig/network-scripts/ifcfg-eth1").read_text()


def test_write_error_is_reported(tmp_path, capsys):
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/xen").write_text("not a folder")
    code, out, err = ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv01.example.org.json"),
                         "--root", str(root))
    assert code == 1
    assert err.splitlines()[0].startswith(f"panc-ncd: xen: failed: cannot write {root}/etc/xen")
    assert "panc-ncd: grub: ok, wrote /etc/grub.d/09_pancompiler_xen" in out


def test_grub_legacy_menu_lst_and_switching_loader(tmp_path, capsys):
    root = tmp_path / "root"
    host = "hv02.example.org"
    ncd(capsys, "--profile", str(GOLDEN / "profiles" / f"{host}.json"), "--root", str(root), "grub")
    legacy = profile_file(tmp_path, host, lambda t: t["software"]["components"]["grub"].update(loader="legacy"))
    code, out, err = ncd(capsys, "--profile", str(legacy), "--root", str(root), "grub")
    assert code == 0, err
    assert out.strip() == ("panc-ncd: grub: ok, wrote /boot/grub/menu.lst; "
                           "removed /etc/grub.d/09_pancompiler_xen")
    assert (root / "boot/grub/menu.lst").read_bytes() == (GOLDEN / "grub" / host / "menu.lst").read_bytes()
    bad = profile_file(tmp_path, host, lambda t: t["software"]["components"]["grub"].update(loader="lilo"))
    code, _, err = ncd(capsys, "--profile", str(bad), "--root", str(root), "grub")
    assert code == 1 and "loader is 'lilo', not 'grub2' or 'legacy'" in err


def test_network_bond_bridges_and_ports(tmp_path, capsys):
    root = tmp_path / "root"
    code, _, err = ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv05.example.org.json"),
                       "--root", str(root), "network")
    assert code == 0, err
    scripts = root / "etc/sysconfig/network-scripts"
    assert sorted(os.listdir(scripts)) == [f"ifcfg-{n}" for n in ("bond0", "eth0", "eth1", "eth2", "xenbr0",
                                                                  "xenbr1")]
    bond = (scripts / "ifcfg-bond0").read_text().splitlines()[1:]
    assert bond == ["DEVICE=bond0", "TYPE=Bond", "ONBOOT=yes", "BOOTPROTO=none", "BRIDGE=xenbr0",
                    'BONDING_OPTS="lacp_rate=1 miimon=100 mode=4 xmit_hash_policy=layer3+4"']
    slave = (scripts / "ifcfg-eth0").read_text()
    assert "MASTER=bond0\nSLAVE=yes\n" in slave and "HWADDR=" in slave
    bridge = (scripts / "ifcfg-xenbr0").read_text()
    assert "TYPE=Bridge\n" in bridge and "IPADDR=10.10.0.15\n" in bridge and "IPV6ADDR=2001:db8:10::15/64\n" in bridge


def test_inactive_component_is_skipped(tmp_path, capsys):
    root = tmp_path / "root"
    off = profile_file(tmp_path, "hv01.example.org",
                       lambda t: t["software"]["components"]["xen"].update(active=False))
    code, out, _ = ncd(capsys, "--profile", str(off), "--root", str(root))
    assert code == 0 and "panc-ncd: xen: skipped, not active in the profile" in out
    assert not (root / "etc/xen").exists()


def test_no_profile_in_cache(tmp_path, capsys):
    code, _, err = ncd(capsys, "--cache-root", str(tmp_path / "empty"), "--root", str(tmp_path / "root"))
    assert code == 3 and err.strip() == f"panc-ncd: no current profile in {tmp_path}/empty (run panc-fetch first)"


def test_two_ncd_runs_at_once(tmp_path, capsys):
    from pancompiler.node.lock import RunLock
    root = tmp_path / "root"
    state = root / "var/lib/pancompiler/ncd"
    state.mkdir(parents=True)
    with RunLock(str(state), "ncd.lock", "panc-ncd").acquire(0, 0):
        code, out, err = ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv01.example.org.json"),
                             "--root", str(root))
    assert code == 4 and out == ""
    assert err.strip() == f"panc-ncd: another panc-ncd (pid {os.getpid()}) holds {state}/ncd.lock; try again later"
    assert not (root / "etc").exists()


def test_no_domain_left_removes_all_its_files_and_auto_folder(tmp_path, capsys):
    root = tmp_path / "root"
    ncd(capsys, "--profile", str(GOLDEN / "profiles" / "hv03.example.org.json"), "--root", str(root), "xen")
    empty = profile_file(tmp_path, "hv03.example.org",
                         lambda t: t["software"]["components"]["xen"].update(domains={}))
    code, out, _ = ncd(capsys, "--profile", str(empty), "--root", str(root), "xen")
    assert code == 0 and out.count("removed /etc/xen/") == 4
    assert os.listdir(root / "etc/xen") == []
    assert (root / "var/lib/pancompiler/ncd/xen.files").read_text().splitlines()[1:] == []
