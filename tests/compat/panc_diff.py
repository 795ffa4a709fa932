"""Run two panc-compatible compilers on the same input and compare what they produce.

Shared by the differential tools in this folder (``compare_scdb.py``,
``difftest.py``).  A compiler is a command prefix (``["panc"]``,
``["/opt/panc/bin/panc"]``) called with panc's own options; each run gets its
own output folder.  ``compare_outputs`` walks two output folders and returns
one ``Difference`` per file that is missing on one side or not byte-identical,
with the first configuration path whose value differs (JSON and pan XML are
parsed for that; other formats give the first differing line).
``error_headings`` pulls panc's error headings (``evaluation error [...]``)
out of a compiler's printed report, so that failures can be compared too.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HEADING = re.compile(r"^(syntax|parse|evaluation|validation|compiler|system) error(?: \[([^\]]*)\])?",
                     re.MULTILINE)


@dataclass
class Run:
    returncode: int
    report: str          # stdout + stderr
    outdir: Path


@dataclass
class Difference:
    file: str            # path relative to the output folder
    kind: str            # "only-ours", "only-reference", "content"
    where: str = ""      # first differing configuration path (or line)


def split_command(text: str) -> list[str]:
    return shlex.split(text)


def run_compiler(command: list[str], outdir: Path, templates: list[Path], include_path: list[Path],
                 formats: str = "json,pan,dep", max_iteration: int = 5000, extra: list[str] = (),
                 timeout: float = 3600, cwd: Path | None = None) -> Run:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [*command, "--output-dir", str(outdir), "--formats", formats,
           "--include-path", os.pathsep.join(str(p) for p in include_path),
           "--max-iteration", str(max_iteration), *extra, *[str(t) for t in templates]]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                              errors="replace")
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"")
        text = out.decode(errors="replace") if isinstance(out, bytes) else out
        return Run(-9, text + f"\n[timed out after {timeout}s]", outdir)
    return Run(proc.returncode, proc.stdout + proc.stderr, outdir)


def error_headings(report: str) -> list[str]:
    """Every error heading of REPORT, e.g. 'evaluation error [t.pan]' (spans dropped)."""
    found = []
    for m in HEADING.finditer(report):
        kind = "syntax" if m.group(1) == "parse" else m.group(1)
        location = (m.group(2) or "").split(":")[0]
        found.append(f"{kind} error [{location}]")
    return found


def output_files(outdir: Path) -> dict[str, Path]:
    """Output files by relative name; hidden entries (a compiler's own state) are not outputs."""
    found = {}
    for p in sorted(outdir.rglob("*")):
        rel = p.relative_to(outdir)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            found[str(rel)] = p
    return found


def compare_outputs(ours: Path, reference: Path) -> list[Difference]:
    mine, theirs = output_files(ours), output_files(reference)
    diffs = [Difference(name, "only-ours") for name in mine if name not in theirs]
    diffs += [Difference(name, "only-reference") for name in theirs if name not in mine]
    for name in sorted(set(mine) & set(theirs)):
        a, b = mine[name].read_bytes(), theirs[name].read_bytes()
        if a != b:
            diffs.append(Difference(name, "content", first_difference(name, a, b)))
    return sorted(diffs, key=lambda d: d.file)


def first_difference(name: str, ours: bytes, reference: bytes) -> str:
    try:
        if name.endswith(".json"):
            where = _json_difference(json.loads(ours), json.loads(reference), "")
        elif name.endswith(".xml"):
            where = _xml_difference(ET.fromstring(ours), ET.fromstring(reference), "")
        else:
            where = None
    except (ValueError, ET.ParseError) as exc:
        where = f"(unparsable: {exc})"
    if where:
        return where
    return _line_difference(ours, reference)


def _line_difference(ours: bytes, reference: bytes) -> str:
    a, b = ours.decode(errors="replace").splitlines(), reference.decode(errors="replace").splitlines()
    for number, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            return f"line {number}: ours {x!r} reference {y!r}"
    if len(a) != len(b):
        return f"line {min(len(a), len(b)) + 1}: one side has {abs(len(a) - len(b))} more lines"
    return "same text, different bytes (line ends or final newline)"


def _json_difference(a, b, path: str) -> str | None:
    if type(a) is not type(b):
        return f"{path or '/'}: ours {_short(a)} reference {_short(b)}"
    if isinstance(a, dict):
        if list(a) != list(b):
            if set(a) != set(b):
                return f"{path or '/'}: keys ours {sorted(a)[:8]} reference {sorted(b)[:8]}"
            return f"{path or '/'}: key order differs"
        for key in a:
            found = _json_difference(a[key], b[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = _json_difference(x, y, f"{path}/{i}")
            if found:
                return found
        if len(a) != len(b):
            return f"{path or '/'}: list length ours {len(a)} reference {len(b)}"
        return None
    if a != b:
        return f"{path or '/'}: ours {_short(a)} reference {_short(b)}"
    return None


def _xml_difference(a: ET.Element, b: ET.Element, path: str) -> str | None:
    here = path
    if a.tag != b.tag or a.attrib != b.attrib:
        return f"{here or '/'}: ours <{a.tag} {a.attrib}> reference <{b.tag} {b.attrib}>"
    if (a.text or "").strip() != (b.text or "").strip():
        return f"{here or '/'}: ours {_short(a.text)} reference {_short(b.text)}"
    for i, (x, y) in enumerate(zip(a, b)):
        name = x.get("name", str(i))
        found = _xml_difference(x, y, f"{path}/{name}")
        if found:
            return found
    if len(a) != len(b):
        return f"{here or '/'}: children ours {len(a)} reference {len(b)}"
    return None


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
