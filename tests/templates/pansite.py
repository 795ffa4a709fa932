"""Helpers of the template tests: compiling the pan library (``templates/``), the example site
and the small case sites with the ``panc`` command line.

``compile_pan`` runs ``python -m pancompiler.cli`` on a list of object templates with a given
include path and returns the exit status, the printed errors and the JSON profiles it wrote.
``site_include_path`` puts all clusters on one include path (each cluster's directories,
``templates`` and ``sites/example``), as the site builder does with cross-cluster
references resolved.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CASES = Path(__file__).parent / "cases"
CLUSTERS = ("enclosures", "hypervisors", "guests")


@dataclass
class Compiled:
    status: int
    output: str
    profiles: dict[str, dict]


def compile_pan(include_path: list[Path], files: list[Path], outdir: Path) -> Compiled:
    outdir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pancompiler.cli", "--nthread", "1", "--formats", "json",
               "--output-dir", str(outdir), "--include-path", ":".join(str(p) for p in include_path),
               *(str(f) for f in files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    profiles = {p.name[:-len(".json")]: json.loads(p.read_text()) for p in sorted(outdir.glob("*.json"))}
    return Compiled(run.returncode, run.stdout + run.stderr, profiles)


def site_include_path() -> list[Path]:
    path = [TEMPLATES, ROOT / "sites" / "example"]
    for cluster in CLUSTERS:
        base = ROOT / "clusters" / cluster
        path += [base, base / "profiles", base / "site"]
    return path


def site_profiles() -> list[Path]:
    return sorted((ROOT / "clusters").glob("*/profiles/*.pan"))


def compile_case(name: str, outdir: Path) -> Compiled:
    case = CASES / name
    include = [case, case / "profiles", CASES / "common", TEMPLATES]
    return compile_pan(include, sorted((case / "profiles").glob("*.pan")), outdir)
