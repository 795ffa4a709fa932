"""Push: tell each node whose profile changed, with quattor's CDP datagram (``panc-notify``).

After a build, :func:`changed_nodes` compares two versions of the build's
``profiles.json`` index (a node changed when one of its profile files is new
or has another sha256; removed nodes are not told) and :func:`send` sends one
UDP datagram (:func:`.cdp.encode`: ``ccm\\0<profile mtime>``) to each such
node on port 7777, where the node's listener fetches its profile.  The node
name is the profile's file name without its format suffix, completed with
``--domain`` when it has no dot, as quattor's NotifyClientTask does.
``panc-notify`` remembers what it announced in a state file (by default
``.notified.json`` in the profiles folder: hidden, so never served), so each
run tells only the nodes changed since the previous one; a node that could not
be told stays pending for the next run.  ``panc --site ROOT --notify`` does
the same around a build.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import cdp

INDEX = "profiles.json"
STATE = ".notified.json"
SUFFIXES = (".json.gz", ".xml.gz", ".json", ".xml")
DESCRIPTION = "tell each node whose profile changed, with a CDP datagram (UDP)"
PROG = "panc-notify"


class NotifyError(Exception):
    """An index or state file that cannot be read (one line for the user)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one node's notification: ``error`` is None when sent."""

    node: str
    address: str | None
    time: int
    error: str | None


def node_of(file: str, domain: str = "") -> str | None:
    """The node a profile file belongs to (``sub/n1.json.gz`` -> ``n1``), or None."""
    name = file.rsplit("/", 1)[-1]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            node = name[: -len(suffix)].lower()
            if domain and "." not in node:
                node = f"{node}.{domain}"
            return node
    return None


def read_index(path: str, missing_ok: bool = True) -> dict[str, dict]:
    """The entries of a ``profiles.json`` by file name; {} when absent and ``missing_ok``."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        if missing_ok:
            return {}
        raise NotifyError(f"{path}: no such file (build the site first)") from None
    except (OSError, ValueError) as exc:
        raise NotifyError(f"{path}: cannot read the profile index ({exc})") from None
    try:
        return {str(e["file"]): e for e in data["profiles"]}
    except (KeyError, TypeError):
        raise NotifyError(f"{path}: not a profile index (expected {{\"profiles\": [{{\"file\": ...}}]}})") from None


def changed_nodes(before: Mapping[str, dict], after: Mapping[str, dict], domain: str = "") -> dict[str, int]:
    """Nodes with a new or changed profile file, each with its newest mtime in seconds."""
    changed: dict[str, int] = {}
    for file, entry in after.items():
        old = before.get(file)
        if old is not None and old.get("sha256") == entry.get("sha256"):
            continue
        node = node_of(file, domain)
        if node is None:
            continue
        seconds = int(entry.get("mtime", 0)) // 1000
        changed[node] = max(changed.get(node, 0), seconds)
    return changed


Resolver = Callable[[str], str]


def resolve_address(node: str) -> str:
    """The IPv4 or IPv6 address a node name resolves to (first answer)."""
    infos = socket.getaddrinfo(node, None, type=socket.SOCK_DGRAM)
    return str(infos[0][4][0])


def send(nodes: Mapping[str, int], port: int = cdp.DEFAULT_PORT, kind: str = "ccm",
         resolver: Resolver | None = None) -> list[Outcome]:
    """Send each node its datagram; return what happened to each, sorted by node."""
    resolver = resolver or resolve_address
    outcomes = []
    sockets: dict[int, socket.socket] = {}
    try:
        for node in sorted(nodes):
            stamp = nodes[node]
            try:
                address = resolver(node)
            except (OSError, UnicodeError) as exc:
                outcomes.append(Outcome(node, None, stamp, f"cannot resolve: {exc}"))
                continue
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            try:
                if family not in sockets:
                    sockets[family] = socket.socket(family, socket.SOCK_DGRAM)
                sockets[family].sendto(cdp.encode(stamp, kind), (address, port))
            except OSError as exc:
                outcomes.append(Outcome(node, address, stamp, f"cannot send: {exc.strerror or exc}"))
                continue
            outcomes.append(Outcome(node, address, stamp, None))
    finally:
        for sock in sockets.values():
            sock.close()
    return outcomes


def report(outcomes: list[Outcome]) -> int:
    """Print one line per node (sent on stdout, failures on stderr); 1 if any failed."""
    out, err = sys.stdout, sys.stderr
    for o in outcomes:
        if o.error is None:
            print(f"{PROG}: notified {o.node} ({o.address}) of its profile of {o.time}", file=out)
        else:
            print(f"{PROG}: {o.node}: {o.error}", file=err)
    return 1 if any(o.error for o in outcomes) else 0


def _write_state(path: str, entries: Mapping[str, dict]) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".notified-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"profiles": list(entries.values())}, fh, indent=1, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    ap.add_argument("--root", default=os.path.join("build", "profiles"),
                    help="the profiles folder holding profiles.json (default: build/profiles)")
    ap.add_argument("--since", metavar="INDEX",
                    help="compare with this copy of profiles.json instead of the state file")
    ap.add_argument("--state", metavar="FILE", help=f"the state file (default: ROOT/{STATE})")
    ap.add_argument("--all", action="store_true", help="notify every node, changed or not")
    ap.add_argument("--port", type=int, default=cdp.DEFAULT_PORT, help="UDP port of the nodes (default 7777)")
    ap.add_argument("--domain", default="", help="domain appended to node names without a dot")
    ap.add_argument("--resolve", action="append", default=[], metavar="NODE=ADDRESS",
                    help="send NODE's datagram to ADDRESS instead of its DNS address (repeatable)")
    ap.add_argument("--dry-run", action="store_true", help="print the nodes that would be told; send nothing")
    return ap


def _resolver(pairs: list[str]) -> Resolver:
    table = {}
    for pair in pairs:
        node, sep, address = pair.partition("=")
        if not sep or not node or not address:
            raise NotifyError(f"--resolve {pair!r}: expected NODE=ADDRESS")
        table[node.lower()] = address
    return lambda node: table[node] if node in table else resolve_address(node)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not 0 < args.port < 65536:
        print(f"{PROG}: port {args.port} is out of range (1-65535)", file=sys.stderr)
        return 2
    state_path = args.state or os.path.join(args.root, STATE)
    try:
        resolver = _resolver(args.resolve)
        after = read_index(os.path.join(args.root, INDEX), missing_ok=False)
        if args.all:
            before: dict[str, dict] = {}
        else:
            before = read_index(args.since or state_path)
    except NotifyError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if args.dry_run:
        nodes = changed_nodes(before, after, args.domain)
        for node in sorted(nodes):
            print(f"{PROG}: would notify {node} of its profile of {nodes[node]}")
        return 0
    return announce(before, after, state_path, args.port, args.domain, resolver)


def announce(before: Mapping[str, dict], after: Mapping[str, dict], state_path: str,
             port: int = cdp.DEFAULT_PORT, domain: str = "", resolver: Resolver | None = None) -> int:
    """Notify the nodes changed from ``before`` to ``after``, record it in the state file, report."""
    outcomes = send(changed_nodes(before, after, domain), port, resolver=resolver)
    failed = {o.node for o in outcomes if o.error}
    # Remember what was announced; a node not reached keeps its old entries (told next run).
    remembered = {}
    for file, entry in after.items():
        if node_of(file, domain) not in failed:
            remembered[file] = entry
        elif file in before:
            remembered[file] = before[file]
    try:
        _write_state(state_path, remembered)
    except OSError as exc:
        print(f"{PROG}: cannot write the state file {state_path}: {exc.strerror}", file=sys.stderr)
        return 1
    if not outcomes:
        print(f"{PROG}: no profile changed")
    return report(outcomes)


def after_build(root: str, index_before: Mapping[str, dict], port: int = cdp.DEFAULT_PORT,
                domain: str = "") -> int:
    """``panc --notify``: tell the nodes changed since the last notification (or, the first
    time, since the index as it was before this build)."""
    state_path = os.path.join(root, STATE)
    try:
        before = read_index(state_path) if os.path.exists(state_path) else dict(index_before)
        after = read_index(os.path.join(root, INDEX), missing_ok=False)
    except NotifyError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    return announce(before, after, state_path, port, domain)


if __name__ == "__main__":
    sys.exit(main())
