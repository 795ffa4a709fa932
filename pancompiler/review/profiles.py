"""Reading what a build produced: profiles (JSON or pan XML) and rendered files.

A diff side is a build folder (``build/``: ``profiles/`` plus the Xen, grub
and graph files rendered beside it), a site root holding ``build/``, a bare
folder of profiles, or one profile file.  ``open_side`` finds out which and
returns a ``Side``: the profile file of every object (object name = path
below the profiles folder without extension; JSON preferred over XML) and
the rendered files (path relative to the build folder).  Profiles are parsed
only when the raw bytes of the two sides differ (``load_profile``).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from dataclasses import dataclass, field
from xml.etree import ElementTree

from .values import number

PROFILE_SUFFIXES = (".json", ".json.gz", ".xml", ".xml.gz")
INDEX_FILES = ("profiles-info.xml", "profiles.json")


class ReviewError(Exception):
    """A user's mistake or an unusable input: printed as one line, no traceback."""


@dataclass
class Side:
    label: str
    profiles: dict[str, str] = field(default_factory=dict)     # object -> profile file
    rendered: dict[str, str] = field(default_factory=dict)     # relative path -> file


def _suffix(name: str) -> str | None:
    for suffix in PROFILE_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def _profile_files(folder: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            suffix = _suffix(f)
            if suffix is None or f.startswith(".") or f in INDEX_FILES:
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), folder).replace(os.sep, "/")
            name = rel[: -len(suffix)]
            # JSON wins over pan XML when both were written.
            if name not in found or suffix.startswith(".json"):
                found[name] = os.path.join(dirpath, f)
    return found


def _rendered_files(build: str, skip: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(build):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and os.path.join(dirpath, d) != skip)
        for f in sorted(filenames):
            if not f.startswith("."):
                path = os.path.join(dirpath, f)
                found[os.path.relpath(path, build).replace(os.sep, "/")] = path
    return found


def open_side(path: str) -> Side:
    """The objects and rendered files found at ``path`` (see the module doc)."""
    if not os.path.exists(path):
        raise ReviewError(f"{path}: no such file or folder")
    if os.path.isfile(path):
        base = os.path.basename(path)
        suffix = _suffix(base)
        if suffix is None:
            raise ReviewError(f"{path}: not a profile (expected .json, .xml or their .gz)")
        return Side(path, {base[: -len(suffix)]: path})
    build = path
    if os.path.isdir(os.path.join(path, "build", "profiles")):
        build = os.path.join(path, "build")                     # a site root
    if os.path.isdir(os.path.join(build, "profiles")):
        profiles_dir = os.path.join(build, "profiles")
    elif os.path.basename(os.path.normpath(path)) == "profiles" and any(
            os.path.isdir(os.path.join(path, "..", d)) for d in ("xen", "grub")):
        profiles_dir, build = path, os.path.dirname(os.path.abspath(path))
    else:
        return Side(path, _profile_files(path))                  # a bare folder of profiles
    return Side(path, _profile_files(profiles_dir), _rendered_files(build, profiles_dir))


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def load_profile(path: str, data: bytes | None = None):
    """The configuration tree of a profile file, numbers kept as the bytes of their text."""
    if data is None:
        data = read_bytes(path)
    try:
        if path.endswith((".xml", ".xml.gz")):
            return _from_pan_xml(ElementTree.fromstring(data))
        return json.loads(data, parse_int=number, parse_float=number)
    except (ValueError, ElementTree.ParseError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: not a readable profile ({exc})") from None


def _from_pan_xml(elem):
    tag = elem.tag
    if tag == "nlist":
        return {child.get("name"): _from_pan_xml(child) for child in elem}
    if tag == "list":
        return [_from_pan_xml(child) for child in elem]
    text = elem.text or ""
    if elem.get("encoding") == "base64":
        text = base64.b64decode(text).decode("utf-8", "surrogatepass")
    if tag in ("long", "double"):
        return number(text)
    if tag == "boolean":
        return text == "true"
    if tag == "string":
        return text
    raise ValueError(f"unknown element <{tag}>")
