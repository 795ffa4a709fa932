"""The example site compiles and its derived values are right.

Placement is typed once (XEN_DB, ENCLOSURE_DB) and hardware once (in each
profile); these tests check that every derived value (guest location,
domains, memory, vcpus, vifs and their bridges, disks, host bridges, grub
entries, enclosure children, chassis and slot) agrees with its source.
"""

from __future__ import annotations

import ipaddress
import json
import re
import subprocess
import sys

import pytest

from pansite import ROOT, site_profiles


KIND = {"enclosures": "enclosure", "hypervisors": "hypervisor", "guests": "guest"}
CLUSTER = {p.name[:-len(".pan")]: p.parent.parent.name for p in site_profiles()}


def kind(name: str) -> str:
    return KIND[CLUSTER[name]]


def of_kind(site, wanted: str) -> dict[str, dict]:
    return {n: p for n, p in site.profiles.items() if kind(n) == wanted}


def domains(profile: dict) -> dict[str, dict]:
    return profile["software"]["components"]["xen"]["domains"]


def test_every_profile_compiles(site):
    sources = {p.name[:-4] for p in (ROOT / "clusters").glob("*/profiles/*.pan")}
    assert set(site.profiles) == sources
    assert len(of_kind(site, "enclosure")) >= 2
    assert len(of_kind(site, "hypervisor")) >= 4
    assert len(of_kind(site, "guest")) >= 12


def test_scdb_layout():
    for cluster in ("enclosures", "hypervisors", "guests"):
        props = (ROOT / "clusters" / cluster / "cluster.build.properties").read_text()
        includes = re.search(r"^cluster\.pan\.includes=(.*)$", props, re.M).group(1).split()
        assert includes and all((ROOT / glob).is_dir() for glob in includes)


def test_guest_location_is_the_host_listing_it(site):
    placed = {}
    for host, profile in of_kind(site, "hypervisor").items():
        enclosure = profile["system"]["enclosure"]
        assert enclosure["type"] == "hypervisor"
        assert len(enclosure["children"]) <= enclosure["maxchildren"]
        assert sorted(domains(profile)) == sorted(enclosure["children"])
        for guest in enclosure["children"]:
            assert guest not in placed
            placed[guest] = host
    assert set(placed) == set(of_kind(site, "guest"))
    for guest, profile in of_kind(site, "guest").items():
        assert profile["hardware"]["location"] == placed[guest]
        assert "virtualisation" not in profile["system"]


def test_domains_come_from_guest_hardware(site):
    for host, hprofile in of_kind(site, "hypervisor").items():
        for guest, domain in domains(hprofile).items():
            hw = site.profiles[guest]["hardware"]
            options = domain["options"]
            assert domain["auto"] is True
            assert options["name"] == guest
            assert options["memory"] == sum(r["size"] for r in hw["ram"])
            assert options["vcpus"] == sum(c.get("cores", 1) for c in hw["cpu"])
            macs = [nic["hwaddr"] for _, nic in sorted(hw["cards"]["nic"].items())]
            assert [re.match(r"mac=([^,]+),", v).group(1) for v in options["vif"]] == macs
            disks = sorted(hw["harddisks"])
            assert [d["guestdevice"] for d in options["disk"]] == disks
            for disk in options["disk"]:
                assert disk["type"] == "lvm" and disk["rw"] == "w"
                assert disk["hostdevice"] == "vg_guests"
                assert disk["hostvol"] == f"{guest}-{disk['guestdevice']}"
                assert disk["size"] == hw["harddisks"][disk["guestdevice"]]["capacity"]
                assert disk["create"] is True


def test_memory_vcpus_and_disks_by_example(site):
    hv01 = domains(site.profiles["hv01.example.org"])
    vm03 = hv01["vm03.example.org"]["options"]
    assert (vm03["memory"], vm03["vcpus"]) == (16384, 8)
    assert [(d["guestdevice"], d["size"]) for d in vm03["disk"]] == [("xvda", 40960), ("xvdb", 512000)]
    vm02 = hv01["vm02.example.org"]["options"]
    assert (vm02["memory"], vm02["vcpus"]) == (8192, 4)   # two sockets of two cores


def vif_bridges(site, host: str, guest: str) -> list[str]:
    return [re.search(r"bridge=(\w+)", v).group(1) for v in domains(site.profiles[host])[guest]["options"]["vif"]]


@pytest.mark.parametrize("host,guest,bridges", [
    ("hv01.example.org", "vm01.example.org", ["xenbr0"]),            # prod
    ("hv01.example.org", "vm02.example.org", ["xenbr1"]),            # 10.20.1.102 in svc's /23
    ("hv02.example.org", "vm04.example.org", ["xenbr0", "xenbr1"]),  # two NICs
    ("hv04.example.org", "vm09.example.org", ["xenbr1", "xenbr0"]),  # two NICs, svc first
    ("hv04.example.org", "vm10.example.org", ["xenbr0"]),            # DHCP: the default gateway's bridge
    ("hv04.example.org", "vm11.example.org", ["xenbr0"]),            # dual stack
    ("hv05.example.org", "vm12.example.org", ["xenbr1"]),            # IPv6 only, svc
    ("hv05.example.org", "vm13.example.org", ["xenbr0"]),            # on the bond's bridge
])
def test_vif_bridges(site, host, guest, bridges):
    assert vif_bridges(site, host, guest) == bridges


def test_vif_bridge_subnet_holds_guest_addresses(site):
    """Checked independently of the pan code, with Python's ipaddress."""
    for host, hprofile in of_kind(site, "hypervisor").items():
        host_ifaces = hprofile["system"]["network"]["interfaces"]
        for guest in domains(hprofile):
            nics = sorted(site.profiles[guest]["hardware"]["cards"]["nic"])
            guest_ifaces = site.profiles[guest]["system"]["network"]["interfaces"]
            for nic, bridge in zip(nics, vif_bridges(site, host, guest)):
                bridge_if = host_ifaces[bridge]
                assert bridge_if["type"] == "Bridge"
                nets = [ipaddress.ip_network(f"{bridge_if['ip']}/{bridge_if['netmask']}", strict=False)]
                if "ipv6addr" in bridge_if:
                    nets.append(ipaddress.ip_network(f"{bridge_if['ipv6addr']}/{bridge_if['ipv6_prefix']}",
                                                     strict=False))
                addresses = [guest_ifaces[nic][k] for k in ("ip", "ipv6addr") if k in guest_ifaces[nic]]
                for address in addresses:
                    assert any(ipaddress.ip_address(address) in net for net in nets), (guest, nic, address)
                if not addresses:   # DHCP: the bridge of the default gateway
                    gateway = ipaddress.ip_address(hprofile["system"]["network"]["default_gateway"])
                    assert gateway in nets[0]


def test_host_bridges(site):
    for host, profile in of_kind(site, "hypervisor").items():
        ifaces = profile["system"]["network"]["interfaces"]
        bridges = profile["software"]["components"]["xen"]["network"]["bridges"]
        for name, iface in ifaces.items():
            if iface.get("type") == "Bridge":
                assert name in bridges
                port = bridges[name]["netdev"]
                assert ifaces[port]["bridge"] == name and "ip" not in ifaces[port]
                assert bridges[name]["vifnum"] == int(name[len("xenbr"):])
            elif "master" in iface:
                assert "bridge" not in iface
            else:
                assert iface["bridge"] in bridges
        for nic in profile["hardware"]["cards"]["nic"]:
            assert nic in ifaces


def test_bonded_host(site):
    net = site.profiles["hv05.example.org"]["system"]["network"]
    ifaces = net["interfaces"]
    assert ifaces["eth0"]["master"] == ifaces["eth1"]["master"] == "bond0"
    assert "bridge" not in ifaces["eth0"] and "bridge" not in ifaces["eth1"]
    assert ifaces["bond0"]["type"] == "Bond" and ifaces["bond0"]["bridge"] == "xenbr0"
    assert ifaces["bond0"]["bonding_opts"]["mode"] == 4
    assert ifaces["xenbr0"]["ip"] == "10.10.0.15" and ifaces["xenbr0"]["ipv6addr"] == "2001:db8:10::15"
    assert ifaces["eth2"]["bridge"] == "xenbr1" and ifaces["xenbr1"]["ip"] == "10.20.0.15"
    bridges = site.profiles["hv05.example.org"]["software"]["components"]["xen"]["network"]["bridges"]
    assert bridges == {"xenbr0": {"netdev": "bond0", "vifnum": 0}, "xenbr1": {"netdev": "eth2", "vifnum": 1}}


@pytest.mark.parametrize("host,root", [
    ("hv01.example.org", "/dev/sda2"),
    ("hv03.example.org", "/dev/mapper/vg--sys-root"),
    ("hv05.example.org", "/dev/md1"),
])
def test_grub_entry(site, host, root):
    grub = site.profiles[host]["software"]["components"]["grub"]
    assert grub["prefix"] == "/boot"
    [entry] = grub["kernels"]
    assert entry == {
        "title": "Xen 4.17 / Linux 6.1.0-18-amd64",
        "multiboot": "/xen-4.17.gz",
        "mbargs": "dom0_mem=4096M,max:4096M",
        "kernelpath": "/vmlinuz-6.1.0-18-amd64",
        "kernelargs": f"root={root} ro console=hvc0",
        "initrd": "/initrd.img-6.1.0-18-amd64",
    }


def test_virtualisation(site):
    for host, profile in of_kind(site, "hypervisor").items():
        assert profile["system"]["virtualisation"] == {"type": "xen", "dom0_mem": 4096, "vcpu_overcommit": 4.0}
        xen = profile["software"]["components"]["xen"]
        assert xen["create_filesystems"] is True and xen["create_domains"] is True


def test_enclosures_and_blades(site):
    enclosures = of_kind(site, "enclosure")
    assert enclosures["enc01.example.org"]["system"]["enclosure"] == {
        "type": "blade", "children": ["hv01.example.org", "hv02.example.org"], "maxchildren": 16}
    assert enclosures["enc02.example.org"]["system"]["enclosure"]["children"] == [
        "hv03.example.org", "hv04.example.org"]
    slots = {n: (p["hardware"].get("chassis"), p["hardware"].get("slot")) for n, p in site.profiles.items()}
    assert slots["hv01.example.org"] == ("enc01.example.org", 1)
    assert slots["hv02.example.org"] == ("enc01.example.org", 2)
    assert slots["hv04.example.org"] == ("enc02.example.org", 3)   # slot 2 is empty
    assert slots["hv05.example.org"] == (None, None)               # a rack server
    for enc, profile in enclosures.items():
        for blade in profile["system"]["enclosure"]["children"]:
            assert slots[blade][0] == enc


def test_guest_pvxeboot_and_clock(site):
    vm13 = domains(site.profiles["hv05.example.org"])["vm13.example.org"]["options"]
    assert vm13["bootloader"] == "/usr/lib/xen/bin/pypxeboot" and vm13["bootargs"] == "vif[0]"
    vm01 = site.profiles["vm01.example.org"]
    assert vm01["software"]["components"]["sysctl"]["variables"]["xen.independent_wallclock"] == "1"
    assert [f["mountpoint"] for f in site.profiles["vm03.example.org"]["system"]["filesystems"]][-1] == "/srv"


def test_site_builder_gives_the_same_profiles(site, tmp_path):
    """``panc --site`` compiles each cluster with its own include path (SCDB layout)."""
    command = [sys.executable, "-m", "pancompiler.cli", "--site", str(ROOT), "--output-dir", str(tmp_path),
               "--formats", "json", "--no-progress"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    built = {p.name[:-len(".json")]: json.loads(p.read_text()) for p in tmp_path.rglob("*.example.org.json")}
    assert built == site.profiles
