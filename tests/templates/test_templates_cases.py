"""Small pan sites under ``cases/``: each must fail with the messages of its EXPECT file.

An EXPECT file holds one regular expression per line; each must be found in
the compiler's output (the first usually names the error family, the others
the nodes and configuration paths involved). An empty EXPECT file means the
case must compile; ``ok_overrides`` then checks the site overrides.
"""

from __future__ import annotations

import re

import pytest

from pansite import CASES, compile_case

FAILING = sorted(p.parent.name for p in CASES.glob("*/EXPECT") if p.read_text().strip())


def test_cases_exist():
    assert {"guest_on_two_hosts", "guest_without_profile", "guest_address_in_no_subnet", "bad_mac",
            "bad_enclosure_type"} <= set(FAILING)


@pytest.mark.parametrize("name", FAILING)
def test_case_fails_naming_the_nodes(name, tmp_path):
    compiled = compile_case(name, tmp_path)
    assert compiled.status == 1, compiled.output
    for pattern in (CASES / name / "EXPECT").read_text().splitlines():
        if pattern.strip():
            assert re.search(pattern, compiled.output), f"{pattern!r} not in:\n{compiled.output}"


def test_overrides(tmp_path):
    compiled = compile_case("ok_overrides", tmp_path)
    assert compiled.status == 0, compiled.output
    hv1 = compiled.profiles["hv1.example.org"]
    domains = hv1["software"]["components"]["xen"]["domains"]
    vm1, vm2 = domains["vm1.example.org"]["options"], domains["vm2.example.org"]["options"]
    assert vm1["vif"] == ["mac=00:16:3e:00:00:01,bridge=xenbr1"]          # XEN_VIF_BRIDGE wins
    assert vm2["vif"] == ["mac=00:16:3e:00:00:22,bridge=xenbr0"]          # MAC normalised
    assert vm2["memory"] == 3072 and [d["size"] for d in vm2["disk"]] == [10240, 20480]
    assert vm2["bootargs"] == "console=hvc0"
    assert hv1["system"]["virtualisation"]["dom0_mem"] == 2048
    assert hv1["software"]["components"]["grub"]["kernels"][0]["mbargs"] == "dom0_mem=2048M,max:2048M"
    ifaces = hv1["system"]["network"]["interfaces"]
    assert ifaces["eth1"] == {"bootproto": "none", "bridge": "xenbr1", "onboot": True}
    assert ifaces["xenbr1"] == {"bootproto": "none", "onboot": True, "type": "Bridge"}
    vm2_profile = compiled.profiles["vm2.example.org"]
    assert vm2_profile["hardware"]["ram"] == [{"size": 3072}]
    assert vm2_profile["software"]["components"]["ntpd"]["active"] is False
    assert vm2_profile["software"]["components"]["sysctl"]["variables"]["xen.independent_wallclock"] == "0"
