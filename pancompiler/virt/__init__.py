"""Enclosures, hypervisors and guests: the graph, its checks and the Xen/grub files.

``build_virtualisation`` is the one entry point: from the compiled profiles
(JSON dicts keyed by object name) and their template files it validates the
subtrees of ``docs/virtualisation.md`` against ``schemas/``, builds the
enclosure → blade and hypervisor → guest graph (``graph.py``), runs the
site-wide checks (``checks.py``), renders ``xen/`` and ``grub/`` files
(``render.py``) and the graph (``export.py``).  It reports every violation,
sorted by file then message; when there is any, nothing is written, as panc
writes nothing for a failed object.  Otherwise all files are written
atomically and stale ones removed (``files.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import ValidationError
from .checks import DEFAULT_VCPU_OVERCOMMIT, run_checks
from .export import graph_document, graph_dot, graph_json, graph_svg
from .files import prune_stale, remove_if_present, write_files
from .graph import build_graph
from .model import Site, load_site
from .render import render_all
from .schemas import validate_graph, validate_profile

__all__ = ["VirtResult", "build_virtualisation", "check_site", "sort_errors"]


@dataclass
class VirtResult:
    """What a run found and did; paths are relative to the output folder, with ``/``."""

    errors: list[ValidationError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)      # every file produced (written or already equal)
    changed: list[str] = field(default_factory=list)    # files whose bytes changed on disk
    removed: list[str] = field(default_factory=list)    # stale files deleted
    notes: list[str] = field(default_factory=list)      # informational, never errors
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_site(profiles: dict[str, dict[str, Any]], sources: dict[str, str], *,
               vcpu_overcommit: float = DEFAULT_VCPU_OVERCOMMIT) -> tuple[Site, nx.DiGraph, list[ValidationError]]:
    """Schemas, graph and checks, without rendering: the site, its graph and the sorted errors."""
    site = load_site(profiles, sources)
    errors: list[ValidationError] = []
    for name, tree in sorted(profiles.items()):
        errors += validate_profile(name, tree, sources.get(name))
    graph, found = build_graph(site)
    errors += found + run_checks(site, graph, vcpu_overcommit=vcpu_overcommit)
    return site, graph, sort_errors(errors)


def build_virtualisation(profiles: dict[str, dict[str, Any]], sources: dict[str, str], outdir: str, *,
                         vcpu_overcommit: float = DEFAULT_VCPU_OVERCOMMIT, write: bool = True) -> VirtResult:
    """Check the site and, when it is sound and ``write`` is true, write its files under ``outdir``."""
    site, graph, errors = check_site(profiles, sources, vcpu_overcommit=vcpu_overcommit)
    document = graph_document(graph)
    errors += validate_graph(document)
    files, found = render_all(site)
    errors = sort_errors(errors + found)
    files["graph.json"] = graph_json(document)
    files["graph.dot"] = graph_dot(graph)
    result = VirtResult(errors=errors, graph=graph)
    if errors or not write:
        result.files = sorted(files) if not errors else []
        return result
    svg = graph_svg(files["graph.dot"])
    if svg is not None:
        files["graph.svg"] = svg
    else:
        result.notes.append("graph.svg not written: Graphviz 'dot' is not installed or failed")
        if remove_if_present(outdir, "graph.svg"):
            result.removed.append("graph.svg")
    result.files = sorted(files)
    result.changed = write_files(outdir, files)
    result.removed = sorted(result.removed + prune_stale(outdir, set(files)))
    return result


def sort_errors(errors: list[ValidationError]) -> list[ValidationError]:
    """Errors in (file, message) order, each message once."""
    unique: dict[tuple[str, str], ValidationError] = {}
    for error in errors:
        unique.setdefault((error.file or "", error.message), error)
    return [unique[key] for key in sorted(unique)]
