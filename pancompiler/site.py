"""``python -m pancompiler.site``: build the SCDB site of a folder (the README's main command).

Equivalent to ``panc --site ROOT``: every cluster's profiles (an SCDB's
``cfg/clusters/``, or ``clusters/`` at the root) into ``ROOT/build/profiles``,
then the host/guest graph, the Xen domain files and grub entries into
``ROOT/build``, and the documentation of the site's library ``ROOT/templates``
(when there is one) into ``ROOT/build/docs``.  Extra options are passed to
``panc`` (``--cluster NAME``, ``--group NAME``, ``--force``, ``-j N``, ``-v``...).
"""

from __future__ import annotations

import argparse
import os
import sys

from .cli import main as panc_main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-site", description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the site root (an SCDB checkout holding cfg/, or a folder holding clusters/ and sites/)")
    known, rest = ap.parse_known_args(argv)
    status = panc_main(["--site", known.root, *rest])
    return max(status, _document_library(known.root))


def _document_library(root: str) -> int:
    """build/docs: the documentation site of templates/ (HTML and markdown)."""
    from .docgen.cli import main as doc_main
    library = os.path.join(root, "templates")
    if not os.path.isdir(library):
        return 0
    return doc_main(["--quiet", "--title", "Site template library", "--output-dir",
                     os.path.join(root, "build", "docs"), library])


if __name__ == "__main__":
    sys.exit(main())
