"""The HTTP server of ``panc-serve``: GET and HEAD of a profiles folder, conditional and gzipped.

Built on the standard library's ``ThreadingHTTPServer`` (one thread per
connection, HTTP/1.1 keep-alive) rather than an asyncio framework: the demo
and a small site need nothing but Python, and a profile server's work per
request is small (read one file, maybe compress it once, answer 304 most of
the time), so threads hold hundreds of concurrent clients (see
benchmarks/serve_bench.py); a big site puts nginx in front.  The listen
backlog is raised from the standard library's 5 so that a burst of
connections is queued, not refused.  Each request opens its
file once (:class:`.files.OpenProfile`), answers 304 when ``If-None-Match``
matches the ETag or, without it, when ``If-Modified-Since`` is not older than
the file, compresses when the client accepts gzip, ignores ``Range`` (a full
200 is a valid answer) and logs one line in common log format.
"""

from __future__ import annotations

import email.utils
import os
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TextIO

from .. import __version__
from .files import GzipCache, NotServed, OpenProfile, resolve

GZIP_MIN_SIZE = 256  # smaller bodies gain nothing from compression


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding value admits gzip (``q=0`` refuses it).

    Also reads ccm-fetch's space-separated list, ``gzip x-gzip x-bzip2 deflate``.
    """
    if not header:
        return False
    for item in header.split(","):
        names, _, params = item.partition(";")
        if not {"gzip", "x-gzip", "*"} & set(names.lower().split()):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        return q > 0
    return False


def etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match value with our ETag (RFC 9110 13.1.2)."""
    if header.strip() == "*":
        return True
    ours = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == ours for tag in header.split(","))


def parse_http_date(value: str) -> int | None:
    """Seconds since the epoch of an HTTP date, or None when it is not one (then ignored)."""
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    try:
        return int(when.timestamp())
    except (OverflowError, OSError, ValueError):
        return None


class ProfileServer(ThreadingHTTPServer):
    """Serves the files of ``root``; counts requests in flight for a graceful stop."""

    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: str, log: TextIO | None = sys.stderr) -> None:
        self.root = os.path.realpath(root)
        self.log = log
        self.gzip_cache = GzipCache()
        self._in_flight = 0
        self._idle = threading.Condition()
        self._log_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, ProfileHandler)

    def request_started(self) -> None:
        with self._idle:
            self._in_flight += 1

    def request_finished(self) -> None:
        with self._idle:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being answered (the stop waits for them)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client gone mid-answer is normal; anything else is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"panc-serve: internal error answering {client_address[0]}: {type(exc).__name__}: {exc} "
              "(a bug in panc-serve; please report it)", file=sys.stderr, flush=True)

    def write_log(self, line: str) -> None:
        if self.log is None:
            return
        with self._log_lock:
            try:
                self.log.write(line + "\n")
                self.log.flush()
            except (OSError, ValueError):
                pass


class ProfileHandler(BaseHTTPRequestHandler):
    """One connection: GET/HEAD of profile files; everything else refused."""

    server: ProfileServer
    protocol_version = "HTTP/1.1"
    server_version = f"panc-serve/{__version__}"
    timeout = 60  # an idle keep-alive connection is closed after this many seconds
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _refuse_method(self) -> None:
        self._bytes_sent = 0
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        body = b"405 only GET and HEAD\n"
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Connection", "close")  # a request body, if any, is not read
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self._bytes_sent = len(body)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    def _answer(self, send_body: bool) -> None:
        self.server.request_started()
        try:
            self._bytes_sent = 0
            try:
                profile = OpenProfile(resolve(self.server.root, self.path))
            except NotServed as refused:
                self._send_plain(refused.status, send_body)
                return
            except UnicodeDecodeError:
                self._send_plain(HTTPStatus.BAD_REQUEST, send_body)
                return
            with profile:
                self._send_profile(profile, send_body)
        finally:
            self.server.request_finished()

    def _send_plain(self, status: int, send_body: bool) -> None:
        phrase = HTTPStatus(status).phrase
        body = f"{status} {phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
            self._bytes_sent = len(body)

    def _send_profile(self, profile: OpenProfile, send_body: bool) -> None:
        encoding, variant = None, ""
        if profile.stored_gzip:
            encoding = "gzip"
        elif profile.size >= GZIP_MIN_SIZE and accepts_gzip(self.headers.get("Accept-Encoding")):
            encoding, variant = "gzip", "-gzip"
        etag = profile.etag(variant)
        if self._not_modified(profile, etag):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._send_validators(profile, etag)
            self.end_headers()
            return
        body = self.server.gzip_cache.compressed(profile) if variant else profile.read()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", profile.content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self._send_validators(profile, etag)
        self.end_headers()
        if send_body:
            self.wfile.write(body)
            self._bytes_sent = len(body)

    def _send_validators(self, profile: OpenProfile, etag: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(profile.mtime, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")

    def _not_modified(self, profile: OpenProfile, etag: str) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # takes precedence over If-Modified-Since
            return etag_matches(if_none_match, etag)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        since = parse_http_date(if_modified_since)
        return since is not None and profile.mtime <= since

    def handle_one_request(self) -> None:
        self._status: int | None = None
        self._bytes_sent = 0
        super().handle_one_request()
        if self._status is not None:
            self._write_access_log()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        try:
            self._status = int(code)  # logged once the answer is sent
        except ValueError:
            self._status = None

    def _write_access_log(self) -> None:
        """One line in common log format: host ident authuser [date] "request" status bytes."""
        request = self.requestline.replace("\\", "\\\\").replace('"', '\\"')
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime())
        sent = self._bytes_sent or "-"
        self.server.write_log(f'{self.client_address[0]} - - [{stamp}] "{request}" {self._status} {sent}')

    def log_error(self, format: str, *args: object) -> None:
        pass  # a malformed request is logged by log_request with its status

