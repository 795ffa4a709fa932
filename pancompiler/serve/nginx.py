"""The nginx configuration that serves a profiles folder as ``panc-serve`` does.

:func:`server_block` renders the ``server { ... }`` block a site puts in
``/etc/nginx/conf.d/`` for production (``panc-serve --nginx-config`` prints
it, and docs/serving.md shows its output); :func:`standalone_config` wraps
the same block in a complete ``nginx.conf`` whose pid, logs and temporary
paths all live in one folder, so that a test or a benchmark can start a real
nginx as the current user on a loopback port and stop it again.  The block
serves only profile files (``.json``, ``.xml``, their ``.gz``) and the two
index files, answers conditional requests with 304 (ETag and
If-Modified-Since, "before" semantics), compresses on the fly when the client
accepts gzip, sends stored ``.gz`` files with ``Content-Encoding: gzip`` as
quattor's ccm-fetch expects, refuses symlinks, and answers 404 for
everything else: directories (no listings), hidden files and build state.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

# A path of visible components (none starting with a dot) ending in a profile
# file name; nginx has already decoded %-escapes and resolved "..".
_PROFILE_PATH = r"^/([^./][^/]*/)*[^./][^/]*\.(json|xml)$"
_GZ_PATH = r"^/([^./][^/]*/)*[^./][^/]*\.{kind}\.gz$"


def server_block(root: str, listen: str = "80", server_name: str = "_",
                 access_log: str = "/var/log/nginx/profiles.access.log") -> str:
    """The ``server`` block serving the profiles folder ``root`` on ``listen``."""
    root = os.path.abspath(root)
    return f"""\
server {{
    listen {listen};
    server_name {server_name};
    root {root};
    access_log {access_log} combined;
    server_tokens off;
    autoindex off;
    disable_symlinks on;
    etag on;
    if_modified_since before;
    default_type application/octet-stream;

    # Profiles and the two index files; everything else is 404.
    location / {{
        return 404;
    }}
    location ~ {_PROFILE_PATH} {{
        types {{ application/json json; text/xml xml; }}
        gzip on;
        gzip_vary on;
        gzip_comp_level 6;
        gzip_min_length 256;
        gzip_proxied any;
        gzip_types application/json text/xml;
        try_files $uri =404;
    }}
    # Stored gzip profiles go out as the compressed JSON/XML they hold.
    location ~ {_GZ_PATH.format(kind="json")} {{
        types {{ }}
        default_type application/json;
        add_header Content-Encoding gzip;
        add_header Vary Accept-Encoding;
        gzip off;
        try_files $uri =404;
    }}
    location ~ {_GZ_PATH.format(kind="xml")} {{
        types {{ }}
        default_type text/xml;
        add_header Content-Encoding gzip;
        add_header Vary Accept-Encoding;
        gzip off;
        try_files $uri =404;
    }}
}}
"""


def standalone_config(root: str, port: int, workdir: str, host: str = "127.0.0.1",
                      worker_processes: int = 1) -> str:
    """A whole ``nginx.conf`` for one foreground nginx with all its files in ``workdir``.

    Started with ``nginx -p WORKDIR -e WORKDIR/error.log -c WORKDIR/nginx.conf``
    it runs in the foreground (``daemon off``) as the current user (no
    ``user`` switch as root: the files may be readable by their owner only),
    and stops on SIGQUIT (graceful) or SIGTERM.
    """
    workdir = os.path.abspath(workdir)
    user = ""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        user = "user root root;\n"
    block = server_block(root, f"{host}:{port}", "localhost", os.path.join(workdir, "access.log"))
    indented = "".join(f"    {line}\n" if line else "\n" for line in block.splitlines())
    temp = {name: os.path.join(workdir, name) for name in
            ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    return f"""\
{user}daemon off;
worker_processes {worker_processes};
pid {os.path.join(workdir, "nginx.pid")};
error_log {os.path.join(workdir, "error.log")} warn;

events {{
    worker_connections 4096;
}}

http {{
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    sendfile on;
    keepalive_requests 100000;
{indented}}}
"""


NGINX = "/usr/sbin/nginx"


def find_nginx() -> str | None:
    """The nginx program: Debian's /usr/sbin/nginx, else one on PATH."""
    if os.access(NGINX, os.X_OK):
        return NGINX
    return shutil.which("nginx")


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _wait_listening(host: str, port: int, proc: subprocess.Popen, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.02)
    return False


@contextlib.contextmanager
def running_nginx(root: str, workdir: str, host: str = "127.0.0.1",
                  worker_processes: int = 1) -> Iterator[str]:
    """Run a real nginx serving ``root`` on a free port of ``host``; yield its base URL.

    Writes the configuration and every file nginx makes into ``workdir`` and
    stops nginx (SIGQUIT, then SIGKILL) on exit.  Raises RuntimeError with
    nginx's error log when it does not start.
    """
    program = find_nginx()
    if program is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    os.makedirs(workdir, exist_ok=True)
    conf = os.path.join(workdir, "nginx.conf")
    error_log = os.path.join(workdir, "error.log")
    for _attempt in range(5):  # another process may take the free port first
        port = _free_port(host)
        with open(conf, "w") as fh:
            fh.write(standalone_config(root, port, workdir, host, worker_processes))
        proc = subprocess.Popen([program, "-p", workdir, "-e", error_log, "-c", conf],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        if _wait_listening(host, port, proc, time.monotonic() + 10):
            break
        _stop(proc)
    else:
        log = ""
        if os.path.exists(error_log):
            with open(error_log) as fh:
                log = fh.read()
        raise RuntimeError(f"nginx did not start: {log.strip()[-2000:]}")
    try:
        yield f"http://{host}:{port}"
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stderr is not None:
        proc.stderr.close()
