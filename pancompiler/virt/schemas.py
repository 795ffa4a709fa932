"""JSON Schema checks of what the virtualisation code reads and writes.

The schemas (Draft 2020-12) live in the repository's ``schemas/`` folder, one
file each: the Xen and grub component subtrees, a network interface, the
enclosure and ``graph.json``.  ``validate_profile`` checks the subtrees of one
profile that ``docs/virtualisation.md`` describes, ``validate_graph`` the graph
document before it is written.  Each failure becomes a ``ValidationError``
naming the profile, its template file and the configuration path, in path
order; formats (``ipv4``) are checked.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..errors import ValidationError
from .model import as_dict, at

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
PROFILE_SUBTREES = (
    ("/software/components/xen", "xen-component"),
    ("/software/components/grub", "grub-component"),
    ("/system/enclosure", "enclosure"),
)
INTERFACES = "/system/network/interfaces"
MAX_SHOWN = 160


@cache
def validator(name: str, folder: str = str(SCHEMA_DIR)) -> Draft202012Validator:
    """The validator of ``<folder>/<name>.schema.json`` (read and checked once)."""
    with open(Path(folder) / f"{name}.schema.json", encoding="utf-8") as fh:
        schema = json.load(fh)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_profile(name: str, tree: dict[str, Any], file: str | None) -> list[ValidationError]:
    found: list[ValidationError] = []
    for path, schema in PROFILE_SUBTREES:
        value = at(tree, path)
        if value is not None:
            found += _validate(schema, value, name, path, file)
    for ifname, value in sorted(as_dict(at(tree, INTERFACES)).items()):
        found += _validate("network-interface", value, name, f"{INTERFACES}/{ifname}", file)
    return found


def validate_graph(document: dict[str, Any]) -> list[ValidationError]:
    return _validate("virt-graph", document, "graph.json", "", None)


def _validate(schema: str, value: Any, name: str, base: str, file: str | None) -> list[ValidationError]:
    errors = sorted(validator(schema).iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])
    found = []
    for error in errors:
        path = "/".join([base] + [str(p) for p in error.absolute_path]) or "/"
        message = error.message if len(error.message) <= MAX_SHOWN else error.message[:MAX_SHOWN] + "..."
        found.append(ValidationError(f"{name} ({file or 'unknown file'}): {path}: {message} "
                                     f"(schema {schema})", file=file, path=path))
    return found
