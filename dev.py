#!/usr/bin/env python3
"""Project commands that need nothing but Python 3: set-up, site build, tests.

``python3 dev.py site`` compiles the example site (``sites/``, ``clusters/``)
into ``build/``; ``python3 dev.py test`` runs the whole test suite.  Each
first creates ``.venv`` (if missing) and installs pancompiler and what it
needs into it, so both work on a fresh machine; ``test`` also installs the
programs the tests start (nginx, chromium) with apt-get when they are missing.  Extra arguments are passed
on (to ``panc-site``/``panc`` or to pytest).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
BIN = os.path.join(VENV, "Scripts" if os.name == "nt" else "bin")
PYTHON = os.path.join(BIN, "python")
STAMP = os.path.join(VENV, ".installed")


def ensure_env() -> None:
    """Create the virtual environment and install the project into it."""
    if not os.path.exists(PYTHON):
        print("dev.py: creating .venv", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (subprocess.CalledProcessError, OSError) as exc:
            sys.exit(f"dev.py: cannot create a virtual environment ({exc}).\n"
                     "On Debian/Ubuntu install it with: apt-get install python3-venv")
    inputs = [os.path.join(ROOT, f) for f in ("setup.cfg", "pyproject.toml")]
    newest = max(os.path.getmtime(f) for f in inputs)
    if os.path.exists(STAMP) and os.path.getmtime(STAMP) >= newest:
        return
    print("dev.py: installing pancompiler and its dependencies into .venv", flush=True)
    done = subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "-e", f"{ROOT}[test]"])
    if done.returncode != 0:
        sys.exit("dev.py: installing the dependencies into .venv failed (see pip's message above)")
    with open(STAMP, "w") as fh:
        fh.write("ok\n")


# Programs the tests start for real (a web server, a browser), by Debian package.
SYSTEM_PACKAGES = {"nginx": "nginx", "chromium": "chromium"}


def ensure_system_packages() -> None:
    """Install with apt-get the programs the tests drive, when they are missing."""
    missing = [pkg for prog, pkg in SYSTEM_PACKAGES.items()
               if shutil.which(prog) is None and not os.path.exists(f"/usr/sbin/{prog}")]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(f"dev.py: the tests need {', '.join(missing)}; install them (Debian: "
              f"apt-get install {' '.join(missing)})", file=sys.stderr, flush=True)
        return
    print(f"dev.py: installing {', '.join(missing)} with apt-get", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    quiet = {"stdout": subprocess.DEVNULL}
    subprocess.run(["apt-get", "update", "-q"], env=env, **quiet)
    done = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
                          env=env, **quiet)
    if done.returncode != 0:
        print(f"dev.py: apt-get could not install {', '.join(missing)}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("site", "test", "panc"):
        print(__doc__)
        print("usage: python3 dev.py site [options] | test [pytest options] | panc [panc options]")
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "test":
        ensure_system_packages()
        return subprocess.call([PYTHON, "-m", "pytest", "-q", *rest], cwd=ROOT)
    if command == "panc":
        return subprocess.call([PYTHON, "-m", "pancompiler.cli", *rest])
    return subprocess.call([PYTHON, "-m", "pancompiler.site", "--root", ROOT, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
