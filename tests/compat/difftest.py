#!/usr/bin/env python3
"""Differential tester: our panc against a reference (Java) panc.

Two modes, both run by hand (they need a locally built Java panc, given with
``--reference`` or the environment variable ``PANC_REFERENCE``):

``difftest.py corpus ROOT [--include-path DIRS] [OBJECT.pan ...]``
    compiles every object template under ROOT (or the ones named) with both
    compilers, then prints every output file that differs (with its first
    differing configuration path) and every object whose success or failure,
    or error heading, differs.

``difftest.py random --count N [--batch B] [--seed S] [--keep DIR]``
    generates N random pan programs (see ``pangen.py``), compiles them in
    batches of B object templates per compiler call (one JVM start-up per
    batch) and compares each program the same way.  Failing programs are kept
    under ``--keep`` to be replayed with ``corpus``.

The comparison per object: both compile or both fail; when both compile,
every output file (json, pan XML, dep) byte-identical; when both fail, the
same error heading kind (syntax, evaluation, validation).  Java panc prints
only some of the errors of a multi-object run (its error set drops entries),
so when its report has no heading for a failed object the heading is counted
as unchecked, or checked by a single-object run (``--rerun-errors N``: up to N
such runs per batch, each a JVM start-up).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from panc_diff import HEADING, compare_outputs, run_compiler, split_command  # noqa: E402
from pangen import ProgramGenerator  # noqa: E402

OBJECT = re.compile(r"^\s*object\s+template\s+([\w\-./+]+)\s*;", re.MULTILINE)
FORMATS = "json,pan,dep"


def headings_by_object(report: str, root: Path, objects: list[str]) -> dict[str, set[str]]:
    """Map each error heading of REPORT to the object whose files it names."""
    found: dict[str, set[str]] = {}
    for m in HEADING.finditer(report):
        kind = "syntax" if m.group(1) == "parse" else m.group(1)
        location = (m.group(2) or "").split(":")[0]
        if not location.startswith(str(root)):
            found.setdefault("?", set()).add(kind)
            continue
        rel = location[len(str(root)) + 1:]
        for obj in objects:
            if rel == obj + ".pan" or rel.startswith(obj + "/"):
                found.setdefault(obj, set()).add(kind)
                break
    return found


def failed(outdir: Path, obj: str) -> bool:
    return not (outdir / (obj + ".json")).exists()


class Tally:
    def __init__(self):
        self.counts = Counter()
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)
        print(text, flush=True)


def compare_batch(root: Path, objects: list[str], ours_cmd, ref_cmd, work: Path, tally: Tally,
                  include: list[Path], rerun_errors: int, ref_extra: list[str] = ()) -> set[str]:
    """Compile OBJECTS (names relative to ROOT) with both; return the objects that differ."""
    files = [root / (o + ".pan") for o in objects]
    ours = run_compiler(ours_cmd, work / "ours", files, include, FORMATS, 1000, ["--no-progress"])
    ref = run_compiler(ref_cmd, work / "reference", files, include, FORMATS, 1000, list(ref_extra))
    bad: set[str] = set()
    diffs = compare_outputs(ours.outdir, ref.outdir)
    by_object: dict[str, list] = {}
    for d in diffs:
        by_object.setdefault(d.file.rsplit(".", 1)[0], []).append(d)
    our_heads = headings_by_object(ours.report, root, objects)
    ref_heads = headings_by_object(ref.report, root, objects)
    reruns = rerun_errors
    for obj in objects:
        tally.counts["objects"] += 1
        f_ours, f_ref = failed(ours.outdir, obj), failed(ref.outdir, obj)
        if f_ours != f_ref:
            bad.add(obj)
            tally.counts["status differs"] += 1
            tally.problem(f"{obj}: ours {'failed' if f_ours else 'compiled'}, reference "
                          f"{'failed' if f_ref else 'compiled'}; ours {sorted(our_heads.get(obj, ()))} "
                          f"reference {sorted(ref_heads.get(obj, ()))}")
            continue
        if f_ours:
            tally.counts["both failed"] += 1
            theirs = ref_heads.get(obj)
            if theirs is None and reruns > 0:
                reruns -= 1
                single = run_compiler(ref_cmd, work / "single" / obj.replace("/", "_"), [root / (obj + ".pan")],
                                      include, FORMATS, 1000, list(ref_extra))
                theirs = headings_by_object(single.report, root, [obj]).get(obj) or \
                    headings_by_object(single.report, root, [obj]).get("?")
            if theirs is None:
                tally.counts["heading unchecked"] += 1
            elif not (our_heads.get(obj, set()) & theirs):
                bad.add(obj)
                tally.counts["heading differs"] += 1
                tally.problem(f"{obj}: error heading ours {sorted(our_heads.get(obj, ()))} "
                              f"reference {sorted(theirs)}")
            else:
                tally.counts["heading same"] += 1
            continue
        tally.counts["both compiled"] += 1
        if obj in by_object:
            bad.add(obj)
            tally.counts["output differs"] += 1
            for d in by_object[obj]:
                tally.problem(f"{obj}: {d.kind} {d.file} {d.where}")
        else:
            tally.counts["output identical"] += 1
    # Files written for objects not named (external references) must match too.
    for name, ds in by_object.items():
        if name not in objects:
            owner = max((o for o in objects if name.startswith(o)), key=len, default=name)
            bad.add(owner)
            tally.counts["referenced object differs"] += 1
            for d in ds:
                tally.problem(f"{name} (read by {owner}): {d.kind} {d.file} {d.where}")
    return bad


def object_names(root: Path, named: list[Path]) -> list[str]:
    if named:
        return [str(p.resolve().relative_to(root))[:-4] for p in named]
    found = []
    for path in sorted(root.rglob("*.pan")):
        m = OBJECT.search(path.read_text(errors="replace")[:4096])
        if m:
            found.append(str(path.relative_to(root))[:-4])
    return found


def cmd_corpus(args, ours_cmd, ref_cmd) -> int:
    root = args.root.resolve()
    include = [Path(p).resolve() for p in args.include_path.split(os.pathsep)] if args.include_path else [root]
    objects = object_names(root, args.objects)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="difftest-") as tmp:
        for start in range(0, len(objects), args.batch):
            chunk = objects[start:start + args.batch]
            work = Path(tmp) / f"b{start}"
            compare_batch(root, chunk, ours_cmd, ref_cmd, work, tally, include, args.rerun_errors)
    report(tally)
    return 1 if tally.problems else 0


def write_program(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def cmd_random(args, ours_cmd, ref_cmd) -> int:
    tally = Tally()
    keep = args.keep.resolve() if args.keep else None
    started = time.time()
    done = 0
    batch_no = 0
    while done < args.count:
        n = min(args.batch, args.count - done)
        seed = args.seed + batch_no
        gen = ProgramGenerator(seed)
        with tempfile.TemporaryDirectory(prefix="difftest-") as tmp:
            root = Path(tmp) / "src"
            programs = {}
            for i in range(n):
                name = f"p{i}"
                programs[name] = gen.program(name)
                write_program(root, programs[name])
            objects = sorted(programs)
            bad = compare_batch(root, objects, ours_cmd, ref_cmd, Path(tmp) / "out", tally, [root],
                                args.rerun_errors)
            if bad and keep:
                for obj in sorted(bad):
                    dest = keep / f"seed{seed}-{obj}"
                    write_program(dest, programs[obj])
        done += n
        batch_no += 1
        tally.counts["programs"] += n
        rate = done / max(time.time() - started, 1e-9)
        print(f"[{done}/{args.count}] seed {seed}: {len(tally.problems)} problems so far "
              f"({rate:.1f} programs/s)", flush=True)
    report(tally)
    return 1 if tally.problems else 0


def report(tally: Tally) -> None:
    c = tally.counts
    print("summary: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print(f"differences: {len(tally.problems)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", default=os.environ.get("PANC_REFERENCE"),
                    help="command running the reference panc (default $PANC_REFERENCE)")
    ap.add_argument("--ours", default="panc", help="command running our panc (default: panc)")
    ap.add_argument("--rerun-errors", type=int, default=0, metavar="N",
                    help="per batch, rerun up to N failed objects alone when the reference's report "
                         "lacks their heading (one JVM start-up each)")
    sub = ap.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("corpus", help="compare on existing templates")
    c.add_argument("root", type=Path, help="folder of the corpus (default include path)")
    c.add_argument("objects", nargs="*", type=Path, help="object templates (default: all under ROOT)")
    c.add_argument("--include-path", help="colon-separated include path (default: ROOT)")
    c.add_argument("--batch", type=int, default=200, help="objects per compiler call")
    r = sub.add_parser("random", help="compare on generated programs")
    r.add_argument("--count", type=int, default=1000)
    r.add_argument("--batch", type=int, default=100, help="programs per compiler call")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--keep", type=Path, help="copy programs that differ into this folder")
    args = ap.parse_args(argv)
    if not args.reference:
        ap.error("give the reference panc with --reference or PANC_REFERENCE")
    ours_cmd, ref_cmd = split_command(args.ours), split_command(args.reference)
    if shutil.which(ref_cmd[0]) is None:
        ap.error(f"reference panc not found: {ref_cmd[0]}")
    return cmd_corpus(args, ours_cmd, ref_cmd) if args.mode == "corpus" else cmd_random(args, ours_cmd, ref_cmd)


if __name__ == "__main__":
    sys.exit(main())
