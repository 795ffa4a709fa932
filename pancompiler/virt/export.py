"""The graph written out: ``graph.json``, ``graph.dot`` and, when Graphviz is there, ``graph.svg``.

``graph_document`` gives the JSON form (``schemas/virt-graph.schema.json``):
nodes sorted by id with their kind, roles, template file and attributes, and
edges sorted by (source, target) with their relation (and slot).
``graph_dot`` writes Graphviz text with one cluster per enclosure and per
hypervisor, nested as the graph is (a blade that is a hypervisor holds its
guests' cluster inside its enclosure's).  ``graph_svg`` runs ``dot -Tsvg``
if the binary exists and returns None otherwise or on any failure: the SVG is
a convenience, never an error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import networkx as nx

SHAPES = {"enclosure": "box3d", "hypervisor": "box", "guest": "ellipse", "blade": "box",
          "machine": "box", "missing": "octagon"}
STYLES = {"hypervisor": "bold", "missing": "dashed"}


def graph_document(graph: nx.DiGraph) -> dict[str, Any]:
    nodes = []
    for name in sorted(graph.nodes):
        data = graph.nodes[name]
        nodes.append({"id": name, "kind": data.get("kind", "missing"), "roles": data.get("roles", []),
                      "file": data.get("file"), "attributes": data.get("attributes", {})})
    edges = []
    for source, target in sorted(graph.edges):
        data = graph.edges[source, target]
        edge = {"source": source, "target": target, "relation": data["relation"]}
        if "slot" in data:
            edge["slot"] = data["slot"]
        edges.append(edge)
    return {"version": 1, "nodes": nodes, "edges": edges}


def graph_json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def dot_id(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"'


def graph_dot(graph: nx.DiGraph) -> bytes:
    out = ['digraph "virtualisation" {', "  graph [rankdir=LR, fontname=Helvetica];",
           "  node [fontname=Helvetica];", "  edge [fontname=Helvetica];"]
    placed: set[str] = set()
    roots = [n for n in sorted(graph.nodes) if graph.out_degree(n) and not graph.in_degree(n)]
    for root in roots:
        _cluster(graph, root, out, placed, "  ")
    for name in sorted(graph.nodes):
        if name not in placed:
            out.append("  " + _node_line(graph, name))
    for source, target in sorted(graph.edges):
        data = graph.edges[source, target]
        label = f"slot {data['slot']}" if "slot" in data else data["relation"]
        out.append(f"  {dot_id(source)} -> {dot_id(target)} [label={dot_id(label)}];")
    out.append("}")
    return ("\n".join(out) + "\n").encode()


def _cluster(graph: nx.DiGraph, name: str, out: list[str], placed: set[str], indent: str) -> None:
    placed.add(name)
    kind = graph.nodes[name].get("kind", "missing")
    out.append(f"{indent}subgraph {dot_id('cluster_' + name)} {{")
    out.append(f"{indent}  label = {dot_id(f'{name} ({kind})')};")
    out.append(f"{indent}  {_node_line(graph, name)}")
    for child in sorted(graph.successors(name)):
        if child in placed:
            continue
        if graph.out_degree(child):
            _cluster(graph, child, out, placed, indent + "  ")
        else:
            placed.add(child)
            out.append(f"{indent}  {_node_line(graph, child)}")
    out.append(f"{indent}}}")


def _node_line(graph: nx.DiGraph, name: str) -> str:
    kind = graph.nodes[name].get("kind", "missing")
    attrs = [f"shape={SHAPES.get(kind, 'box')}", f"tooltip={dot_id(kind)}"]
    if kind in STYLES:
        attrs.append(f"style={STYLES[kind]}")
    return f"{dot_id(name)} [{', '.join(attrs)}];"


def graph_svg(dot_text: bytes, timeout: float = 60.0) -> bytes | None:
    """The SVG drawing of ``dot_text``, or None when Graphviz is absent or fails."""
    binary = shutil.which("dot")
    if binary is None:
        return None
    try:
        proc = subprocess.run([binary, "-Tsvg"], input=dot_text, capture_output=True, timeout=timeout,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 and proc.stdout else None
