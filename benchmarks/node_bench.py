#!/usr/bin/env python3
"""What one agent run costs on a node: ``panc-fetch`` (200 and 304) and ``panc-ncd``, wall-clock medians.

Serves the example site's compiled profiles (``tests/site/golden/profiles``,
the goldens the site test checks a build against) with ``panc-serve`` on a
free loopback port, then times, as a node would run them (new processes, the
installed console scripts next to this Python): a first fetch of
hv01.example.org into an empty cache (a 200, verified against
``profiles.json``, stored), a fetch with nothing changed (a 304), a
``panc-ncd`` run into an empty root (every file written) and one with nothing
to change.  Each is repeated ``--repeat`` times (default 5) and the median
and the spread are printed.  Process start-up is part of the figure, as it is
on a node.

    python3 benchmarks/node_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pancompiler.driver.index import write_index  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "hv01.example.org"


def timed(*argv: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(BIN / argv[0]), *argv[1:]], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        profiles = Path(tmp) / "profiles"
        shutil.copytree(REPO / "tests/site/golden/profiles", profiles)
        write_index(str(profiles))
        server = subprocess.Popen([str(BIN / "panc-serve"), "--root", str(profiles), "--port", "0", "--quiet"],
                                  stdout=subprocess.PIPE, text=True)
        try:
            base = server.stdout.readline().rsplit(" at ", 1)[1].strip().rstrip("/")
            figures: dict[str, list[float]] = {k: [] for k in ("fetch 200", "fetch 304", "ncd write", "ncd same")}
            for n in range(args.repeat):
                cache, root = Path(tmp) / f"cache{n}", Path(tmp) / f"root{n}"
                fetch = ["panc-fetch", "--profile", f"{base}/__HOST__.__DOMAIN__.json", "--host", HOST,
                         "--cache-root", str(cache), "--noquattor", str(Path(tmp) / "noquattor")]
                figures["fetch 200"].append(timed(*fetch))
                figures["fetch 304"].append(timed(*fetch))
                ncd = ["panc-ncd", "--cache-root", str(cache), "--root", str(root)]
                figures["ncd write"].append(timed(*ncd))
                figures["ncd same"].append(timed(*ncd))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{'run':<10} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.repeat} runs, new process each)")
    for name, values in figures.items():
        print(f"{name:<10} {statistics.median(values):>9.3f} {min(values):>7.3f} {max(values):>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
