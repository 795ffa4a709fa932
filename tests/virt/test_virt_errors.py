"""One test per violation: each is reported, names both nodes and their files, and blocks all output."""

from __future__ import annotations

import pytest
from virt_site import find, fq, names_all, source

from pancompiler.virt import build_virtualisation

XEN = ("software", "components", "xen")


def run(profiles, sources, tmp_path):
    result = build_virtualisation(profiles, sources, str(tmp_path / "out"))
    assert not result.ok
    assert not (tmp_path / "out").exists(), "nothing may be written when the site has errors"
    keys = [(e.file or "", e.message) for e in result.errors]
    assert keys == sorted(keys)
    return result.errors


def domains(profiles, host):
    tree = profiles[fq(host)]
    for key in XEN + ("domains",):
        tree = tree[key]
    return tree


def move_listing(profiles, guest, host):
    """List ``guest`` on ``host`` too (domains and enclosure children), as a wrong XEN_DB would."""
    entry = next(d[fq(guest)] for h in ("hv01", "hv02") if fq(guest) in (d := domains(profiles, h)))
    domains(profiles, host)[fq(guest)] = entry
    profiles[fq(host)]["system"]["enclosure"]["children"].append(fq(guest))


def test_guest_listed_on_two_hosts(site, tmp_path):
    profiles, sources = site
    move_listing(profiles, "vm01", "hv02")
    errors = find(run(profiles, sources, tmp_path), "is listed by 2 hypervisors")
    assert len(errors) == 1
    assert names_all(errors[0], "vm01", "hv01", "hv02")
    assert errors[0].file == source("vm01")


def test_guest_without_profile(site, tmp_path):
    profiles, sources = site
    del profiles[fq("vm02")]
    errors = find(run(profiles, sources, tmp_path), "there is no profile")
    assert len(errors) == 1
    assert names_all(errors[0], "hv01") and fq("vm02") in errors[0].message
    assert "/software/components/xen/domains" in errors[0].message
    assert "/system/enclosure/children" in errors[0].message


def test_guest_and_host_disagree(site, tmp_path):
    profiles, sources = site
    profiles[fq("vm01")]["hardware"]["location"] = fq("hv02")
    errors = run(profiles, sources, tmp_path)
    listed = find(errors, "but guest")
    claimed = find(errors, "does not list it")
    assert len(listed) == 1 and names_all(listed[0], "hv01", "vm01")
    assert len(claimed) == 1 and names_all(claimed[0], "vm01", "hv02")


def test_host_lists_a_domain_missing_from_its_children(site, tmp_path):
    profiles, sources = site
    profiles[fq("hv01")]["system"]["enclosure"]["children"].remove(fq("vm02"))
    errors = find(run(profiles, sources, tmp_path), "but not in /system/enclosure/children")
    assert len(errors) == 1 and names_all(errors[0], "hv01", "vm02")


def test_memory_overcommit(site, tmp_path):
    profiles, sources = site
    domains(profiles, "hv01")[fq("vm01")]["options"]["memory"] = 60000
    errors = find(run(profiles, sources, tmp_path), "over-committed in memory")
    assert len(errors) == 1
    assert names_all(errors[0], "hv01", "vm01", "vm02")
    assert "60000 MB" in errors[0].message and "dom0_mem 4096 MB" in errors[0].message


def test_vcpu_overcommit(site, tmp_path):
    profiles, sources = site
    domains(profiles, "hv02")[fq("vm03")]["options"]["vcpus"] = 16
    errors = find(run(profiles, sources, tmp_path), "over-committed in vcpus")
    assert len(errors) == 1
    assert names_all(errors[0], "hv02", "vm03", "vm04")
    assert "17 vcpus > 4 x 4 physical cores" in errors[0].message


def test_vcpu_overcommit_ratio_from_the_host(site, tmp_path):
    profiles, sources = site
    profiles[fq("hv02")]["system"]["virtualisation"]["vcpu_overcommit"] = 1.0
    errors = find(run(profiles, sources, tmp_path), "over-committed in vcpus")
    assert len(errors) == 1 and "5 vcpus > 1 x 4" in errors[0].message


def test_same_mac_on_two_guests(site, tmp_path):
    profiles, sources = site
    mac = profiles[fq("vm01")]["hardware"]["cards"]["nic"]["eth0"]["hwaddr"]
    profiles[fq("vm03")]["hardware"]["cards"]["nic"]["eth1"]["hwaddr"] = mac.upper()
    errors = find(run(profiles, sources, tmp_path), "MAC address 00:16:3e:00:01:01")
    assert len(errors) == 1
    assert names_all(errors[0], "vm01", "vm03")
    assert "is used by 2 machines" in errors[0].message
    assert "/hardware/cards/nic/eth1" in errors[0].message


def test_same_mac_in_a_vif_only(site, tmp_path):
    profiles, sources = site
    domains(profiles, "hv02")[fq("vm04")]["options"]["vif"] = ["mac=00:16:3e:00:01:02,bridge=br0"]
    errors = find(run(profiles, sources, tmp_path), "MAC address 00:16:3e:00:01:02")
    assert len(errors) == 1 and names_all(errors[0], "vm02", "vm04", "hv02")
    assert f"vif 0 of its Xen domain on {fq('hv02')}" in errors[0].message


def test_guest_address_in_no_host_subnet(site, tmp_path):
    profiles, sources = site
    profiles[fq("vm03")]["system"]["network"]["interfaces"]["eth1"]["ip"] = "10.9.9.9"
    errors = find(run(profiles, sources, tmp_path), "is in no subnet")
    assert len(errors) == 1
    assert names_all(errors[0], "vm03", "hv02")
    assert "10.9.9.9 (eth1)" in errors[0].message and "br1 192.168.50.0/24" in errors[0].message


def test_dhcp_guest_is_not_checked_for_subnets(site, tmp_path):
    profiles, sources = site
    profiles[fq("vm04")]["system"]["network"]["interfaces"]["eth0"]["ip"] = "10.9.9.9"
    result = build_virtualisation(profiles, sources, str(tmp_path))
    assert result.ok, [e.message for e in result.errors]


def test_slot_used_twice(site, tmp_path):
    profiles, sources = site
    profiles[fq("hv02")]["hardware"]["slot"] = 1
    errors = find(run(profiles, sources, tmp_path), "slot 1 is used by")
    assert len(errors) == 1 and names_all(errors[0], "enc01", "hv01", "hv02")


def test_maxchildren_exceeded(site, tmp_path):
    profiles, sources = site
    profiles[fq("enc01")]["system"]["enclosure"]["maxchildren"] = 1
    errors = find(run(profiles, sources, tmp_path), "maxchildren is 1")
    assert len(errors) == 1 and names_all(errors[0], "enc01", "hv01", "hv02")


def test_blade_in_an_enclosure_that_does_not_list_it(site, tmp_path):
    profiles, sources = site
    profiles[fq("enc01")]["system"]["enclosure"]["children"] = [fq("hv01")]
    errors = find(run(profiles, sources, tmp_path), "does not list it")
    assert len(errors) == 1 and names_all(errors[0], "hv02", "enc01")


def test_cycle(site, tmp_path):
    profiles, sources = site
    move_listing(profiles, "vm01", "hv02")   # keeps the error count up; the cycle is below
    domains(profiles, "hv02")[fq("hv01")] = {"options": {"name": fq("hv01"), "memory": 1, "vcpus": 1,
                                                         "vif": [], "disk": []}}
    profiles[fq("hv02")]["system"]["enclosure"]["children"].append(fq("hv01"))
    profiles[fq("hv01")]["hardware"]["location"] = fq("hv02")
    domains(profiles, "hv01")[fq("hv02")] = {"options": {"name": fq("hv02"), "memory": 1, "vcpus": 1,
                                                         "vif": [], "disk": []}}
    profiles[fq("hv01")]["system"]["enclosure"]["children"].append(fq("hv02"))
    profiles[fq("hv02")]["hardware"]["location"] = fq("hv01")
    errors = find(run(profiles, sources, tmp_path), "cycle in the enclosure/hypervisor graph")
    assert len(errors) == 1 and names_all(errors[0], "hv01", "hv02")


@pytest.mark.parametrize("name,problem", [
    ("../evil", "contains '/'"), ("vm/01", "contains '/'"), ("vm'01", "a quote"), ('vm"01', "a quote"),
    ("vm 01", "whitespace"), ("vm\n01", "control character"), ("", "is empty"), ("..", "'..'"),
])
def test_unsafe_domain_name(site, tmp_path, name, problem):
    profiles, sources = site
    entry = {"options": {"name": name, "memory": 512, "vcpus": 1, "vif": [], "disk": []}, "auto": True}
    domains(profiles, "hv01")[name] = entry
    errors = find(run(profiles, sources, tmp_path), "Xen domain")
    assert len(errors) == 1
    assert names_all(errors[0], "hv01") and repr(name) in errors[0].message and problem in errors[0].message
    assert not list(tmp_path.rglob("*evil*"))


def test_value_xl_cannot_hold(site, tmp_path):
    profiles, sources = site
    domains(profiles, "hv01")[fq("vm02")]["options"]["extra"] = "console=hvc0 it's \"quoted\""
    errors = find(run(profiles, sources, tmp_path), "both ' and \"")
    assert len(errors) == 1 and names_all(errors[0], "hv01", "vm02")


def test_all_violations_are_reported_sorted(site, tmp_path):
    profiles, sources = site
    profiles[fq("hv02")]["hardware"]["slot"] = 1
    profiles[fq("enc01")]["system"]["enclosure"]["maxchildren"] = 1
    domains(profiles, "hv01")[fq("vm01")]["options"]["memory"] = 60000
    profiles[fq("vm03")]["system"]["network"]["interfaces"]["eth1"]["ip"] = "10.9.9.9"
    errors = run(profiles, sources, tmp_path)
    assert len(errors) == 4, [e.message for e in errors]
    keys = [(e.file or "", e.message) for e in errors]
    assert keys == sorted(keys)
    assert all(e.render().startswith("validation error [") for e in errors)
