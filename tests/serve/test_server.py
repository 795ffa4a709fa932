"""panc-serve's HTTP behaviour: GET/HEAD, 304s, gzip, Range, and everything it must refuse."""

from __future__ import annotations

import email.utils
import gzip
import io
import os
import re
import time

from httpget import get, raw

from pancompiler.serve.server import accepts_gzip, parse_http_date

NODE = "/node1.example.org.json"


def _body(folder: str, name: str) -> bytes:
    with open(os.path.join(folder, name), "rb") as fh:
        return fh.read()


def test_get_sends_the_file_with_its_validators(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    status, headers, body = get(base, NODE)
    assert status == 200 and body == _body(profiles_folder, NODE[1:])
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(body)
    mtime = os.stat(os.path.join(profiles_folder, NODE[1:])).st_mtime
    assert parse_http_date(headers["last-modified"]) == int(mtime)
    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"', headers["etag"])
    assert "content-encoding" not in headers


def test_head_sends_the_headers_of_get_without_a_body(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    _, get_headers, _ = get(base, NODE)
    status, headers, body = get(base, NODE, method="HEAD")
    assert status == 200 and body == b""
    for name in ("content-type", "content-length", "etag", "last-modified"):
        assert headers[name] == get_headers[name]


def test_index_files_and_subfolders_and_inner_symlinks_are_served(profiles_folder, our_server) -> None:
    os.symlink("node2.example.org.json", os.path.join(profiles_folder, "alias.json"))
    base = our_server(profiles_folder)
    assert get(base, "/profiles.json")[0] == 200
    assert get(base, "/profiles-info.xml")[2] == _body(profiles_folder, "profiles-info.xml")
    status, headers, _ = get(base, "/sub/node4.example.org.xml")
    assert status == 200 and headers["content-type"] == "text/xml"
    assert get(base, "/alias.json")[2] == _body(profiles_folder, "node2.example.org.json")
    assert get(base, "/sub%2Fnode4.example.org.xml")[0] == 200  # an encoded slash is a slash
    assert get(base, NODE + "?cache-buster=1")[2] == _body(profiles_folder, NODE[1:])  # query ignored


def test_conditional_requests_answer_304(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    _, headers, _ = get(base, NODE)
    etag, modified = headers["etag"], headers["last-modified"]
    later = email.utils.formatdate(parse_http_date(modified) + 3600, usegmt=True)
    earlier = email.utils.formatdate(parse_http_date(modified) - 3600, usegmt=True)
    status, headers304, body = get(base, NODE, {"If-None-Match": etag})
    assert status == 304 and body == b"" and headers304["etag"] == etag
    assert get(base, NODE, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert get(base, NODE, {"If-None-Match": "*"})[0] == 304
    assert get(base, NODE, {"If-Modified-Since": modified})[0] == 304
    assert get(base, NODE, {"If-Modified-Since": later})[0] == 304
    assert get(base, NODE, {"If-Modified-Since": earlier})[0] == 200
    assert get(base, NODE, {"If-None-Match": '"other"'})[0] == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
    assert get(base, NODE, {"If-None-Match": '"other"', "If-Modified-Since": later})[0] == 200


BAD_DATES = ["garbage", "", "Mon, 32 Nov 2026 99:00:00 GMT", "Tue, 01 Jan 2030", "2026-11-30T00:00:00Z",
             "Fri, 01 Jan 99999 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00", "\u00e9t\u00e9", "-1"]


def test_bad_if_modified_since_dates_are_ignored(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    for value in BAD_DATES:
        request = (f"GET {NODE} HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: {value}\r\n"
                   "Connection: close\r\n\r\n").encode()
        status, answer = raw(base, request)
        assert status == 200 and answer.endswith(_body(profiles_folder, NODE[1:])), value


def test_gzip_when_the_client_accepts_it(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    plain = _body(profiles_folder, NODE[1:])
    _, identity_headers, _ = get(base, NODE)
    status, headers, body = get(base, NODE, {"Accept-Encoding": "br, gzip;q=0.8"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain and int(headers["content-length"]) == len(body)
    assert headers["etag"] != identity_headers["etag"]
    assert get(base, NODE, {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})[0] == 304
    # the identity ETag does not validate the gzip body, nor the reverse
    assert get(base, NODE, {"Accept-Encoding": "gzip", "If-None-Match": identity_headers["etag"]})[0] == 200
    refused = get(base, NODE, {"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused[1] and refused[2] == plain


def test_stored_gzip_profiles_go_out_with_content_encoding(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    status, headers, body = get(base, "/node2.example.org.json.gz", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/json"
    assert body == _body(profiles_folder, "node2.example.org.json.gz")  # not compressed twice
    assert gzip.decompress(body) == _body(profiles_folder, "node2.example.org.json")


def test_range_is_ignored_with_a_full_200(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    status, headers, body = get(base, NODE, {"Range": "bytes=0-9"})
    assert status == 200 and "content-range" not in headers
    assert body == _body(profiles_folder, NODE[1:])


TRAVERSALS = [
    "/../outside.json", "/%2e%2e/outside.json", "/%2E%2E%2Foutside.json", "/..%2foutside.json",
    "/sub/../../outside.json", "/sub/%2e%2e/%2e%2e/outside.json", "//etc/passwd", "/etc/passwd",
    "http://localhost/../outside.json", "/..\\outside.json", "/%5c..%5coutside.json", "/sub\\..\\.hidden.json",
    "/node1.example.org.json%00.xml", "/%00", "/.hidden.json", "/%2ehidden.json", "/.pancompiler/state.json",
    "/sub/../.pancompiler/state.json", "/escape.json", "/node1.example.org.dep", "/", "/sub", "/sub/",
    "/.pancompiler/", "/%ff%fe.json", "/./node1.example.org.json", "*",
    "/dep-in-disguise.json", "/itself.json", "/state.json",
]


def test_only_profile_files_of_the_folder_are_served(profiles_folder, our_server) -> None:
    os.symlink("node1.example.org.dep", os.path.join(profiles_folder, "dep-in-disguise.json"))
    os.symlink(".", os.path.join(profiles_folder, "itself.json"))
    os.symlink(".pancompiler/state.json", os.path.join(profiles_folder, "state.json"))
    base = our_server(profiles_folder)
    for path in TRAVERSALS:
        request = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("latin-1")
        status, answer = raw(base, request)
        assert status in (400, 404), (path, answer[:200])
        assert b"secret" not in answer and b"root:" not in answer, path
        assert b"<" not in answer.split(b"\r\n\r\n", 1)[1], path  # no listing, no HTML


def test_other_methods_and_malformed_requests_are_refused(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    status, headers, _ = get(base, NODE, method="POST")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    assert b"400" in raw(base, b"NONSENSE\r\n\r\n")[1]  # an HTTP/0.9-looking line: no status line
    assert b"505" in raw(base, b"GET / HTTP/9.9\r\n\r\n")[1]
    assert get(base, NODE)[0] == 200  # still serving


def test_access_log_is_in_common_log_format(profiles_folder, our_server) -> None:
    log = io.StringIO()
    base = our_server(profiles_folder, log)
    get(base, NODE)
    get(base, "/missing.json")
    get(base, NODE, method="HEAD")
    deadline = time.monotonic() + 5  # each line is written just after its answer went out
    while len(log.getvalue().splitlines()) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    lines = log.getvalue().splitlines()
    clf = re.compile(r'^127\.0\.0\.1 - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] '
                     r'"(GET|HEAD) (\S+) HTTP/1\.1" (\d{3}) (\d+|-)$')
    matches = [clf.match(line) for line in lines]
    assert all(matches), lines
    # Each line is written when its answer has gone out, so a loaded machine may reorder them.
    assert sorted((m.group(1), m.group(2), m.group(3), m.group(4)) for m in matches) == sorted([
        ("GET", NODE, "200", str(len(_body(profiles_folder, NODE[1:])))), ("GET", "/missing.json", "404", "14"),
        ("HEAD", NODE, "200", "-")])


def test_accept_encoding_parsing() -> None:
    assert accepts_gzip("gzip") and accepts_gzip("deflate, x-gzip") and accepts_gzip("*")
    assert accepts_gzip("gzip x-gzip x-bzip2 deflate")  # what ccm-fetch sends
    assert not accepts_gzip(None) and not accepts_gzip("") and not accepts_gzip("br")
    assert not accepts_gzip("gzip;q=0") and not accepts_gzip("gzip; q=0.0") and not accepts_gzip("gzip;q=x")
