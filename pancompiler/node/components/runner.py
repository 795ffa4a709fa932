"""``panc-ncd``: run the components over the current profile, in the manner of ncm-ncd.

``panc-ncd [COMPONENT...] [--root DIR] [--dry-run]`` reads the profile that
the cache's ``current.cid`` names (``--cache-root``, or ``cache_root`` of the
ccm.conf given by ``--cfgfile``; ``--profile FILE`` reads a profile file
instead) and runs the named components, or all of them (``network``, then
``grub``, then ``xen``), skipping one whose ``/software/components/<name>/active``
is false.  Every path is taken under ``--root`` (default ``/``).  Each
component reports one line; one that fails (a bad value, a write error) does
not stop the others, and the run exits 1 if any failed, 3 if there is no
profile to read, 4 if another panc-ncd is running on the same root (lock
``var/lib/pancompiler/ncd/ncd.lock``), 2 for bad options, 0 otherwise.  ``--dry-run`` prints the
unified diffs of what would change and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from types import ModuleType
from typing import Any, TextIO

from ..config import ConfigError, read_config
from ..lock import LockBusy, RunLock
from ..profile import ProfileError, format_of, owner, parse
from ..query import load_current
from . import ComponentError, grub, network, xen
from .files import MANIFEST_DIR, apply

COMPONENTS: dict[str, ModuleType] = {m.NAME: m for m in (network, grub, xen)}


def run_component(module: ModuleType, tree: dict[str, Any], host: str, root: str, dry_run: bool,
                  out: TextIO) -> tuple[bool, str]:
    """Run one component; (ok, the line reporting it)."""
    name = module.NAME
    try:
        changes = apply(root, name, module.wanted(tree, host), dry_run, getattr(module, "PRUNE", ()))
    except ComponentError as exc:
        return False, f"{name}: failed: {exc}; nothing changed"
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return False, f"{name}: failed: cannot write{where}: {exc.strerror or exc}"
    except Exception as exc:   # a component's bug must not stop the others (as ncm-ncd)
        return False, f"{name}: failed: {type(exc).__name__}: {exc}"
    for diff in changes.diffs if dry_run else ():
        out.write(diff)
    verb = ("would write", "would remove") if dry_run else ("wrote", "removed")
    if not changes.changed:
        return True, f"{name}: ok, nothing to change"
    detail = ", ".join(f"{verb[0]} /{p}" for p in changes.written) + \
        ("; " if changes.written and changes.removed else "") + \
        ", ".join(f"{verb[1]} /{p}" for p in changes.removed)
    return True, f"{name}: ok, {detail}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="panc-ncd", description="Apply the current profile with the components.")
    p.add_argument("components", nargs="*", metavar="COMPONENT", help=f"of {', '.join(COMPONENTS)} (default all)")
    p.add_argument("--configure", action="store_true", help="accepted for ncm-ncd habits; configuring is the default")
    p.add_argument("--all", action="store_true", help="run every component (the default)")
    p.add_argument("--root", default="/", help="prefix of every path written (default /)")
    p.add_argument("--dry-run", "--noaction", dest="dry_run", action="store_true",
                   help="print the diffs of what would change; change nothing")
    p.add_argument("--cfgfile", help="ccm.conf giving cache_root (default /etc/ccm.conf)")
    p.add_argument("--cache-root", "--cache_root", dest="cache_root")
    p.add_argument("--profile", metavar="FILE", help="read this profile file instead of the cache")
    p.add_argument("--host", metavar="FQDN", help="the node's name if the profile does not give it")
    args = p.parse_args(argv)
    unknown = [c for c in args.components if c not in COMPONENTS]
    if unknown:
        p.error(f"unknown component {unknown[0]!r} (known: {', '.join(COMPONENTS)})")
    try:
        tree = _load(args)
    except (ConfigError, LookupError) as exc:
        print(f"panc-ncd: {exc.args[0] if isinstance(exc, LookupError) else exc}", file=sys.stderr)
        return 3
    host = owner(tree) or (args.host or "").lower()
    if not host:
        print("panc-ncd: the profile names no host (/system/network); give --host", file=sys.stderr)
        return 3
    chosen = [n for n in COMPONENTS if n in args.components] if args.components else list(COMPONENTS)
    root = os.path.abspath(args.root)
    if args.dry_run:
        return _run_all(tree, host, root, chosen, True)
    try:
        state = os.path.join(root, MANIFEST_DIR)
        os.makedirs(state, exist_ok=True)
        with RunLock(state, "ncd.lock", "panc-ncd").acquire(0, 0):
            return _run_all(tree, host, root, chosen, False)
    except LockBusy as exc:
        print(f"panc-ncd: {exc}; try again later", file=sys.stderr)
        return 4
    except OSError as exc:
        print(f"panc-ncd: cannot lock {root}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _run_all(tree: dict[str, Any], host: str, root: str, chosen: list[str], dry_run: bool) -> int:
    failed = 0
    for name in chosen:
        if _inactive(tree, name):
            print(f"panc-ncd: {name}: skipped, not active in the profile")
            continue
        ok, line = run_component(COMPONENTS[name], tree, host, root, dry_run, sys.stdout)
        failed += not ok
        print(f"panc-ncd: {line}", file=sys.stdout if ok else sys.stderr, flush=True)
    if failed:
        print(f"panc-ncd: {failed} of {len(chosen)} components failed", file=sys.stderr)
    return 1 if failed else 0


def _load(args: argparse.Namespace) -> dict[str, Any]:
    if args.profile:
        try:
            with open(args.profile, "rb") as fh:
                data = fh.read()
            return parse(data, format_of(args.profile, data))
        except (OSError, ProfileError) as exc:
            raise LookupError(f"{args.profile}: {getattr(exc, 'strerror', None) or exc}") from None
    root = args.cache_root or read_config(args.cfgfile).cache_root
    return load_current(root)[1]


def _inactive(tree: dict[str, Any], name: str) -> bool:
    component = tree.get("software", {}).get("components", {}).get(name) \
        if isinstance(tree.get("software"), dict) else None
    return isinstance(component, dict) and component.get("active") is False


if __name__ == "__main__":
    sys.exit(main())
