"""The SCDB site layout: clusters, their include paths and their profiles.

A site root holds ``clusters/`` (optionally grouped: ``clusters/<group>/<name>``)
where every directory with a ``profiles/`` folder is a cluster.  Each cluster's
include path is its own folder, its ``profiles/`` and ``site/``, then the
directory globs of ``cluster.pan.includes`` in ``cluster.build.properties``
(space- or comma-separated, relative to the site root), as quattor's SCDB ant
build does.  Every ``profiles/**/*.pan`` (or ``.tpl``) is an object whose name
is its path below ``profiles/``; names must be unique across the site.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass

from ..errors import SystemError_
from .session import ObjectSpec

PROPERTIES = "cluster.build.properties"
GROUP_PROPERTIES = "cluster.group.build.properties"


@dataclass(frozen=True)
class Cluster:
    name: str                 # e.g. "hypervisors" or "grid/ce" for grouped clusters
    path: str
    include_path: tuple
    profiles: tuple           # absolute paths of object template files


def read_properties(path: str) -> dict[str, str]:
    """A Java .properties file: key=value or key: value, '\\' continues a line."""
    props: dict[str, str] = {}
    if not os.path.isfile(path):
        return props
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = re.sub(r"\\\r?\n[ \t]*", "", text)
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"([^=:\s]+)\s*[=:\s]\s*(.*)$", line)
        if m:
            props[m.group(1)] = m.group(2).strip()
    return props


def _include_dirs(root: str, spec: str, where: str) -> list[str]:
    dirs: list[str] = []
    for pattern in re.split(r"[\s,]+", spec.strip().strip('"').strip("'")):
        if not pattern:
            continue
        matches = sorted(p for p in glob.glob(os.path.join(root, pattern)) if os.path.isdir(p))
        if not matches:
            raise SystemError_(f"{where}: cluster.pan.includes entry '{pattern}' matches no directory "
                               f"under {root}")
        dirs.extend(os.path.abspath(p) for p in matches)
    return dirs


def _profiles(folder: str) -> tuple:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith((".pan", ".tpl")) and not f.startswith("."):
                found.append(os.path.abspath(os.path.join(dirpath, f)))
    # A .pan file wins over a .tpl of the same name, as in template lookup.
    names = {}
    for p in found:
        stem = os.path.splitext(p)[0]
        if stem not in names or p.endswith(".pan"):
            names[stem] = p
    return tuple(sorted(names.values()))


def discover(root: str) -> list[Cluster]:
    """Every cluster below ``root/clusters``, sorted by name."""
    root = os.path.abspath(root)
    base = os.path.join(root, "clusters")
    if not os.path.isdir(base):
        raise SystemError_(f"no clusters/ folder in site root {root}")
    clusters = []
    for dirpath, dirnames, _files in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if "profiles" not in dirnames:
            continue
        dirnames[:] = []                       # a cluster's own folders are not clusters
        name = os.path.relpath(dirpath, base)
        props = read_properties(os.path.join(os.path.dirname(dirpath), GROUP_PROPERTIES))
        props.update(read_properties(os.path.join(dirpath, PROPERTIES)))
        include = [dirpath, os.path.join(dirpath, "profiles")]
        if os.path.isdir(os.path.join(dirpath, "site")):
            include.append(os.path.join(dirpath, "site"))
        include += _include_dirs(root, props.get("cluster.pan.includes", ""), os.path.join(dirpath, PROPERTIES))
        include = list(dict.fromkeys(os.path.abspath(p) for p in include))
        clusters.append(Cluster(name, dirpath, tuple(include), _profiles(os.path.join(dirpath, "profiles"))))
    return sorted(clusters, key=lambda c: c.name)


def site_objects(clusters: list[Cluster], only: list[str] | None = None) -> tuple[dict, list]:
    """The catalog of every object, and the specs of the clusters to build."""
    catalog: dict[str, ObjectSpec] = {}
    wanted: list[ObjectSpec] = []
    known = {c.name for c in clusters}
    for name in only or ():
        if name not in known:
            raise SystemError_(f"no cluster named '{name}' (known: {', '.join(sorted(known)) or 'none'})")
    for cluster in clusters:
        profiles_dir = os.path.join(cluster.path, "profiles")
        for path in cluster.profiles:
            obj = os.path.splitext(os.path.relpath(path, profiles_dir))[0].replace(os.sep, "/")
            if obj in catalog:
                raise SystemError_(f"object {obj} is defined twice: {catalog[obj].path} and {path}")
            spec = ObjectSpec(obj, path, cluster.include_path)
            catalog[obj] = spec
            if not only or cluster.name in only:
                wanted.append(spec)
    return catalog, wanted
