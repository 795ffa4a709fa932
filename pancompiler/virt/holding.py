"""Which hosts keep their Xen and grub files as they were, when objects of the site failed.

A hypervisor's files are derived from its own profile and from its guests'
(their memory, vcpus, addresses and MACs are checked against it).  When an
object fails to compile, the build has no profile of it for this run, so
``hold`` leaves out of the run every object whose files or checks could
depend on it: the failed objects themselves, then, through the hosts →
guests relation in both directions (a host lists its guests, a guest names
its host in ``/hardware/location``), every host related to a left-out
object and every guest of a left-out host, until nothing is added.  The
files of a left-out host are neither rewritten nor removed; the enclosure
relation holds nothing, since no file is derived from it.  ``held_hosts``
says, for the build's summary, which hosts were left as they were and why.
"""

from __future__ import annotations

import os

from .graph import HOSTS
from .model import Node, Site

FAILED = "failed to compile"


def hold(site: Site, failed: dict[str, str]) -> Site:
    """``site`` without the objects that depend on a failed one; ``absent`` says why each is out."""
    absent = dict(failed)
    neighbours = _host_guest_neighbours(site)
    queue = sorted(absent)
    while queue:
        name = queue.pop(0)
        for other in sorted(neighbours.get(name, {})):
            if other in absent or other not in site.nodes:
                continue
            role = neighbours[other][name]          # what ``name`` is to ``other``
            because = failed[name] if name in failed else "is left as it was"
            absent[other] = f"its {role} {name} {because}"
            queue.append(other)
    kept = {name: node for name, node in site.nodes.items() if name not in absent}
    return Site(kept, absent=absent)


def _host_guest_neighbours(site: Site) -> dict[str, dict[str, str]]:
    """``neighbours[a][b]``: what ``b`` is to ``a`` (``host`` or ``guest``), for every related pair."""
    neighbours: dict[str, dict[str, str]] = {}

    def relate(host: str, guest: str) -> None:
        neighbours.setdefault(host, {})[guest] = "guest"
        neighbours.setdefault(guest, {})[host] = "host"

    for node in site.nodes.values():
        for children in HOSTS.parent_sources(node).values():
            for child in children:
                relate(node.name, child)
        if node.location is not None and node.location != node.name:
            relate(node.location, node.name)
    return neighbours


def held_hosts(full: Site, held: Site, outdir: str) -> dict[str, str]:
    """Hosts left out of this run whose files are kept: host name → why."""
    hosts = {}
    for name, reason in sorted(held.absent.items()):
        node = full.nodes.get(name)
        if _has_files(node) or _has_folder(outdir, name):
            hosts[name] = reason
    return hosts


def _has_files(node: Node | None) -> bool:
    return node is not None and (node.xen is not None or (node.is_hypervisor and bool(node.grub_kernels)))


def _has_folder(outdir: str, name: str) -> bool:
    return any(os.path.isdir(os.path.join(outdir, top, name)) for top in ("xen", "grub"))
