"""``panc-query``: print a path of the cached current profile, in the manner of ccm-dump/ncm-query.

``panc-query /software/components/xen`` prints that subtree of the profile
``current.cid`` names (or ``--cid N``) as JSON (``--format json``, the
default) or as pan-style text (``--format pan``, as ``ccm --format pan``
writes it: one ``"/path" = value; # type`` line per scalar, strings in
double quotes, lists and dicts walked in order).  Exit 0; 1 when the path is
not in the profile; 3 when the cache holds no current profile; 2 for bad
options.  Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from .cache import PROFILE_DIR, Cache, Cached
from .config import ConfigError, read_config
from .profile import ProfileError, parse, subtree


def load_current(cache_root: str, cid: int | None = None) -> tuple[Cached, dict[str, Any]]:
    """The current (or ``cid``) profile of a cache, parsed; ``LookupError`` if there is none."""
    cache = Cache(cache_root)
    cached = cache.current()
    if cid is not None:
        folder = os.path.join(cache_root, f"{PROFILE_DIR}{cid}")
        if not os.path.isfile(os.path.join(folder, "profile")):
            raise LookupError(f"no profile.{cid} in {cache_root}")
        fmt = "xml" if os.path.lexists(os.path.join(folder, "profile.xml")) else "json"
        cached = Cached(cid, folder, "", fmt, {})
    if cached is None:
        raise LookupError(f"no current profile in {cache_root} (run panc-fetch first)")
    try:
        return cached, parse(cached.read(), cached.fmt)
    except (OSError, ProfileError) as exc:
        raise LookupError(f"{cached.profile_path}: {exc}") from None


def pan_lines(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from pan_lines(item, f"{path.rstrip('/')}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from pan_lines(item, f"{path.rstrip('/')}/{index}")
    else:
        yield f'"{path or "/"}" = {_pan_scalar(value)}; # {_pan_type(value)}'


def _pan_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if isinstance(value, float) else str(value)


def _pan_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string" if isinstance(value, str) else "null"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="panc-query", description="Print a path of the cached current profile.")
    p.add_argument("path", nargs="?", default="/", help="profile path, e.g. /software/components/xen")
    p.add_argument("--format", choices=("json", "pan"), default="json")
    p.add_argument("--cfgfile", help="configuration file giving cache_root (default /etc/ccm.conf)")
    p.add_argument("--cache-root", "--cache_root", dest="cache_root")
    p.add_argument("--cid", type=int, help="read profile.<CID> instead of the current one")
    args = p.parse_args(argv)
    try:
        root = args.cache_root or read_config(args.cfgfile).cache_root
        _, tree = load_current(root, args.cid)
    except (ConfigError, LookupError) as exc:
        print(f"panc-query: {exc.args[0] if isinstance(exc, LookupError) else exc}", file=sys.stderr)
        return 3
    path = "/" + "/".join(p for p in args.path.split("/") if p)
    try:
        value = subtree(tree, path)
    except KeyError as exc:
        print(f"panc-query: {path}: not in the profile ({exc.args[0]} does not exist)", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(value, indent=2, ensure_ascii=False))
    else:
        for line in pan_lines(value, path if path != "/" else ""):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
