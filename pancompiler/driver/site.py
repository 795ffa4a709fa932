"""A site build as quattor's SCDB ant build does it: clusters, include paths, outputs.

Two layouts are recognised under the site root ROOT: quattor's SCDB, with
``cfg/clusters/`` (globs relative to ``cfg/``), and our own, with
``clusters/`` and ``sites/`` at the root (globs relative to ROOT).  Settings
come from ``ROOT/quattor.build.properties`` (``properties``), over ant's
defaults.  Clusters are the folders of ``clusters/``, or with
``clusters.groups.enable=true`` the folders of each group folder
``clusters/<group>/``.  A cluster's properties are the site's, then its
``cluster.build.properties``, then its group's ``cluster.group.build.properties``
(first definition wins, as in ant).  Its include path is its folder, its
``profiles/`` and ``site/``, then the folders ``cluster.pan.includes`` globs
match (``antglob``; a glob matching nothing adds nothing and is reported under
``-v``).  Its objects are ``profiles/**/*.pan`` and ``*.tpl``; a cluster
without any is skipped.  The plan is one build (output folder, catalog of
objects, objects to compile) for the site, or one per group with
``clusters.groups.xml=true``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..errors import SystemError_
from . import antglob
from .properties import Properties
from .session import ObjectSpec

SITE_PROPERTIES = "quattor.build.properties"
PROPERTIES = "cluster.build.properties"
GROUP_PROPERTIES = "cluster.group.build.properties"
ANT_MAX_ITERATION = 5000            # the ant task's maxIteration
# Properties of the ant build that change nothing here (see docs/scdb.md).
_IGNORED = ("pan.logging", "pan.logfile", "pan.dep.ignore", "cluster.pan.dep.ignore",
            "clusters.groups.build.info", "compile.debug.task")
_FIXED_LAYOUT = {"cfg": "cfg", "clusters.directory": "clusters", "build": "build",
                 "build.profiles.dir": "profiles"}


@dataclass(frozen=True)
class Cluster:
    name: str                 # "hypervisors", or "grid/umd4" with cluster groups
    group: str | None
    path: str
    include_path: tuple
    profiles: tuple           # absolute paths of object template files


@dataclass
class Build:
    """One output folder: the objects it holds and the ones to compile now."""

    group: str | None
    output_dir: str
    virt_dir: str
    catalog: dict = field(default_factory=dict)
    specs: list = field(default_factory=list)


@dataclass
class SitePlan:
    root: str
    scdb: bool                        # ROOT/cfg layout (else our own root-level one)
    properties: Properties
    clusters: list
    builds: list
    warnings: list = field(default_factory=list)     # printed with -v
    notes: list = field(default_factory=list)        # always printed
    group_names: list = field(default_factory=list)

    def describe(self) -> list[str]:
        """One line per cluster: its profiles and include path (printed with -v)."""
        lines = []
        for c in self.clusters:
            path = ":".join(os.path.relpath(p, self.root) for p in c.include_path)
            lines.append(f"cluster {c.name}: {len(c.profiles)} profiles, include path {path}")
        return lines

    # ------------------------------------------------ compile defaults
    def default_formats(self) -> str:
        return self.properties.get("pan.formats") or ("pan,dep" if self.scdb else "json,dep")

    def default_max_iteration(self) -> int:
        return ANT_MAX_ITERATION if self.scdb else 10000

    def default_warnings(self) -> str:
        value = (self.properties.get("pan.warnings") or "on").strip()
        if value not in ("on", "off", "fatal"):
            raise self.properties.error("pan.warnings", f"must be on, off or fatal, not '{value}'")
        return value

    def site_checks_fatal(self) -> bool:
        """Whether the virtualisation layer's site-wide checks fail the build.

        On an SCDB they are warnings by default (ant knows nothing of them, and a
        site switching from it must keep building); ``panc.site.checks=fatal``
        makes them errors, as they are on the root-level layout.
        """
        value = (self.properties.get("panc.site.checks") or ("warn" if self.scdb else "fatal")).strip()
        if value not in ("warn", "fatal"):
            raise self.properties.error("panc.site.checks", f"must be warn or fatal, not '{value}'")
        return value == "fatal"

    def debug_patterns(self) -> tuple[list, list]:
        """pan.debug.include / exclude, whole-name matches as the ant task makes them."""
        found = []
        for name in ("pan.debug.include", "pan.debug.exclude"):
            text = self.properties.get(name)
            if text is None or self.properties.origin(name) == "default":
                found.append([])
                continue
            try:
                found.append([re.compile(rf"\A(?:{text})\Z")])
            except re.error as exc:
                raise self.properties.error(name, f"invalid regular expression: {exc}") from None
        return found[0], found[1]


def site_properties(root: str) -> Properties:
    props = Properties()
    props.load(os.path.join(root, SITE_PROPERTIES))
    props.define("basedir", root)
    return props


def _folders(parent: str) -> list[str]:
    try:
        entries = sorted(os.scandir(parent), key=lambda e: e.name)
    except OSError as exc:
        raise SystemError_(f"cannot list {parent}: {exc.strerror or exc}") from None
    return [e.path for e in entries
            if e.is_dir() and not e.name.startswith(".") and e.name not in antglob.DEFAULT_EXCLUDES]


def _profiles(folder: str) -> tuple:
    found = []
    seen = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:                        # a link loop
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in antglob.DEFAULT_EXCLUDES)
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


class _Discovery:
    """Walks the clusters folder; collects clusters, warnings and notes."""

    def __init__(self, root: str, include_root: str, clusters_dir: str, props: Properties, groups: bool):
        self.root, self.include_root, self.clusters_dir = root, include_root, clusters_dir
        self.props, self.groups = props, groups
        self.clusters: list[Cluster] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.group_names: list[str] = []

    def run(self) -> None:
        if self.groups:
            for group in _folders(self.clusters_dir):
                self.group_names.append(os.path.basename(group))
                for folder in _folders(group):
                    self.cluster(folder, group, os.path.basename(group))
        else:
            for folder in _folders(self.clusters_dir):
                self.cluster(folder, self.clusters_dir, None)

    def cluster(self, folder: str, location: str, group: str | None) -> None:
        name = os.path.basename(folder) if group is None else f"{group}/{os.path.basename(folder)}"
        rel = os.path.relpath(folder, self.root)
        profiles_dir = os.path.join(folder, "profiles")
        profiles = _profiles(profiles_dir) if os.path.isdir(profiles_dir) else ()
        if not profiles:
            self.warnings.append(f"{rel}: no profiles (profiles/**/*.pan or *.tpl); cluster skipped")
            if group is None and any(os.path.isdir(os.path.join(sub, "profiles")) for sub in _folders(folder)):
                self.notes.append(f"{rel} holds clusters of its own: to build them as a cluster group, "
                                  f"set clusters.groups.enable=true in {SITE_PROPERTIES}")
            return
        props = self.props.copy()
        # What quattor.build.xml sets before reading the cluster's files.
        props.override("basedir", folder)
        props.define("cluster.current", os.path.basename(folder))
        props.define("cluster.location", location)
        props.define("groupname", group or "")
        props.load(os.path.join(folder, PROPERTIES))
        props.load(os.path.join(location, GROUP_PROPERTIES))
        include = [folder, profiles_dir]
        if os.path.isdir(os.path.join(folder, "site")):
            include.append(os.path.join(folder, "site"))
        spec = props.get("cluster.pan.includes")
        if spec is None:
            self.warnings.append(f"{rel}: cluster.pan.includes is not set; include path is the cluster only")
        for pattern in antglob.split_patterns(spec or ""):
            matches = antglob.match_dirs(self.include_root, pattern)
            if not matches:
                self.warnings.append(self._empty_glob(rel, pattern, props.origin("cluster.pan.includes")))
            include.extend(matches)
        include = list(dict.fromkeys(os.path.abspath(p) for p in include))
        self.clusters.append(Cluster(name, group, folder, tuple(include), profiles))

    def _empty_glob(self, cluster: str, pattern: str, origin: str) -> str:
        base = "cfg/" if self.include_root != self.root else "the site root"
        why = " (patterns are relative to it; '..' and absolute paths never match)" \
            if antglob.escapes_base(pattern) else ""
        return f"{cluster}: cluster.pan.includes entry '{pattern}' ({origin}) matches no folder under {base}{why}"


def discover(root: str) -> SitePlan:
    """The site's layout, properties and clusters (no selection, no outputs yet)."""
    root = os.path.abspath(root)
    if not os.path.isdir(root):
        raise SystemError_(f"site root does not exist: {root}")
    props = site_properties(root)
    scdb = os.path.isdir(os.path.join(root, "cfg", "clusters"))
    if scdb:
        include_root = os.path.join(root, "cfg")
    elif os.path.isdir(os.path.join(root, "clusters")):
        include_root = root
    else:
        raise SystemError_(f"no cfg/clusters/ (SCDB) or clusters/ folder in site root {root}")
    groups = props.flag("clusters.groups.enable")
    found = _Discovery(root, include_root, os.path.join(include_root, "clusters"), props, groups)
    found.run()
    plan = SitePlan(root, scdb, props, found.clusters, [], found.warnings, found.notes, found.group_names)
    for name, default in _FIXED_LAYOUT.items():
        value = props.get(name)
        if value is not None and value.strip().rstrip("/") != default:
            plan.notes.append(f"{props.origin(name)}: {name}={value} is not supported; "
                              f"panc --site always uses {default}")
    for name in _IGNORED:
        if props.get(name) is not None:
            plan.warnings.append(f"{props.origin(name)}: {name} has no effect with panc --site (see docs/scdb.md)")
    return plan


def _select(plan: SitePlan, clusters: list[str], groups: list[str]) -> set[str]:
    """Names of the clusters to compile."""
    group_mode = plan.properties.flag("clusters.groups.enable")
    if groups and not group_mode:
        raise SystemError_(f"--group needs cluster groups: set clusters.groups.enable=true in "
                           f"{os.path.join(plan.root, SITE_PROPERTIES)}")
    for g in groups:
        if g not in plan.group_names:
            raise SystemError_(f"no cluster group named '{g}' (known: {', '.join(plan.group_names) or 'none'})")
    chosen = {c.name for c in plan.clusters if not groups or c.group in groups}
    if clusters:
        known = {c.name for c in plan.clusters} | {c.name.rsplit("/", 1)[-1] for c in plan.clusters}
        for name in clusters:
            if name not in known:
                raise SystemError_(f"no cluster named '{name}' with profiles "
                                   f"(known: {', '.join(sorted(c.name for c in plan.clusters)) or 'none'})")
        chosen = {c.name for c in plan.clusters if c.name in chosen
                  and (c.name in clusters or c.name.rsplit("/", 1)[-1] in clusters)}
    return chosen


def plan_site(root: str, output_dir: str | None = None, clusters: list[str] = (),
              groups: list[str] = ()) -> SitePlan:
    """Discover the site and plan its builds (one per output folder)."""
    plan = discover(root)
    chosen = _select(plan, list(clusters), list(groups))
    base = os.path.abspath(output_dir or os.path.join(plan.root, "build", "profiles"))
    per_group = plan.properties.flag("clusters.groups.enable") and plan.properties.flag("clusters.groups.xml")
    builds: dict[str | None, Build] = {}
    if not per_group:
        builds[None] = Build(None, base, os.path.dirname(base))
    for cluster in plan.clusters:
        key = cluster.group if per_group else None
        build = builds.get(key)
        if build is None:
            build = Build(key, os.path.join(base, key), os.path.join(os.path.dirname(base), "virt", key))
            builds[key] = build
        profiles_dir = os.path.join(cluster.path, "profiles")
        for path in cluster.profiles:
            obj = os.path.splitext(os.path.relpath(path, profiles_dir))[0].replace(os.sep, "/")
            if obj in build.catalog:
                raise SystemError_(f"object {obj} is defined twice: {build.catalog[obj].path} and {path}")
            spec = ObjectSpec(obj, path, cluster.include_path)
            build.catalog[obj] = spec
            if cluster.name in chosen:
                build.specs.append(spec)
    # With a selection, groups with nothing selected are left alone.
    plan.builds = [b for b in builds.values() if b.specs or not (clusters or groups)]
    return plan
