#!/usr/bin/env python3
"""Project commands that need nothing but Python 3: set-up, site build, tests.

``python3 dev.py site`` compiles the example site (``sites/``, ``clusters/``)
into ``build/``; ``python3 dev.py test`` runs the whole test suite.  Each
first creates ``.venv`` (if missing) and installs pancompiler and what it
needs into it, so both work on a fresh machine.  Extra arguments are passed
on (to ``panc-site``/``panc`` or to pytest).
"""

from __future__ import annotations

import os
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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("site", "test", "panc"):
        print(__doc__)
        print("usage: python3 dev.py site [options] | test [pytest options] | panc [panc options]")
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "test":
        return subprocess.call([PYTHON, "-m", "pytest", "-q", *rest], cwd=ROOT)
    if command == "panc":
        return subprocess.call([PYTHON, "-m", "pancompiler.cli", *rest])
    return subprocess.call([PYTHON, "-m", "pancompiler.site", "--root", ROOT, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
