#!/usr/bin/env python3
"""Load benchmark of ``panc-serve`` beside nginx: requests per second for 304 and 200 answers.

Writes ``--profiles`` synthetic JSON profiles (default 100, about 18 KB each)
into a temporary folder, starts ``panc-serve`` (a child process, access log
off) and a real nginx with the configuration of docs/serving.md (one worker
unless ``--nginx-workers``), and drives each with the same client: an asyncio
loop holding ``--clients`` keep-alive connections (default 200) that fetch the
profiles in turn for ``--seconds`` (default 3).  Modes: ``304`` (every request
carries the ETag it got earlier: If-None-Match), ``200`` (plain GET, whole
body), ``200 gzip`` (Accept-Encoding: gzip), and ``burst``: ``--clients`` new
connections opened at once, each making one conditional fetch (the check
that the server holds that many concurrent clients without an error).  Each
mode runs ``--repeat`` times (default 3) and the table shows the median
requests per second, the median CPU time the server (its whole process tree,
from /proc) spent per request, and the total of errors (refused or reset
connections, timeouts, unexpected statuses).  The client is Python too and
shares the machine with the server, so requests per second may be the
client's limit; CPU per request is the server's own cost.

    python3 benchmarks/serve_bench.py [--clients 200] [--seconds 3] [--repeat 3] [--profiles 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.proctree import process_tree
from pancompiler.serve.nginx import running_nginx

TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by ``pid`` and its live descendants."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def write_profiles(folder: str, count: int) -> list[str]:
    """``count`` node profiles of about 18 KB of JSON, plus the index files."""
    names = []
    for n in range(count):
        name = f"node{n:04d}.bench.example.org.json"
        profile = {"system": {"network": {"hostname": f"node{n:04d}", "domainname": "bench.example.org"},
                              "filesystems": [{"mount": f"/data{i}", "size": i * 1024 + n} for i in range(120)]},
                   "software": {"packages": {f"pkg{i}_{n % 7}": {"version": f"1.{i}.{n % 13}"} for i in range(250)}}}
        with open(os.path.join(folder, name), "w") as fh:
            json.dump(profile, fh, indent=1)
        names.append(name)
    with open(os.path.join(folder, "profiles.json"), "w") as fh:
        json.dump({"profiles": [{"file": name} for name in names]}, fh)
    return names


_HEAD_END = b"\r\n\r\n"


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str,
                   headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    lines = [f"GET /{path} HTTP/1.1", "Host: bench"] + [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = await reader.readuntil(_HEAD_END)
    status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
    got = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        got[name.strip().lower()] = value.strip()
    if got.get("transfer-encoding", "").lower() == "chunked":  # nginx's gzip on the fly
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        length = int(got.get("content-length", "0"))
        if length:
            await reader.readexactly(length)
    return int(status_line.split(" ", 2)[1]), got


class Tally:
    def __init__(self) -> None:
        self.done = 0
        self.errors: dict[str, int] = {}

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def _connection(host: str, port: int, names: list[str], etags: dict[str, str], offset: int, mode: str,
                      deadline: float, tally: Tally) -> None:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    except (TimeoutError, OSError) as exc:
        tally.error(f"connect: {type(exc).__name__}")
        return
    expected = 304 if mode == "304" else 200
    headers = {"Accept-Encoding": "gzip"} if mode == "200 gzip" else {}
    i = offset
    try:
        while time.monotonic() < deadline:
            name = names[i % len(names)]
            i += 1
            extra = {"If-None-Match": etags[name]} if mode == "304" else headers
            status, _ = await asyncio.wait_for(_request(reader, writer, name, extra), 10)
            if status == expected:
                tally.done += 1
            else:
                tally.error(f"status {status}")
    except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError) as exc:
        tally.error(type(exc).__name__)
    finally:
        writer.close()


async def _burst_one(host: str, port: int, name: str, etag: str, start: asyncio.Event, tally: Tally) -> None:
    await start.wait()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
        status, _ = await asyncio.wait_for(_request(reader, writer, name, {"If-None-Match": etag}), 10)
        writer.close()
        if status == 304:
            tally.done += 1
        else:
            tally.error(f"status {status}")
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
        tally.error(type(exc).__name__)


async def run_mode(base: tuple[str, int], names: list[str], mode: str, clients: int,
                   seconds: float) -> tuple[float, Tally]:
    host, port = base
    tally = Tally()
    reader, writer = await asyncio.open_connection(host, port)
    etags = {name: (await _request(reader, writer, name, {}))[1].get("etag", "") for name in names}
    writer.close()
    if mode == "burst":
        start = asyncio.Event()
        tasks = [asyncio.create_task(_burst_one(host, port, names[n % len(names)], etags[names[n % len(names)]],
                                                start, tally)) for n in range(clients)]
        await asyncio.sleep(0.05)
        began = time.monotonic()
        start.set()
        await asyncio.gather(*tasks)
        return time.monotonic() - began, tally
    began = time.monotonic()
    deadline = began + seconds
    await asyncio.gather(*(_connection(host, port, names, etags, n * 7, mode, deadline, tally) for n in range(clients)))
    return time.monotonic() - began, tally


def read_pid(path: str) -> int:
    """The pid nginx writes once started (the file may still be empty for a moment)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with open(path) as fh:
                text = fh.read().strip()
        except FileNotFoundError:
            text = ""
        if text or time.monotonic() > deadline:
            return int(text)
        time.sleep(0.05)


def start_ours(folder: str) -> tuple[subprocess.Popen, tuple[str, int]]:
    proc = subprocess.Popen([sys.executable, "-m", "pancompiler.serve", "--root", folder, "--port", "0",
                             "--quiet"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://([\d.]+):(\d+)/", line)
    if not match:
        proc.kill()
        sys.exit(f"serve_bench: panc-serve did not start: {line!r}")
    return proc, (match.group(1), int(match.group(2)))


def measure(base: tuple[str, int], server_pid: int, names: list[str],
            args: argparse.Namespace) -> dict[str, tuple[float, float, int]]:
    """Per mode: median requests/s, median server CPU microseconds per request, errors."""
    results = {}
    for mode in ("304", "200", "200 gzip", "burst"):
        rates, costs, errors = [], [], 0
        for _ in range(args.repeat):
            cpu = tree_cpu_seconds(server_pid)
            elapsed, tally = asyncio.run(run_mode(base, names, mode, args.clients, args.seconds))
            cpu = tree_cpu_seconds(server_pid) - cpu
            rates.append(tally.done / elapsed)
            costs.append(cpu / max(tally.done, 1) * 1e6)
            errors += sum(tally.errors.values())
            if tally.errors:
                print(f"  {mode}: errors {tally.errors}", file=sys.stderr)
        results[mode] = (statistics.median(rates), statistics.median(costs), errors)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profiles", type=int, default=100)
    ap.add_argument("--nginx-workers", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        folder = os.path.join(tmp, "profiles")
        os.mkdir(folder)
        names = write_profiles(folder, args.profiles)
        size = statistics.mean(os.path.getsize(os.path.join(folder, n)) for n in names)
        print(f"{len(names)} profiles of {size / 1024:.0f} KB on average; {args.clients} keep-alive clients, "
              f"{args.seconds:g} s per run, median of {args.repeat} runs; nginx workers: {args.nginx_workers}; "
              f"{os.cpu_count()} CPUs shared by client and server", flush=True)
        proc, ours = start_ours(folder)
        try:
            our_results = measure(ours, proc.pid, names, args)
        finally:
            proc.terminate()
            proc.wait(10)
        with running_nginx(folder, os.path.join(tmp, "nginx"), worker_processes=args.nginx_workers) as url:
            host, port = url.removeprefix("http://").split(":")
            nginx_results = measure((host, int(port)), read_pid(os.path.join(tmp, "nginx", "nginx.pid")),
                                    names, args)
    print(f"\n{'':<10} {'--------- panc-serve ---------':>30}   {'------------ nginx ------------':>31}")
    print(f"{'mode':<10} {'req/s':>9} {'CPU us/req':>11} {'errors':>7}   {'req/s':>9} {'CPU us/req':>11} {'errors':>7}")
    for mode in our_results:
        (o_rate, o_cost, o_err), (n_rate, n_cost, n_err) = our_results[mode], nginx_results[mode]
        print(f"{mode:<10} {o_rate:>9,.0f} {o_cost:>11,.0f} {o_err:>7}   {n_rate:>9,.0f} {n_cost:>11,.0f} {n_err:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
