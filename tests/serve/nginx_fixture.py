"""pytest fixture ``nginx_server``: a real nginx serving a folder as in production.

``nginx_server(folder) -> base_url`` starts Debian's nginx on a free loopback
port with the configuration of :mod:`pancompiler.serve.nginx` (the one
docs/serving.md shows), as the current user, with its pid, logs and temporary
files in a pytest temporary folder, and stops it when the test ends.  Other
test folders use it by importing it into their conftest.py::

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "serve"))
    from nginx_fixture import nginx_server  # noqa: F401  (a pytest fixture)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest

from pancompiler.serve.nginx import find_nginx, running_nginx


@pytest.fixture
def nginx_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """A function starting nginx on a folder; returns ``http://127.0.0.1:PORT``."""
    if find_nginx() is None:
        pytest.fail("nginx is not installed: `python3 dev.py test` installs it (Debian package nginx)")
    with contextlib.ExitStack() as stack:
        def start(folder: str) -> str:
            workdir = tmp_path_factory.mktemp("nginx")
            return stack.enter_context(running_nginx(str(folder), str(workdir)))
        yield start
