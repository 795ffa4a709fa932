"""``panc-listen``: fetch when the build server says the profile changed (quattor's CDP).

The listener binds a UDP port (7777, as ``cdp-listend``) and reads CDP
datagrams (``pancompiler.serve.cdp``: ``b"ccm\\0<seconds>"``); anything else
is logged and ignored.  A notification asks for one ``panc-fetch`` run, made
in-process with the same settings.  Runs are rate-limited: at most one per
``push_interval`` seconds (``--interval``); notifications that arrive sooner
are merged into one run at the end of the interval, so the last change is
never lost and a flood of datagrams costs one fetch per interval.  A
notification older than the current profile's ``Last-Modified`` is ignored.
SIGTERM or SIGINT ends the listener with status 0.
"""

from __future__ import annotations

import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import replace

from ..serve import cdp
from .cache import Cache
from .config import ConfigError, override, read_config
from .fetch import EXIT, Outcome, fetch
from .fetch import parser as fetch_parser

Log = Callable[[str], None]


def log_line(text: str) -> None:
    print(f"panc-listen: {text}", file=sys.stderr, flush=True)


class Listener:
    """Reads datagrams from ``sock`` and calls ``run_fetch`` at most once per ``interval`` seconds."""

    def __init__(self, sock: socket.socket, run_fetch: Callable[[], object], interval: float,
                 newest: Callable[[], float | None] = lambda: None, log: Log = log_line,
                 clock: Callable[[], float] = time.monotonic):
        self.sock, self.run_fetch, self.interval = sock, run_fetch, interval
        self.newest, self.log, self.clock = newest, log, clock
        self.pending = False
        self.last_run: float | None = None
        self.stopped = False
        self.fetches = 0

    def serve(self, until: Callable[[], bool] = lambda: False) -> None:
        while not self.stopped and not until():
            self.sock.settimeout(self._wait())
            try:
                data, sender = self.sock.recvfrom(cdp.MAX_DATAGRAM + 1)
            except TimeoutError:
                data = None
            except InterruptedError:
                continue
            if data is not None:
                self._receive(data, sender)
            if self.pending and self._due() <= 0:
                self.pending = False
                self.last_run = self.clock()
                self.fetches += 1
                try:
                    self.run_fetch()
                except Exception as exc:   # a failed fetch must not end the listener
                    self.log(f"fetch failed: {type(exc).__name__}: {exc}")

    def _due(self) -> float:
        if self.last_run is None:
            return 0.0
        return self.last_run + self.interval - self.clock()

    def _wait(self) -> float:
        return min(0.5, max(0.01, self._due())) if self.pending else 0.5

    def _receive(self, data: bytes, sender: tuple) -> None:
        try:
            note = cdp.decode(data)
        except cdp.CdpError as exc:
            self.log(f"ignored a datagram from {sender[0]}: {exc}")
            return
        newest = self.newest()
        if newest is not None and note.time < int(newest):
            self.log(f"ignored a notification from {sender[0]}: time {note.time} is older than the cached profile")
            return
        if not self.pending and self._due() > 0:
            self.log(f"notification from {sender[0]}: fetching in {self._due():.0f} s (rate limit)")
        self.pending = True


def main(argv: list[str] | None = None) -> int:
    p = fetch_parser()
    p.prog = "panc-listen"
    p.description = "Listen for CDP notifications (UDP) and fetch the profile when one arrives."
    p.add_argument("--port", type=int, default=cdp.DEFAULT_PORT, help=f"UDP port (default {cdp.DEFAULT_PORT})")
    p.add_argument("--bind", default="0.0.0.0", help="address to listen on (default all)")
    p.add_argument("--interval", help="at most one fetch per this many seconds (push_interval, default 30)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return EXIT["config-error"] if exc.code else 0
    try:
        settings = override(read_config(args.cfgfile), push_interval=args.interval, **{k: getattr(args, k) for k in (
            "profile", "profile_failover", "cache_root", "get_timeout", "retrieve_retries", "retrieve_wait",
            "lock_retries", "lock_wait", "keep_old", "world_readable", "force", "noquattor", "host")})
        sock = socket.socket(socket.AF_INET6 if ":" in args.bind else socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((args.bind, args.port))
    except ConfigError as exc:
        log_line(str(exc))
        return EXIT["config-error"]
    except OSError as exc:
        log_line(f"cannot listen on UDP {args.bind}:{args.port}: {exc.strerror or exc}")
        return EXIT["config-error"]
    for text in settings.warnings:
        log_line(f"warning: {text}")
    settings = replace(settings, warnings=())

    def run_fetch() -> Outcome:
        outcome = fetch(settings, args.foreign, args.force_quattor, warn=lambda t: log_line(f"warning: {t}"))
        log_line(outcome.line())
        return outcome

    def newest() -> float | None:
        current = Cache(settings.cache_root).current()
        return current.meta.get("last_modified") if current and not args.foreign else None

    listener = Listener(sock, run_fetch, settings.push_interval, newest)

    def stop(*_: object) -> None:
        listener.stopped = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log_line(f"listening on UDP {args.bind}:{sock.getsockname()[1]}")
    listener.serve()
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
