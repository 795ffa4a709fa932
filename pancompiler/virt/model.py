"""Typed records of what the virtualisation code reads from compiled profiles.

Profiles arrive as plain dicts (a JSON profile loaded with ``json.load``),
keyed by object name, with a mapping from object name to its source template.
``load_site`` turns each into a ``Node``: hardware (RAM, cores, NICs, chassis,
slot, location), network interfaces, ``/system/enclosure``,
``/system/virtualisation``, the Xen domains and the grub kernels, following
``docs/virtualisation.md``.  Reading never raises: a missing or mistyped value
reads as absent (the JSON Schemas of ``schemas.py`` report the mistake), so
the checks can go on and report everything at once.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

PARENT_ENCLOSURE_TYPES = ("blade", "dumb")
_DOM0_MEM = re.compile(r"(?:^|\s)dom0_mem=(?:max:)?(\d+)([KMG]?)\b")


def at(tree: object, path: str) -> Any:
    """The value at ``/a/b/0`` in a JSON tree, or None if any step is missing."""
    node = tree
    for part in path.strip("/").split("/"):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
        if node is None:
            return None
    return node


def as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_float(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_strs(value: object) -> tuple[str, ...]:
    return tuple(v for v in as_list(value) if isinstance(v, str))


@dataclass(slots=True, frozen=True)
class Interface:
    """One entry of ``/system/network/interfaces``."""

    name: str
    ip: str | None = None
    netmask: str | None = None
    bootproto: str | None = None
    master: str | None = None
    bridge: str | None = None
    type: str | None = None
    ipv6addr: str | None = None
    ipv6_prefix: int | None = None   # when ipv6addr has no "/len"; 64 if absent

    @property
    def is_static(self) -> bool:
        return self.bootproto in (None, "static") and bool(self.ip or self.ipv6addr)

    def addresses(self) -> list[IPAddress]:
        found: list[IPAddress] = []
        for text in (self.ip, (self.ipv6addr or "").split("/")[0] or None):
            try:
                if text:
                    found.append(ipaddress.ip_address(text))
            except ValueError:
                pass
        return found

    def networks(self) -> list[IPNetwork]:
        found: list[IPNetwork] = []
        candidates = []
        if self.ip and self.netmask:
            candidates.append(f"{self.ip}/{self.netmask}")
        if self.ipv6addr and "/" in self.ipv6addr:
            candidates.append(self.ipv6addr)
        elif self.ipv6addr:
            candidates.append(f"{self.ipv6addr}/{64 if self.ipv6_prefix is None else self.ipv6_prefix}")
        for text in candidates:
            try:
                found.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                pass
        return found


@dataclass(slots=True, frozen=True)
class VDisk:
    """One ``xen_vdisk`` of a domain."""

    type: str | None
    guestdevice: str | None
    rw: str | None
    hostdevice: str | None = None
    hostvol: str | None = None
    path: str | None = None
    size: int | None = None


@dataclass(slots=True, frozen=True)
class Domain:
    """One entry of ``/software/components/xen/domains`` on a hypervisor."""

    key: str
    options: dict[str, Any]
    auto: bool
    disks: tuple[VDisk, ...]

    @property
    def name(self) -> str | None:
        return as_str(self.options.get("name"))

    @property
    def memory(self) -> int | None:
        return as_int(self.options.get("memory"))

    @property
    def vcpus(self) -> int | None:
        return as_int(self.options.get("vcpus"))

    @property
    def vifs(self) -> tuple[str, ...]:
        return as_strs(self.options.get("vif"))

    def opt(self, key: str) -> str | None:
        return as_str(self.options.get(key))

    def vif_macs(self) -> list[tuple[int, str]]:
        """(index, lower-case MAC) of every vif spec with a ``mac=``."""
        found = []
        for index, spec in enumerate(self.vifs):
            for item in spec.split(","):
                key, _, value = item.strip().partition("=")
                if key.strip() == "mac" and value.strip():
                    found.append((index, value.strip().lower()))
        return found


@dataclass(slots=True, frozen=True)
class GrubKernel:
    """One entry of ``/software/components/grub/kernels``."""

    kernelpath: str
    kernelargs: str | None = None
    multiboot: str | None = None
    mbargs: str | None = None
    initrd: str | None = None
    title: str | None = None


@dataclass(slots=True, frozen=True)
class Enclosure:
    """``/system/enclosure``: the parent side of enclosure → blade and host → guest."""

    type: str | None
    children: tuple[str, ...]
    maxchildren: int | None


@dataclass(slots=True)
class Node:
    """One profile, reduced to what the graph, the checks and the renderers need."""

    name: str
    file: str | None
    ram_mb: int = 0
    cores: int = 0
    nics: dict[str, str | None] = field(default_factory=dict)   # ifname -> MAC (lower case)
    interfaces: dict[str, Interface] = field(default_factory=dict)
    location: str | None = None
    chassis: str | None = None
    slot: int | None = None
    enclosure: Enclosure | None = None
    virtualisation: dict[str, Any] | None = None
    xen: dict[str, Any] | None = None
    domains: dict[str, Domain] = field(default_factory=dict)
    grub_kernels: tuple[GrubKernel, ...] = ()

    @property
    def is_enclosure(self) -> bool:
        return self.enclosure is not None and self.enclosure.type in PARENT_ENCLOSURE_TYPES

    @property
    def is_hypervisor(self) -> bool:
        return (self.enclosure is not None and self.enclosure.type == "hypervisor") \
            or self.xen is not None or self.virtualisation is not None

    @property
    def dom0_mem(self) -> int:
        """MB kept by dom0: ``/system/virtualisation/dom0_mem``, else grub's ``dom0_mem=``."""
        value = as_int(as_dict(self.virtualisation).get("dom0_mem"))
        if value is not None:
            return value
        for kernel in self.grub_kernels:
            match = _DOM0_MEM.search(kernel.mbargs or "") if kernel.multiboot else None
            if match:
                scale = {"K": 1 / 1024, "M": 1, "G": 1024, "": 1 / (1024 * 1024)}[match.group(2)]
                return int(int(match.group(1)) * scale)
        return 0

    def vcpu_overcommit(self, default: float) -> float:
        value = as_float(as_dict(self.virtualisation).get("vcpu_overcommit"))
        return default if value is None else value

    def bridged_networks(self) -> list[tuple[str, IPNetwork]]:
        """(interface, subnet) of every interface guests can be bridged onto."""
        bridged = {i.bridge for i in self.interfaces.values() if i.bridge}
        bridged |= {n for n in (as_str(as_dict(b).get("netdev")) for b in self.xen_bridges().values()) if n}
        bridged |= {i.name for i in self.interfaces.values() if (i.type or "").lower() == "bridge"}
        bridged |= set(self.xen_bridges()) & set(self.interfaces)
        return [(name, net) for name in sorted(bridged) if name in self.interfaces
                for net in self.interfaces[name].networks()]

    def xen_bridges(self) -> dict[str, Any]:
        return as_dict(at(self.xen, "network/bridges"))


@dataclass(slots=True)
class Site:
    """Every node of a site, by object name, and how to name one in a message.

    ``absent`` names the objects of the site that are left out of this run,
    each with the reason (``failed to compile``...): a reference to one of
    them is neither a missing profile nor, for a location, a room or a rack.
    """

    nodes: dict[str, Node]
    absent: dict[str, str] = field(default_factory=dict)

    def ref(self, name: str) -> str:
        node = self.nodes.get(name)
        if node is None:
            return f"{name} ({self.absent.get(name, 'no profile')})"
        return f"{name} ({node.file or 'unknown file'})"

    def known(self, name: str) -> bool:
        """Whether ``name`` is an object of the site, present in this run or not."""
        return name in self.nodes or name in self.absent

    def file(self, name: str) -> str | None:
        node = self.nodes.get(name)
        return node.file if node is not None else None

    def guest_memory(self, host: str, guest: str) -> int:
        """MB a guest takes on its host: the domain's ``memory``, else the guest's RAM."""
        domain = self.nodes[host].domains.get(guest) if host in self.nodes else None
        if domain is not None and domain.memory is not None:
            return domain.memory
        node = self.nodes.get(guest)
        return node.ram_mb if node is not None else 0

    def guest_vcpus(self, host: str, guest: str) -> int:
        """A guest's vcpus: the domain's ``vcpus``, else the guest's cores, else 1."""
        domain = self.nodes[host].domains.get(guest) if host in self.nodes else None
        if domain is not None and domain.vcpus is not None:
            return domain.vcpus
        node = self.nodes.get(guest)
        return node.cores if node is not None and node.cores else 1


def load_site(profiles: dict[str, dict[str, Any]], sources: dict[str, str]) -> Site:
    return Site({name: load_node(name, tree, sources.get(name)) for name, tree in sorted(profiles.items())})


def load_node(name: str, tree: dict[str, Any], file: str | None) -> Node:
    node = Node(name=name, file=file)
    hardware = as_dict(at(tree, "hardware"))
    node.ram_mb = sum(as_int(as_dict(r).get("size")) or 0 for r in as_list(hardware.get("ram")))
    node.cores = sum(as_int(as_dict(c).get("cores")) or 1 for c in as_list(hardware.get("cpu")))
    node.nics = {k: _mac(as_dict(v).get("hwaddr")) for k, v in sorted(as_dict(at(hardware, "cards/nic")).items())}
    node.location = as_str(hardware.get("location"))
    node.chassis = as_str(hardware.get("chassis"))
    node.slot = as_int(hardware.get("slot"))
    node.interfaces = {k: _interface(k, as_dict(v))
                       for k, v in sorted(as_dict(at(tree, "system/network/interfaces")).items())}
    node.enclosure = _enclosure(at(tree, "system/enclosure"))
    virt = at(tree, "system/virtualisation")
    node.virtualisation = virt if isinstance(virt, dict) else None
    xen = at(tree, "software/components/xen")
    node.xen = xen if isinstance(xen, dict) else None
    node.domains = {k: _domain(k, as_dict(v)) for k, v in sorted(as_dict(at(xen, "domains")).items())}
    node.grub_kernels = tuple(k for k in (_kernel(as_dict(v)) for v in
                                          as_list(at(tree, "software/components/grub/kernels"))) if k)
    return node


def _mac(value: object) -> str | None:
    text = as_str(value)
    return text.strip().lower() if text and text.strip() else None


def _interface(name: str, data: dict[str, Any]) -> Interface:
    strings = _strings(data, "ip", "netmask", "bootproto", "master", "bridge", "type", "ipv6addr")
    return Interface(name=name, ipv6_prefix=as_int(data.get("ipv6_prefix")), **strings)


def _enclosure(value: object) -> Enclosure | None:
    if not isinstance(value, dict):
        return None
    return Enclosure(type=as_str(value.get("type")), children=as_strs(value.get("children")),
                     maxchildren=as_int(value.get("maxchildren")))


def _domain(key: str, data: dict[str, Any]) -> Domain:
    options = as_dict(data.get("options"))
    disks = tuple(_vdisk(as_dict(d)) for d in as_list(options.get("disk")))
    return Domain(key=key, options=options, auto=data.get("auto") is True, disks=disks)


def _strings(data: dict[str, Any], *keys: str) -> dict[str, str | None]:
    return {k: as_str(data.get(k)) for k in keys}


def _vdisk(data: dict[str, Any]) -> VDisk:
    return VDisk(**_strings(data, "type", "guestdevice", "rw", "hostdevice", "hostvol", "path"),
                 size=as_int(data.get("size")))


def _kernel(data: dict[str, Any]) -> GrubKernel | None:
    path = as_str(data.get("kernelpath"))
    if path is None:
        return None
    return GrubKernel(kernelpath=path, **_strings(data, "kernelargs", "multiboot", "mbargs", "initrd", "title"))
