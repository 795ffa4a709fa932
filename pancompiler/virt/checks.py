"""Site-wide checks on the enclosure/hypervisor graph, one function each.

``run_checks`` applies them all and returns every violation (the caller sorts
them): an enclosure slot used by two blades; more children than
``maxchildren``; guests whose memory plus ``dom0_mem`` exceeds the host's RAM;
more guest vcpus than ``vcpu_overcommit`` × the host's physical cores; one MAC
address on two machines anywhere in the site (NICs and Xen vif specs); a
static guest address outside every subnet of its host's bridged interfaces;
and cycles.  Each error is a ``ValidationError`` whose message names every
node involved with its template file; its ``file`` is the first of them.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..errors import ValidationError
from .model import Site

DEFAULT_VCPU_OVERCOMMIT = 4.0


def run_checks(site: Site, graph: nx.DiGraph, *,
               vcpu_overcommit: float = DEFAULT_VCPU_OVERCOMMIT) -> list[ValidationError]:
    errors = check_slots(site, graph) + check_maxchildren(site, graph)
    errors += check_memory(site, graph) + check_vcpus(site, graph, vcpu_overcommit)
    errors += check_macs(site) + check_subnets(site, graph) + check_cycles(site, graph)
    return errors


def children(graph: nx.DiGraph, parent: str, relation: str | None = None) -> list[str]:
    return sorted(c for _, c, r in graph.out_edges(parent, data="relation") if relation in (None, r))


def check_slots(site: Site, graph: nx.DiGraph) -> list[ValidationError]:
    """No two blades of one enclosure in the same slot."""
    errors = []
    for parent in sorted(graph.nodes):
        by_slot: dict[int, list[str]] = defaultdict(list)
        for child in children(graph, parent, "contains"):
            slot = graph.edges[parent, child].get("slot")
            if slot is not None:
                by_slot[slot].append(child)
        for slot, blades in sorted(by_slot.items()):
            if len(blades) > 1:
                names = " and ".join(f"blade {site.ref(b)}" for b in blades)
                errors.append(ValidationError(f"enclosure {site.ref(parent)}: slot {slot} is used by {names}",
                                              file=site.file(blades[0])))
    return errors


def check_maxchildren(site: Site, graph: nx.DiGraph) -> list[ValidationError]:
    """A parent has no more children (listed or claiming it) than its ``maxchildren``."""
    errors = []
    for name, node in site.nodes.items():
        enclosure = node.enclosure
        if enclosure is None or enclosure.maxchildren is None or name not in graph:
            continue
        found, limit = children(graph, name), enclosure.maxchildren
        if len(found) > limit:
            listing = ", ".join(site.ref(c) for c in found)
            errors.append(ValidationError(
                f"{enclosure.type} enclosure {site.ref(name)} has {len(found)} children but "
                f"maxchildren is {limit}: {listing}", file=node.file))
    return errors


def check_memory(site: Site, graph: nx.DiGraph) -> list[ValidationError]:
    """Guests' memory plus ``dom0_mem`` fits in the host's RAM."""
    errors = []
    for host, guests in _hosts(site, graph):
        node = site.nodes[host]
        used = {g: site.guest_memory(host, g) for g in guests}
        total = sum(used.values()) + node.dom0_mem
        if total > node.ram_mb:
            listing = ", ".join(f"{site.ref(g)} {mb} MB" for g, mb in used.items())
            errors.append(ValidationError(
                f"hypervisor {site.ref(host)} is over-committed in memory: guests {sum(used.values())} MB "
                f"+ dom0_mem {node.dom0_mem} MB = {total} MB > RAM {node.ram_mb} MB; guests: {listing}",
                file=node.file))
    return errors


def check_vcpus(site: Site, graph: nx.DiGraph, default_ratio: float) -> list[ValidationError]:
    """Guests' vcpus stay within ``vcpu_overcommit`` × the host's physical cores."""
    errors = []
    for host, guests in _hosts(site, graph):
        node = site.nodes[host]
        ratio = node.vcpu_overcommit(default_ratio)
        used = {g: site.guest_vcpus(host, g) for g in guests}
        if sum(used.values()) > ratio * node.cores:
            listing = ", ".join(f"{site.ref(g)} {n}" for g, n in used.items())
            errors.append(ValidationError(
                f"hypervisor {site.ref(host)} is over-committed in vcpus: guests have {sum(used.values())} "
                f"vcpus > {ratio:g} x {node.cores} physical cores; guests: {listing}", file=node.file))
    return errors


def _hosts(site: Site, graph: nx.DiGraph) -> list[tuple[str, list[str]]]:
    found = []
    for name in sorted(graph.nodes):
        guests = children(graph, name, "hosts")
        if guests and name in site.nodes:
            found.append((name, guests))
    return found


def check_macs(site: Site) -> list[ValidationError]:
    """One MAC address belongs to one machine (NICs and the vifs of Xen domains)."""
    owners: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node in site.nodes.values():
        for ifname, mac in node.nics.items():
            if mac:
                owners[mac][node.name].append(f"/hardware/cards/nic/{ifname}")
        for domain in node.domains.values():
            for index, mac in domain.vif_macs():
                owners[mac][domain.key].append(f"vif {index} of its Xen domain on {site.ref(node.name)}")
    errors = []
    for mac, by_owner in sorted(owners.items()):
        if len(by_owner) > 1:
            listing = "; ".join(f"{site.ref(o)} at " + " and ".join(sorted(w)) for o, w in sorted(by_owner.items()))
            errors.append(ValidationError(f"MAC address {mac} is used by {len(by_owner)} machines: {listing}",
                                          file=site.file(min(by_owner))))
    return errors


def check_subnets(site: Site, graph: nx.DiGraph) -> list[ValidationError]:
    """A static guest address lies in a subnet of one of its host's bridged interfaces.

    Guests with more than one host are left out: that is reported already.
    """
    errors = []
    for host, guests in _hosts(site, graph):
        networks = site.nodes[host].bridged_networks()
        shown = ", ".join(f"{i} {n}" for i, n in networks) or "none"
        for guest in guests:
            node = site.nodes.get(guest)
            if node is None or len(_hosts_of(graph, guest)) > 1:
                continue
            for iface in node.interfaces.values():
                if not iface.is_static:
                    continue
                for address in iface.addresses():
                    if not any(address in net for _, net in networks if net.version == address.version):
                        errors.append(ValidationError(
                            f"guest {site.ref(guest)} address {address} ({iface.name}) is in no subnet of the "
                            f"bridged interfaces of its hypervisor {site.ref(host)}: {shown}",
                            file=node.file))
    return errors


def _hosts_of(graph: nx.DiGraph, guest: str) -> list[str]:
    return [h for h, _, r in graph.in_edges(guest, data="relation") if r == "hosts"]


def check_cycles(site: Site, graph: nx.DiGraph) -> list[ValidationError]:
    """The graph is a forest of enclosures and hypervisors: no node is its own ancestor."""
    errors = []
    for component in nx.strongly_connected_components(graph):
        first = min(component)
        if len(component) == 1 and not graph.has_edge(first, first):
            continue
        cycle = _cycle_from(graph.subgraph(component), first)
        path = " -> ".join(site.ref(n) for n in cycle) + f" -> {first}"
        errors.append(ValidationError(f"cycle in the enclosure/hypervisor graph: {path}", file=site.file(first)))
    return errors


def _cycle_from(graph: nx.DiGraph, start: str) -> list[str]:
    """A cycle through ``start`` (it lies in ``graph``, a strongly connected component)."""
    if graph.has_edge(start, start):
        return [start]
    path = nx.shortest_path(graph, start, min(p for p in graph.predecessors(start)))
    return list(path)
