"""Golden test of the example site: what ``python3 dev.py site`` produces.

The repository's ``sites/``, ``clusters/`` and ``templates/`` are copied to a
temporary root and built with ``panc --site``; every profile (JSON), every
xl.cfg and auto list, both grub files of each hypervisor and ``graph.json``
must equal the goldens in ``golden/`` (absolute paths of the copy are written
as ``ROOT``).  The produced files are also validated against the JSON Schemas
in ``schemas/``.  ``PANC_UPDATE_GOLDENS=1`` rewrites the goldens after a
deliberate change.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
COMPARED = ("profiles/*.json", "xen/*/*", "grub/*/*", "graph.json")


@pytest.fixture(scope="module")
def built(tmp_path_factory, example_site_copy, build_example_site) -> Path:
    root = example_site_copy(tmp_path_factory.mktemp("example"))
    proc = build_example_site(root)
    assert proc.returncode == 0, proc.stderr
    return root / "build"


def produced_files(build: Path) -> dict[str, str]:
    files = {}
    for pattern in COMPARED:
        for path in sorted(build.glob(pattern)):
            if path.name in ("profiles.json",):
                continue
            files[str(path.relative_to(build))] = path.read_text()
    return files


def test_example_site_matches_goldens(built: Path):
    root = str(built.parent)
    produced = {rel: text.replace(root, "ROOT") for rel, text in produced_files(built).items()}
    if os.environ.get("PANC_UPDATE_GOLDENS"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text)
    expected = {str(p.relative_to(GOLDEN)): p.read_text() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(expected)
    for rel in expected:
        assert produced[rel] == expected[rel], rel


def test_example_site_has_what_the_issue_asks_for(built: Path):
    profiles = {p.stem: json.loads(p.read_text()) for p in (built / "profiles").glob("*.json")
                if p.name != "profiles.json"}
    kinds = {name: tree.get("system", {}).get("enclosure", {}).get("type") for name, tree in profiles.items()}
    enclosures = [n for n, k in kinds.items() if k == "blade"]
    hosts = [n for n, k in kinds.items() if k == "hypervisor"]
    guests = [n for n, t in profiles.items() if t.get("hardware", {}).get("location") in hosts]
    assert len(enclosures) >= 2 and len(hosts) >= 4 and len(guests) >= 12
    bonded = [n for n in hosts
              if any("master" in i for i in profiles[n]["system"]["network"]["interfaces"].values())]
    assert bonded, "one host must have a bonded NIC"
    for host in hosts:
        domains = profiles[host]["software"]["components"]["xen"].get("domains", {})
        for name in domains:
            assert (built / "xen" / host / f"{name}.cfg").exists()
        assert (built / "grub" / host / "menu.lst").exists() and (built / "grub" / host / "grub.cfg").exists()


def test_example_site_outputs_match_their_schemas(built: Path):
    from pancompiler.virt.schemas import validate_graph, validate_profile
    graph = json.loads((built / "graph.json").read_text())
    assert validate_graph(graph) == []
    for path in (built / "profiles").glob("*.json"):
        if path.name != "profiles.json":
            assert validate_profile(path.stem, json.loads(path.read_text()), str(path)) == []
