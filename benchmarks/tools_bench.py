#!/usr/bin/env python3
"""Time the template tools over a whole library: lint, format check, annotations, docs.

    python3 benchmarks/tools_bench.py LIBRARY [--repeat 3]

Each tool runs as its own child process (``python -m pancompiler.<tool>.cli``,
so interpreter start-up counts) over every template under LIBRARY (e.g. a
checkout of quattor/template-library-core); the output goes to a temporary
folder.  Printed per tool: wall time and CPU time (user + system of the
child) of each run and their medians, and the tool's exit status (lint and
format check exit 1 when they find something; that is not a failure here).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tools(library: str, out: str) -> dict[str, list[str]]:
    return {
        "panc-lint": ["pancompiler.lint.cli", "-q", library],
        "panc-fmt --check": ["pancompiler.fmt.cli", "--check", "-q", library],
        "panc-annotations": ["pancompiler.annotations.cli", "-q", "--base-dir", library,
                             "--output-dir", os.path.join(out, "annotations"), "."],
        "panc-doc": ["pancompiler.docgen.cli", "-q", "--output-dir", os.path.join(out, "docs"), library],
    }


def run_once(module_args: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", *module_args], cwd=REPO,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode > 1:
        sys.stderr.write(proc.stderr[-2000:])
    return wall, cpu, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("library", help="folder of templates")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool (default 3)")
    ap.add_argument("--only", help="comma-separated tool names to run (default all)")
    args = ap.parse_args()
    library = os.path.abspath(args.library)
    count = sum(1 for _ in Path(library).rglob("*.pan"))
    size = sum(p.stat().st_size for p in Path(library).rglob("*.pan"))
    print(f"{library}: {count} templates, {size / 1e6:.2f} MB; {args.repeat} runs per tool")
    print(f"{'tool':<18} {'wall median':>12} {'cpu median':>11}  exit  runs (wall s)")
    with tempfile.TemporaryDirectory() as out:
        os.makedirs(os.path.join(out, "annotations"))
        chosen = tools(library, out)
        if args.only:
            wanted = set(args.only.split(","))
            chosen = {k: v for k, v in chosen.items() if k.split()[0] in wanted}
        for name, module_args in chosen.items():
            runs = [run_once(module_args) for _ in range(args.repeat)]
            walls = [r[0] for r in runs]
            cpus = [r[1] for r in runs]
            codes = sorted({r[2] for r in runs})
            print(f"{name:<18} {statistics.median(walls):>11.2f}s {statistics.median(cpus):>10.2f}s"
                  f"  {','.join(map(str, codes)):>4}  " + " ".join(f"{w:.2f}" for w in walls), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
