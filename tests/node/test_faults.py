"""Faults: each leaves the previous current profile in place and readable, with a clear message and exit status.

A node first fetches a good profile (profile.1); the server then changes the
profile and misbehaves in one way, and the next run must fail cleanly.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import time

import pytest
from node_support import HOST, free_port

from pancompiler.driver.index import write_index
from pancompiler.node import query


@pytest.fixture
def primed(web, agent, site_profiles, capsys):
    """A server, a node holding profile.1, and the server's profile changed since."""
    server = web()
    node = agent(server.url + f"/{HOST}.json")
    code, _, err = node.run(capsys=capsys)
    assert code == 0, err
    good = node.current()
    source = site_profiles / f"{HOST}.json"
    tree = json.loads(source.read_text())
    tree["system"]["changed"] = True
    source.write_text(json.dumps(tree))
    os.utime(source, (time.time() + 5, time.time() + 5))
    write_index(str(site_profiles))
    return server, node, good


def assert_previous_kept(node, good, capsys):
    assert node.current_cid() == "1"
    assert node.current() == good
    assert sorted(p.name for p in node.cache.glob("profile.*")) == ["profile.1"]
    assert query.main(["--cache-root", str(node.cache), "/system/network/hostname"]) == 0
    assert capsys.readouterr().out.strip() == '"hv01"'


def send(status: int, body: bytes, headers: dict[str, str] | None = None, length: int | None = None):
    def fault(handler):
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
        handler.close_connection = True
    return fault


def run_fault(primed, fault, capsys, *args):
    server, node, good = primed
    if fault is not None:
        server.faults[f"/{HOST}.json"] = fault
    code, out, err = node.run(*args, capsys=capsys)
    assert out == ""
    last = err.strip().splitlines()[-1]
    assert_previous_kept(node, good, capsys)
    return code, last


def test_connection_refused(primed, capsys):
    server, node, good = primed
    node.url = f"http://127.0.0.1:{free_port()}/{HOST}.json"
    code, last = run_fault(primed, None, capsys)
    assert code == 2
    assert last == f"panc-fetch: download-failed: {node.url}: connection refused; profile.1 stays current"


def test_stalling_server_times_out(primed, capsys):
    def stall(handler):
        time.sleep(2.5)
    code, last = run_fault(primed, stall, capsys, "--get-timeout", "0.5", "--retrieve-retries", "1")
    assert code == 2 and last.endswith(f"/{HOST}.json: timed out; profile.1 stays current")


@pytest.mark.parametrize("status,reason", [(404, "Not Found"), (500, "Internal Server Error")])
def test_http_errors(primed, capsys, status, reason):
    code, last = run_fault(primed, lambda h: h.send_error(status), capsys)
    assert code == 2 and last.endswith(f"/{HOST}.json: HTTP {status} {reason}; profile.1 stays current")


def test_truncated_body(primed, capsys):
    code, last = run_fault(primed, send(200, b'{"system": {', length=5000), capsys)
    assert code == 2 and "truncated body: 12 bytes received, 5000 announced; profile.1 stays current" in last


def test_corrupt_gzip_stream(primed, capsys):
    data = bytearray(gzip.compress(json.dumps({"x": list(range(500))}).encode()))
    data[30:60] = b"\xff" * 30
    code, last = run_fault(primed, send(200, bytes(data), {"Content-Encoding": "gzip"}), capsys)
    assert code == 2 and "corrupt gzip stream in the gzip-encoded body" in last


def test_invalid_json(primed, capsys):
    code, last = run_fault(primed, send(200, b'{"system": {"network": }}'), capsys)
    assert code == 1
    assert last.endswith("invalid JSON at line 1 column 24: Expecting value; profile.1 stays current")
    assert last.startswith("panc-fetch: rejected: ")


def test_sha256_mismatch(primed, site_profiles, capsys):
    index = json.loads((site_profiles / "profiles.json").read_text())
    for entry in index["profiles"]:
        if entry["file"] == f"{HOST}.json":
            entry["sha256"] = "0" * 64
    (site_profiles / "profiles.json").write_text(json.dumps(index))
    code, last = run_fault(primed, None, capsys)
    assert code == 1 and last.startswith("panc-fetch: rejected: ")
    assert "differs from 0000000000000000... listed in profiles.json; profile.1 stays current" in last


def test_another_nodes_profile(primed, site_profiles, capsys):
    other = (site_profiles / "hv02.example.org.json").read_bytes()
    code, last = run_fault(primed, send(200, other), capsys)
    assert code == 1
    assert last.endswith("got the profile of hv02.example.org, not of hv01.example.org; profile.1 stays current")


def wait_paused(proc) -> str:
    line = proc.stderr.readline()
    assert line.startswith("paused at "), line + proc.stderr.read()
    return line


@pytest.mark.parametrize("point", ["cache-write", "before-current"])
def test_killed_while_writing_the_cache_then_recovers(primed, capsys, point):
    server, node, good = primed
    proc = node.spawn(env={"PANC_NODE_PAUSE": point})
    wait_paused(proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert node.current_cid() == "1" and node.current() == good
    assert query.main(["--cache-root", str(node.cache), "/system/network/hostname"]) == 0
    capsys.readouterr()
    code, out, err = node.run(capsys=capsys)          # the next run takes the lock over and recovers
    assert code == 0, err
    assert json.loads(node.current())["system"]["changed"] is True
    assert not os.listdir(node.cache / "tmp")
    assert not [n for n in os.listdir(node.cache) if n.endswith(".tmp")]


def test_two_runs_at_once(primed, capsys, tmp_path):
    server, node, good = primed
    resume = tmp_path / "resume"
    first = node.spawn(env={"PANC_NODE_PAUSE": "cache-write", "PANC_NODE_RESUME": str(resume)})
    try:
        wait_paused(first)
        code, out, err = node.run(capsys=capsys)
        assert code == 4
        assert err.strip() == (f"panc-fetch: locked: another panc-fetch (pid {first.pid}) holds "
                               f"{node.cache}/fetch.lock; try again later")
        assert node.current_cid() == "1" and node.current() == good
        resume.touch()                                   # the first run goes on, undisturbed
        out, err = first.communicate(timeout=30)
        assert first.returncode == 0, err
        assert out == f"panc-fetch: updated: {HOST} profile.2 from {node.url}\n"
        assert json.loads(node.current())["system"]["changed"] is True
    finally:
        first.kill()
        first.wait(timeout=10)


@pytest.mark.parametrize("full_at", ["profile", "current.cid"])
def test_disk_full_while_writing(primed, capsys, monkeypatch, full_at):
    server, node, good = primed
    real_write = os.write
    cache = str(node.cache)

    def full_disk(fd, data):
        path = os.readlink(f"/proc/self/fd/{fd}")
        if path.startswith(cache) and (full_at == "profile" or os.path.basename(path).startswith(".current.cid")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)
    monkeypatch.setattr(os, "write", full_disk)
    code, last = run_fault(primed, None, capsys)
    monkeypatch.undo()
    assert code == 5
    assert last == (f"panc-fetch: cache-error: cannot write profile.2 in {cache}: No space left on device; "
                    "the current profile is unchanged")
    assert not os.listdir(node.cache / "tmp")
    assert (node.cache / "latest.cid").read_text() == "1\n"
