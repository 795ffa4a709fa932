"""The enclosure → blade and hypervisor → guest graph, built from both sides.

Each relation is stated twice: the parent lists its children (an enclosure's
``/system/enclosure/children``; a hypervisor's Xen domains and its
``/system/enclosure/children``) and the child names its parent (a blade's
``/hardware/chassis``, a guest's ``/hardware/location``).  ``build_graph``
puts every stated edge into a networkx ``DiGraph`` (edge attribute
``relation``: ``contains`` or ``hosts``) and reports, as ``ValidationError``
naming both nodes and their templates, every child listed by two parents,
every child without a profile, and every place where the two sides disagree.
Node attributes (``kind``, ``roles``, ``file``, ``attributes``) feed
``graph.json`` and ``graph.dot``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ..errors import ValidationError
from .model import Node, Site

CHILDREN = "/system/enclosure/children"
DOMAINS = "/software/components/xen/domains"
KIND_ORDER = ("enclosure", "hypervisor", "guest", "blade", "machine")


@dataclass(frozen=True)
class Relation:
    """How one kind of parent and child name each other."""

    name: str
    parent_kind: str
    child_kind: str
    child_path: str
    is_parent: Callable[[Node], bool]
    child_claim: Callable[[Node], str | None]

    def parent_sources(self, node: Node) -> dict[str, tuple[str, ...]]:
        """Where a parent lists its children, by path (only the paths it has)."""
        if not self.is_parent(node):
            return {}
        found: dict[str, tuple[str, ...]] = {}
        enclosure = node.enclosure
        if self is CONTAINS and enclosure is not None:
            found[CHILDREN] = enclosure.children
        if self is HOSTS and enclosure is not None and enclosure.type == "hypervisor":
            found[CHILDREN] = enclosure.children
        if self is HOSTS and node.xen is not None:
            found[DOMAINS] = tuple(node.domains)
        return found


CONTAINS = Relation("contains", "enclosure", "blade", "/hardware/chassis",
                    lambda n: n.is_enclosure, lambda n: n.chassis)
HOSTS = Relation("hosts", "hypervisor", "guest", "/hardware/location",
                 lambda n: n.is_hypervisor, lambda n: n.location)
RELATIONS = (CONTAINS, HOSTS)


def build_graph(site: Site) -> tuple[nx.DiGraph, list[ValidationError]]:
    """The graph of the site and the errors found while reconciling both sides."""
    graph = nx.DiGraph()
    graph.add_nodes_from(graph_nodes(site))
    errors: list[ValidationError] = []
    for relation in RELATIONS:
        errors += _reconcile(site, graph, relation)
    for name in sorted(graph.nodes):
        graph.nodes[name].update(_describe(site, graph, name))
    return graph, errors


def _reconcile(site: Site, graph: nx.DiGraph, rel: Relation) -> list[ValidationError]:
    listed: dict[str, dict[str, list[str]]] = {}      # child -> parent -> paths listing it
    for parent in site.nodes.values():
        for path, children in rel.parent_sources(parent).items():
            for child in children:
                listed.setdefault(child, {}).setdefault(parent.name, []).append(path)
    claims = {n.name: c for n in site.nodes.values() if (c := rel.child_claim(n)) is not None}
    if rel is HOSTS:   # a location that is no object of the site is a room or a rack, not a claim
        claims = {child: p for child, p in claims.items() if site.known(p)}
    errors: list[ValidationError] = []
    for child in sorted(set(listed) | set(claims)):
        if child in site.absent:
            continue        # left out of this run (failed to compile): nothing to reconcile
        errors += _reconcile_child(site, graph, rel, child, listed.get(child, {}), claims.get(child))
    return errors


def _reconcile_child(site: Site, graph: nx.DiGraph, rel: Relation, child: str,
                     parents: dict[str, list[str]], claim: str | None) -> list[ValidationError]:
    for parent in parents:
        _edge(site, graph, rel, parent, child)
    if child not in site.nodes:
        return [_error(site, p, f"{rel.parent_kind} {site.ref(p)} lists {child} in {_paths(paths)}, "
                                f"but there is no profile {child}") for p, paths in sorted(parents.items())]
    if len(parents) > 1:
        return [_many_parents(site, rel, child, parents)]
    errors = _check_claim(site, graph, rel, child, parents, claim)
    stated_value = rel.child_claim(site.nodes[child])
    for parent, paths in parents.items():
        if parent != claim:
            stated = f"has {rel.child_path} {stated_value!r}" if stated_value is not None \
                else f"has no {rel.child_path}"
            errors.append(_error(site, parent, f"{rel.parent_kind} {site.ref(parent)} lists {child} in "
                                 f"{_paths(paths)}, but {rel.child_kind} {site.ref(child)} {stated}"))
        missing = sorted(set(rel.parent_sources(site.nodes[parent])) - set(paths))
        if missing:
            errors.append(_error(site, parent, f"{rel.parent_kind} {site.ref(parent)} lists {rel.child_kind} "
                                 f"{site.ref(child)} in {_paths(paths)} but not in {_paths(missing)}"))
    return errors


def _check_claim(site: Site, graph: nx.DiGraph, rel: Relation, child: str,
                 parents: dict[str, list[str]], claim: str | None) -> list[ValidationError]:
    if claim is None:
        return []
    prefix = f"{rel.child_kind} {site.ref(child)} has {rel.child_path} {claim!r}"
    if claim in site.absent:
        return []           # the parent is left out of this run: the claim cannot be checked
    if claim not in site.nodes:
        return [_error(site, child, f"{prefix}, but there is no profile {claim}")]
    if not rel.is_parent(site.nodes[claim]):
        return [_error(site, child, f"{prefix}, but {site.ref(claim)} is not a {rel.parent_kind}")]
    _edge(site, graph, rel, claim, child)
    if claim in parents:
        return []
    where = _paths(list(rel.parent_sources(site.nodes[claim]))) or "any list"
    return [_error(site, child, f"{prefix}, but {rel.parent_kind} {site.ref(claim)} "
                                f"does not list it in {where}")]


def _many_parents(site: Site, rel: Relation, child: str, parents: dict[str, list[str]]) -> ValidationError:
    listing = "; ".join(f"{site.ref(p)} in {_paths(paths)}" for p, paths in sorted(parents.items()))
    value = rel.child_claim(site.nodes[child])
    stated = f"its {rel.child_path} is {value!r}" if value is not None else f"it has no {rel.child_path}"
    return _error(site, child, f"{rel.child_kind} {site.ref(child)} is listed by {len(parents)} "
                               f"{rel.parent_kind}s: {listing} ({stated})")


def _edge(site: Site, graph: nx.DiGraph, rel: Relation, parent: str, child: str) -> None:
    attributes: dict[str, object] = {"relation": rel.name}
    node = site.nodes.get(child)
    if rel is CONTAINS and node is not None and node.slot is not None and node.chassis == parent:
        attributes["slot"] = node.slot
    graph.add_edge(parent, child, **attributes)


def _paths(paths: list[str]) -> str:
    return " and ".join(sorted(set(paths)))


def _error(site: Site, name: str, message: str) -> ValidationError:
    return ValidationError(message, file=site.file(name))


def roles(site: Site, graph: nx.DiGraph, name: str) -> list[str]:
    """What a node is in the graph: any of enclosure, hypervisor, guest, blade."""
    node = site.nodes.get(name)
    found = set()
    if node is not None and node.is_enclosure:
        found.add("enclosure")
    if node is not None and node.is_hypervisor:
        found.add("hypervisor")
    for _, _, relation in graph.in_edges(name, data="relation"):
        found.add("blade" if relation == "contains" else "guest")
    return sorted(found)


def _describe(site: Site, graph: nx.DiGraph, name: str) -> dict[str, object]:
    node = site.nodes.get(name)
    found = roles(site, graph, name)
    kind = next((k for k in KIND_ORDER if k in found), "machine") if node is not None else "missing"
    attributes: dict[str, object] = {}
    if node is not None:
        attributes = _attributes(site, graph, node, found)
    return {"kind": kind, "roles": found, "file": node.file if node else None, "attributes": attributes}


def _attributes(site: Site, graph: nx.DiGraph, node: Node, found: list[str]) -> dict[str, object]:
    out: dict[str, object] = {"ram_mb": node.ram_mb, "cores": node.cores}
    if node.enclosure is not None:
        out["enclosure_type"] = node.enclosure.type
        if node.enclosure.maxchildren is not None:
            out["maxchildren"] = node.enclosure.maxchildren
    if "blade" in found:
        out["chassis"] = node.chassis
        out["slot"] = node.slot
    if "guest" in found:
        out["location"] = node.location
        out["macs"] = sorted(m for m in node.nics.values() if m)
    if "hypervisor" in found:
        guests = [g for _, g, r in graph.out_edges(node.name, data="relation") if r == "hosts"]
        out["dom0_mem_mb"] = node.dom0_mem
        out["guests"] = len(guests)
        out["guest_memory_mb"] = sum(site.guest_memory(node.name, g) for g in guests)
        out["guest_vcpus"] = sum(site.guest_vcpus(node.name, g) for g in guests)
    return out


def graph_nodes(site: Site) -> list[str]:
    """Profiles that take part in the graph even without edges (parents with no children)."""
    return [n.name for n in site.nodes.values() if n.is_enclosure or n.is_hypervisor]
