#!/usr/bin/env python3
"""Benchmark of a whole SCDB site build: the example site scaled up, built three times by ``panc --site``.

Generates into a work folder (default ``benchmarks/work/scaled-site``) a copy of
the example site (``sites/example`` + ``clusters/``) scaled up: ``--hosts``
Xen hypervisors (default 100), HPE blades in enclosures of 10, each hosting
``--guests-per-host`` guests (default 10, so 1,000 guests), with two subnets
(``prod`` and ``svc``, a /22 and an IPv6 /64 each) per enclosure.  Enclosures,
hypervisors and guests are three clusters.  The pan library ``templates/`` is
copied unchanged; the example site's data templates (``XEN_DB``,
``ENCLOSURE_DB``, ``NETWORKS``, ``XEN_BOOTLOADER``) are generated for the
scale, and every host's guests are sized so that their memory and vcpus fit
the host (the graph checks pass).  Everything is deterministic.

Then it runs ``python -m pancompiler.cli --site WORK -v --nthread 2`` three
times: a cold build (``WORK/build`` deleted first), a rebuild with nothing
changed, and a rebuild after one guest profile got a comment and a new RAM
size (within its host's limits).  For each run it prints the wall time, the
CPU time (user + system of panc and every worker it reaped, ``os.wait4``), the
peak memory (``ru_maxrss``: largest single process; and the peak sums of RSS
and PSS over the process tree, sampled from ``/proc``), the objects compiled
and up to date (from panc's ``-v`` statistics line) and the xl.cfg files
written.  The exit status is non-zero when a build fails (panc's errors are
printed) or does not produce one xl.cfg per guest.  Figures are never asserted.

    python3 benchmarks/site_bench.py [--hosts 100] [--guests-per-host 10] [--nthread 2] [--work DIR]
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import run_measured  # noqa: E402  (a sibling module of this script)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "work" / "scaled-site"
MARKER = ".site_bench"          # marks a work folder this script may delete
SITE = "scaled"                 # WORK/sites/<SITE>: the adapted copy of sites/example
DOMAIN = "example.org"
CLUSTERS = ("enclosures", "hypervisors", "guests")
ERROR_LINES = 150
SAMPLE_SECONDS = 0.1
TREE_REFRESH = 3                # rescan the process tree every this many samples

# The hardware of the example site (sites/example/hardware/...), for the capacity plan.
BLADES_PER_ENCLOSURE = 10
ENCLOSURE_SLOTS = 16            # clusters/enclosures cluster_info
BLADE_RAM = 2 * 131072          # hpe/bl460c_gen10: MB
BLADE_CORES = 2 * 20            # two Xeon Gold 6230
DOM0_MEM = 4096                 # clusters/hypervisors cluster_info: XEN_DOM0_MEM '4G'
VCPU_OVERCOMMIT = 4.0           # templates/xen/variables default
XEN_MAX_GUESTS = 64             # templates/xen/variables default
GUEST_SIZES = {                 # machine template -> (RAM MB, vcpus)
    "pv_small": (4096, 2),
    "pv_medium": (8192, 4),
    "pv_large": (16384, 8),
}
#: Guest sizes by position on their host, repeated: 6 small, 3 medium, 1 large (64 GB, 32 vcpus per 10).
SIZE_CYCLE = ("pv_small", "pv_medium", "pv_small", "pv_small", "pv_large",
              "pv_small", "pv_medium", "pv_small", "pv_small", "pv_medium")
MAX_GUESTS_PER_HOST = min(XEN_MAX_GUESTS, (BLADE_RAM - DOM0_MEM) // GUEST_SIZES["pv_small"][0])
GUEST_OFFSET = 64               # first guest address in a subnet (hosts use .11-.26 of the first /24)


# --------------------------------------------------------------------------- the plan

@dataclass(slots=True)
class Network:
    name: str
    v4: ipaddress.IPv4Network
    v6: ipaddress.IPv6Network
    next_guest: int = GUEST_OFFSET

    def guest_addresses(self) -> tuple[str, str]:
        """The next free guest address pair (IPv4, IPv6) of the subnet."""
        n = self.next_guest
        self.next_guest += 1
        if n >= self.v4.num_addresses - 1:
            raise SystemExit(f"subnet {self.name} ({self.v4}) is full")
        return str(self.v4[n]), str(self.v6[n])


@dataclass(slots=True)
class Guest:
    name: str
    index: int
    host: str
    size: str
    nics: list = field(default_factory=list)   # [(nic, mac, site_interface arguments)]
    note: str = ""
    pxe: bool = False


@dataclass(slots=True)
class Host:
    name: str
    index: int
    enclosure: str
    slot: int
    prod: Network
    svc: Network
    layout: str
    guests: list = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    enclosures: dict            # enclosure -> list of blade names in slot order
    hosts: list
    guests: list
    networks: list


def subnet(kind: int, e: int) -> tuple[ipaddress.IPv4Network, ipaddress.IPv6Network]:
    """The /22 and /64 of network kind 1 (prod, from 10.16.0.0) or 2 (svc, from 10.128.0.0) of enclosure e."""
    base = ipaddress.IPv4Address("10.16.0.0" if kind == 1 else "10.128.0.0")
    v4 = ipaddress.IPv4Network((int(base) + (e - 1) * 1024, 22))
    v6 = ipaddress.IPv6Network(f"2001:db8:{kind}:{e:x}::/64")
    return v4, v6


def mac(prefix: str, n: int, nic: int) -> str:
    return f"{prefix}:{(n >> 8) & 0xff:02x}:{n & 0xff:02x}:{nic:02x}"


def fit_sizes(count: int) -> list[str]:
    """Guest sizes for one host: the cycle, then made small from the last guest on until they fit."""
    sizes = [SIZE_CYCLE[j % len(SIZE_CYCLE)] for j in range(count)]

    def fits() -> bool:
        ram = sum(GUEST_SIZES[s][0] for s in sizes) + DOM0_MEM
        vcpus = sum(GUEST_SIZES[s][1] for s in sizes)
        return ram <= BLADE_RAM and vcpus <= BLADE_CORES * VCPU_OVERCOMMIT

    j = count - 1
    while not fits() and j >= 0:
        sizes[j] = "pv_small"
        j -= 1
    if not fits():
        raise SystemExit(f"{count} guests do not fit on one hypervisor")
    return sizes


def make_plan(nhosts: int, per_host: int) -> Plan:
    hwidth = max(3, len(str(nhosts)))
    gwidth = max(4, len(str(nhosts * per_host)))
    nenc = -(-nhosts // BLADES_PER_ENCLOSURE)
    ewidth = max(2, len(str(nenc)))
    enclosures: dict[str, list[str]] = {}
    hosts: list[Host] = []
    networks: list[Network] = []
    guests: list[Guest] = []
    sizes = fit_sizes(per_host)
    for h in range(1, nhosts + 1):
        e, slot = (h - 1) // BLADES_PER_ENCLOSURE + 1, (h - 1) % BLADES_PER_ENCLOSURE + 1
        enc = f"enc{e:0{ewidth}d}.{DOMAIN}"
        if slot == 1:
            enclosures[enc] = []
            nets = [Network(f"{kind}{e:0{ewidth}d}", *subnet(k, e)) for k, kind in ((1, "prod"), (2, "svc"))]
            networks.extend(nets)
        prod, svc = networks[-2], networks[-1]
        host = Host(f"hv{h:0{hwidth}d}.{DOMAIN}", h, enc, slot, prod, svc,
                    "site/filesystems/lvm" if h % 4 == 0 else "site/filesystems/simple")
        enclosures[enc].append(host.name)
        hosts.append(host)
        for j in range(per_host):
            g = len(guests) + 1
            guest = Guest(f"vm{g:0{gwidth}d}.{DOMAIN}", g, host.name, sizes[j], pxe=g % 100 == 3)
            first = mac("00:16:3e", g, 0)
            if g % 50 == 0:
                guest.nics.append(("eth0", first, ("dhcp",)))
                guest.note = "DHCP: its vif goes on the bridge of its host's default gateway"
            elif g % 37 == 0:
                guest.nics.append(("eth0", first, (svc.guest_addresses()[1],)))
                guest.note = f"IPv6 only, on {svc.name}"
            elif g % 11 == 0:
                guest.nics.append(("eth0", first, (prod.guest_addresses()[0],)))
                guest.nics.append(("eth1", mac("00:16:3e", g, 1), (svc.guest_addresses()[0],)))
                guest.note = f"two NICs, on {prod.name} and {svc.name}"
            elif g % 7 == 0:
                guest.nics.append(("eth0", first, prod.guest_addresses()))
                guest.note = f"dual stack IPv4 and IPv6 on {prod.name}"
            else:
                net = prod if g % 2 == 0 else svc
                guest.nics.append(("eth0", first, (net.guest_addresses()[0],)))
                guest.note = f"on {net.name}"
            if guest.pxe:
                guest.note += "; installed over the network with pypxeboot (XEN_BOOTLOADER)"
            host.guests.append(guest)
            guests.append(guest)
    check_capacity(hosts)
    return Plan(enclosures, hosts, guests, networks)


def host_load(host: Host, extra_ram: int = 0) -> tuple[int, int]:
    """(guest RAM + dom0 RAM, guest vcpus) of a host."""
    ram = sum(GUEST_SIZES[g.size][0] for g in host.guests) + DOM0_MEM + extra_ram
    return ram, sum(GUEST_SIZES[g.size][1] for g in host.guests)


def check_capacity(hosts: list[Host]) -> None:
    """What the host validation and the graph checks will check: RAM, vcpus, guest and slot counts."""
    for host in hosts:
        ram, vcpus = host_load(host)
        if ram > BLADE_RAM or vcpus > BLADE_CORES * VCPU_OVERCOMMIT or len(host.guests) > XEN_MAX_GUESTS:
            raise SystemExit(f"plan error: {host.name} is overloaded ({ram} MB, {vcpus} vcpus)")
        if host.slot > ENCLOSURE_SLOTS:
            raise SystemExit(f"plan error: {host.name} has slot {host.slot}")


# --------------------------------------------------------------------------- writing the site

def pan_list(items: list[str], indent: str) -> str:
    if not items:
        return "list()"
    return "list(\n" + "".join(f"{indent}    '{i}',\n" for i in items) + f"{indent})"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def xen_template(plan: Plan) -> str:
    db = "".join(f"    '{h.name}', {pan_list([g.name for g in h.guests], '    ')},\n" for h in plan.hosts)
    pxe = "".join(f"    '{g.name}', '/usr/lib/xen/bin/pypxeboot',\n" for g in plan.guests if g.pxe)
    return f"""@{{
    Xen placement and defaults of the scaled site (generated by benchmarks/site_bench.py):
    {len(plan.hosts)} hypervisors, {len(plan.guests)} guests. XEN_DB is the only place where
    a guest's host is written.
}}
declaration template site/xen;

variable XEN_DB ?= dict(
{db});

variable XEN_VG ?= 'vg_guests';
variable XEN_VERSION ?= '4.17';
variable XEN_LINUX_VERSION ?= '6.1.0-18-amd64';
variable XEN_BOOTLOADER ?= dict(
    'DEFAULT', 'pygrub',
{pxe});
"""


def enclosure_db_template(plan: Plan) -> str:
    db = "".join(f"    '{enc}', list({', '.join(repr(b) for b in blades)}),\n"
                 for enc, blades in plan.enclosures.items())
    return f"""@{{
    Blade placement of the scaled site (generated by benchmarks/site_bench.py): enclosure ->
    blades in slot order (slot = position + 1).
}}
declaration template site/enclosure_db;

variable ENCLOSURE_DB ?= dict(
{db});
"""


def subnets_template(plan: Plan) -> str:
    nets = "".join(
        f"    '{n.name}', dict(\n"
        f"        'network', '{n.v4.network_address}', 'netmask', '{n.v4.netmask}', 'gateway', '{n.v4[1]}',\n"
        f"        'ipv6_network', '{n.v6.network_address}', 'ipv6_prefix', {n.v6.prefixlen},\n"
        f"    ),\n" for n in plan.networks)
    return f"""@{{
    The subnets of the scaled site (generated by benchmarks/site_bench.py): a prod and a svc
    /22 (with an IPv6 /64) per blade enclosure.
}}
declaration template site/subnets;

variable NETWORKS ?= dict(
{nets});
"""


def enclosure_profile(enc: str, e: int) -> str:
    short = enc.split(".")[0]
    return f"""@{{ Blade enclosure {short}: an HPE c7000; its blades are listed in ENCLOSURE_DB. }}
object template {enc};

include 'site/enclosures/cluster_info';
include 'machine-types/blade_enclosure';

'/hardware/serialnumber' = 'CZ3{e:04d}ENC';
'/hardware/location' = 'room {1 + (e - 1) // 20}, rack A{e:03d}';
"""


def host_profile(h: Host) -> str:
    short = h.name.split(".")[0]
    layout = f"\nvariable FILESYSTEM_LAYOUT = '{h.layout}';\n" if h.layout != "site/filesystems/simple" else ""
    a = str(h.prod.v4[10 + h.slot]), str(h.prod.v6[10 + h.slot])
    b = str(h.svc.v4[10 + h.slot]), str(h.svc.v6[10 + h.slot])
    return f"""@{{ Xen hypervisor {short}: a BL460c Gen10 blade in {h.enclosure.split('.')[0]} slot {h.slot}; its guests are listed under it in XEN_DB. }}
object template {h.name};

include 'site/hypervisors/cluster_info';
{layout}
'/hardware' = create('hardware/machine/hpe/bl460c_gen10');
'/hardware/serialnumber' = 'CZJ{h.index:06d}';
'/hardware/cards/nic/eth0' = dict('hwaddr', '{mac("94:40:c9", h.index, 0)}', 'boot', true);
'/hardware/cards/nic/eth1/hwaddr' = '{mac("94:40:c9", h.index, 1)}';

'/system/network/interfaces/eth0' = site_interface('{a[0]}', '{a[1]}');
'/system/network/interfaces/eth1' = site_interface('{b[0]}', '{b[1]}');

include 'machine-types/xen_host';
"""


def guest_profile(g: Guest) -> str:
    short = g.name.split(".")[0]
    kind = g.size.split("_")[1]
    cards = "".join(f"'/hardware/cards/nic/{nic}/hwaddr' = '{m}';\n" for nic, m, _ in g.nics)
    ifaces = "".join(f"'/system/network/interfaces/{nic}' = site_interface({', '.join(repr(x) for x in args)});\n"
                     for nic, _, args in g.nics)
    return f"""@{{ Xen guest {short}: {kind} guest, {g.note}. Its host is found in XEN_DB. }}
object template {g.name};

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/{g.size}');
{cards}
{ifaces}
include 'machine-types/xen_guest';
"""


def prepare_work(work: Path) -> None:
    """Empty the work folder, refusing to delete a folder this script did not make."""
    if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
        raise SystemExit(f"{work} is not empty and was not made by site_bench.py: choose another --work")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / MARKER).write_text("generated by benchmarks/site_bench.py; deleted and rewritten by each run\n")


def generate(work: Path, plan: Plan) -> int:
    """Write the scaled site into ``work``; returns the number of object profiles."""
    prepare_work(work)
    shutil.copytree(REPO / "templates", work / "templates")
    site = work / "sites" / SITE
    shutil.copytree(REPO / "sites" / "example", site)
    write(site / "site" / "xen.pan", xen_template(plan))
    write(site / "site" / "enclosure_db.pan", enclosure_db_template(plan))
    write(site / "site" / "subnets.pan", subnets_template(plan))
    for cluster in CLUSTERS:
        base = work / "clusters" / cluster
        shutil.copytree(REPO / "clusters" / cluster / "site", base / "site")
        write(base / "cluster.build.properties", f"cluster.pan.includes=templates sites/{SITE}\n")
    profiles = 0
    for e, enc in enumerate(plan.enclosures, 1):
        write(work / "clusters" / "enclosures" / "profiles" / f"{enc}.pan", enclosure_profile(enc, e))
        profiles += 1
    for h in plan.hosts:
        write(work / "clusters" / "hypervisors" / "profiles" / f"{h.name}.pan", host_profile(h))
        profiles += 1
    for g in plan.guests:
        write(work / "clusters" / "guests" / "profiles" / f"{g.name}.pan", guest_profile(g))
        profiles += 1
    return profiles


def edit_guest(work: Path, plan: Plan) -> tuple[Guest, int, int]:
    """Give the middle guest a comment and another RAM size that its host can hold."""
    guest = plan.guests[len(plan.guests) // 2]
    host = next(h for h in plan.hosts if h.name == guest.host)
    old = GUEST_SIZES[guest.size][0] // (2 if guest.size == "pv_large" else 1)   # pv_large has two banks
    new = old + 2048 if host_load(host, 2048)[0] <= BLADE_RAM else old - 1024
    path = work / "clusters" / "guests" / "profiles" / f"{guest.name}.pan"
    text = path.read_text(encoding="utf-8")
    anchor = f"'/hardware' = create('hardware/machine/xen/{guest.size}');\n"
    if anchor not in text:
        raise SystemExit(f"cannot edit {path}: no line {anchor.strip()}")
    text = text.replace(anchor, anchor + f"# site_bench.py: memory of the first bank changed from {old} MB\n"
                                          f"'/hardware/ram/0/size' = {new};\n")
    path.write_text(text, encoding="utf-8")
    return guest, old, new


# --------------------------------------------------------------------------- measuring

STATS = re.compile(r"(\d+) objects: (\d+) compiled, (\d+) up to date, (\d+) failed; (\d+) files written, "
                   r"(\d+) unchanged, (\d+) removed; ([\d.]+) s, peak memory (\d+) MB")


@dataclass(slots=True)
class Run:
    label: str
    wall: float
    cpu: float
    maxrss_mb: float
    tree_rss_mb: float
    tree_pss_mb: float
    returncode: int
    stderr: str
    stats: tuple | None         # the numbers of panc's -v line, or None
    cfg_written: int
    cfg_total: int


def xl_cfgs(build: Path) -> dict[str, tuple[int, int]]:
    """Every xl.cfg file of the build: relative path -> (inode, mtime_ns)."""
    out = {}
    for path in sorted((build / "xen").glob("*/*.cfg")):
        st = path.stat()
        out[str(path.relative_to(build))] = (st.st_ino, st.st_mtime_ns)
    return out


def measure(label: str, cmd: list[str], work: Path) -> Run:
    """Run panc as a child, measure it with os.wait4 and a /proc sampler (see proctree)."""
    before = xl_cfgs(work / "build")
    m = run_measured(cmd, REPO, SAMPLE_SECONDS)
    after = xl_cfgs(work / "build")
    written = sum(1 for k, v in after.items() if before.get(k) != v)
    found = None
    for found in STATS.finditer(m.output):
        pass
    stats = tuple(float(x) if "." in x else int(x) for x in found.groups()) if found else None
    return Run(label, m.wall, m.cpu, m.maxrss_kb / 1024, m.tree_rss_kb / 1024, m.tree_pss_kb / 1024,
               m.returncode, m.output, stats, written, len(after))


# --------------------------------------------------------------------------- printing

ROW = "{:<17} {:>8} {:>10} {:>9} {:>9} {:>9} {:>10} {:>11} {:>7} {:>15}"


def print_header() -> None:
    print(ROW.format("run", "wall", "CPU (u+s)", "peak RSS", "tree RSS", "tree PSS", "compiled", "up to date",
                     "failed", "xl.cfg written"))


def print_run(run: Run) -> None:
    total, compiled, skipped, failed = run.stats[:4] if run.stats else ("?",) * 4
    print(ROW.format(run.label, f"{run.wall:.2f} s", f"{run.cpu:.2f} s", f"{run.maxrss_mb:.0f} MB",
                     f"{run.tree_rss_mb:.0f} MB", f"{run.tree_pss_mb:.0f} MB", f"{compiled}/{total}", skipped, failed,
                     f"{run.cfg_written}/{run.cfg_total}"), flush=True)


def print_failure(run: Run, why: str) -> None:
    lines = [ln for ln in run.stderr.rstrip().splitlines() if not re.match(r"\[\d+/\d+\] compiled", ln)]
    shown = f", first {ERROR_LINES} shown" if len(lines) > ERROR_LINES else ""
    print(f"\n{run.label}: {why} (panc exit code {run.returncode}); panc's output "
          f"without progress lines ({len(lines)} lines{shown}):")
    print("\n".join(lines[:ERROR_LINES]))


def check_run(run: Run, guests: int) -> str | None:
    """Why a run counts as failed, or None."""
    if run.returncode != 0:
        return "build failed"
    if run.stats is None:
        return "no statistics line in panc's output"
    if run.stats[3]:
        return f"{run.stats[3]} objects failed"
    if run.cfg_total != guests:
        return f"{run.cfg_total} xl.cfg files in build/xen, expected {guests} (one per guest)"
    return None


# --------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hosts", type=int, default=100,
                    help=f"Xen hypervisors, {BLADES_PER_ENCLOSURE} blades per enclosure (default 100)")
    ap.add_argument("--guests-per-host", type=int, default=10,
                    help=f"guests on each hypervisor, at most {MAX_GUESTS_PER_HOST} (default 10)")
    ap.add_argument("--nthread", type=int, default=2, help="panc --nthread (default 2)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"work folder (default {DEFAULT_WORK})")
    ap.add_argument("--generate-only", action="store_true", help="write the site, do not build it")
    args = ap.parse_args(argv)
    if args.hosts < 1:
        ap.error("--hosts must be at least 1")
    if not 1 <= args.guests_per_host <= MAX_GUESTS_PER_HOST:
        ap.error(f"--guests-per-host must be between 1 and {MAX_GUESTS_PER_HOST} "
                 f"(RAM of a blade minus dom0, with 4 GB guests; XEN_MAX_GUESTS)")
    if args.nthread < 0:
        ap.error("--nthread must not be negative")
    args.work = args.work.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.work
    t0 = time.perf_counter()
    plan = make_plan(args.hosts, args.guests_per_host)
    count = generate(work, plan)
    print(f"generated {len(plan.enclosures)} enclosures, {len(plan.hosts)} hypervisors, {len(plan.guests)} guests "
          f"({count} profiles, {len(plan.networks)} subnets) into {work} in {time.perf_counter() - t0:.1f} s")
    if args.generate_only:
        return 0
    cmd = [sys.executable, "-m", "pancompiler.cli", "--site", str(work), "-v", "--nthread", str(args.nthread)]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; $ {' '.join(cmd)}\n")
    shutil.rmtree(work / "build", ignore_errors=True)
    print_header()
    steps = [("1 cold", None), ("2 no change", None), ("3 one guest edit", edit_guest)]
    edited = None
    for label, before in steps:
        if before is not None:
            edited = before(work, plan)
        run = measure(label, cmd, work)
        print_run(run)
        why = check_run(run, len(plan.guests))
        if why:
            print_failure(run, why)
            return 1
    if edited:
        guest, old, new = edited
        print(f"\nrun 3 edited {guest.name} (on {guest.host}): a comment, and /hardware/ram/0/size "
              f"{old} -> {new} MB")
    print("peak RSS: largest single process (ru_maxrss, os.wait4); tree RSS/PSS: peak sums over panc and its "
          f"workers, sampled every {SAMPLE_SECONDS} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
