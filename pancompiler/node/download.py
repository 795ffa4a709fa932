"""One HTTP GET of a profile (or of the server's ``profiles.json``), with urllib.

``get`` sends ``Accept-Encoding: gzip`` and, when the cache holds a copy
from the same URL, ``If-Modified-Since`` (the copy's modification time, set
from the server's ``Last-Modified``) and ``If-None-Match`` (its ``ETag``).
It returns a ``Response``: ``not_modified`` for a 304, else the body as
received (``wire``), with the HTTP content encoding undone (``raw``) and the
profile itself (``text``: a ``.gz`` file served as plain bytes decompressed).
The file the server holds is ``raw``, or ``wire`` for a stored ``.gz`` sent
with ``Content-Encoding: gzip`` (as nginx and ``panc-serve`` send it).  Every failure is a
``DownloadError`` with a short reason: connection refused, timeout, an HTTP
status, a body shorter than its ``Content-Length``, a corrupt gzip stream.
Only the standard library is used, so a node needs nothing but Python 3.
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import socket
import ssl
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass

from .. import __version__

USER_AGENT = f"panc-fetch/{__version__}"
GZIP_MAGIC = b"\x1f\x8b"
MAX_BODY = 1 << 30


class DownloadError(Exception):
    """The server could not be reached or did not send a usable answer."""


@dataclass(frozen=True)
class Response:
    url: str
    not_modified: bool = False
    wire: bytes = b""             # the body as received
    raw: bytes = b""              # the body with its Content-Encoding undone
    text: bytes = b""             # the profile itself (a .gz file decompressed)
    last_modified: float | None = None
    etag: str | None = None


@dataclass(frozen=True)
class TLS:
    ca_file: str | None = None
    ca_dir: str | None = None
    cert_file: str | None = None
    key_file: str | None = None

    def context(self) -> ssl.SSLContext | None:
        if not (self.ca_file or self.ca_dir or self.cert_file):
            return None
        context = ssl.create_default_context(cafile=self.ca_file, capath=self.ca_dir)
        if self.cert_file:
            context.load_cert_chain(self.cert_file, self.key_file)
        return context


def get(url: str, timeout: float, since: float | None = None, etag: str | None = None,
        tls: TLS | None = None) -> Response:
    headers = {"Accept-Encoding": "gzip", "User-Agent": USER_AGENT}
    if since is not None:
        headers["If-Modified-Since"] = email.utils.formatdate(since, usegmt=True)
    if etag:
        headers["If-None-Match"] = etag
    request = urllib.request.Request(url, headers=headers)
    try:
        context = tls.context() if tls else None
        with urllib.request.urlopen(request, timeout=timeout, context=context) as answer:
            body = _read(answer)
            encoding = (answer.headers.get("Content-Encoding") or "").strip().lower()
            last_modified = _http_date(answer.headers.get("Last-Modified"))
            tag = answer.headers.get("ETag")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            if since is None and not etag:
                raise DownloadError("HTTP 304 Not Modified to a request that was not conditional") from None
            return Response(url, not_modified=True)
        raise DownloadError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise DownloadError(_reason(exc.reason)) from None
    except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as exc:
        raise DownloadError(_reason(exc)) from None
    raw = _decode(body, encoding)
    text = _gunzip(raw, "the .gz file") if url.endswith(".gz") and raw.startswith(GZIP_MAGIC) else raw
    return Response(url, wire=body, raw=raw, text=text, last_modified=last_modified, etag=tag)


def _read(answer: http.client.HTTPResponse) -> bytes:
    announced = answer.headers.get("Content-Length")
    expected = int(announced) if announced and announced.strip().isdigit() else None
    if expected is not None and expected > MAX_BODY:
        raise DownloadError(f"body of {expected} bytes is larger than 1 GiB")
    try:
        body = answer.read()
    except http.client.IncompleteRead as exc:
        if expected is None:
            raise DownloadError(f"truncated body: {len(exc.partial)} bytes received, "
                                "then the connection closed mid-chunk") from None
        body = exc.partial
    if expected is not None and len(body) < expected:
        raise DownloadError(f"truncated body: {len(body)} bytes received, {expected} announced")
    if len(body) > MAX_BODY:
        raise DownloadError("body larger than 1 GiB")
    return body


def _decode(body: bytes, encoding: str) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip"):
        return _gunzip(body, "the gzip-encoded body")
    raise DownloadError(f"unsupported Content-Encoding {encoding!r}")


def _gunzip(data: bytes, what: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise DownloadError(f"corrupt gzip stream in {what} ({exc})") from None


def _http_date(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def _reason(reason: object) -> str:
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the server's name ({reason.strerror})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[0].isupper() and reason.strerror[1:2].islower() \
            else reason.strerror
    return str(reason) or type(reason).__name__
