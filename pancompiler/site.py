"""``python -m pancompiler.site``: build the SCDB site of a folder (the README's main command).

Equivalent to ``panc --site ROOT``: every cluster's profiles (an SCDB's
``cfg/clusters/``, or ``clusters/`` at the root) into ``ROOT/build/profiles``,
then the host/guest graph, the Xen domain files and grub entries into
``ROOT/build``.  Extra options are passed to ``panc`` (``--cluster NAME``,
``--group NAME``, ``--force``, ``-j N``, ``-v``...).
"""

from __future__ import annotations

import argparse
import sys

from .cli import main as panc_main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-site", description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the site root (an SCDB checkout holding cfg/, or a folder holding clusters/ and sites/)")
    known, rest = ap.parse_known_args(argv)
    return panc_main(["--site", known.root, *rest])


if __name__ == "__main__":
    sys.exit(main())
