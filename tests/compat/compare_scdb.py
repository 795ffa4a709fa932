#!/usr/bin/env python3
"""Compile every profile of an SCDB with our panc and a reference panc; compare byte for byte.

Each cluster is compiled the way quattor's ant task (quattor/scdb
``quattor.build.xml``) calls panc: include path = the cluster folder, its
``profiles/`` and ``site/`` (those that exist), then every folder under
``cfg/`` matched by the ant globs of ``cluster.pan.includes`` (in
``cluster.build.properties``); ``--max-iteration 5000``; the profiles
``profiles/**/*.pan`` and ``*.tpl``.  Both compilers get the same plain panc
command line (default formats json,pan,dep); then every output file is
compared and each difference is printed with its first differing
configuration path.  Exit status 0 only when every profile compiled with both
and every file is byte-identical.

    compare_scdb.py SCDB_ROOT --reference /path/to/java/panc [--ours panc] [--keep DIR]

The reference may also come from the environment variable PANC_REFERENCE.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from panc_diff import compare_outputs, error_headings, run_compiler, split_command  # noqa: E402


def read_properties(path: Path) -> dict[str, str]:
    props: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "!")) and "=" in line:
                key, value = line.split("=", 1)
                props[key.strip()] = value.strip()
    return props


def ant_glob_regex(pattern: str) -> re.Pattern:
    """An ant pattern (``*``, ``?``, ``**``) as a regex over '/'-separated relative paths."""
    pattern = pattern.strip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def expand_dirset(root: Path, pattern: str) -> list[Path]:
    """Folders under ROOT matched by one ant dirset include pattern."""
    if not any(c in pattern for c in "*?"):
        target = root / pattern
        return [target] if target.is_dir() else []
    regex = ant_glob_regex(pattern)
    found = []
    for folder, dirs, _ in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        if rel != "." and regex.match(rel):
            found.append(Path(folder))
    return found


def cluster_include_path(cfg: Path, cluster: Path) -> list[Path]:
    path = [p for p in (cluster, cluster / "profiles", cluster / "site") if p.is_dir()]
    includes = read_properties(cluster / "cluster.build.properties").get("cluster.pan.includes", "")
    for glob in re.split(r"[\s,]+", includes.strip()):
        for folder in expand_dirset(cfg, glob) if glob else []:
            if folder not in path:
                path.append(folder)
    return path


def clusters(root: Path) -> list[Path]:
    base = root / "cfg" / "clusters"
    groups = read_properties(root / "quattor.build.properties").get("clusters.groups.enable") == "true"
    candidates = sorted(base.glob("*/*") if groups else base.glob("*"))
    return [c for c in candidates if (c / "profiles").is_dir() and profiles(c)]


def profiles(cluster: Path) -> list[Path]:
    found = [p for p in (cluster / "profiles").rglob("*") if p.is_file() and p.suffix in (".pan", ".tpl")]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="SCDB checkout (has cfg/clusters/)")
    ap.add_argument("--reference", default=os.environ.get("PANC_REFERENCE"),
                    help="command running the reference (Java) panc; default $PANC_REFERENCE")
    ap.add_argument("--ours", default="panc", help="command running our panc (default: panc)")
    ap.add_argument("--formats", default="json,pan,dep")
    ap.add_argument("--keep", type=Path, help="write outputs under this folder (default: a temp folder)")
    ap.add_argument("--cluster", action="append", default=[], help="only clusters whose path ends so")
    args = ap.parse_args(argv)
    if not args.reference:
        ap.error("give the reference panc with --reference or PANC_REFERENCE")
    root = args.root.resolve()
    cfg = root / "cfg"
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-scdb-"))
    total = identical = compiled = 0
    files_total = files_same = 0
    for cluster in clusters(root):
        name = str(cluster.relative_to(cfg / "clusters"))
        if args.cluster and not any(name.endswith(c) for c in args.cluster):
            continue
        include = cluster_include_path(cfg, cluster)
        sources = profiles(cluster)
        print(f"== {name}: {len(sources)} profiles, include path "
              f"{' '.join(str(p.relative_to(cfg)) for p in include)}", flush=True)
        runs = {}
        for side, command in (("ours", split_command(args.ours)), ("reference", split_command(args.reference))):
            runs[side] = run_compiler(command, work / side / name, sources, include, formats=args.formats,
                                      max_iteration=5000)
        ours, ref = runs["ours"], runs["reference"]
        if ours.returncode != ref.returncode or error_headings(ours.report) != error_headings(ref.report):
            print(f"  status differs: ours rc={ours.returncode} {error_headings(ours.report)[:5]}; "
                  f"reference rc={ref.returncode} {error_headings(ref.report)[:5]}")
            if ours.returncode:
                print("  ours said: " + "\n    ".join(ours.report.strip().splitlines()[:12]))
            if ref.returncode:
                print("  reference said: " + "\n    ".join(ref.report.strip().splitlines()[:12]))
        diffs = compare_outputs(ours.outdir, ref.outdir)
        bad_objects = {d.file.rsplit(".", 1)[0] for d in diffs}
        for d in diffs:
            print(f"  {d.kind}: {d.file} {d.where}")
        ref_files = [p for p in ref.outdir.rglob("*") if p.is_file()]
        files_total += len(ref_files)
        files_same += sum(1 for p in ref_files if not any(d.file == str(p.relative_to(ref.outdir)) for d in diffs))
        for source in sources:
            total += 1
            has_outputs = any((ours.outdir / (source.stem + ext)).exists() for ext in (".json", ".xml"))
            compiled += has_outputs
            both = has_outputs and any((ref.outdir / (source.stem + ext)).exists() for ext in (".json", ".xml"))
            identical += both and source.stem not in bad_objects
    print(f"profiles: {compiled}/{total} compiled by ours, {identical}/{total} byte-identical "
          f"(files identical {files_same}/{files_total}); outputs in {work}")
    return 0 if identical == total and total else 1


if __name__ == "__main__":
    sys.exit(main())
