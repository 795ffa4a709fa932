"""A real nginx with the configuration of docs/serving.md serves a profiles folder like panc-serve."""

from __future__ import annotations

import gzip
import os

from httpget import get, raw

from pancompiler.serve.nginx import server_block

NODE = "/node1.example.org.json"


def _read(folder: str, name: str) -> bytes:
    with open(os.path.join(folder, name), "rb") as fh:
        return fh.read()


def test_nginx_serves_profiles_with_304_and_gzip(profiles_folder: str, nginx_server) -> None:
    base = nginx_server(profiles_folder)
    plain = _read(profiles_folder, NODE[1:])
    status, headers, body = get(base, NODE)
    assert status == 200 and body == plain and headers["content-type"] == "application/json"
    etag, modified = headers["etag"], headers["last-modified"]
    assert get(base, NODE, {"If-None-Match": etag})[0] == 304
    assert get(base, NODE, {"If-Modified-Since": modified})[0] == 304
    assert get(base, NODE, {"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})[0] == 304  # "before"
    assert get(base, NODE, {"If-Modified-Since": "garbage"})[0] == 200
    status, zipped, body = get(base, NODE, {"Accept-Encoding": "gzip"})
    assert zipped["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    assert get(base, NODE, {"Accept-Encoding": "gzip", "If-None-Match": zipped["etag"]})[0] == 304
    status, stored, body = get(base, "/node2.example.org.json.gz")
    assert stored["content-encoding"] == "gzip" and stored["content-type"] == "application/json"
    assert gzip.decompress(body) == _read(profiles_folder, "node2.example.org.json")
    assert get(base, "/sub/node4.example.org.xml")[1]["content-type"] == "text/xml"
    for index in ("/profiles.json", "/profiles-info.xml"):
        assert get(base, index)[2] == _read(profiles_folder, index[1:])
    status, _, body = get(base, NODE, method="HEAD")
    assert status == 200 and body == b""


def test_nginx_refuses_what_is_not_a_profile(profiles_folder: str, nginx_server) -> None:
    base = nginx_server(profiles_folder)
    for path in ("/", "/sub/", "/sub", "/.hidden.json", "/%2ehidden.json", "/.pancompiler/state.json",
                 "/node1.example.org.dep", "/escape.json", "/../outside.json", "/%2e%2e/outside.json",
                 "/sub/../.hidden.json", "/..%2f.hidden.json"):
        request = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        status, answer = raw(base, request)
        assert status in (400, 404), path
        assert b"secret" not in answer and b"Index of" not in answer


def test_docs_show_the_generated_configuration() -> None:
    docs = os.path.join(os.path.dirname(__file__), "..", "..", "docs")
    block = server_block("/srv/quattor/build/profiles", "80", "quattor.example.org")
    assert block in _read(docs, "serving.md").decode()
