"""Fixtures of the node tests: profiles to serve, HTTP servers on loopback, nodes (see node_support.py).

``site_profiles`` copies the example site's compiled profiles (the goldens of
``tests/site``) into a folder with its ``profiles.json``; ``web`` starts a
fault-injecting ``http.server`` on loopback; ``agent`` makes a node.
``nginx_server`` comes from ``tests/serve``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from node_support import GOLDEN, Agent, Web, start_web

sys.path.append(os.path.join(os.path.dirname(__file__), "..", "serve"))
from nginx_fixture import nginx_server  # noqa: E402,F401  (a pytest fixture)

from pancompiler.driver.index import write_index  # noqa: E402


@pytest.fixture
def site_profiles(tmp_path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(GOLDEN / "profiles", folder)
    write_index(str(folder))
    return folder


@pytest.fixture
def web(site_profiles):
    """``web()`` serves ``site_profiles`` (or a folder given) on loopback; faults by path."""
    servers = []

    def start(folder: Path | None = None) -> Web:
        state, server = start_web(folder or site_profiles)
        servers.append(server)
        return state
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def agent(tmp_path) -> Callable[..., Agent]:
    def make(url: str, **kwargs) -> Agent:
        folder = tmp_path / f"node{len(list(tmp_path.glob('node*')))}"
        folder.mkdir()
        return Agent(folder, url, **kwargs)
    return make
