#!/usr/bin/env python3
"""Our compiler against a reference panc, side by side: the figures of issue-level speed targets.

One command runs every workload ``--repeat`` times.  In each round our compiler
and, when ``PANC_REFERENCE`` names a reference ``panc`` (Java panc's command
line), the reference run back to back on the same workload, so the ratio of the
two is measured in one run under the same machine load; the table gives the
median of each figure and the median of the per-round ratios.

Workloads (``--only`` picks some, by key):

- ``cold``: ``--nodes`` template-library-core profiles (default 500), ``--nthread 2``, empty output
  folder, no template cache;
- ``tlc-full``: the one object including the whole library, no template cache;
- ``flat``: the large-flat-template workload of ``gen_flat.py`` (ten files of 20,000 statements);
- ``warm-cache``: as ``cold`` with an empty output folder but a template cache filled beforehand
  (the reference has no cache: its ``cold`` figure is the comparison);
- ``no-change``: our rebuild of ``cold``'s output with nothing changed (the reference has no
  incremental build: the target is absolute);
- ``one-node``: our rebuild after editing one node profile (a new value; restored afterwards).

Figures: wall time, CPU (user + system of the process and its reaped workers) and peak memory
summed over the process tree (PSS, sampled from ``/proc``; see ``proctree.py``).  The CPU ratio is
printed too: on a machine shared with other jobs it is steadier than the wall ratio.  Nothing is
asserted.

    python3 benchmarks/speed.py --tlc SRC --repeat 3
    PANC_REFERENCE=/path/to/panc python3 benchmarks/speed.py --tlc SRC --repeat 3 --only cold,tlc-full
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from proctree import run_measured  # noqa: E402

import gen_flat  # noqa: E402

ROOT = HERE.parent         # where ``python -m pancompiler.cli`` runs (--compiler-root)
CACHE_OPTION = True
GEN_TLC = Path("/work/shared/bench/gen_tlc.py")
KEYS = ("cold", "tlc-full", "flat", "warm-cache", "no-change", "one-node")
TARGETS = {"cold": "wall <= 1.0x, memory <= 1.0x", "tlc-full": "<= 1.0x", "flat": "<= 1.5x",
           "warm-cache": "<= 0.6x of reference cold", "no-change": "< 0.5 s", "one-node": "< 2 s"}
FORMATS = "json,dep"


@dataclass
class Figures:
    """The runs of one workload by one compiler."""

    walls: list = field(default_factory=list)
    cpus: list = field(default_factory=list)
    memories: list = field(default_factory=list)       # MB

    def add(self, m) -> None:
        self.walls.append(m.wall)
        self.cpus.append(m.cpu)
        self.memories.append(m.tree_pss_kb / 1024)


@dataclass
class Setup:
    work: Path
    tlc: Path
    flat: Path
    nodes: list
    reference: str | None
    template_cache: Path
    rows: dict = field(default_factory=dict)       # key -> (ours Figures, reference Figures, ratios)


def ours(out: Path, include: str, files: list, *extra: str) -> list[str]:
    if not CACHE_OPTION and extra[-2:-1] == ("--template-cache",):
        extra = extra[:-2]          # an older compiler (see --compiler-root): it has no cache
    return [sys.executable, "-m", "pancompiler.cli", "--no-progress", "--output-dir", str(out),
            "--include-path", include, "--formats", FORMATS, *extra, *map(str, files)]


def has_cache_option() -> bool:
    """Whether the compiler run from ROOT knows --template-cache."""
    done = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--help"], cwd=ROOT,
                          capture_output=True, text=True)
    return "--template-cache" in done.stdout


def reference(setup: Setup, out: Path, include: str, files: list, *extra: str) -> list[str]:
    return [setup.reference, "--output-dir", str(out), "--include-path", include, "--formats", FORMATS,
            *extra, *map(str, files)]


def empty(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def measure(cmd: list[str], label: str):
    m = run_measured(cmd, ROOT)
    if m.returncode != 0:
        print(f"{label} failed (exit {m.returncode}):\n" + "\n".join(m.output.splitlines()[:40]))
        sys.exit(1)
    return m


def tlc_include(setup: Setup) -> str:
    return ":".join(str(setup.tlc / d) for d in (".", "site", "profiles"))


def workload(setup: Setup, key: str):
    """(our command, reference command or None, preparation before our run)."""
    w = setup.work
    inc = tlc_include(setup)
    nodes = setup.nodes
    full = [setup.tlc / "profiles" / "tlc-full.pan"]
    flat_inc, flat = str(setup.flat), [setup.flat / "profiles" / "flat.pan"]
    nthread = ("--nthread", "2")
    if key == "cold":
        return (ours(empty(w / "out-cold"), inc, nodes, *nthread, "--template-cache", "off"),
                reference(setup, empty(w / "ref-cold"), inc, nodes, *nthread))
    if key == "tlc-full":
        return (ours(empty(w / "out-full"), inc, full, "--template-cache", "off"),
                reference(setup, empty(w / "ref-full"), inc, full))
    if key == "flat":
        return (ours(empty(w / "out-flat"), flat_inc, flat, "--template-cache", "off"),
                reference(setup, empty(w / "ref-flat"), flat_inc, flat))
    if key == "warm-cache":
        cache = ("--template-cache", str(setup.template_cache))
        if not setup.template_cache.exists():       # fill the cache (not measured)
            measure(ours(empty(w / "out-warm"), inc, nodes[:1], *cache), "filling the template cache")
        return (ours(empty(w / "out-warm"), inc, nodes, *nthread, *cache),
                reference(setup, empty(w / "ref-cold"), inc, nodes, *nthread))
    if key in ("no-change", "one-node"):
        out = w / "out-incremental"
        if not (out / ".pancompiler").exists():     # the build to rebuild (not measured)
            measure(ours(empty(out), inc, nodes, *nthread), "the first incremental build")
        return ours(out, inc, nodes, *nthread), None
    raise KeyError(key)


def edit_one_node(setup: Setup, round_: int) -> tuple[Path, str]:
    node = setup.nodes[len(setup.nodes) // 2]
    original = node.read_text()
    node.write_text(original + f"\n'/hardware/harddisks/sda/capacity' = {1000 + round_};\n")
    return node, original


def run_round(setup: Setup, keys: list, round_: int) -> None:
    reference_cold = None
    for key in keys:
        mine, ref, ratios = setup.rows.setdefault(key, (Figures(), Figures(), []))
        cmd, ref_cmd = workload(setup, key)
        edited = edit_one_node(setup, round_) if key == "one-node" else None
        try:
            m = measure(cmd, f"ours ({key})")
        finally:
            if edited:
                edited[0].write_text(edited[1])
        if key == "one-node":     # bring the outputs back in line with the restored file
            measure(cmd, "rebuild after restoring the edited node")
        mine.add(m)
        line = f"round {round_ + 1} {key:<11} ours {m.wall:7.2f} s  CPU {m.cpu:7.2f} s  {m.tree_pss_kb / 1024:6.0f} MB"
        if ref_cmd is not None and setup.reference:
            if key == "warm-cache" and reference_cold is not None:
                r = reference_cold          # the same reference run as this round's cold build
            else:
                r = measure(ref_cmd, f"reference ({key})")
            if key == "cold":
                reference_cold = r
            ref.add(r)
            ratios.append((m.wall / r.wall, m.tree_pss_kb / max(r.tree_pss_kb, 1), m.cpu / max(r.cpu, 1e-9)))
            line += (f" | reference {r.wall:7.2f} s  CPU {r.cpu:7.2f} s  {r.tree_pss_kb / 1024:6.0f} MB"
                     f" | ratio {m.wall / r.wall:5.2f} (CPU {m.cpu / max(r.cpu, 1e-9):5.2f})")
        print(line, flush=True)


def print_table(setup: Setup, keys: list, repeat: int) -> None:
    med = statistics.median
    print(f"\nmedians of {repeat} round(s); ratio = ours / reference, the median of the per-round ratios")
    head = "{:<11} {:>9} {:>9} {:>8} | {:>9} {:>9} {:>8} | {:>10} {:>10} {:>10} | {}"
    print(head.format("workload", "wall", "CPU", "memory", "ref wall", "ref CPU", "ref mem", "wall ratio",
                      "mem ratio", "CPU ratio", "target"))
    for key in keys:
        mine, ref, ratios = setup.rows[key]
        cells = [f"{med(mine.walls):.2f} s", f"{med(mine.cpus):.2f} s", f"{med(mine.memories):.0f} MB"]
        if ref.walls:
            cells += [f"{med(ref.walls):.2f} s", f"{med(ref.cpus):.2f} s", f"{med(ref.memories):.0f} MB"]
        else:
            cells += ["-", "-", "-"]
        if ratios:
            cells += [f"{med(r[i] for r in ratios):.2f}x" for i in range(3)]
        else:
            cells += ["-", "-", "-"]
        print(head.format(key, *cells, TARGETS[key]))


def prepare(args) -> Setup:
    work = args.work.resolve()
    tlc, flat = work / "tlc", work / "flat"
    if not args.no_generate:
        cmd = [sys.executable, str(args.gen_tlc), str(args.tlc), "--out", str(tlc), "--hosts", str(args.nodes)]
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit("gen_tlc.py failed")
        files, size = gen_flat.write_workload(str(flat), 10, 20000)
        print(f"workloads: {args.nodes} template-library-core nodes in {tlc}; {files} flat templates "
              f"({size / 1024:.0f} KiB) in {flat}")
    nodes = sorted((tlc / "profiles").glob("node-*.pan"))
    if not nodes:
        sys.exit(f"no node profiles in {tlc / 'profiles'}: run without --no-generate")
    cache = work / "template-cache"
    shutil.rmtree(cache, ignore_errors=True)
    for stale in ("out-incremental",):
        shutil.rmtree(work / stale, ignore_errors=True)
    ref = os.environ.get("PANC_REFERENCE") or None
    return Setup(work, tlc, flat, nodes, ref, cache)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tlc", type=Path, required=True, help="a checkout of quattor/template-library-core")
    ap.add_argument("--nodes", type=int, default=500, help="node profiles (default 500)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the table gives medians (default 3)")
    ap.add_argument("--only", default=",".join(KEYS), help=f"workloads, comma-separated (default all: {','.join(KEYS)})")
    ap.add_argument("--work", type=Path, default=HERE / "work" / "speed", help="work folder")
    ap.add_argument("--gen-tlc", type=Path, default=GEN_TLC, help=f"gen_tlc.py (default {GEN_TLC})")
    ap.add_argument("--no-generate", action="store_true", help="reuse the workloads in --work")
    ap.add_argument("--compiler-root", type=Path,
                    help="run the compiler of this source tree (e.g. an older commit's `git archive`) instead")
    args = ap.parse_args(argv)
    global ROOT, CACHE_OPTION
    if args.compiler_root is not None:
        ROOT = args.compiler_root.resolve()
    CACHE_OPTION = has_cache_option()
    keys = [k for k in args.only.split(",") if k]
    unknown = [k for k in keys if k not in KEYS]
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    if not CACHE_OPTION and "warm-cache" in keys:
        keys.remove("warm-cache")
        print("this compiler has no --template-cache: warm-cache skipped")
    setup = prepare(args)
    print(f"compiler: {ROOT}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}; reference: {setup.reference or 'none (set PANC_REFERENCE)'}")
    for round_ in range(args.repeat):
        run_round(setup, keys, round_)
    print_table(setup, keys, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
