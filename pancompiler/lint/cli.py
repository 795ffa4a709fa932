"""``panc-lint``: panlint's checks plus the parser's, over templates or folders.

Prints every finding (``--format text`` with the source line, or ``github``
workflow commands) and exits 1 when a finding is at least as severe as
``--fail-on`` (default ``error``), 2 for bad options or unreadable paths,
0 otherwise.  ``--select``/``--ignore`` take rule identifiers (``LP001``),
names (``trailing-whitespace``), prefixes (``LP``) or ``all``;
``--list-rules`` prints them all.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..toolkit.files import ToolError, find_templates
from .report import github_report, summary, text_report
from .rules import RULES, SEVERITY_NAMES, resolve
from .runner import lint

_FAIL_ON = {"advice": 1, "warning": 2, "error": 3, "never": 4}


def _rules_table() -> str:
    rows = [f"{r.id}  {r.name:<24} {SEVERITY_NAMES[r.severity]:<8} {r.summary}" for r in RULES.values()]
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="panc-lint", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", metavar="PATH", help="templates or folders of templates")
    ap.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    ap.add_argument("--select", default="all", help="rules to run (comma-separated; default all)")
    ap.add_argument("--ignore", default="", help="rules to leave out (comma-separated)")
    ap.add_argument("--include-path", default="",
                    help="folders (colon-separated) where included templates and types are looked up, "
                         "beside the folders the linted templates' names are relative to")
    ap.add_argument("--fail-on", choices=tuple(_FAIL_ON), default="error",
                    help="lowest severity that makes the exit status 1 (default error)")
    ap.add_argument("--allow-mvn-templates", "--allow_mvn_templates", action="store_true",
                    dest="allow_maven", help="accept Maven properties (${...}) in template names, as panlint does")
    ap.add_argument("-j", "--jobs", type=int, default=0,
                    help="worker processes (default 0: one per CPU; 1: none)")
    ap.add_argument("--list-rules", action="store_true", help="print the rules and exit")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    args = ap.parse_args(argv)
    if args.list_rules:
        sys.stdout.write(_rules_table())
        return 0
    if not args.paths:
        ap.error("no templates given")
    try:
        selected = resolve(args.select.split(",")) - resolve(args.ignore.split(","))
    except ValueError as exc:
        ap.error(str(exc))
    include_path = [p for p in args.include_path.split(os.pathsep) if p]
    try:
        files = find_templates(args.paths)
        unreadable: list[str] = []
        findings = lint(args.paths, selected, include_path, jobs=max(0, args.jobs), unreadable=unreadable,
                        allow_maven=args.allow_maven)
    except ToolError as exc:
        print(f"panc-lint: {exc}", file=sys.stderr)
        return 2
    if args.format == "github":
        sys.stdout.write(github_report(findings))
    else:
        sources = {}
        for path in {f.path for f in findings}:
            with open(path, encoding="utf-8", newline="") as fh:
                sources[path] = fh.read().splitlines()
        sys.stdout.write(text_report(findings, sources))
    if not args.quiet:
        print(summary(findings, len(files)), file=sys.stderr)
    for message in unreadable:
        print(f"panc-lint: {message}", file=sys.stderr)
    if unreadable:
        return 2
    threshold = _FAIL_ON[args.fail_on]
    return 1 if any(f.severity >= threshold for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
