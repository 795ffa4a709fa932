"""Helpers of the node tests: HTTP servers on loopback that inject faults, a node running panc-fetch.

``Web`` is ``http.server`` on 127.0.0.1 (port chosen free) serving a folder
as a profile server does (Last-Modified, If-Modified-Since, gzip), with
per-path overrides that inject faults (a status, a truncated body, a corrupt
gzip stream, a stall); ``Agent`` is a node: its ccm.conf, cache and marker
file in a temporary folder, running ``panc-fetch`` in-process or as a
subprocess.  Kept out of conftest.py so that test modules import it by a
name no other test folder uses.
"""

from __future__ import annotations

import email.utils
import gzip
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pancompiler.node import fetch as fetch_module

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "site" / "golden"
HOST = "hv01.example.org"


Fault = Callable[[SimpleHTTPRequestHandler], None]


@dataclass
class Web:
    url: str
    folder: Path
    faults: dict[str, Fault] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _handler(web: Web):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(web.folder), **kwargs)

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            web.requests.append((self.path, dict(self.headers)))
            fault = web.faults.get(self.path)
            if fault is not None:
                fault(self)
                return
            path = web.folder / self.path.lstrip("/")
            if path.is_file():
                self._send_file(path)
            else:
                self.send_error(404)

        def _send_file(self, path: Path) -> None:
            data = path.read_bytes()
            mtime = path.stat().st_mtime
            since = self.headers.get("If-Modified-Since")
            if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(mtime):
                self.send_response(304)
                self.end_headers()
                return
            gzipped = "gzip" in (self.headers.get("Accept-Encoding") or "")
            body = gzip.compress(data) if gzipped else data
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
    return Handler


def start_web(folder: Path) -> tuple[Web, ThreadingHTTPServer]:
    state = Web("", folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return state, server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Agent:
    """A node: its ccm.conf, cache and marker file under a temporary folder."""

    dir: Path
    url: str
    host: str = HOST
    extra: dict[str, str] = field(default_factory=dict)
    tail: str = ""                      # more lines for ccm.conf

    @property
    def cache(self) -> Path:
        return self.dir / "cache"

    @property
    def conf(self) -> Path:
        settings = {"profile": self.url, "cache_root": str(self.cache), "get_timeout": "2",
                    "retrieve_retries": "2", "retrieve_wait": "0", "lock_retries": "0", "lock_wait": "0",
                    "host": self.host, "noquattor": str(self.dir / "noquattor"), **self.extra}
        path = self.dir / "ccm.conf"
        path.write_text("".join(f"{k} {v}\n" for k, v in settings.items()) + self.tail)
        return path

    def run(self, *args: str, capsys=None) -> tuple[int, str, str]:
        code = fetch_module.main(["--cfgfile", str(self.conf), *args])
        out, err = capsys.readouterr() if capsys else ("", "")
        return code, out, err

    def spawn(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "pancompiler.node.fetch", "--cfgfile", str(self.conf), *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, **(env or {})})

    def current(self) -> bytes:
        cid = (self.cache / "current.cid").read_text().strip()
        return (self.cache / f"profile.{cid}" / "profile").read_bytes()

    def current_cid(self) -> str:
        return (self.cache / "current.cid").read_text().strip()


