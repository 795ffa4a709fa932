"""A type's resource default is one value shared by every object of a worker;
filling defaults inside it in one object must not show in another.

``holder`` (one declaration template, compiled once per worker) has the
default ``dict("inner", dict())``; what ``inner_t`` fills in depends on the
object: one defines it with a defaulted required field, the others without.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TEMPLATES = {
    "holder.pan": 'declaration template holder;\ntype holder = { "inner" : inner_t } = dict("inner", dict());\n',
    "inner_filled.pan": 'declaration template inner_filled;\ntype inner_t = { "c" : long = 5 };\n',
    "inner_plain.pan": 'declaration template inner_plain;\ntype inner_t = { "c" ? long };\n',
}
OBJECTS = {"a_plain": "inner_plain", "b_filled": "inner_filled", "c_plain": "inner_plain"}


def test_defaults_filled_in_a_shared_default_stay_in_their_object(tmp_path: Path):
    for name, text in TEMPLATES.items():
        (tmp_path / name).write_text(text)
    for name, inner in OBJECTS.items():
        (tmp_path / f"{name}.pan").write_text(
            f"object template {name};\ninclude '{inner}';\ninclude 'holder';\nbind '/h' = holder;\n")
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--output-dir", str(out), "--formats", "json",
                           "--nthread", "1", "--include-path", str(tmp_path),
                           *(str(tmp_path / f"{name}.pan") for name in OBJECTS)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    trees = {name: json.loads((out / f"{name}.json").read_text()) for name in OBJECTS}
    assert trees == {"a_plain": {"h": {"inner": {}}},
                     "b_filled": {"h": {"inner": {"c": 5}}},
                     "c_plain": {"h": {"inner": {}}}}
