"""The virtualisation step when objects of the site failed to compile (``holding.py``).

On the synthetic site of ``virt_site.py``: a failed object is absent from the
run; the hosts that depend on it keep their files (bytes and modification
times), the others are written; references to an absent object are neither
errors nor rooms; the graph files are not replaced.
"""

from __future__ import annotations

from pathlib import Path

from virt_site import fq

from pancompiler.virt import build_virtualisation
from pancompiler.virt.holding import FAILED, hold
from pancompiler.virt.model import load_site


def tree_state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def without(profiles: dict, *shorts: str) -> tuple[dict, dict[str, str]]:
    kept = {k: v for k, v in profiles.items() if k not in {fq(s) for s in shorts}}
    return kept, {fq(s): FAILED for s in shorts}


def test_a_failed_guest_holds_its_host_and_the_host_s_other_guests(site):
    profiles, sources = site
    kept, failed = without(profiles, "vm01")
    held = hold(load_site(kept, sources), failed)
    assert held.absent == {fq("vm01"): FAILED,
                           fq("hv01"): f"its guest {fq('vm01')} failed to compile",
                           fq("vm02"): f"its host {fq('hv01')} is left as it was"}
    assert sorted(held.nodes) == sorted(fq(s) for s in ("enc01", "hv02", "vm03", "vm04"))


def test_a_failed_host_keeps_its_files_and_the_other_host_is_still_written(site, tmp_path):
    profiles, sources = site
    assert build_virtualisation(profiles, sources, str(tmp_path)).ok
    before = tree_state(tmp_path)
    profiles[fq("hv02")]["software"]["components"]["xen"]["domains"][fq("vm04")]["options"]["memory"] = 1024
    kept, failed = without(profiles, "hv01")
    result = build_virtualisation(kept, sources, str(tmp_path), failed=failed)
    assert result.errors == [], [e.message for e in result.errors]
    after = tree_state(tmp_path)
    changed = sorted(rel for rel in before if after.get(rel) != before[rel])
    assert changed == [f"xen/{fq('hv02')}/{fq('vm04')}.cfg"]
    assert sorted(after) == sorted(before)
    assert result.held == {fq("hv01"): FAILED}
    assert result.removed == []
    assert any("graph.json and graph.dot are left as they were" in n for n in result.notes)


def test_a_location_naming_a_failed_host_is_no_room_and_no_error(site, tmp_path):
    profiles, sources = site
    kept, failed = without(profiles, "hv01", "enc01")
    result = build_virtualisation(kept, sources, str(tmp_path), failed=failed)
    assert result.errors == []
    assert fq("vm01") not in result.graph and fq("hv02") in result.graph


def test_an_enclosure_listing_a_failed_blade_is_not_an_error(site, tmp_path):
    profiles, sources = site
    assert build_virtualisation(profiles, sources, str(tmp_path)).ok
    kept, failed = without(profiles, "hv02")
    result = build_virtualisation(kept, sources, str(tmp_path), failed=failed)
    assert result.errors == []
    assert result.held == {fq("hv02"): FAILED}


def test_a_failed_host_that_never_had_files_is_not_reported_as_held(site, tmp_path):
    profiles, sources = site
    kept, failed = without(profiles, "hv02")
    result = build_virtualisation(kept, sources, str(tmp_path), failed=failed)
    assert result.errors == [] and result.held == {}
    assert (tmp_path / "xen" / fq("hv01")).is_dir() and not (tmp_path / "graph.json").exists()


def test_without_failures_stale_files_are_still_removed(site, tmp_path):
    profiles, sources = site
    build_virtualisation(profiles, sources, str(tmp_path))
    del profiles[fq("hv01")]["software"]["components"]["xen"]["domains"][fq("vm02")]
    profiles[fq("hv01")]["system"]["enclosure"]["children"].remove(fq("vm02"))
    profiles[fq("vm02")]["hardware"]["location"] = "room 2"
    result = build_virtualisation(profiles, sources, str(tmp_path))
    assert result.errors == [], [e.message for e in result.errors]
    assert result.removed == [f"xen/{fq('hv01')}/{fq('vm02')}.cfg"]
