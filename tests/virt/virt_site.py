"""A small synthetic site for the virtualisation tests, built as compiled JSON profiles.

One blade enclosure (``enc01``) holds two blades that are Xen hypervisors:
``hv01`` (one NIC bridged to ``br0``) with guests ``vm01`` (pygrub, LVM disk)
and ``vm02`` (direct kernel boot, file disk, not started automatically), and
``hv02``, a bonded host (``eth0``+``eth1`` in ``bond0`` bridged to ``br0``,
``eth2`` bridged to ``br1``) with guests ``vm03`` (two static interfaces) and
``vm04`` (DHCP, HVM).  ``make_site()`` returns fresh ``(profiles, sources)`` each
time, so tests may change them; ``conftest.py`` serves it as the ``site``
fixture.  (Helpers live here, not in ``conftest.py``, so that test modules
can import them whatever the order pytest collects folders in.)
"""

from __future__ import annotations

import copy
from pathlib import Path

from pancompiler.errors import ValidationError

GOLDEN = Path(__file__).parent / "golden"
DOMAIN = "example.org"


def fq(short: str) -> str:
    return f"{short}.{DOMAIN}"


def source(short: str) -> str:
    cluster = "infra" if short.startswith("enc") else "xen"
    return f"clusters/{cluster}/profiles/{fq(short)}.pan"


def hardware(ram: int, sockets: int, cores: int, nics: dict[str, str], **extra) -> dict:
    hw = {"ram": [{"size": ram}], "cpu": [{"vendor": "intel", "model": "xeon", "cores": cores}
                                          for _ in range(sockets)],
          "cards": {"nic": {k: {"hwaddr": v, "boot": k == "eth0"} for k, v in nics.items()}}}
    hw.update(extra)
    return hw


def network(short: str, interfaces: dict) -> dict:
    return {"hostname": short, "domainname": DOMAIN, "default_gateway": "10.0.0.1", "interfaces": interfaces}


def static(ip: str, netmask: str = "255.255.255.0", **extra) -> dict:
    return {"ip": ip, "netmask": netmask, "bootproto": "static", **extra}


def guest(short: str, host: str, ram: int, cpus: int, nics: dict[str, str], interfaces: dict) -> dict:
    hw = hardware(ram, cpus, 1, nics, location=fq(host), harddisks={"xvda": {"capacity": 20480}})
    for cpu in hw["cpu"]:
        del cpu["cores"]
    return {"hardware": hw, "system": {"network": network(short, interfaces)}}


def domain(guest_tree: dict, name: str, bridges: dict[str, str], **options) -> dict:
    hw = guest_tree["hardware"]
    vif = [f"mac={nic['hwaddr']},bridge={bridges[k]}" for k, nic in sorted(hw["cards"]["nic"].items())]
    disk = options.pop("disk", [{"type": "lvm", "hostdevice": "xenvg", "hostvol": name, "guestdevice": "xvda",
                                 "rw": "w", "size": 20480, "create": False}])
    opts = {"name": name, "memory": hw["ram"][0]["size"], "vcpus": len(hw["cpu"]), "vif": vif, "disk": disk}
    opts.update(options)
    return {"options": opts, "auto": opts.pop("auto", True)}


def xen_grub(dom0_mem: int, root: str) -> dict:
    return {"kernels": [{
        "title": "Xen 4.17 / Linux 6.1.0-xen",
        "multiboot": "/xen-4.17.gz", "mbargs": f"dom0_mem={dom0_mem}M,max:{dom0_mem}M dom0_max_vcpus=2",
        "kernelpath": "/vmlinuz-6.1.0-xen", "kernelargs": f"root={root} ro console=hvc0",
        "initrd": "/initrd-6.1.0-xen.img"}]}


def hypervisor(short: str, slot: int, ram: int, sockets: int, cores: int, nics: dict[str, str],
               interfaces: dict, domains: dict, dom0_mem: int, root: str, **virt) -> dict:
    return {
        "hardware": hardware(ram, sockets, cores, nics, chassis=fq("enc01"), slot=slot, location="room 1 rack 4"),
        "system": {
            "network": network(short, interfaces),
            "filesystems": [{"mountpoint": "/", "block_device": "md/md0", "type": "ext4", "size": 20480}],
            "enclosure": {"type": "hypervisor", "children": sorted(domains), "maxchildren": 8},
            "virtualisation": {"type": "xen", "dom0_mem": dom0_mem, **virt},
        },
        "software": {"components": {
            "xen": {"active": True, "create_filesystems": False, "create_domains": False, "domains": domains},
            "grub": xen_grub(dom0_mem, root)}},
    }


def make_site() -> tuple[dict[str, dict], dict[str, str]]:
    vm01 = guest("vm01", "hv01", 8192, 2, {"eth0": "00:16:3e:00:01:01"}, {"eth0": static("10.0.1.101")})
    vm02 = guest("vm02", "hv01", 4096, 1, {"eth0": "00:16:3e:00:01:02"}, {"eth0": static("10.0.1.102")})
    vm03 = guest("vm03", "hv02", 16384, 4, {"eth0": "00:16:3e:00:02:03", "eth1": "00:16:3e:00:02:13"},
                 {"eth0": static("10.0.2.103"), "eth1": static("192.168.50.103")})
    vm04 = guest("vm04", "hv02", 2048, 1, {"eth0": "00:16:3e:00:02:04"}, {"eth0": {"bootproto": "dhcp"}})
    hv01_domains = {
        fq("vm01"): domain(vm01, fq("vm01"), {"eth0": "br0"}, bootloader="/usr/bin/pygrub"),
        fq("vm02"): domain(vm02, fq("vm02"), {"eth0": "br0"}, auto=False, kernel="/var/lib/xen/vmlinuz-guest",
                           ramdisk="/var/lib/xen/initrd-guest.img", extra="console=hvc0 root=/dev/xvda1 ro",
                           disk=[{"type": "file", "path": "/var/lib/xen/images/vm02.img", "guestdevice": "xvda",
                                  "rw": "w", "size": 10240}], on_crash="restart"),
    }
    hv02_domains = {
        fq("vm03"): domain(vm03, fq("vm03"), {"eth0": "br0", "eth1": "br1"}, bootloader="/usr/bin/pygrub",
                           bootargs="--kernel=/boot/vmlinuz --ramdisk=/boot/initrd.img", maxmem=24576, cpus="1-3"),
        fq("vm04"): domain(vm04, fq("vm04"), {"eth0": "br0"}, builder="hvm", vfb=["vnc=1,vnclisten=127.0.0.1"],
                           disk=[{"type": "phy", "path": "/dev/sdb", "guestdevice": "hda", "rw": "w"}]),
    }
    hv01 = hypervisor("hv01", 1, 65536, 2, 8, {"eth0": "00:50:56:00:00:01"},
                      {"eth0": {"bridge": "br0", "bootproto": "none"},
                       "br0": static("10.0.1.11", type="Bridge", gateway="10.0.1.1")},
                      hv01_domains, 4096, "/dev/md0", vcpu_overcommit=2.0)
    hv01["software"]["components"]["xen"]["network"] = {"bridges": {"br0": {"netdev": "eth0", "vifnum": 0}}}
    hv02 = hypervisor("hv02", 2, 32768, 1, 4,
                      {"eth0": "00:50:56:00:00:02", "eth1": "00:50:56:00:00:12", "eth2": "00:50:56:00:00:22"},
                      {"eth0": {"master": "bond0", "bootproto": "none"},
                       "eth1": {"master": "bond0", "bootproto": "none"},
                       "bond0": {"type": "Bond", "bridge": "br0", "bonding_opts": {"mode": 4, "miimon": 100}},
                       "br0": static("10.0.2.12", type="Bridge"),
                       "eth2": {"bridge": "br1", "bootproto": "none"},
                       "br1": static("192.168.50.2", type="Bridge")},
                      hv02_domains, 2048, "/dev/mapper/vg0-root")
    hv02["software"]["components"]["grub"]["kernels"].append(
        {"title": "Linux 6.1.0 (rescue, no Xen)", "kernelpath": "/vmlinuz-6.1.0",
         "kernelargs": "root=/dev/mapper/vg0-root ro single", "initrd": "/initrd-6.1.0.img"})
    enc01 = {"hardware": {"location": "room 1 rack 4"},
             "system": {"enclosure": {"type": "blade", "children": [fq("hv01"), fq("hv02")], "maxchildren": 16}}}
    shorts = {"enc01": enc01, "hv01": hv01, "hv02": hv02, "vm01": vm01, "vm02": vm02, "vm03": vm03, "vm04": vm04}
    profiles = {fq(k): v for k, v in shorts.items()}
    return copy.deepcopy(profiles), {fq(k): source(k) for k in shorts}


def names_all(error: ValidationError, *shorts: str, files: bool = True) -> bool:
    """True when the message names every node (and, with ``files``, its template)."""
    return all(fq(s) in error.message and (not files or source(s) in error.message) for s in shorts)


def find(errors: list[ValidationError], needle: str) -> list[ValidationError]:
    return [e for e in errors if needle in e.message]
