"""The README's demo, end to end with the installed commands: serve, fetch hv01's profile, apply, query.

The example site's profiles (the goldens the site test checks the build
against) are served by ``panc-serve``; ``panc-fetch`` pretends to be
hv01.example.org with a cache in a temporary root; ``panc-ncd`` writes the
files under that root, and they equal the build's ``xen/`` and ``grub/``.
"""

from __future__ import annotations

import os
import subprocess
import sys

from node_support import GOLDEN, HOST

BIN = os.path.dirname(sys.executable)


def command(name: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([os.path.join(BIN, name), *args], capture_output=True, text=True, timeout=60, **kwargs)


def test_readme_demo(site_profiles, tmp_path):
    server = subprocess.Popen([os.path.join(BIN, "panc-serve"), "--root", str(site_profiles), "--port", "0",
                               "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("panc-serve: serving "), line + server.stderr.read()
        base = line.rsplit(" at ", 1)[1].strip().rstrip("/")
        demo = tmp_path / "demo"
        cache = demo / "var/lib/ccm"
        fetch = command("panc-fetch", "--profile", f"{base}/__HOST__.__DOMAIN__.json", "--host", HOST,
                        "--cache-root", str(cache), "--noquattor", str(demo / "etc/noquattor"))
        assert fetch.returncode == 0, fetch.stderr
        assert fetch.stdout == f"panc-fetch: updated: {HOST} profile.1 from {base}/{HOST}.json\n"
        apply = command("panc-ncd", "--cache-root", str(cache), "--root", str(demo))
        assert apply.returncode == 0, apply.stderr
        assert apply.stdout.splitlines()[1] == "panc-ncd: grub: ok, wrote /etc/grub.d/09_pancompiler_xen"
        for name in ("vm01", "vm02", "vm03"):
            cfg = f"{name}.example.org.cfg"
            assert (demo / "etc/xen" / cfg).read_bytes() == (GOLDEN / "xen" / HOST / cfg).read_bytes()
            assert os.readlink(demo / "etc/xen/auto" / cfg) == f"../{cfg}"
        again = command("panc-fetch", "--profile", f"{base}/__HOST__.__DOMAIN__.json", "--host", HOST,
                        "--cache-root", str(cache), "--noquattor", str(demo / "etc/noquattor"))
        assert again.returncode == 0 and "not modified" in again.stdout
        query = command("panc-query", "--cache-root", str(cache), "--format", "pan",
                        "/software/components/grub/kernels/0/multiboot")
        assert query.stdout == '"/software/components/grub/kernels/0/multiboot" = "/xen-4.17.gz"; # string\n'
    finally:
        server.terminate()
        server.wait(timeout=10)
