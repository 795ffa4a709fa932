"""``python -m pancompiler.site``: build the SCDB site of a folder (the README's main command).

Equivalent to ``panc --site ROOT``: every cluster's profiles into
``ROOT/build/profiles`` (JSON and dep), then the host/guest graph, the Xen
domain files and grub entries into ``ROOT/build``.  Extra options are passed
to ``panc`` (``--cluster NAME``, ``--force``, ``-j N``, ``-v``...).
"""

from __future__ import annotations

import argparse
import sys

from .cli import main as panc_main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-site", description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the site root (holding clusters/ and sites/)")
    known, rest = ap.parse_known_args(argv)
    return panc_main(["--site", known.root, *rest])


if __name__ == "__main__":
    sys.exit(main())
