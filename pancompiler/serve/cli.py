"""``panc-serve``: serve a build's profiles folder over HTTP (also ``python -m pancompiler.serve``).

Parses the options, checks the folder, binds the port, prints one line
``panc-serve: serving FOLDER at http://HOST:PORT/`` on stdout once it
accepts connections (with ``--port 0`` the line tells which port was
chosen), logs each request in common log format on stderr (or
``--access-log FILE``), and stops gracefully on SIGTERM or SIGINT: no new
connections, requests in flight answered, exit 0.  Mistakes (a missing
folder, a port in use, a bad address) give one line on stderr and exit 2
(usage) or 1 (cannot listen), never a traceback.  ``--nginx-config``
prints the equivalent nginx server block instead of serving.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
from typing import TextIO

from .nginx import server_block
from .server import ProfileServer

DESCRIPTION = "serve a build's profiles folder over HTTP"
PROG = "panc-serve"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    ap.add_argument("--root", default=os.path.join("build", "profiles"),
                    help="the profiles folder to serve (default: build/profiles)")
    ap.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                    help="address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    ap.add_argument("--port", type=int, default=8080, help="TCP port (default 8080; 0 picks a free one)")
    ap.add_argument("--access-log", metavar="FILE", help="append the access log to FILE instead of stderr")
    ap.add_argument("--quiet", action="store_true", help="no access log")
    ap.add_argument("--nginx-config", action="store_true",
                    help="print the nginx server block serving the folder, and exit")
    return ap


def _fail(message: str, status: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)
    return status


def _listen_error(address: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"cannot listen on {address}:{port}: address already in use (another server runs there?)"
    if exc.errno == errno.EACCES:
        return f"cannot listen on {address}:{port}: permission denied (ports below 1024 need root)"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {address}:{port}: no such address on this machine"
    return f"cannot listen on {address}:{port}: {exc.strerror or exc}"


def _open_log(args: argparse.Namespace) -> TextIO | None:
    if args.quiet:
        return None
    if args.access_log:
        return open(args.access_log, "a", encoding="utf-8")
    return sys.stderr


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root
    if args.nginx_config:
        sys.stdout.write(server_block(root))
        return 0
    if not os.path.exists(root):
        return _fail(f"profiles folder {root} does not exist (build the site first: panc-site)", 2)
    if not os.path.isdir(root):
        return _fail(f"{root} is not a folder", 2)
    if not 0 <= args.port <= 65535:
        return _fail(f"port {args.port} is out of range (0-65535)", 2)
    try:
        log = _open_log(args)
    except OSError as exc:
        return _fail(f"cannot open the access log {args.access_log}: {exc.strerror}", 2)
    try:
        server = ProfileServer((args.bind, args.port), root, log)
    except OSError as exc:
        return _fail(_listen_error(args.bind, args.port, exc), 1)
    except OverflowError:
        return _fail(f"port {args.port} is out of range (0-65535)", 2)
    return _serve(server, root)


def _serve(server: ProfileServer, root: str) -> int:
    def stop(signum: int, _frame: object) -> None:
        # shutdown() waits for serve_forever() to return: call it from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    host, port = server.server_address[:2]
    host = f"[{host}]" if ":" in host else host
    print(f"{PROG}: serving {os.path.abspath(root)} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        server.wait_idle(timeout=10)
    print(f"{PROG}: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
