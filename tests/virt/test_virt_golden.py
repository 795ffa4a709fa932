"""Golden files of the synthetic site, determinism, and schema checks of all outputs.

Every file the site produces (xl.cfg, auto, menu.lst, grub.cfg, graph.json,
graph.dot) is compared with ``golden/``; set ``PANC_UPDATE_GOLDENS=1`` to
rewrite them after a deliberate change.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from pathlib import Path

from virt_site import GOLDEN, fq, make_site

from pancompiler.virt import build_virtualisation, export
from pancompiler.virt.schemas import validate_graph, validate_profile, validator


def produced_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_goldens(site, tmp_path, monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    result = build_virtualisation(*site, str(tmp_path))
    assert result.errors == [], [e.render() for e in result.errors]
    produced = produced_tree(tmp_path)
    assert sorted(produced) == result.files
    if os.environ.get("PANC_UPDATE_GOLDENS"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    golden = produced_tree(GOLDEN)
    assert sorted(produced) == sorted(golden), "run with PANC_UPDATE_GOLDENS=1 after a deliberate change"
    for rel, data in produced.items():
        assert data.decode() == golden[rel].decode(), rel


def test_expected_files(site, tmp_path):
    result = build_virtualisation(*site, str(tmp_path))
    for host, guests in (("hv01", ["vm01", "vm02"]), ("hv02", ["vm03", "vm04"])):
        for guest in guests:
            assert f"xen/{fq(host)}/{fq(guest)}.cfg" in result.files
        for name in ("xen/{}/auto", "grub/{}/menu.lst", "grub/{}/grub.cfg"):
            assert name.format(fq(host)) in result.files
    assert (tmp_path / "xen" / fq("hv01") / "auto").read_text() == fq("vm01") + "\n"


def _shuffled(value, rng):
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def test_deterministic_whatever_the_dict_order(tmp_path):
    profiles, sources = make_site()
    first = build_virtualisation(profiles, sources, str(tmp_path / "a"))
    shuffled = _shuffled(profiles, random.Random(7))
    second = build_virtualisation(shuffled, dict(reversed(list(sources.items()))), str(tmp_path / "b"))
    assert produced_tree(tmp_path / "a") == produced_tree(tmp_path / "b")
    assert first.files == second.files


def test_second_run_changes_nothing_and_prunes_stale(site, tmp_path):
    profiles, sources = site
    build_virtualisation(profiles, sources, str(tmp_path))
    again = build_virtualisation(profiles, sources, str(tmp_path))
    assert again.changed == [] and again.removed == []
    del profiles[fq("hv01")]["software"]["components"]["xen"]["domains"][fq("vm02")]
    profiles[fq("hv01")]["system"]["enclosure"]["children"].remove(fq("vm02"))
    del profiles[fq("vm02")]
    third = build_virtualisation(profiles, sources, str(tmp_path))
    assert third.errors == []
    assert third.removed == [f"xen/{fq('hv01')}/{fq('vm02')}.cfg"]
    assert not (tmp_path / "xen" / fq("hv01") / f"{fq('vm02')}.cfg").exists()


def test_svg_only_when_graphviz_is_there(site, tmp_path, monkeypatch):
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    result = build_virtualisation(*site, str(tmp_path))
    assert result.ok and "graph.svg" not in result.files and result.notes


def test_svg_written_when_dot_exists(site, tmp_path, monkeypatch):
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\ncat >/dev/null\necho '<svg/>'\n")
    fake.chmod(0o755)
    monkeypatch.setattr(export.shutil, "which", lambda name: str(fake))
    result = build_virtualisation(*site, str(tmp_path / "out"))
    assert "graph.svg" in result.files
    assert (tmp_path / "out" / "graph.svg").read_text() == "<svg/>\n"


def test_inputs_match_their_schemas(site):
    profiles, sources = site
    for name, tree in profiles.items():
        assert validate_profile(name, tree, sources[name]) == []


def test_graph_json_matches_its_schema(site, tmp_path):
    build_virtualisation(*site, str(tmp_path))
    document = json.loads((tmp_path / "graph.json").read_text())
    assert validate_graph(document) == []
    assert list(validator("virt-graph").iter_errors(document)) == []


def test_bad_input_type_is_reported_with_path(site, tmp_path):
    profiles, sources = site
    options = profiles[fq("hv01")]["software"]["components"]["xen"]["domains"][fq("vm01")]["options"]
    options["memory"] = "8G"
    profiles[fq("hv02")]["system"]["network"]["interfaces"]["br0"]["netmask"] = "255.255.0"
    result = build_virtualisation(profiles, sources, str(tmp_path))
    messages = [e.message for e in result.errors]
    assert any(f"/software/components/xen/domains/{fq('vm01')}/options/memory" in m for m in messages)
    assert any("/system/network/interfaces/br0/netmask" in m and "ipv4" in m for m in messages)
    assert not list(tmp_path.iterdir())


_XL_LINE = re.compile(r"^(\w+) = (.*)$")
_XL_ATOM = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|(\d+)")


def parse_xl(text: str) -> dict:
    """A small xl.cfg reader (strings with backslash escapes, integers, lists of strings)."""
    found: dict = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, value = _XL_LINE.match(line).groups()
        atoms = []
        for m in _XL_ATOM.finditer(value):
            if m.group(3) is not None:
                atoms.append(int(m.group(3)))
            else:
                raw = m.group(1) if m.group(1) is not None else m.group(2)
                atoms.append(re.sub(r"\\(.)", r"\1", raw))
        found[key] = atoms if value.startswith("[") else atoms[0]
    return found


def test_xl_cfg_reads_back_as_the_domain_options(site, tmp_path):
    profiles, sources = site
    build_virtualisation(profiles, sources, str(tmp_path))
    for host in ("hv01", "hv02"):
        for key, dom in profiles[fq(host)]["software"]["components"]["xen"]["domains"].items():
            parsed = parse_xl((tmp_path / "xen" / fq(host) / f"{key}.cfg").read_text())
            options = dom["options"]
            for name in ("name", "memory", "maxmem", "vcpus", "cpus", "vif", "bootloader", "kernel", "ramdisk",
                         "extra", "vfb"):
                assert parsed.get(name) == options.get(name), (key, name)
            assert len(parsed["disk"]) == len(options["disk"])
            assert parsed["type"] == options.get("type", "hvm" if options.get("builder") == "hvm" else "pv")
            assert parsed.get("bootloader_args") == (options["bootargs"].split() if "bootargs" in options else None)
