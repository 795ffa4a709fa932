"""``panc-doc``: the documentation site of a template library, HTML and markdown.

``panc-doc --output-dir DOCS templates/`` documents every template under the
given folders: ``DOCS/index.html`` (search box, alphabetical index) and one
page per template, plus the same pages in markdown (``*.md``) unless
``--format`` says otherwise.  The site is written to a fresh folder and
swapped in, so readers never see half of it.  Templates that do not parse
are reported on one line each and left out; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

from ..toolkit.files import ToolError
from .collect import Library, collect
from .html import render_html
from .markdown import render_markdown


def render(library: Library, title: str, formats: set[str]) -> dict[str, str]:
    files: dict[str, str] = {}
    if "html" in formats:
        files.update(render_html(library, title))
    if "md" in formats:
        files.update(render_markdown(library, title))
    return files


def write_site(files: dict[str, str], outdir: str) -> None:
    """Write ``files`` as the whole content of ``outdir``, replacing it in one swap."""
    outdir = os.path.abspath(outdir)
    parent = os.path.dirname(outdir)
    os.makedirs(parent, exist_ok=True)
    fresh = tempfile.mkdtemp(prefix=".panc-doc-", dir=parent)
    try:
        for rel, content in files.items():
            path = os.path.join(fresh, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(content)
        os.chmod(fresh, 0o755)
        old = None
        if os.path.exists(outdir):
            old = tempfile.mkdtemp(prefix=".panc-doc-old-", dir=parent)
            os.replace(outdir, os.path.join(old, "site"))
        os.replace(fresh, outdir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def build_docs(paths: list[str], outdir: str, title: str, formats: set[str]) -> Library:
    library = collect(paths)
    write_site(render(library, title, formats), outdir)
    return library


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-doc", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", metavar="PATH", help="templates or folders of templates")
    ap.add_argument("--output-dir", "-o", required=True, help="folder of the site (replaced)")
    ap.add_argument("--title", default="Pan template library", help="site title")
    ap.add_argument("--format", default="html,md", help="html, md or both (default html,md)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    args = ap.parse_args(argv)
    formats = {f.strip() for f in args.format.split(",") if f.strip()}
    if not formats or formats - {"html", "md"}:
        ap.error("--format takes html, md or html,md")
    try:
        library = build_docs(args.paths, args.output_dir, args.title, formats)
    except ToolError as exc:
        print(f"panc-doc: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"panc-doc: cannot write {args.output_dir}: {exc.strerror}", file=sys.stderr)
        return 2
    for error in library.errors:
        print(error, file=sys.stderr)
    if not args.quiet:
        decls = library.declarations()
        print(f"panc-doc: {len(library.templates)} templates, {len(decls)} declarations -> {args.output_dir}",
              file=sys.stderr)
    return 1 if library.errors else 0


if __name__ == "__main__":
    sys.exit(main())
