"""Helpers of the Dask tests: builds, statistics and byte-for-byte comparisons.

Both kinds of build run ``pancompiler.cli.main`` in this process: local ones
with one worker (the local driver compiles in-process then), Dask ones with
``--scheduler`` pointing at the module's cluster.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]

# Files whose content records modification times: compared without them.
STAMPED = {"state.json", "profiles-info.xml", "profiles.json"}


def panc_local(*args: str) -> subprocess.CompletedProcess:
    """A local build in this process (one worker: no process pool to fork next to Dask's threads)."""
    from pancompiler.cli import main
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["-v", "--no-progress", "-j", "1", *args])
    return subprocess.CompletedProcess(args, code, "", err.getvalue())


def panc_dask(capsys, cluster, *args: str, ship: bool = False) -> tuple[int, str]:
    """``panc`` in this process on ``cluster``: (exit code, stderr)."""
    from pancompiler.cli import main
    capsys.readouterr()
    extra = ["--dask-ship"] if ship else []
    code = main(["-v", "--no-progress", "--scheduler", cluster.scheduler_address, *extra, *args])
    return code, capsys.readouterr().err


def stats(stderr: str) -> dict:
    m = re.search(r"(\d+) objects: (\d+) compiled, (\d+) up to date, (\d+) failed", stderr)
    assert m, stderr
    return dict(zip(("total", "compiled", "skipped", "failed"), map(int, m.groups())))


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (relative path -> bytes), mtime-stamped ones normalised."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = str(path.relative_to(root))
            if "/.pancompiler/templates/" in f"/{rel}":
                continue        # the parsed-template cache: marshal bytes vary with object sharing
            data = path.read_bytes()
            if path.name in STAMPED:
                data = _without_stamps(path.name, data)
            found[rel] = data
    return found


def _without_stamps(name: str, data: bytes) -> bytes:
    if name == "profiles-info.xml":
        return re.sub(rb" mtime='\d+'", b"", data)
    doc = json.loads(data)
    if name == "profiles.json":
        for entry in doc["profiles"]:
            entry.pop("mtime")
        return json.dumps(doc, sort_keys=True).encode()
    # state.json: inputs by content rather than by index, output sizes without mtimes
    objects = {}
    for obj, entry in doc["objects"].items():
        objects[obj] = {
            "ok": entry["ok"], "options": entry["options"], "source": entry["source"],
            "objects": entry["objects"], "digest": entry["digest"],
            "inputs": [doc["inputs"][i] for i in entry["inputs"]],
            "outputs": {rel: stamp[0] for rel, stamp in entry["outputs"].items()},
        }
    return json.dumps(objects, sort_keys=True).encode()


def generate_synthetic(target: Path, nodes: int) -> Path:
    """The benchmarks' synthetic site (library + ``nodes`` profiles), from benchmarks/generate.py."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate.write_workload(target, 42, nodes)
    return target


def synthetic_args(site: Path, out: Path, *extra: str) -> list[str]:
    profiles = sorted(str(p) for p in (site / "profiles").glob("*.pan"))
    return ["--include-path", str(site), "--output-dir", str(out), "--formats", "json,dep", *extra, *profiles]


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree_bytes(a), tree_bytes(b)
    assert sorted(left) == sorted(right)
    different = [rel for rel in left if left[rel] != right[rel]]
    assert not different, f"files differ: {different[:5]}"
    assert left                   # something was compared


__all__ = ["panc_local", "panc_dask", "stats", "tree_bytes", "generate_synthetic", "synthetic_args",
           "assert_same_tree", "REPO"]
