#!/usr/bin/env python3
"""Benchmark of ``pancompiler.virt``: the graph, its checks and the Xen/grub files of a large site.

Generates synthetic compiled profiles (plain dicts, as ``json.load`` gives
them) for ``--enclosures`` blade enclosures (default 10) of ``--hosts``
hypervisor blades in all (default 100), each with ``--guests`` / ``--hosts``
guests (default 1,000 in all), then times each phase (reading the profiles,
schema checks, graph building, site checks, rendering, writing) and the whole
``build_virtualisation`` call, and prints wall time, time per host and peak
memory (Python allocations traced with ``tracemalloc`` in a second run, and
the process's maximum resident set).  Figures are printed, never asserted.

    python3 benchmarks/virt_bench.py [--hosts 100] [--guests 1000] [--enclosures 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pancompiler.virt import build_virtualisation
from pancompiler.virt.checks import run_checks
from pancompiler.virt.export import graph_document, graph_dot, graph_json
from pancompiler.virt.files import write_files
from pancompiler.virt.graph import build_graph
from pancompiler.virt.model import load_site
from pancompiler.virt.render import render_all
from pancompiler.virt.schemas import validate_profile

DOMAIN = "bench.example.org"


def mac(kind: int, n: int) -> str:
    return f"00:16:3e:{kind:02x}:{n // 256:02x}:{n % 256:02x}"


def guest_profile(g: int, host: str, subnet: int) -> dict:
    return {"hardware": {"location": host, "ram": [{"size": 2048}], "cpu": [{"vendor": "intel"}] * 2,
                         "harddisks": {"xvda": {"capacity": 20480}},
                         "cards": {"nic": {"eth0": {"hwaddr": mac(1, g)}}}},
            "system": {"network": {"hostname": f"vm{g:04d}", "domainname": DOMAIN, "interfaces": {
                "eth0": {"ip": f"10.{subnet // 256}.{subnet % 256}.{10 + g % 200}", "netmask": "255.255.255.0",
                         "bootproto": "static"}}}}}


def domain_entry(name: str) -> dict:
    n = int(name[2:6])
    return {"auto": n % 5 != 0, "options": {
        "name": name, "memory": 2048, "vcpus": 2, "bootloader": "/usr/bin/pygrub",
        "vif": [f"mac={mac(1, n)},bridge=br0"],
        "disk": [{"type": "lvm", "hostdevice": "xenvg", "hostvol": name, "guestdevice": "xvda", "rw": "w",
                  "size": 20480}]}}


def host_profile(h: int, enclosure: str, slot: int, guests: list[str]) -> dict:
    subnet = h
    return {
        "hardware": {"chassis": enclosure, "slot": slot, "ram": [{"size": 131072}],
                     "cpu": [{"vendor": "intel", "cores": 16}] * 2,
                     "cards": {"nic": {"eth0": {"hwaddr": mac(2, h)}}}},
        "system": {
            "network": {"hostname": f"hv{h:03d}", "domainname": DOMAIN, "interfaces": {
                "eth0": {"bridge": "br0", "bootproto": "none"},
                "br0": {"type": "Bridge", "ip": f"10.{subnet // 256}.{subnet % 256}.2", "netmask": "255.255.255.0",
                        "bootproto": "static"}}},
            "enclosure": {"type": "hypervisor", "children": guests, "maxchildren": 64},
            "virtualisation": {"type": "xen", "dom0_mem": 4096}},
        "software": {"components": {
            "xen": {"domains": {g: domain_entry(g) for g in guests}},
            "grub": {"kernels": [{"title": "Xen 4.17", "multiboot": "/xen-4.17.gz", "mbargs": "dom0_mem=4096M",
                                  "kernelpath": "/vmlinuz-6.1", "kernelargs": "root=/dev/md0 ro",
                                  "initrd": "/initrd-6.1.img"}]}}},
    }


def generate(hosts: int, guests: int, enclosures: int) -> tuple[dict[str, dict], dict[str, str]]:
    profiles: dict[str, dict] = {}
    per_host = [guests // hosts + (1 if h < guests % hosts else 0) for h in range(hosts)]
    blades: dict[str, list[str]] = {f"enc{e:02d}.{DOMAIN}": [] for e in range(enclosures)}
    g = 0
    for h in range(hosts):
        enclosure = f"enc{h % enclosures:02d}.{DOMAIN}"
        host = f"hv{h:03d}.{DOMAIN}"
        names = [f"vm{g + i:04d}.{DOMAIN}" for i in range(per_host[h])]
        for i, name in enumerate(names):
            profiles[name] = guest_profile(g + i, host, h)
        g += per_host[h]
        blades[enclosure].append(host)
        profiles[host] = host_profile(h, enclosure, len(blades[enclosure]), names)
    for enclosure, members in blades.items():
        profiles[enclosure] = {"system": {"enclosure": {"type": "blade", "children": members, "maxchildren": 16}}}
    sources = {name: f"clusters/bench/profiles/{name}.pan" for name in profiles}
    return profiles, sources


def phases(profiles: dict[str, dict], sources: dict[str, str], outdir: str) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        times[name] = now - start
        start = now

    site = load_site(profiles, sources)
    lap("read profiles")
    for name, tree in profiles.items():
        validate_profile(name, tree, sources[name])
    lap("schemas")
    graph, errors = build_graph(site)
    lap("graph")
    errors += run_checks(site, graph)
    lap("checks")
    files, found = render_all(site)
    files["graph.json"] = graph_json(graph_document(graph))
    files["graph.dot"] = graph_dot(graph)
    lap("render")
    write_files(outdir, files)
    lap("write")
    if errors or found:
        raise SystemExit(f"unexpected errors: {[e.message for e in errors + found][:3]}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--guests", type=int, default=1000)
    parser.add_argument("--enclosures", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    profiles, sources = generate(args.hosts, args.guests, args.enclosures)
    print(f"site: {args.enclosures} enclosures, {args.hosts} hypervisors, {args.guests} guests "
          f"({len(profiles)} profiles), generated in {time.perf_counter() - started:.3f} s")
    runs: list[dict[str, float]] = []
    totals = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as phased, tempfile.TemporaryDirectory() as whole:
            runs.append(phases(profiles, sources, phased))
            t0 = time.perf_counter()
            result = build_virtualisation(profiles, sources, whole)
            totals.append(time.perf_counter() - t0)
            files = len(result.files)
    print(f"{'phase':<16}{'median s':>10}{'ms/host':>10}")
    for name in runs[0]:
        value = statistics.median(r[name] for r in runs)
        print(f"{name:<16}{value:>10.3f}{1000 * value / args.hosts:>10.2f}")
    total = statistics.median(totals)
    print(f"{'build (all)':<16}{total:>10.3f}{1000 * total / args.hosts:>10.2f}   "
          f"({files} files, median of {args.repeat})")
    with tempfile.TemporaryDirectory() as outdir:
        tracemalloc.start()
        build_virtualisation(profiles, sources, outdir)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak / 2**20:.1f} MiB traced during one build; process max RSS {maxrss_mb:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
