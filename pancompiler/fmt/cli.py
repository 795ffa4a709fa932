"""``panc-fmt``: re-indent pan templates (check mode with a diff, or write mode).

``panc-fmt --check PATHS`` prints a unified diff of every template whose
indentation differs from the style (see ``fmt.indent``) and exits 1 when there
is one; ``panc-fmt --write PATHS`` rewrites those templates in place;
``panc-fmt -`` formats standard input to standard output.  A template that
does not tokenize is reported on one line (``file:line.col: message``), left
untouched, and makes the exit status 2.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys

from ..errors import PanSyntaxError
from ..source import SourceFile
from ..toolkit.files import ToolError, find_templates, read_template, write_atomically
from .indent import format_text


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=_label("a", path), tofile=_label("b", path))
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _label(side: str, path: str) -> str:
    return path if os.path.isabs(path) else f"{side}/{path}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-fmt", description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="print a diff of what would change and exit 1 if anything would (default)")
    mode.add_argument("--write", "-w", action="store_true", help="rewrite the templates in place")
    ap.add_argument("-q", "--quiet", action="store_true", help="no diff, only the exit status")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="templates or folders of templates; - for stdin")
    args = ap.parse_args(argv)

    if args.paths == ["-"]:
        text = sys.stdin.read()
        try:
            sys.stdout.write(format_text(text, SourceFile("<stdin>", text)))
        except PanSyntaxError as exc:
            print(f"{exc.location()}: {exc.message}", file=sys.stderr)
            return 2
        return 0
    try:
        files = find_templates(args.paths)
    except ToolError as exc:
        print(f"panc-fmt: {exc}", file=sys.stderr)
        return 2
    changed = failed = 0
    for path in files:
        try:
            text = read_template(path)
            formatted = format_text(text, SourceFile(path, text))
        except ToolError as exc:
            print(f"panc-fmt: {exc}", file=sys.stderr)
            failed += 1
            continue
        except PanSyntaxError as exc:
            print(f"{_short(exc, path)}: {exc.message}", file=sys.stderr)
            failed += 1
            continue
        if formatted == text:
            continue
        changed += 1
        if args.write:
            try:
                write_atomically(path, formatted)
            except OSError as exc:
                print(f"panc-fmt: cannot write {path}: {exc.strerror}", file=sys.stderr)
                failed += 1
        elif not args.quiet:
            sys.stdout.write(_diff(path, text, formatted))
    if args.write:
        print(f"panc-fmt: {changed} of {len(files)} templates reformatted", file=sys.stderr)
    elif changed:
        print(f"panc-fmt: {changed} of {len(files)} templates would be reformatted", file=sys.stderr)
    if failed:
        return 2
    return 1 if changed and not args.write else 0


def _short(exc: PanSyntaxError, path: str) -> str:
    span = exc.span
    return f"{path}:{span.line}.{span.col}" if span is not None else path


if __name__ == "__main__":
    sys.exit(main())
