"""Putting the produced files in the output folder, and removing stale ones.

Every file is written atomically (``driver.writer.write_atomic``: a temporary
file renamed into place; an unchanged file keeps its modification time).
Files under ``xen/`` and ``grub/`` that this run did not produce (a domain or
a host that went away) are removed, then empty folders, so a deployment of
the folder never carries an old guest's configuration.  Only the names this
package writes are ever removed, and never those of a host left out of the
run because it, or an object it depends on, failed to compile.
"""

from __future__ import annotations

import os
import re

from ..driver.writer import write_atomic

OWNED = re.compile(r"(xen/[^/]+/([^/]+\.cfg|auto)|grub/[^/]+/(menu\.lst|grub\.cfg)|graph\.(json|dot|svg))")
PRUNED_FOLDERS = ("xen", "grub")


def write_files(outdir: str, files: dict[str, bytes]) -> list[str]:
    """Write ``files`` (relative path → bytes) under ``outdir``; return the paths that changed."""
    changed = []
    for relpath, data in sorted(files.items()):
        if write_atomic(os.path.join(outdir, *relpath.split("/")), data):
            changed.append(relpath)
    return changed


def prune_stale(outdir: str, keep: set[str], keep_hosts: set[str] = frozenset()) -> list[str]:
    """Remove our files under ``xen/`` and ``grub/`` that are not in ``keep``; return them.

    The folders of the hosts in ``keep_hosts`` (left out of this run) are not touched.
    """
    removed = []
    for top in PRUNED_FOLDERS:
        root = os.path.join(outdir, top)
        for folder, _, names in sorted(os.walk(root, topdown=False)):
            for name in sorted(names):
                relpath = os.path.relpath(os.path.join(folder, name), outdir).replace(os.sep, "/")
                if relpath.split("/")[1] in keep_hosts:
                    continue
                if relpath not in keep and OWNED.fullmatch(relpath):
                    os.unlink(os.path.join(folder, name))
                    removed.append(relpath)
            if folder != root and not os.listdir(folder):
                os.rmdir(folder)
    return sorted(removed)


def remove_if_present(outdir: str, relpath: str) -> bool:
    try:
        os.unlink(os.path.join(outdir, relpath))
    except FileNotFoundError:
        return False
    return True
