"""A real nginx with the configuration of docs/serving.md serves a profiles folder like panc-serve."""

from __future__ import annotations

import gzip
import http.client
import os
from urllib.parse import urlsplit

from pancompiler.serve.nginx import server_block


def _get(base_url: str, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    resp.body = resp.read()  # type: ignore[attr-defined]
    conn.close()
    return resp


def test_nginx_serves_profiles_with_304_and_gzip(profiles_folder: str, nginx_server) -> None:
    base = nginx_server(profiles_folder)
    plain = open(os.path.join(profiles_folder, "node1.example.org.json"), "rb").read()
    first = _get(base, "/node1.example.org.json")
    assert first.status == 200 and first.body == plain
    assert first.getheader("Content-Type") == "application/json"
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert _get(base, "/node1.example.org.json", {"If-None-Match": etag}).status == 304
    assert _get(base, "/node1.example.org.json", {"If-Modified-Since": modified}).status == 304
    zipped = _get(base, "/node1.example.org.json", {"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip" and gzip.decompress(zipped.body) == plain
    assert _get(base, "/node1.example.org.json",
                {"Accept-Encoding": "gzip", "If-None-Match": zipped.getheader("ETag")}).status == 304
    stored = _get(base, "/node2.example.org.json.gz")
    assert stored.getheader("Content-Encoding") == "gzip"
    assert stored.getheader("Content-Type") == "application/json"
    assert gzip.decompress(stored.body) == open(os.path.join(profiles_folder, "node2.example.org.json"),
                                                "rb").read()
    for index in ("/profiles.json", "/profiles-info.xml"):
        assert _get(base, index).status == 200


def test_nginx_refuses_what_is_not_a_profile(profiles_folder: str, nginx_server) -> None:
    base = nginx_server(profiles_folder)
    for path in ("/", "/sub/", "/.hidden.json", "/.pancompiler/state.json", "/node1.example.org.dep",
                 "/escape.json", "/../etc/passwd", "/%2e%2e/etc/passwd", "/sub/../.hidden.json"):
        resp = _get(base, path)
        assert resp.status in (400, 404), path
        assert b"secret" not in resp.body and b"root:" not in resp.body


def test_docs_show_the_generated_configuration() -> None:
    docs = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "serving.md")
    block = server_block("/srv/quattor/build/profiles", "80", "quattor.example.org")
    assert block in open(docs).read()
