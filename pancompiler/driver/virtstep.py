"""After a site build: the virtualisation step (graph, checks, Xen and grub files).

Loads every compiled profile of the site (from its JSON output), hands them to
``pancompiler.virt`` and returns its errors.  The step is skipped when no
profile changed and its previous run was clean (no violation, no object left
out; a stamp in the state folder says so), so an up-to-date site stays fast
to rebuild and a site with a violation reports it on every build.
"""

from __future__ import annotations

import gzip
import json
import os

from ..output import FORMATS, output_path
from .state import STATE_DIR

CLEAN_STAMP = "virt-clean"


def profile_trees(outdir: str, names) -> dict[str, dict]:
    """The finished trees of ``names``, read back from their JSON outputs."""
    trees = {}
    for name in names:
        for key in ("json", "json.gz"):
            path = output_path(outdir, name, FORMATS[key])
            if os.path.exists(path):
                opener = gzip.open if key.endswith(".gz") else open
                with opener(path, "rt", encoding="utf-8") as fh:
                    trees[name] = json.load(fh)
                break
    return trees


def run_virtualisation(catalog: dict, profiles_dir: str, virt_dir: str, changed: bool,
                       failed: set) -> tuple[list, list]:
    """Run the virt step when needed; returns (errors, notes).

    Objects that failed to compile, or have no JSON profile to read, are
    passed to the step as absent: the hosts that depend on them keep their
    files as they were, and so do the graph files.
    """
    stamp = os.path.join(profiles_dir, STATE_DIR, CLEAN_STAMP)
    if not changed and os.path.exists(stamp) and os.path.exists(os.path.join(virt_dir, "graph.json")):
        return [], []
    if os.path.exists(stamp):
        os.unlink(stamp)
    from ..virt import build_virtualisation
    from ..virt.holding import FAILED
    names = [n for n in sorted(catalog) if n not in failed]
    trees = profile_trees(profiles_dir, names)
    absent = {n: FAILED for n in sorted(catalog) if n in failed}
    absent.update({n: "has no JSON profile" for n in names if n not in trees})
    notes = []
    missing = len(names) - len(trees)
    if missing:
        notes.append(f"virtualisation step skipped {missing} profiles without JSON output "
                     f"(build with --formats including json)")
    sources = {name: spec.path for name, spec in catalog.items()}
    result = build_virtualisation(trees, sources, virt_dir, failed=absent)
    if result.ok and not absent:
        os.makedirs(os.path.dirname(stamp), exist_ok=True)
        with open(stamp, "w", encoding="utf-8") as fh:
            fh.write("the last virtualisation step was clean\n")
    return list(result.errors), notes + list(result.notes)
