#!/usr/bin/env python3
"""Measure builds on a Dask cluster against the local build, and model a large cluster.

One command: compiles a workload cold with the local driver (``panc --nthread
2`` in a child process), then on a Dask cluster on 127.0.0.1 started here as
real clusters are (a ``dask scheduler`` process and ``dask worker --nworkers N
--nthreads 1`` for N = 1 and 2; ``panc --scheduler`` runs in this process,
which is the Dask client and writes the outputs), checks that every output
file is byte-identical to the local build's, and prints a table of medians
with the CPU time of the workers, of the scheduler and of the client apart.
While the Dask builds run it records, from the scheduler's task stream, the
compute time of every object task (the first task of each worker also parses
the library: the warm-up), and from the build itself the bytes of every task
result that came back (``pancompiler.distributed.build.measure``); it also
times no-op tasks to get the scheduler's overhead per task.  From those it
prints a model of 50 machines building 20,000 nodes, with its assumptions.

The workload is a folder made by ``gen_tlc.py`` (``--workload DIR``: its
``profiles/node-*.pan``, include path ``DIR:DIR/site:DIR/profiles``) or, by
default, the synthetic site of ``generate.py`` (``--nodes N``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

STAMPED = {"state.json", "profiles-info.xml", "profiles.json"}


def workload(args) -> tuple[list[str], str, str]:
    """(profile files, include path, label)."""
    if args.workload is not None:
        w = args.workload.resolve()
        profiles = sorted(str(p) for p in (w / "profiles").glob("node-*.pan"))
        include = ":".join(str(w / d) for d in (".", "site", "profiles"))
        return profiles, include, f"template-library-core, {len(profiles)} nodes"
    import generate
    site = args.work / "dask-site"
    generate.write_workload(site, 42, args.nodes)
    profiles = sorted(str(p) for p in (site / "profiles").glob("*.pan"))
    return profiles, str(site), f"synthetic site, {len(profiles)} nodes"


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def panc_args(profiles, include, out: Path) -> list[str]:
    return ["--no-progress", "--include-path", include, "--output-dir", str(out), "--formats", "json,dep", *profiles]


def cpu_seconds(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def local_build(profiles, include, out: Path) -> dict:
    fresh(out)
    before = cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--nthread", "2",
                           *panc_args(profiles, include, out)], cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit("local build failed:\n" + done.stderr[-3000:])
    return {"wall": wall, "cpu": cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN)) - before}


def _worker_cpu() -> float:
    import resource
    return cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))


def dask_build(client, address: str, profiles, include, out: Path) -> dict:
    from distributed import get_task_stream

    from pancompiler.cli import main
    from pancompiler.distributed import build
    fresh(out)
    build.measure = build.Traffic()
    workers_before = client.run(_worker_cpu)
    here_before = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))
    with get_task_stream(client=client) as stream:
        started = time.perf_counter()
        code = main(["--scheduler", address, *panc_args(profiles, include, out)])
        wall = time.perf_counter() - started
    here = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF)) - here_before
    workers_after = client.run(_worker_cpu)
    workers = sum(workers_after[w] - workers_before.get(w, 0.0) for w in workers_after)
    traffic, build.measure = build.measure, None
    if code != 0:
        sys.exit("Dask build failed")
    first, rest = {}, []
    for task in sorted(stream.data, key=lambda t: min(s["start"] for s in t["startstops"])):
        key = str(task["key"])
        if not key.startswith("pan-") or key.endswith("-build"):
            continue
        compute = sum(s["stop"] - s["start"] for s in task["startstops"] if s["action"] == "compute")
        if task["worker"] not in first:
            first[task["worker"]] = compute
        else:
            rest.append(compute)
    return {"wall": wall, "traffic": traffic, "first": list(first.values()), "rest": rest,
            "cpu_workers": workers, "cpu_here": here, "cpu": workers + here}


def same_outputs(a: Path, b: Path) -> tuple[bool, int]:
    files = [p for p in a.rglob("*") if p.is_file() and p.name not in STAMPED and ".pancompiler" not in p.parts]
    same = all((b / p.relative_to(a)).is_file() and (b / p.relative_to(a)).read_bytes() == p.read_bytes()
               for p in files)
    theirs = [p for p in b.rglob("*") if p.is_file() and p.name not in STAMPED and ".pancompiler" not in p.parts]
    return same and len(files) == len(theirs), len(files)


class Cluster:
    """A ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, as on real machines."""

    def __init__(self, workers: int):
        import socket
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        dask = str(Path(sys.executable).parent / "dask")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                           "--no-dashboard"], **quiet)
        self.workers = subprocess.Popen([dask, "worker", self.address, "--host", "127.0.0.1", "--nworkers",
                                         str(workers), "--nthreads", "1", "--no-dashboard"], **quiet)

    def scheduler_cpu(self) -> float:
        with open(f"/proc/{self.scheduler.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        for proc in (self.workers, self.scheduler):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def scheduler_overhead(client, tasks: int = 2000) -> float:
    """Seconds per no-op task, submitted and gathered one build's way (one submit each)."""
    started = time.perf_counter()
    futures = [client.submit(_noop, i, pure=False) for i in range(tasks)]
    client.gather(futures)
    return (time.perf_counter() - started) / tasks


def _noop(i):
    return i


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", type=Path, help="a folder made by gen_tlc.py --hosts N")
    ap.add_argument("--nodes", type=int, default=60, help="synthetic site size when no --workload (default 60)")
    ap.add_argument("--repeat", type=int, default=1, help="builds of each kind; medians are printed (default 1)")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    ap.add_argument("--work", type=Path, default=HERE / "work", help="scratch folder (default benchmarks/work)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    import distributed
    args = parse_args(argv)
    profiles, include, label = workload(args)
    n = len(profiles)
    print(f"workload: {label}; formats json,dep; cold builds (empty output folder); {args.repeat} run(s) each")
    rows = []
    local_out = args.work / "dask-bench-local"
    local = [local_build(profiles, include, local_out) for _ in range(args.repeat)]
    rows.append(("local driver, --nthread 2", statistics.median(r["wall"] for r in local),
                 statistics.median(r["cpu"] for r in local), "", "reference"))
    stats = {}
    for workers in [int(w) for w in args.workers.split(",")]:
        started = time.perf_counter()
        cluster = Cluster(workers)
        client = distributed.Client(cluster.address, set_as_default=False)
        client.wait_for_workers(workers, timeout=120)
        startup = time.perf_counter() - started
        runs = []
        try:
            for _ in range(args.repeat):
                out = args.work / f"dask-bench-{workers}"
                scheduler_before = cluster.scheduler_cpu()
                runs.append(dask_build(client, cluster.address, profiles, include, out))
                runs[-1]["cpu_scheduler"] = cluster.scheduler_cpu() - scheduler_before
                runs[-1]["cpu"] += runs[-1]["cpu_scheduler"]
                same, count = same_outputs(local_out, out)
            overhead = scheduler_overhead(client)
        finally:
            client.close()
            cluster.close()
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        rows.append((f"Dask, {workers} worker process(es)", wall, cpu, f"{startup:.1f} s",
                     f"{'identical' if same else 'DIFFERENT'} ({count} files)"))
        stats[workers] = {"runs": runs, "overhead": overhead}
    print()
    print("| build | wall (median) | CPU, all processes | CPU per object | cluster start-up (not in wall) "
          "| outputs vs local |")
    print("|---|---|---|---|---|---|")
    for name, wall, cpu, startup, same in rows:
        print(f"| {name} | {wall:.1f} s | {cpu:.1f} s | {cpu / n * 1000:.0f} ms | {startup} | {same} |")
    model(n, statistics.median(r["cpu"] for r in local), stats)
    return 0


def model(n: int, local_cpu: float, stats: dict) -> None:
    runs = [r for s in stats.values() for r in s["runs"]]
    wall_per_object = statistics.median(c for r in runs for c in r["rest"])
    warmup = max(0.0, statistics.median(c for r in runs for c in r["first"]) - wall_per_object)
    # CPU rather than wall: this machine is shared, a dedicated core gives an object its CPU time.
    per_object = statistics.median(r["cpu_workers"] for r in runs) / n
    results = sum(r["traffic"].results for r in runs) / sum(r["traffic"].tasks for r in runs)
    sent_once = statistics.median(r["traffic"].sent_once for r in runs)
    overhead = statistics.median(s["overhead"] for s in stats.values())
    client = sum(r["traffic"].client_seconds for r in runs) / sum(r["traffic"].tasks for r in runs)
    here = statistics.median(r["cpu_here"] for r in runs) / n
    scheduler = statistics.median(r["cpu_scheduler"] for r in runs) / n
    print()
    print("Measured (medians over the Dask runs above):")
    print(f"- worker CPU per object (all worker CPU / objects, warm-up included): {per_object * 1000:.0f} ms; "
          f"task wall time per object {wall_per_object * 1000:.0f} ms; the first task of a worker takes "
          f"{warmup:.1f} s more (parsing and compiling the library once per worker and build)")
    here = statistics.median(r["cpu_here"] for r in runs) / n
    scheduler = statistics.median(r["cpu_scheduler"] for r in runs) / n
    print(f"- CPU per object of the building process (Dask client, writing, state): {here * 1000:.1f} ms; "
          f"of the scheduler: {scheduler * 1000:.1f} ms")
    print(f"- bytes back per task (pickled result: outputs + records): {results / 1024:.1f} KiB; "
          f"build description sent once per worker: {sent_once / 1024:.0f} KiB")
    print(f"- scheduler + client overhead per task (2000 no-op tasks): {overhead * 1000:.2f} ms")
    dup = sum(r["traffic"].duplicates for r in runs) / len(runs)
    print(f"- objects compiled twice per build (a reader compiled what it read before that finished): {dup:.1f}")
    print(f"- client CPU per object (write outputs atomically, record state): {client * 1000:.1f} ms")
    nodes, machines, cores, bandwidth = 20_000, 50, 2, 1e9 / 8        # 1 Gbit/s at the client
    workers = machines * cores
    print()
    print(f"Model: {machines} machines x {cores} single-threaded worker processes (cores as fast as these), "
          f"{nodes} nodes like these, cold, build machine = scheduler machine on 1 Gbit/s:")
    compute = nodes * per_object / workers
    network = nodes * results / bandwidth
    writing = nodes * here
    scheduling_cpu = nodes * scheduler
    print(f"- warm-up (each worker parses the library once, in parallel): {warmup:.1f} s")
    print(f"- compute: {nodes} x {per_object * 1000:.0f} ms / {workers} workers = {compute:.1f} s")
    print(f"- results to the build machine: {nodes} x {results / 1024:.1f} KiB = {network:.1f} s (overlaps compute)")
    print(f"- building process (Dask client, writing outputs and state), one core: {nodes} x {here * 1000:.1f} ms "
          f"= {writing:.1f} s (overlaps compute)")
    print(f"- critical path of objects read by others: 2 objects deep = {per_object * 2:.1f} s")
    for label, per_task in (("Dask docs, about 1 ms per task", 0.001), ("measured scheduler CPU per object here",
                                                                       scheduler)):
        scheduling = nodes * per_task
        bounds = {"compute": compute, "network": network, "scheduler": scheduling, "building process": writing}
        bound = max(bounds, key=bounds.get)
        total = warmup + bounds[bound] + per_object * 2
        print(f"- scheduler, one core ({label}: {per_task * 1000:.2f} ms x {nodes} = {scheduling:.0f} s, "
              "overlaps compute): "
              f"estimate {total:.0f} s wall, bound by {bound}")
    print(f"- for comparison, the local build's CPU here scaled to {nodes} nodes on one 2-core machine: "
          f"{local_cpu * nodes / n / 2 / 60:.0f} min")


if __name__ == "__main__":
    sys.exit(main())
