"""The profile index written after a build: profiles-info.xml and profiles.json.

``profiles-info.xml`` is the index quattor's tools read (the SCDB
``pan-profile-info`` task's format: one ``<profile mtime='ms'>file</profile>``
per profile file); ``profiles.json`` lists each profile with its modification
time, size and sha256 for deployment scripts and reviewers.  Both cover every
profile file (``.xml``, ``.json`` and their ``.gz``) under the output folder
and are written atomically.
"""

from __future__ import annotations

import json
import os

from .state import file_sha256
from .writer import write_atomic

PROFILE_SUFFIXES = (".xml", ".xml.gz", ".json", ".json.gz")
INDEX_FILES = ("profiles-info.xml", "profiles.json")


def profile_files(outdir: str) -> list[str]:
    """Profile files below ``outdir``, relative, sorted; index files excluded."""
    found = []
    for dirpath, dirnames, filenames in os.walk(outdir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in filenames:
            if f.startswith(".") or f in INDEX_FILES or not f.endswith(PROFILE_SUFFIXES):
                continue
            found.append(os.path.relpath(os.path.join(dirpath, f), outdir).replace(os.sep, "/"))
    return sorted(found)


def write_index(outdir: str) -> list[dict]:
    """Write both index files; return the entries listed."""
    entries = []
    for rel in profile_files(outdir):
        path = os.path.join(outdir, rel)
        st = os.stat(path)
        entries.append({"file": rel, "mtime": st.st_mtime_ns // 1_000_000, "size": st.st_size,
                        "sha256": file_sha256(path)})
    lines = ["<?xml version='1.0' encoding='utf-8'?>", "<profiles>"]
    lines += [f"<profile mtime='{e['mtime']}'>{_xml_text(e['file'])}</profile>" for e in entries]
    lines.append("</profiles>")
    write_atomic(os.path.join(outdir, "profiles-info.xml"), ("\n".join(lines) + "\n").encode())
    body = json.dumps({"profiles": entries}, indent=1, sort_keys=True) + "\n"
    write_atomic(os.path.join(outdir, "profiles.json"), body.encode())
    return entries


def _xml_text(text: str) -> str:
    """``text`` as XML character data (xml.sax.saxutils.escape, whose import pulls in urllib and
    http.client, a fiftieth of a second at every start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
