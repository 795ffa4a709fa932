#!/usr/bin/env python3
"""Run the compiler benchmark: generate a workload, compile it with panc, print figures.

By default this generates the synthetic site of ``generate.py`` into
``benchmarks/work/site`` and compiles all of its node profiles in one call of
``python -m pancompiler.cli`` (a child process), measuring wall time, CPU time
(user + system of the child and every worker it reaped, from ``os.wait4``),
time per profile and peak memory: the largest resident set of any one process
(``ru_maxrss``) and the peak of the whole process tree (sum of PSS sampled from
``/proc`` every 0.25 s, which counts pages shared by forked workers once).  With
``--tlc SRC`` it builds quattor's template-library-core workload with
``/work/shared/bench/gen_tlc.py`` instead and prints the Java panc reference
figures of that folder's README next to ours.  The exit code is non-zero when a
compile fails; panc's errors are printed.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import run_measured  # noqa: E402  (a sibling module of this script)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "work"
BENCH_SHARED = Path("/work/shared/bench")
GEN_TLC = BENCH_SHARED / "gen_tlc.py"
TLC_README = BENCH_SHARED / "README.md"
SAMPLE_SECONDS = 0.25
ERROR_LINES = 120

#: Java panc figures from /work/shared/bench/README.md, used when it cannot be read.
FALLBACK_REFERENCE = {
    "tlc-full": ("0.65 s", "1.12 s", "150 MB"),
    "100": ("2.6 s", "4.9 s", "690 MB"),
    "500": ("7.2 s", "13.2 s", "1.58 GB"),
}


@dataclass(slots=True)
class Run:
    """The measurements of one compile."""

    wall: float
    cpu: float
    maxrss_mb: float
    tree_mb: float
    returncode: int
    output: str


@dataclass(slots=True)
class Workload:
    """What to compile: a label, the profile files and the include path."""

    label: str
    key: str
    profiles: list[Path]
    include_path: str
    out: Path


# --------------------------------------------------------------------------- measuring

def measure(cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd`` as a child and measure it (see proctree)."""
    m = run_measured(cmd, cwd, SAMPLE_SECONDS)
    return Run(wall=m.wall, cpu=m.cpu, maxrss_mb=m.maxrss_kb / 1024, tree_mb=m.tree_pss_kb / 1024,
               returncode=m.returncode, output=m.output)


def panc_command(w: Workload, formats: str, nthread: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "pancompiler.cli", "--output-dir", str(w.out),
           "--include-path", w.include_path, "--formats", formats]
    if nthread is not None:
        cmd += ["--nthread", str(nthread)]
    return cmd + [str(p) for p in w.profiles]


def compile_workload(w: Workload, formats: str, nthread: int | None, repeat: int) -> list[Run]:
    """Compile ``w`` ``repeat`` times; stop at the first failure."""
    cmd = panc_command(w, formats, nthread)
    runs: list[Run] = []
    for k in range(repeat):
        reset_dir(w.out)
        run = measure(cmd, REPO)
        runs.append(run)
        print_run(k + 1, run, len(w.profiles))
        if run.returncode != 0:
            break
    return runs


def reset_dir(path: Path) -> None:
    """Make ``path`` an empty folder."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)


# --------------------------------------------------------------------------- printing

def seconds(x: float) -> str:
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def megabytes(x: float) -> str:
    return f"{x:.0f} MB" if x < 1024 else f"{x / 1024:.2f} GB"


def per_profile(x: float, n: int) -> str:
    return f"{1000 * x / max(n, 1):.1f} ms"


ROW = "{:<8} {:>9} {:>11} {:>10} {:>14} {:>11} {:>13}"


def print_header() -> None:
    print(ROW.format("run", "wall", "CPU (u+s)", "wall/prof", "CPU/profile", "peak RSS", "peak tree PSS"))


def print_run(k: int | str, run: Run, n: int) -> None:
    print(ROW.format(str(k), seconds(run.wall), seconds(run.cpu), per_profile(run.wall, n),
                     per_profile(run.cpu, n), megabytes(run.maxrss_mb), megabytes(run.tree_mb)), flush=True)


def median_run(runs: list[Run]) -> Run:
    med = statistics.median
    return Run(wall=med(r.wall for r in runs), cpu=med(r.cpu for r in runs),
               maxrss_mb=med(r.maxrss_mb for r in runs), tree_mb=med(r.tree_mb for r in runs),
               returncode=0, output="")


def print_failure(run: Run) -> None:
    lines = run.output.rstrip().splitlines()
    shown = f", first {ERROR_LINES} shown" if len(lines) > ERROR_LINES else ""
    print(f"\npanc failed (exit code {run.returncode}); its output ({len(lines)} lines{shown}):")
    print("\n".join(lines[:ERROR_LINES]))


SUFFIXES = {"pan": ".xml", "pan.gz": ".xml.gz", "xml": ".xml", "xml.gz": ".xml.gz", "text": ".txt",
            "null": ".null"}


def count_outputs(out: Path, formats: str) -> str:
    """How many files of each requested format panc wrote, e.g. '300 .json, 300 .dep'."""
    suffixes = dict.fromkeys(SUFFIXES.get(f, "." + f) for f in formats.split(",") if f != "none")
    return ", ".join(f"{sum(1 for _ in out.rglob('*' + s))} {s}" for s in suffixes)


def reference_figures(readme: Path) -> dict[str, tuple[str, str, str]]:
    """Java panc figures keyed 'tlc-full', '100', '500' (from the README table)."""
    try:
        text = readme.read_text()
    except OSError:
        return dict(FALLBACK_REFERENCE)
    refs: dict[str, tuple[str, str, str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4:
            continue
        nodes = re.match(r"(\d+) nodes", cells[0])
        key = "tlc-full" if "tlc-full" in cells[0] else (nodes.group(1) if nodes else None)
        if key:
            refs[key] = (cells[1], cells[2], cells[3])
    return refs or dict(FALLBACK_REFERENCE)


def benchmark(w: Workload, args: argparse.Namespace, ref: tuple[str, str, str] | None) -> bool:
    """Compile one workload, print its table; False when the compile failed."""
    print(f"\n== {w.label}: {len(w.profiles)} profiles, formats {args.formats}, "
          f"nthread {'default' if args.nthread is None else args.nthread}")
    print_header()
    runs = compile_workload(w, args.formats, args.nthread, args.repeat)
    if runs[-1].returncode != 0:
        print_failure(runs[-1])
        return False
    if len(runs) > 1:
        print_run("median", median_run(runs), len(w.profiles))
    if ref is not None:
        print(ROW.format("Java ref", ref[0], ref[1], "", "", ref[2], ""))
        print("(Java panc, from the README of gen_tlc.py: 2 cores, formats json,dep, median of 3 runs;"
              " its peak memory is one JVM)")
    elif args.tlc is not None:
        print(f"(no Java panc figure for {len(w.profiles)} nodes in the README: it has 100 and 500)")
    print(f"outputs: {count_outputs(w.out, args.formats)} in {w.out}")
    return True


# --------------------------------------------------------------------------- workloads

def synthetic_workload(args: argparse.Namespace) -> Workload:
    work = args.work / "site"
    if not args.no_generate:
        sys.path.insert(0, str(HERE))
        import generate  # noqa: PLC0415  (sibling module, only needed here)

        t0 = time.perf_counter()
        count, nlines, nbytes = generate.write_workload(work, args.seed, args.nodes)
        print(f"generated {count} templates ({nlines} lines, {nbytes / 1024:.0f} KiB) into {work} "
              f"in {time.perf_counter() - t0:.1f} s")
    profiles = sorted((work / "profiles").glob("*.pan"))
    if not profiles:
        sys.exit(f"no profiles in {work / 'profiles'}: run without --no-generate first")
    return Workload("synthetic site", "site", profiles, str(work), args.work / "out-site")


def tlc_workloads(args: argparse.Namespace) -> list[Workload]:
    work = args.work / "tlc"
    nodes = 100 if args.nodes is None else args.nodes
    if not args.no_generate:
        cmd = [sys.executable, str(GEN_TLC), str(args.tlc), "--out", str(work), "--hosts", str(nodes)]
        print("$ " + " ".join(cmd), flush=True)
        if subprocess.run(cmd).returncode != 0:
            sys.exit("gen_tlc.py failed")
    include = ":".join(str(work / d) for d in (".", "site", "profiles"))
    nodes_found = sorted((work / "profiles").glob("node-*.pan"))
    loads = [Workload("tlc-full (1 object)", "tlc-full", [work / "profiles" / "tlc-full.pan"], include,
                      args.work / "out-tlc-full")]
    if nodes_found:
        loads.append(Workload(f"template-library-core, {len(nodes_found)} nodes, one call", str(len(nodes_found)),
                              nodes_found, include, args.work / "out-tlc-nodes"))
    return loads


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=None,
                    help="node profiles to generate (default 300; 100 with --tlc)")
    ap.add_argument("--seed", type=int, default=42, help="seed of the synthetic workload (default 42)")
    ap.add_argument("--repeat", type=int, default=1, help="compile K times and report the median (default 1)")
    ap.add_argument("--formats", default="json,dep", help="panc --formats (default json,dep)")
    ap.add_argument("--nthread", type=int, default=None, help="panc --nthread (default: panc's default)")
    ap.add_argument("--no-generate", action="store_true", help="reuse the workload already in --work")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"work folder (default {DEFAULT_WORK})")
    ap.add_argument("--tlc", type=Path, metavar="SRC",
                    help="benchmark template-library-core from the checkout SRC instead (uses gen_tlc.py)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.nodes is not None and args.nodes < (0 if args.tlc else 1):
        ap.error("--nodes is too small")
    if args.tlc is not None and not args.tlc.is_dir():
        ap.error(f"--tlc: {args.tlc} is not a folder")
    args.work = args.work.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, panc = {sys.executable} -m pancompiler.cli")
    if args.tlc is None:
        if args.nodes is None:
            args.nodes = 300
        return 0 if benchmark(synthetic_workload(args), args, None) else 1
    refs = reference_figures(TLC_README)
    ok = True
    for w in tlc_workloads(args):
        ok = benchmark(w, args, refs.get(w.key)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
