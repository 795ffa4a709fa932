"""Enclosures, hypervisors and guests: the graph, its checks and the Xen/grub files.

``build_virtualisation`` is the one entry point: from the compiled profiles
(JSON dicts keyed by object name) and their template files it validates the
subtrees of ``docs/virtualisation.md`` against ``schemas/``, builds the
enclosure → blade and hypervisor → guest graph (``graph.py``), runs the
site-wide checks (``checks.py``), renders ``xen/`` and ``grub/`` files
(``render.py``) and the graph (``export.py``).  It reports every violation,
sorted by file then message; when there is any, nothing is written, as panc
writes nothing for a failed object.  Otherwise all files are written
atomically and stale ones removed (``files.py``).  Objects that failed to
compile leave the hosts that depend on them, and the graph files, as they
were (``holding.py``).
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
from .holding import FAILED, held_hosts, hold
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
    held: dict[str, str] = field(default_factory=dict)  # hosts whose files were left as they were → why
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_site(profiles: dict[str, dict[str, Any]], sources: dict[str, str], *,
               vcpu_overcommit: float = DEFAULT_VCPU_OVERCOMMIT) -> tuple[Site, nx.DiGraph, list[ValidationError]]:
    """Schemas, graph and checks, without rendering: the site, its graph and the sorted errors."""
    site = load_site(profiles, sources)
    graph, errors = _check(site, profiles, vcpu_overcommit)
    return site, graph, errors


def _check(site: Site, profiles: dict[str, dict[str, Any]],
           vcpu_overcommit: float) -> tuple[nx.DiGraph, list[ValidationError]]:
    errors: list[ValidationError] = []
    for name in sorted(site.nodes):
        errors += validate_profile(name, profiles[name], site.nodes[name].file)
    graph, found = build_graph(site)
    errors += found + run_checks(site, graph, vcpu_overcommit=vcpu_overcommit)
    return graph, sort_errors(errors)


def build_virtualisation(profiles: dict[str, dict[str, Any]], sources: dict[str, str], outdir: str, *,
                         vcpu_overcommit: float = DEFAULT_VCPU_OVERCOMMIT, write: bool = True,
                         failed: dict[str, str] | None = None) -> VirtResult:
    """Check the site and, when it is sound and ``write`` is true, write its files under ``outdir``.

    ``failed`` names the objects of the site that have no profile in this run
    (they failed to compile), each with the reason: the hosts that depend on
    them keep their files as they were (``holding.py``), and the graph files,
    which would be partial, are not replaced.
    """
    full = load_site(profiles, sources)
    site = hold(full, failed) if failed else full
    graph, errors = _check(site, profiles, vcpu_overcommit)
    document = graph_document(graph)
    errors += validate_graph(document)
    files, found = render_all(site)
    errors = sort_errors(errors + found)
    result = VirtResult(errors=errors, graph=graph)
    result.held = held_hosts(full, site, outdir) if site.absent else {}
    if not site.absent:
        files["graph.json"] = graph_json(document)
        files["graph.dot"] = graph_dot(graph)
    if errors or not write:
        result.files = sorted(files) if not errors else []
        return result
    result.notes += _held_notes(result.held, site)
    if not site.absent:
        svg = graph_svg(files["graph.dot"])
        if svg is not None:
            files["graph.svg"] = svg
        else:
            result.notes.append("graph.svg not written: Graphviz 'dot' is not installed or failed")
            if remove_if_present(outdir, "graph.svg"):
                result.removed.append("graph.svg")
    result.files = sorted(files)
    result.changed = write_files(outdir, files)
    result.removed = sorted(result.removed + prune_stale(outdir, set(files), keep_hosts=set(site.absent)))
    return result


def _held_notes(held: dict[str, str], site: Site) -> list[str]:
    notes = [f"virtualisation: the Xen and grub files of {host} are left as they were: {why}"
             for host, why in sorted(held.items())]
    if site.absent:
        failed = sorted(n for n, why in site.absent.items() if why == FAILED)
        shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
        notes.append(f"virtualisation: graph.json and graph.dot are left as they were: {shown} failed to compile")
    return notes


def sort_errors(errors: list[ValidationError]) -> list[ValidationError]:
    """Errors in (file, message) order, each message once."""
    unique: dict[tuple[str, str], ValidationError] = {}
    for error in errors:
        unique.setdefault((error.file or "", error.message), error)
    return [unique[key] for key in sorted(unique)]
