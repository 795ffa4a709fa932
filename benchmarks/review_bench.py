#!/usr/bin/env python3
"""Benchmark of the reviewer commands on template-library-core: diff and impact.

Generates a 500-node workload with ``gen_tlc.py`` (every node includes
``site/tlc-common.pan``), builds it once into ``WORK/old``, copies that build
(incremental state included) to ``WORK/new``, changes ``tlc-common.pan`` (the
root mail address and the AII install server, values every node uses) and
rebuilds ``WORK/new`` incrementally.  Then it times, as a user runs them,
``panc-review diff WORK/old WORK/new`` in each output format and
``panc-review impact`` (the common template, by name and as a file, and one
node's profile) on the new build's state, each
``--repeat`` times, and prints the medians.  Builds are kept: ``--reuse``
skips straight to the timings.

    python3 benchmarks/review_bench.py --tlc SRC --work DIR [--hosts 500] [--repeat 5] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GEN_TLC = Path("/work/shared/bench/gen_tlc.py")
COMMON = Path("site") / "tlc-common.pan"
EDITS = [("\"/system/rootmail\" = \"abc@a.bb\";", "\"/system/rootmail\" = \"root@example.org\";"),
         ("variable AII_OSINSTALL_SRV = 'aii.local.domain';",
          "variable AII_OSINSTALL_SRV = 'install.local.domain';")]


def run(cmd: list[str], cwd: Path | None = None, quiet: bool = False) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=quiet, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr if quiet else ''}")
    return elapsed


def build(site: Path, out: Path, nthread: int) -> None:
    profiles = sorted(str(p) for p in (site / "profiles").glob("node-*.pan"))
    cmd = [sys.executable, "-m", "pancompiler.cli", "--output-dir", str(out), "--include-path",
           ".:site:profiles", "--formats", "json,dep", "-j", str(nthread), "--warnings", "off", "--no-progress", "-v",
           *profiles]
    print(f"$ panc --output-dir {out} ... ({len(profiles)} profiles)", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    elapsed = run(cmd, cwd=site)
    print(f"  built in {elapsed:.1f} s", flush=True)


def prepare(args) -> None:
    site, old, new = args.work / "site", args.work / "old", args.work / "new"
    if args.reuse and old.is_dir() and new.is_dir():
        return
    for folder in (old, new):
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(args.gen), str(args.tlc), "--out", str(site), "--hosts", str(args.hosts)],
                   check=True)
    build(site, old, args.nthread)
    shutil.copytree(old, new, symlinks=True)
    common = site / COMMON
    text = common.read_text()
    for before, after in EDITS:
        if before not in text:
            sys.exit(f"{common}: cannot find the line to change: {before}")
        text = text.replace(before, after)
    common.write_text(text)
    build(site, new, args.nthread)


def median_time(cmd: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, list[float]]:
    times = [run(cmd, cwd=cwd, quiet=True) for _ in range(repeat)]
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tlc", type=Path, help="template-library-core checkout (needed unless --reuse)")
    ap.add_argument("--gen", type=Path, default=GEN_TLC, help=f"gen_tlc.py (default {GEN_TLC})")
    ap.add_argument("--work", type=Path, default=HERE / "work" / "review", help="work folder")
    ap.add_argument("--hosts", type=int, default=500, help="node profiles (default 500)")
    ap.add_argument("--nthread", type=int, default=2, help="build workers (default 2)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per timing; the median is printed (default 5)")
    ap.add_argument("--reuse", action="store_true", help="reuse the builds already in --work")
    args = ap.parse_args(argv)
    if not (args.reuse and (args.work / "new").is_dir()) and args.tlc is None:
        ap.error("--tlc SRC is needed to generate and build the workload")
    args.work = args.work.resolve()
    prepare(args)
    old, new = args.work / "old", args.work / "new"
    review = [sys.executable, "-m", "pancompiler.review.cli"]
    summary = subprocess.run(review + ["diff", str(old), str(new), "--format", "json"],
                             capture_output=True, text=True, check=True)
    s = json.loads(summary.stdout)["summary"]
    print(f"\ndiff of two {args.hosts}-node builds: {s['objects_changed']} objects changed, "
          f"{s['paths']} paths changed ({s['paths_added']} added, {s['paths_removed']} removed, "
          f"{s['paths_changed']} changed, {s['paths_moved']} moved), {s['objects_unchanged']} unchanged")
    print(f"(load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"\n{'command':<66} {'median':>8}   runs (s)")
    for fmt in ("text", "markdown", "json", "html"):
        med, times = median_time(review + ["diff", str(old), str(new), "--format", fmt, "-o", "/dev/null"],
                                 args.repeat)
        print(f"{'panc-review diff OLD NEW --format ' + fmt:<66} {med:>7.2f}s   "
              + " ".join(f"{t:.2f}" for t in times))
    for label, target in (("tlc-common (a template name)", "tlc-common"),
                          ("site/tlc-common.pan (a file)", str(args.work / "site" / COMMON)),
                          ("profiles/node-0009.pan (a node read by another)",
                           str(args.work / "site" / "profiles" / "node-0009.pan"))):
        cmd = review + ["impact", "--build", str(new), "--format", "json", target]
        found = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        med, times = median_time(cmd, args.repeat)
        print(f"{'panc-review impact ' + label:<66} {med:>7.2f}s   " + " ".join(f"{t:.2f}" for t in times)
              + f"   ({len(found['objects'])} of {found['total']} objects)")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pancompiler.review.cli"], check=True)
    print(f"{'(python start + import of the command, for reference)':<66} {time.perf_counter() - start:>7.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
