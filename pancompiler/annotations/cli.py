"""``panc-annotations``: panc's annotation XML for each template, same options as panc's.

``panc-annotations --base-dir SRC --output-dir OUT a/b.pan ...`` reads each
template (relative names are relative to ``--base-dir``) and writes
``OUT/a/b.pan.annotation.xml``, the file Java panc's ``panc-annotations``
writes, byte for byte.  Folders given as arguments are searched for
templates.  A template that does not parse is reported on one line
(``file:line.col: message``), gets no output file, and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import PanSyntaxError
from ..source import SourceFile
from ..syntax.lossless import scan
from ..syntax.parser import parse_text
from ..toolkit.files import ToolError, find_templates, read_template, write_atomically
from .model import document
from .xml import to_xml


def annotation_xml(path: str) -> str:
    """The annotation XML of one template file; raises PanSyntaxError or ToolError."""
    text = read_template(path)
    source = SourceFile(os.path.abspath(path), text)
    toks = scan(text, source)
    template = parse_text(text, source)
    return to_xml(document(template, toks))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-annotations", description=__doc__.splitlines()[0])
    ap.add_argument("--base-dir", default=".", help="base directory of the templates (default: .)")
    ap.add_argument("--output-dir", default=".", help="where the XML files go (default: .)")
    ap.add_argument("--java-opts", help="accepted for compatibility with panc; ignored")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not print statistics")
    ap.add_argument("-v", "--verbose", action="count", default=0, help="print what is done")
    ap.add_argument("files", nargs="+", metavar="FILE", help="templates (relative to --base-dir) or folders")
    args = ap.parse_args(argv)
    base = os.path.abspath(args.base_dir)
    out = os.path.abspath(args.output_dir)
    if not os.path.isdir(out):
        print(f"panc-annotations: output directory does not exist: {out}", file=sys.stderr)
        return 2
    try:
        files = find_templates([f if os.path.isabs(f) else os.path.join(base, f) for f in args.files])
    except ToolError as exc:
        print(f"panc-annotations: {exc}", file=sys.stderr)
        return 2
    written = failed = 0
    for path in files:
        rel = os.path.relpath(path, base)
        if rel.startswith(".."):
            print(f"panc-annotations: {path} is not under the base directory {base}", file=sys.stderr)
            failed += 1
            continue
        try:
            xml = annotation_xml(path)
        except ToolError as exc:
            print(f"panc-annotations: {exc}", file=sys.stderr)
            failed += 1
            continue
        except PanSyntaxError as exc:
            span = exc.span
            where = f"{path}:{span.line}.{span.col}" if span is not None else path
            print(f"{where}: {exc.message}", file=sys.stderr)
            failed += 1
            continue
        target = os.path.join(out, rel + ".annotation.xml")
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if not os.path.exists(target) or _read(target) != xml:
                write_atomically(target, xml)
        except OSError as exc:
            print(f"panc-annotations: cannot write {target}: {exc.strerror}", file=sys.stderr)
            failed += 1
            continue
        written += 1
        if args.verbose:
            print(f"{rel} -> {os.path.relpath(target, out)}")
    if not args.quiet:
        print(f"{len(files)} templates, {written} annotation files, {failed} errors")
    return 1 if failed else 0


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


if __name__ == "__main__":
    sys.exit(main())
