"""Tiny HTTP helpers of the serving tests: a GET with http.client, a raw request over a socket."""

from __future__ import annotations

import http.client
import socket
from urllib.parse import urlsplit


def get(base_url: str, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """(status, headers as a dict with lower-case names, body) of one request."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def raw(base_url: str, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (paths http.client would refuse); (status, whole answer)."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    answer = b"".join(chunks)
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, answer
