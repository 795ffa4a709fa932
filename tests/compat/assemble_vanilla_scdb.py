#!/usr/bin/env python3
"""Assemble quattor's "vanilla SCDB" the way quattor's CI does, from local copies.

quattor's CI (quattor/scdb ``utils/scdb/create-vanilla-SCDB.sh`` calling
quattor/release ``src/scripts/get-template-library``) copies the SCDB sources
to the root, then each template library into ``cfg/``: template-library-core
under ``cfg/quattor/dev`` (HEAD builds), -grid under ``cfg/grid``, -os under
``cfg/os``, -standard under ``cfg/standard`` and template-library-examples
directly under ``cfg/`` (its ``clusters/`` and ``sites/``).  Every
``cluster.build.properties`` then has its ``quattor/<version>`` include
rewritten to ``quattor/dev``, and ``quattor.build.properties`` is written with
``pan.formats=json,dep`` and cluster groups enabled.  Each source may be a git
directory (bare or not; its HEAD is exported with ``git archive``) or an
extracted checkout.  Nothing is downloaded: get the repositories yourself.

    assemble_vanilla_scdb.py --dest DIR --core SRC --grid SRC --os SRC \\
        --standard SRC --examples SRC [--scdb SRC] [--force]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# (option, destination under cfg/) in the order get-template-library copies them.
LIBRARIES = [
    ("core", "quattor/dev"),
    ("examples", ""),
    ("grid", "grid"),
    ("os", "os"),
    ("standard", "standard"),
]

QUATTOR_BUILD_PROPERTIES = """build.annotations=${basedir}/build.annotations
pan.formats=json,dep
clusters.groups.enable=true
"""

# get-template-library: sed "s%\squattor/\S\+\s% quattor/dev %"
VERSION_INCLUDE = re.compile(r"\squattor/\S+\s")


def is_git_dir(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def export_source(source: Path, dest: Path) -> None:
    """Copy SOURCE's top-level entries (like ``cp -R SRC/* DEST``) into DEST."""
    dest.mkdir(parents=True, exist_ok=True)
    git_dir = source / ".git" if (source / ".git").is_dir() else source
    if is_git_dir(git_dir) and not any(p.name != ".git" for p in source.iterdir() if source != git_dir):
        archive = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "HEAD"],
                                 check=True, capture_output=True).stdout
        with tempfile.TemporaryDirectory() as tmp:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp)
            _copy_visible(Path(tmp), dest)
        return
    _copy_visible(source, dest)


def _copy_visible(source: Path, dest: Path) -> None:
    for entry in sorted(source.iterdir()):
        if entry.name.startswith("."):
            continue  # the shell glob SRC/* skips hidden entries
        target = dest / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, target, follow_symlinks=False)


def rewrite_cluster_properties(cfg: Path, version_dir: str = "dev") -> list[Path]:
    changed = []
    for props in sorted((cfg / "clusters").rglob("cluster.build.properties")):
        text = props.read_text()
        new = VERSION_INCLUDE.sub(f" quattor/{version_dir} ", text)
        if new != text:
            props.write_text(new)
            changed.append(props)
    return changed


def assemble(dest: Path, sources: dict[str, Path], scdb: Path | None) -> None:
    if scdb is not None:
        export_source(scdb, dest)
    cfg = dest / "cfg"
    for name, subdir in LIBRARIES:
        export_source(sources[name], cfg / subdir if subdir else cfg)
    rewrite_cluster_properties(cfg)
    (dest / "quattor.build.properties").write_text(QUATTOR_BUILD_PROPERTIES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dest", required=True, type=Path, help="SCDB directory to create")
    for name, _ in LIBRARIES:
        ap.add_argument(f"--{name}", required=True, type=Path,
                        help=f"template-library-{name}: git directory or checkout")
    ap.add_argument("--scdb", type=Path, help="quattor/scdb: git directory or checkout (optional)")
    ap.add_argument("--force", action="store_true", help="replace DEST if it exists")
    args = ap.parse_args(argv)
    sources = {name: getattr(args, name) for name, _ in LIBRARIES}
    for path in [*sources.values(), *([args.scdb] if args.scdb else [])]:
        if not path.is_dir():
            ap.error(f"not a directory: {path}")
    if args.dest.exists():
        if not args.force:
            ap.error(f"{args.dest} exists (use --force to replace it)")
        shutil.rmtree(args.dest)
    staging = Path(tempfile.mkdtemp(prefix=".vanilla-", dir=args.dest.parent or Path(".")))
    try:
        assemble(staging, sources, args.scdb)
        os.chmod(staging, 0o755)
        staging.rename(args.dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    profiles = sorted((args.dest / "cfg" / "clusters").glob("*/*/profiles/**/*.pan"))
    print(f"assembled {args.dest}: {len(profiles)} profiles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
