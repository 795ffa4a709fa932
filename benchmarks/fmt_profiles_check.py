#!/usr/bin/env python3
"""Check that formatting a library never changes what it compiles to.

    python3 benchmarks/fmt_profiles_check.py LIBRARY --gen-tlc PATH/gen_tlc.py [--panc "CMD"]

LIBRARY is a checkout of quattor/template-library-core.  The script copies it
twice into a temporary folder, formats one copy with ``panc-fmt --write``,
turns both into the ``tlc-full`` workload with ``gen_tlc.py`` (the workload
generator of the benchmark set-up: one object including 560 of the library's
templates) and formats that workload's own templates too, then compiles both
with this compiler (and, with ``--panc``, with another panc command line such
as Java panc) into every format.  It prints, per compiler and format, whether
the two outputs are byte-identical (``dep`` files after replacing the copies'
folder names) and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMATS = "pan,json,text,dot,dep"


def compile_workload(work: Path, out: Path, command: list[str]) -> None:
    out.mkdir()
    run = subprocess.run([*command, "--output-dir", str(out), "--include-path", ".:site:profiles",
                          "--formats", FORMATS, "profiles/tlc-full.pan"], cwd=work,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"compile failed in {work}:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("library")
    ap.add_argument("--gen-tlc", required=True, help="path of gen_tlc.py")
    ap.add_argument("--panc", action="append", default=[],
                    help="another panc command line to compare with (repeatable)")
    args = ap.parse_args()
    fmt = [sys.executable, "-m", "pancompiler.fmt.cli", "--write"]
    compilers = {"pancompiler": [sys.executable, "-m", "pancompiler.cli"]}
    for i, cmd in enumerate(args.panc, start=1):
        compilers[f"panc #{i}"] = shlex.split(cmd)
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in ("plain", "formatted"):
            shutil.copytree(args.library, tmp / f"{name}-src")
        changed = subprocess.run([*fmt, str(tmp / "formatted-src")], cwd=REPO, capture_output=True, text=True)
        print(changed.stderr.strip())
        for name in ("plain", "formatted"):
            subprocess.run([sys.executable, args.gen_tlc, str(tmp / f"{name}-src"), "--out", str(tmp / name)],
                           check=True, capture_output=True)
        subprocess.run([*fmt, str(tmp / "formatted")], cwd=REPO, capture_output=True, text=True)
        for label, command in compilers.items():
            outs = {}
            for name in ("plain", "formatted"):
                outs[name] = tmp / f"out-{label.replace(' ', '').replace('#', '')}-{name}"
                compile_workload(tmp / name, outs[name], command)
            for produced in sorted(p for p in outs["plain"].iterdir() if p.is_file()):
                other = outs["formatted"] / produced.name
                a, b = produced.read_bytes(), other.read_bytes() if other.exists() else None
                if produced.suffix == ".dep" and b is not None:
                    a = a.replace(str(tmp / "plain").encode(), b"WORK")
                    b = b.replace(str(tmp / "formatted").encode(), b"WORK")
                ok = a == b
                same &= ok
                print(f"{label:<12} {produced.name:<16} {len(a):>8} bytes  {'identical' if ok else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
