"""Fixtures of the serving tests: a profiles folder with traps, a real nginx (see nginx_fixture.py)."""

from __future__ import annotations

import gzip
import json
import os
import threading

import pytest
from nginx_fixture import nginx_server  # noqa: F401  (a pytest fixture)

from pancompiler.serve.server import ProfileServer


@pytest.fixture
def profiles_folder(tmp_path) -> str:
    """A profiles folder as a build leaves it, with traps: hidden files, state, a symlink out."""
    folder = tmp_path / "profiles"
    (folder / ".pancompiler").mkdir(parents=True)
    (folder / "sub").mkdir()
    for n in (1, 2, 3):
        body = json.dumps({"system": {"network": {"hostname": f"node{n}"}}, "pad": list(range(200))},
                          indent=1).encode()
        (folder / f"node{n}.example.org.json").write_bytes(body)
        (folder / f"node{n}.example.org.json.gz").write_bytes(gzip.compress(body))
        (folder / f"node{n}.example.org.dep").write_bytes(b"secret dependency list")
    (folder / "sub" / "node4.example.org.xml").write_bytes(b"<?xml version='1.0'?><nlist format='pan'/>")
    (folder / "profiles.json").write_bytes(b'{"profiles": []}\n')
    (folder / "profiles-info.xml").write_bytes(b"<?xml version='1.0' encoding='utf-8'?>\n<profiles>\n</profiles>\n")
    (folder / ".hidden.json").write_bytes(b'"secret"')
    (folder / ".pancompiler" / "state.json").write_bytes(b'"secret"')
    outside = tmp_path / "outside.json"
    outside.write_bytes(b'"secret outside"')
    os.symlink(outside, folder / "escape.json")
    return str(folder)


@pytest.fixture
def our_server():
    """A function starting panc-serve's server in this process on a free port; returns its URL."""
    started = []

    def start(folder: str, log=None) -> str:
        server = ProfileServer(("127.0.0.1", 0), folder, log)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        started.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(5)
