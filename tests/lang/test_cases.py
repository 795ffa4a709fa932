"""Golden tests of the language: every ``cases/*.pan`` (or ``cases/NAME/NAME.pan``).

A case states what it expects in comment lines:

* ``# expect: json`` — compiles; the JSON profile equals ``NAME.json``
  (``# expect: xml`` / ``text`` / ``dot`` / ``dep`` likewise, by suffix);
* ``# expect: syntax error`` / ``evaluation error`` / ``validation error`` —
  fails with that heading, no output written; optional ``# message: REGEX``
  (searched in the whole report) and ``# at: LINE.COL`` (start of the span in
  the case file).

Set ``PANC_UPDATE_GOLDENS=1`` to rewrite golden files after a deliberate change.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SUFFIX = {"json": ".json", "xml": ".xml", "text": ".txt", "dot": ".dot", "dep": ".dep"}
FORMAT = {"json": "json", "xml": "pan", "text": "text", "dot": "dot", "dep": "dep"}


def _cases():
    for entry in sorted(CASES.iterdir()):
        if entry.suffix == ".pan":
            yield pytest.param(entry, CASES, id=entry.stem)
        elif entry.is_dir() and (entry / f"{entry.name}.pan").exists():
            yield pytest.param(entry / f"{entry.name}.pan", entry, id=entry.name)


def _directives(text: str) -> dict:
    found: dict = {}
    for line in text.splitlines():
        m = re.match(r"#\s*(expect|message|at):\s*(.*?)\s*$", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def run_panc(template: Path, root: Path, outdir: Path, fmt: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pancompiler.cli", "--output-dir", str(outdir), "--formats", fmt,
           "--include-path", str(root), "--max-iteration", "1000", str(template)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("template,root", list(_cases()))
def test_case(template: Path, root: Path, tmp_path: Path):
    spec = _directives(template.read_text())
    expect = spec.get("expect")
    assert expect, f"{template.name} has no '# expect:' line"
    if expect in SUFFIX:
        proc = run_panc(template, root, tmp_path, FORMAT[expect])
        assert proc.returncode == 0, proc.stderr
        produced = (tmp_path / (template.stem + SUFFIX[expect])).read_text()
        if expect == "dep":
            produced = produced.replace("file:" + str(Path(root).resolve()) + "/", "file:ROOT/")
        golden = template.with_suffix(SUFFIX[expect])
        if os.environ.get("PANC_UPDATE_GOLDENS"):
            golden.write_text(produced)
        assert golden.exists(), f"missing golden {golden.name} (run with PANC_UPDATE_GOLDENS=1)"
        assert produced == golden.read_text()
        return
    proc = run_panc(template, root, tmp_path, "pan")
    assert proc.returncode != 0, f"{template.name} compiled but should fail with {expect}"
    assert not list(tmp_path.glob("*.xml")), "no output may be written for a failed object"
    report = proc.stderr
    assert "Traceback" not in report, report
    assert report.startswith(expect + " ["), report
    if "message" in spec:
        assert re.search(spec["message"], report), report
    if "at" in spec:
        assert f"{template.name}:{spec['at']}-" in report, report
