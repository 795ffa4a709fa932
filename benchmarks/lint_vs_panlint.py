#!/usr/bin/env python3
"""Compare ``panc-lint`` with quattor's panlint on a template library, rule by rule.

    python benchmarks/lint_vs_panlint.py --panlint PATH/TO/panlint.py LIBRARY [--show RULE]

panlint (quattor/pan ``panc/src/main/scripts/panlint/panlint.py``; it needs
``six``, ``colorama`` and ``prettytable``) is imported and its ``lint_file``
run on every template, as its command line does; ``panc-lint`` runs with all
of panlint's rules.  Findings are compared as (file, line, rule): for each
rule, how many both report, how many only panlint, how many only we do.
``--show RULE`` prints the lines behind the differences of one rule.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from pancompiler.lint.rules import RULES  # noqa: E402
from pancompiler.lint.runner import lint  # noqa: E402
from pancompiler.toolkit.files import find_templates  # noqa: E402


def panlint_findings(panlint_path: str, files: list[str], allow_maven: bool) -> set[tuple[str, int, str]]:
    spec = importlib.util.spec_from_file_location("panlint", panlint_path)
    panlint = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(panlint)
    # Its command line drops this site-specific check unless asked for.
    del panlint.LineChecks.features_standalone
    found = set()
    for path in files:
        lines, _ = panlint.lint_file(path, allow_mvn_templates=allow_maven)
        for line in lines:
            for problem in line.problems:
                found.add((path, line.number, problem.message.id))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panlint", required=True, help="path of panlint.py")
    ap.add_argument("library", help="folder of templates")
    ap.add_argument("--show", help="print the differing lines of this rule")
    ap.add_argument("--allow-mvn-templates", action="store_true",
                    help="both linters accept Maven properties in template names (component sources)")
    args = ap.parse_args()
    files = find_templates([args.library])
    theirs = panlint_findings(args.panlint, files, args.allow_mvn_templates)
    panlint_rules = {r for r in RULES if not r.startswith("PS")}
    ours = {(f.path, f.line, f.rule)
            for f in lint([args.library], panlint_rules, allow_maven=args.allow_mvn_templates, jobs=0)}
    by_rule = collections.defaultdict(lambda: [0, 0, 0])
    for key in theirs | ours:
        counts = by_rule[key[2]]
        counts[0 if key in theirs and key in ours else 1 if key in theirs else 2] += 1
    print(f"{len(files)} templates; findings as (file, line, rule)")
    print(f"{'rule':<6} {'both':>6} {'panlint only':>13} {'panc-lint only':>15}")
    for rule in sorted(by_rule):
        both, only_theirs, only_ours = by_rule[rule]
        print(f"{rule:<6} {both:>6} {only_theirs:>13} {only_ours:>15}")
    total = [sum(c[i] for c in by_rule.values()) for i in range(3)]
    print(f"{'total':<6} {total[0]:>6} {total[1]:>13} {total[2]:>15}")
    if args.show:
        for side, keys in (("panlint only", theirs - ours), ("panc-lint only", ours - theirs)):
            print(f"\n{side}:")
            for path, number, rule in sorted(keys):
                if rule == args.show:
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        text = fh.read().splitlines()[number - 1]
                    print(f"  {os.path.relpath(path, args.library)}:{number}: {text.strip()[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
