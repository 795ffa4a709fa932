"""``panc-review impact``: the objects a change may affect, from the build state.

On the example site (built once into a temporary copy): a guest's object
template names that guest, its hypervisor and the hypervisor's enclosure,
and the site's Xen variables template (``site/xen``) names every
hypervisor; both derived from the built profiles, not written down here.
On the small git site: a git range, a template that would shadow another on
the include path, and the errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pancompiler.review.cli import main


@pytest.fixture(scope="module")
def example_site(tmp_path_factory, example_site_copy, build_example_site) -> Path:
    root = example_site_copy(tmp_path_factory.mktemp("example"))
    proc = build_example_site(root)
    assert proc.returncode == 0, proc.stderr
    return root


def impact(capsys, *args: str) -> dict:
    code = main(["impact", "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def parent_of(profiles: Path, child: str) -> str:
    """The object whose /system/enclosure/children lists ``child`` (its host or enclosure)."""
    found = []
    for path in sorted(profiles.glob("*.json")):
        if path.name == "profiles.json":
            continue
        tree = json.loads(path.read_text())
        if child in tree.get("system", {}).get("enclosure", {}).get("children", []):
            found.append(path.name[: -len(".json")])
    assert len(found) == 1, (child, found)
    return found[0]


def test_a_guest_template_names_the_guest_its_host_and_enclosure(example_site, capsys) -> None:
    guest = "vm01.example.org"
    host = parent_of(example_site / "build" / "profiles", guest)
    enclosure = parent_of(example_site / "build" / "profiles", host)
    template = example_site / "clusters" / "guests" / "profiles" / f"{guest}.pan"
    data = impact(capsys, "--site", str(example_site), str(template))
    assert {o["name"] for o in data["objects"]} == {guest, host, enclosure}
    reasons = {o["name"]: o["reason"] for o in data["objects"]}
    assert reasons == {guest: "its object template changed", host: f"reads {guest}",
                       enclosure: f"reads {host}"}
    assert data["total"] == 20


def test_the_site_xen_variables_name_every_hypervisor(example_site, capsys) -> None:
    hypervisors = {p.stem for p in (example_site / "clusters" / "hypervisors" / "profiles").glob("*.pan")}
    assert len(hypervisors) == 5
    by_name = impact(capsys, "--site", str(example_site), "site/xen")
    by_file = impact(capsys, "--site", str(example_site), str(example_site / "sites/example/site/xen.pan"))
    assert hypervisors <= {o["name"] for o in by_name["objects"]}
    assert by_name["objects"] == by_file["objects"]


def test_a_template_nobody_includes_is_reported(example_site, capsys) -> None:
    code = main(["impact", "--site", str(example_site), "no/such/template"])
    out, _err = capsys.readouterr()
    assert code == 0
    assert out.startswith("0 of 20 objects may change")
    assert "no object of the last build reads no/such/template" in out


@pytest.fixture(scope="module")
def built_repo(site_repo):
    repo, commits = site_repo
    proc = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--site", str(repo), "--no-progress", "-j", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return repo, commits


def test_git_range(built_repo, capsys) -> None:
    repo, (c1, c2, c3) = built_repo
    data = impact(capsys, "--site", str(repo), "--git", f"{c1}..{c2}")
    assert [(o["name"], o["reason"]) for o in data["objects"]] == [
        ("alpha", "includes common/ntp"), ("gamma", "reads alpha")]
    data = impact(capsys, "--site", str(repo), "--git", f"{c2}..{c3}")
    assert [o["name"] for o in data["objects"]] == ["delta"]


def test_a_new_template_shadowing_another_is_seen(built_repo, capsys) -> None:
    repo, _commits = built_repo
    # The cluster folder comes before lib/ on the include path: this file would now be included.
    shadow = repo / "clusters" / "nodes" / "common" / "ntp.pan"
    shadow.parent.mkdir()
    try:
        shadow.write_text("unique template common/ntp;\n")
        data = impact(capsys, "--site", str(repo), "--git", "HEAD")
    finally:
        shutil.rmtree(shadow.parent)
    assert [o["name"] for o in data["objects"]] == ["alpha", "gamma"]


def test_impact_errors(tmp_path, capsys) -> None:
    assert main(["impact", "--site", str(tmp_path), "site/xen"]) == 2
    assert "no build state under" in capsys.readouterr().err
    assert main(["impact", "--site", str(tmp_path)]) == 2
    assert "needs templates or files" in capsys.readouterr().err
